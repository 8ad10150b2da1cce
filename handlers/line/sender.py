"""Sends `complainant.message` effects on LINE: by reply token while it is fresh, else by push with a retry
key (the messages drawn by handlers.line.messages)."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import aiohttp
from linebot.v3.messaging import (
    ApiException,
    AsyncApiClient,
    AsyncMessagingApi,
    Configuration,
    PushMessageRequest,
    ReplyMessageRequest,
)

from bot.clock import Clock
from bot.outbox.effects import Effect, SendError
from bot.tenants.directory import TenantDirectory
from handlers.line.messages import line_message

RETRY_KEY_NAMESPACE = uuid.UUID("5b0f3c1e-8d0b-4c7a-9a57-6b9a1c1d2e3f")


def retry_key_for(effect_key: str) -> str:
    """A stable UUID for X-Line-Retry-Key, so a resend of the same effect is never delivered twice."""
    return str(uuid.uuid5(RETRY_KEY_NAMESPACE, effect_key))


class LineSender:
    """Sends complainant messages with the tenant's channel access token."""

    def __init__(
        self,
        *,
        base_url: str,
        tenants: TenantDirectory,
        clock: Clock,
        reply_ttl_seconds: float,
        timeout: float,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._tenants = tenants
        self._clock = clock
        self._reply_ttl = timedelta(seconds=reply_ttl_seconds)
        self._timeout = timeout
        self._clients: dict[str, AsyncApiClient] = {}

    async def _api(self, tenant_id: int | None) -> AsyncMessagingApi:
        tenant = await self._tenants.by_id(tenant_id) if tenant_id is not None else None
        if tenant is None or not tenant.line_access_token:
            raise SendError("tenant has no LINE access token", permanent=True)
        token = tenant.line_access_token
        client = self._clients.get(token)
        if client is None:
            client = AsyncApiClient(Configuration(host=self._base_url, access_token=token))
            self._clients[token] = client
        return AsyncMessagingApi(client)

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Reply or push; returns how it went out."""
        payload = effect.payload
        api = await self._api(effect.tenant_id)
        messages = [line_message(m) for m in payload["messages"]]
        token = payload.get("reply_token")
        if token and self._reply_is_fresh(payload.get("event_time")):
            try:
                await api.reply_message(
                    ReplyMessageRequest(replyToken=token, messages=messages),
                    _request_timeout=self._timeout,
                )
                return {"via": "reply"}
            except ApiException as exc:
                if exc.status == 400 and effect.in_doubt:
                    # Our own earlier attempt used the token before the process stopped.
                    return {"via": "reply", "recovered": True}
                if exc.status != 400:
                    raise _send_error(exc) from exc
                # An expired or rejected token: fall through to push.
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise SendError(f"LINE unreachable: {type(exc).__name__}") from exc
        try:
            await api.push_message(
                PushMessageRequest(to=payload["to"], messages=messages),
                x_line_retry_key=retry_key_for(effect.key),
                _request_timeout=self._timeout,
            )
        except ApiException as exc:
            if exc.status == 409:
                return {"via": "push", "recovered": True}
            raise _send_error(exc) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise SendError(f"LINE unreachable: {type(exc).__name__}") from exc
        return {"via": "push"}

    def _reply_is_fresh(self, event_time: str | None) -> bool:
        if not event_time:
            return False
        return self._clock.now() - datetime.fromisoformat(event_time) < self._reply_ttl

    async def close(self) -> None:
        """Close every HTTP session."""
        for client in self._clients.values():
            await client.close()
        self._clients.clear()


def _send_error(exc: ApiException) -> SendError:
    status = exc.status or 0
    if status == 429:
        retry_after = (exc.headers or {}).get("Retry-After")
        return SendError("LINE rate limit", retry_after=float(retry_after) if retry_after else None)
    if status >= 500:
        return SendError(f"LINE server error (HTTP {status})")
    return SendError(f"LINE refused the message (HTTP {status})", permanent=status not in (401, 403))
