"""Who may do what in Slack: reviewers and admins (user groups and/or lists), client managers by channel."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Settings
from bot.review.forms import Actor, ReviewError
from bot.review.texts import review_text
from storage.db import Database
from storage.models import Tenant
from storage.repos import reviews

log = logging.getLogger(__name__)

# Subcommands a client manager may use in their tenant's report channel.
CLIENT_SUBCOMMANDS = frozenset({"help", "show", "find", "feedback"})


def _ids(raw: str) -> frozenset[str]:
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


class SlackMembership:
    """Members of user groups and channels from the Web API, cached for a short while."""

    def __init__(
        self, client: AsyncWebClient, *, ttl_seconds: float, now: Callable[[], float] = time.monotonic
    ) -> None:
        self._client = client
        self._ttl = ttl_seconds
        self._now = now
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}

    async def group_members(self, group_id: str) -> frozenset[str]:
        """Users of a user group (usergroups.users.list); empty when Slack refuses."""
        return await self._cached(f"group:{group_id}", lambda: self._group(group_id))

    async def channel_members(self, channel_id: str) -> frozenset[str]:
        """Members of a channel (conversations.members, every page); empty when Slack refuses."""
        return await self._cached(f"channel:{channel_id}", lambda: self._channel(channel_id))

    async def _cached(self, key: str, load: Callable[[], Awaitable[frozenset[str]]]) -> frozenset[str]:
        hit = self._cache.get(key)
        if hit is not None and self._now() - hit[0] < self._ttl:
            return hit[1]
        try:
            members = await load()
        except SlackApiError as exc:
            log.warning("slack membership lookup %s failed: %s", key, exc.response.get("error"))
            members = frozenset()
        self._cache[key] = (self._now(), members)
        return members

    async def _group(self, group_id: str) -> frozenset[str]:
        response = await self._client.usergroups_users_list(usergroup=group_id)
        return frozenset(response.get("users") or [])

    async def _channel(self, channel_id: str) -> frozenset[str]:
        members: set[str] = set()
        cursor = None
        while True:
            response = await self._client.conversations_members(channel=channel_id, cursor=cursor, limit=500)
            members.update(response.get("members") or [])
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return frozenset(members)


class AccessPolicy:
    """Turns (user, channel, subcommand) into an Actor, or refuses with a clear message."""

    def __init__(self, *, settings: Settings, membership: SlackMembership, db: Database) -> None:
        self._settings = settings
        self._membership = membership
        self._db = db

    async def _in(self, user_id: str, group: str, users: str) -> bool:
        if user_id in _ids(users):
            return True
        return bool(group) and user_id in await self._membership.group_members(group)

    async def is_admin(self, user_id: str) -> bool:
        """In the admin group or list."""
        s = self._settings
        return await self._in(user_id, s.slack_admin_group, s.slack_admin_users)

    async def is_reviewer(self, user_id: str) -> bool:
        """In the reviewer group or list (admins are reviewers too)."""
        s = self._settings
        return await self._in(user_id, s.slack_reviewer_group, s.slack_reviewer_users) or await self.is_admin(
            user_id
        )

    async def actor(self, *, user_id: str, channel_id: str, subcommand: str) -> Actor:
        """The actor for a request in a channel; raises ReviewError with the refusal."""
        if channel_id == self._settings.slack_triage_channel:
            if not await self.is_reviewer(user_id):
                raise ReviewError(review_text("refuse.not_reviewer"))
            return Actor(user_id=user_id, is_admin=await self.is_admin(user_id))
        async with self._db.reader() as session:
            tenants = await reviews.tenants_reporting_to(session, channel=channel_id)
        if tenants:
            return await self._client_actor(user_id, channel_id, subcommand, tenants)
        if await self.is_reviewer(user_id):
            raise ReviewError(review_text("refuse.wrong_channel"))
        raise ReviewError(review_text("refuse.not_reviewer"))

    async def _client_actor(
        self, user_id: str, channel_id: str, subcommand: str, tenants: list[Tenant]
    ) -> Actor:
        if subcommand not in CLIENT_SUBCOMMANDS:
            raise ReviewError(review_text("refuse.client_only"))
        admin = await self.is_admin(user_id)
        if not admin and user_id not in await self._membership.channel_members(channel_id):
            raise ReviewError(review_text("refuse.not_member"))
        return Actor(
            user_id=user_id,
            is_admin=False,
            tenant_ids=tuple(t.id for t in tenants),
            tenant_names="、".join(t.name for t in tenants),
        )
