"""Socket Mode for the fake Slack: `apps.connections.open` hands out a WebSocket URL; envelopes are pushed
to the connected app and its acknowledgements collected (the way Slack delivers to a Socket Mode app)."""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect

SOCKET_PATH = "/socket-mode"


class SocketModeHub:
    """Connected Socket Mode clients and the acknowledgements they sent, by envelope id."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[tuple[WebSocket, asyncio.AbstractEventLoop]] = []
        self._acks: dict[str, dict[str, Any]] = {}

    @property
    def connected(self) -> int:
        """How many clients are connected."""
        with self._lock:
            return len(self._sockets)

    async def endpoint(self, websocket: WebSocket) -> None:
        """The WebSocket a Socket Mode client connects to: hello, then envelopes out and acks in."""
        await websocket.accept()
        entry = (websocket, asyncio.get_running_loop())
        with self._lock:
            self._sockets.append(entry)
        await websocket.send_text(json.dumps({"type": "hello", "num_connections": len(self._sockets)}))
        try:
            while True:
                message = json.loads(await websocket.receive_text())
                if isinstance(message, dict) and message.get("envelope_id"):
                    with self._lock:
                        self._acks[str(message["envelope_id"])] = message
        except (WebSocketDisconnect, RuntimeError):
            pass
        finally:
            with self._lock:
                self._sockets.remove(entry)

    def deliver(self, kind: str, payload: dict[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
        """Push one envelope (`slash_commands`, `interactive`, `events_api`) and wait for its ack."""
        with self._lock:
            if not self._sockets:
                raise ConnectionError("no Socket Mode client is connected")
            websocket, loop = self._sockets[-1]
        envelope_id = secrets.token_hex(8)
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        asyncio.run_coroutine_threadsafe(websocket.send_text(json.dumps(envelope)), loop).result(timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                ack = self._acks.pop(envelope_id, None)
            if ack is not None:
                return ack
            time.sleep(0.01)
        raise TimeoutError(f"no ack for envelope {envelope_id}")

    async def adeliver(self, kind: str, payload: dict[str, Any], *, timeout: float = 5.0) -> dict[str, Any]:
        """`deliver` from async code (the fake runs in its own thread)."""
        return await asyncio.to_thread(self.deliver, kind, payload, timeout=timeout)
