"""`kasuhara serve`: the web role, the worker role, both, or Socket Mode for development."""

from __future__ import annotations

import argparse
import asyncio

from app.cli.commands import Commands
from bot.config import Settings
from bot.crypto import cipher_from


def _serve(args: argparse.Namespace) -> int:
    import uvicorn
    import uvloop

    from app.runner import migrate_if_empty, run_worker, serve_all
    from app.wiring import create_app

    settings = Settings()
    settings.check_ready_to_serve()
    cipher_from(settings)  # fails early on malformed keys
    host, port = args.host or settings.host, args.port or settings.port
    if args.socket_mode:
        from app.socket_mode import serve_socket_mode

        uvloop.run(serve_socket_mode(settings, host=host, port=port))
    elif args.role == "worker":
        uvloop.run(run_worker(settings, parent_pid=args.parent_pid))
    elif args.role == "all":
        uvloop.run(serve_all(settings, host=host, port=port))
    else:
        asyncio.run(migrate_if_empty(settings))
        app = create_app(settings, role="web")
        uvicorn.run(app, host=host, port=port, log_level=settings.log_level.lower(), access_log=False)
    return 0


def register(sub: Commands) -> None:
    """Add `serve` to the `kasuhara` parser."""
    serve = sub.add_parser(
        "serve", help="run the service: web, worker, or all (a web process and a worker process; default)"
    )
    serve.add_argument("--role", choices=["web", "worker", "all"], default="all")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)
    serve.add_argument(
        "--socket-mode",
        action="store_true",
        help="development without a public URL: Slack over Socket Mode (needs SLACK_APP_TOKEN), one process",
    )
    serve.set_defaults(func=_serve)
