"""Running the service: the worker role on its own, and `serve` as a web process plus a worker process."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys

import uvicorn

from app.resources import open_service_database
from app.wiring import Background, build_services, close_services, create_app, freeze_startup_objects
from bot.config import Settings
from storage.migrate import upgrade_if_empty

log = logging.getLogger(__name__)


async def migrate_if_empty(settings: Settings) -> None:
    """Create the schema on an empty database before any process uses it."""
    db = open_service_database(settings)
    try:
        if await upgrade_if_empty(db):
            log.info("empty database: schema created")
    finally:
        await db.dispose()


async def run_worker(settings: Settings, *, parent_pid: int | None = None) -> None:
    """The inbox worker and the dispatcher until SIGTERM/SIGINT (or until the parent process is gone)."""
    await migrate_if_empty(settings)
    if parent_pid is not None:
        # Background work yields the CPU to the web process: acknowledging webhooks comes first.
        os.nice(10)
    services = build_services(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    background = Background(services)
    freeze_startup_objects()
    try:
        while not stop.is_set():
            # A worker started by `serve` never outlives it.
            if parent_pid is not None and os.getppid() != parent_pid:
                log.warning("parent process gone: stopping the worker")
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)
    finally:
        await background.stop()
        await close_services(services)


async def _supervise_worker(shutting_down: asyncio.Event) -> None:
    """Keep one worker process running beside the web process; restart it if it dies."""
    while not shutting_down.is_set():
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "app.cli", "serve", "--role", "worker", "--parent-pid", str(os.getpid())
        )
        waiter = asyncio.ensure_future(child.wait())
        stopper = asyncio.ensure_future(shutting_down.wait())
        await asyncio.wait({waiter, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if shutting_down.is_set():
            if child.returncode is None:
                child.terminate()
            await waiter
            return
        stopper.cancel()
        log.error("worker process exited with %s; restarting in 1 s", child.returncode)
        await asyncio.sleep(1)


async def serve_all(settings: Settings, *, host: str, port: int) -> None:
    """The web role in this process and the worker role in a child, so webhooks never wait on worker CPU."""
    await migrate_if_empty(settings)
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(settings, role="web"),
            host=host,
            port=port,
            log_level=settings.log_level.lower(),
            access_log=False,
        )
    )
    shutting_down = asyncio.Event()
    supervisor = asyncio.create_task(_supervise_worker(shutting_down))
    try:
        await server.serve()
    finally:
        shutting_down.set()
        await supervisor
