"""Run an ASGI app with uvicorn in a daemon thread on a loopback port that survives restarts."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from types import TracebackType
from typing import Any, Literal

import uvicorn

LifespanMode = Literal["auto", "on", "off"]
_DRAIN_POLL = 0.002


class _StoppableServer(uvicorn.Server):
    """uvicorn server whose idle loop wakes at once when asked to stop (instead of polling)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._wake: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def main_loop(self) -> None:
        """Tick once a second (Date header refresh) until `should_exit` is set."""
        self._wake = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 10) % 864000
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=1.0)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's graceful shutdown without its fixed 0.1 s pauses: close, drain, cancel stragglers."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        for _ in range(int((self.config.timeout_graceful_shutdown or 0) / _DRAIN_POLL)):
            if not (self.server_state.connections or self.server_state.tasks):
                break
            await asyncio.sleep(_DRAIN_POLL)
        for task in list(self.server_state.tasks):
            task.cancel()
        for server in self.servers:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(server.wait_closed(), timeout=0.5)
        await self.lifespan.shutdown()

    def request_stop(self) -> None:
        """Ask the server to shut down gracefully; safe from any thread."""
        self.should_exit = True
        loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(wake.set)


class ServerThread:
    """An ASGI app served by uvicorn on 127.0.0.1 in its own thread and event loop."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        lifespan: LifespanMode = "auto",
        graceful_timeout: int = 2,
        startup_timeout: float = 10.0,
    ) -> None:
        self._app = app
        self._host = host
        self._port = port or None
        self._lifespan: LifespanMode = lifespan
        self._graceful_timeout = graceful_timeout
        self._startup_timeout = startup_timeout
        self._server: _StoppableServer | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()

    @property
    def port(self) -> int | None:
        """The bound port (kept across stop/start), or None before the first start."""
        return self._port

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>`; known from the first start on, also while stopped."""
        if self._port is None:
            raise RuntimeError("server was never started, so it has no port yet")
        return f"http://{self._host}:{self._port}"

    @property
    def running(self) -> bool:
        """Whether the server thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> str:
        """Start serving (same port as before after a stop) and return the base URL once it accepts."""
        with self._lock:
            if self.running:
                return self.base_url
            sock = self._bind()
            config = uvicorn.Config(
                self._app,
                log_config=None,
                log_level="warning",
                access_log=False,
                lifespan=self._lifespan,
                timeout_graceful_shutdown=self._graceful_timeout,
            )
            server = _StoppableServer(config)
            self._server, self._error = server, None
            self._thread = threading.Thread(
                target=self._run, args=(server, sock), name=f"sandbox-server-{self._port}", daemon=True
            )
            self._thread.start()
            self._wait_started(server, self._thread)
            return self.base_url

    def stop(self) -> None:
        """Shut down gracefully and wait for the thread to end; no-op when not running."""
        with self._lock:
            server, thread = self._server, self._thread
            if server is None or thread is None:
                return
            server.request_stop()
            thread.join(timeout=self._graceful_timeout + 10)
            self._server, self._thread = None, None

    def __enter__(self) -> ServerThread:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _bind(self) -> socket.socket:
        # proto=IPPROTO_TCP lets asyncio set TCP_NODELAY on accepted connections; with proto 0 it
        # does not, and keep-alive requests then stall ~40 ms on Nagle + delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            sock.bind((self._host, self._port or 0))
        except OSError:
            sock.close()
            raise
        self._port = sock.getsockname()[1]
        return sock

    def _run(self, server: _StoppableServer, sock: socket.socket) -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as exc:  # uvicorn reports startup failures with SystemExit
            self._error = exc
        finally:
            sock.close()

    def _wait_started(self, server: _StoppableServer, thread: threading.Thread) -> None:
        deadline = time.monotonic() + self._startup_timeout
        while not server.started:
            if not thread.is_alive():
                self._server, self._thread = None, None
                raise RuntimeError(f"sandbox server failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                server.request_stop()
                raise RuntimeError("sandbox server did not start in time")
            time.sleep(0.002)
