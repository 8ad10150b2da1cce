"""What the Slack listeners need: the review services, the access policy, the Web API client."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.review.queries import ReviewQueries
from bot.review.service import ReviewService
from bot.review.targets import ReviewTargets
from handlers.slack.permissions import AccessPolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewDeps:
    """Built once in create_app and shared by every listener."""

    review: ReviewService
    targets: ReviewTargets
    queries: ReviewQueries
    access: AccessPolicy
    client: AsyncWebClient
    _pending: set[asyncio.Task[None]] = field(default_factory=set)

    def tell_after_ack(self, *, channel: str, user: str, text: str) -> None:
        """An ephemeral answer sent once the request is acknowledged (its Web API call is not in the ack)."""
        task = asyncio.create_task(_tell_logged(self.client, channel=channel, user=user, text=text))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)


def interaction_key(kind: str, body: dict[str, Any]) -> str:
    """The key that makes a Slack delivery apply once: its trigger id (a retry carries the same one)."""
    trigger = body.get("trigger_id")
    if trigger:
        return f"{kind}:{trigger}"
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f"{kind}:body:{digest}"


async def tell(client: AsyncWebClient, *, channel: str, user: str, text: str) -> None:
    """An ephemeral message to one user in a channel."""
    await client.chat_postEphemeral(channel=channel, user=user, text=text)


async def _tell_logged(client: AsyncWebClient, *, channel: str, user: str, text: str) -> None:
    try:
        await tell(client, channel=channel, user=user, text=text)
    except Exception:
        log.exception("could not send an ephemeral answer")
