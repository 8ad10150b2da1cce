"""Development without a public URL: the same app, with Slack reaching it over Socket Mode.

Slack delivers commands, buttons and modals over a WebSocket opened with an app-level token
(`SLACK_APP_TOKEN`, `xapp-...`, scope `connections:write`); the same bolt listeners answer them. LINE
webhooks still need a reachable URL (or the sandbox).
"""

from __future__ import annotations

import logging

import uvicorn
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from app.runner import migrate_if_empty
from app.wiring import create_app
from bot.config import ConfigError, Settings

log = logging.getLogger(__name__)


async def serve_socket_mode(settings: Settings, *, host: str, port: int) -> None:
    """Serve the app (web and worker in one process) and connect to Slack over Socket Mode."""
    app_token = settings.slack_app_token.get_secret_value()
    if not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be an app-level token (xapp-...) for --socket-mode")
    await migrate_if_empty(settings)
    app = create_app(settings, role="all")
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level=settings.log_level.lower()))
    handler = AsyncSocketModeHandler(app.state.slack_app, app_token)
    await handler.connect_async()
    log.info("connected to Slack over Socket Mode")
    try:
        await server.serve()
    finally:
        await handler.close_async()
