"""A short-lived in-memory view of tenants with their secrets decrypted, for hot paths."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import date

from cachetools import TTLCache
from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import PiiCipher
from bot.tenants.file import is_slug
from storage.db import Database
from storage.models import Tenant
from storage.repos import tenants as tenant_repo


@dataclass(frozen=True)
class TenantInfo:
    """What the webhook and the senders need of a tenant."""

    id: int
    slug: str
    name: str
    language: str
    active: bool
    line_channel_secret: str | None
    line_access_token: str | None
    contract_end: date | None
    # The web form and the other ways in (issue 15); `line_basic_id` is the shared account's for a client
    # on one, whose `flyer_code` the complainant sends first.
    line_shared: bool = False
    line_basic_id: str | None = None
    flyer_code: str | None = None
    shops: tuple[str, ...] = ()
    feedback_allowed: bool = False
    web_form_enabled: bool = True
    web_form_note: str | None = None
    desk_phone: str | None = None
    desk_phone_hours: str | None = None
    desk_email: str | None = None


class TenantDirectory:
    """Looks tenants up by slug or id, caching for `ttl_seconds` (a tenants sync shows within that).

    Unknown slugs are remembered too (a flood of them costs one query each per TTL), in a cache of bounded
    size; a string that cannot be a slug is answered without a look-up.
    """

    def __init__(
        self, *, db: Database, cipher: PiiCipher, ttl_seconds: float = 30.0, max_entries: int = 4096
    ) -> None:
        self._db = db
        self._cipher = cipher
        self._by_slug: TTLCache[str, TenantInfo | None] = TTLCache(
            maxsize=max_entries, ttl=ttl_seconds, timer=time.monotonic
        )
        self._by_id: TTLCache[int, TenantInfo | None] = TTLCache(
            maxsize=max_entries, ttl=ttl_seconds, timer=time.monotonic
        )

    async def _info_of(self, session: AsyncSession, tenant: Tenant) -> TenantInfo:
        """A client on a shared LINE account sends with that account's token (shared-account mode)."""
        info = self._info(tenant)
        if tenant.shared_line_account and tenant.line_access_token_enc is None:
            account = await tenant_repo.by_slug(session, slug=tenant.shared_line_account)
            if account is not None and account.line_access_token_enc is not None:
                info = replace(info, line_access_token=self._cipher.decrypt(account.line_access_token_enc))
            if account is not None:
                info = replace(info, line_basic_id=account.line_basic_id)
        return info

    def _info(self, tenant: Tenant) -> TenantInfo:
        decrypt = self._cipher.decrypt
        return TenantInfo(
            id=tenant.id,
            slug=tenant.slug,
            name=tenant.name,
            language=tenant.language,
            active=tenant.active,
            line_channel_secret=decrypt(tenant.line_channel_secret_enc)
            if tenant.line_channel_secret_enc
            else None,
            line_access_token=decrypt(tenant.line_access_token_enc) if tenant.line_access_token_enc else None,
            contract_end=tenant.contract_end,
            line_shared=tenant.line_shared,
            line_basic_id=tenant.line_basic_id,
            flyer_code=tenant.flyer_code,
            shops=tuple(str(shop) for shop in tenant.shops or []),
            feedback_allowed=tenant.feedback_allowed,
            web_form_enabled=tenant.web_form_enabled,
            web_form_note=tenant.web_form_note,
            desk_phone=tenant.desk_phone,
            desk_phone_hours=tenant.desk_phone_hours,
            desk_email=tenant.desk_email,
        )

    async def by_slug(self, slug: str) -> TenantInfo | None:
        """The tenant with this slug, or None."""
        if not is_slug(slug):
            return None
        if slug in self._by_slug:
            return self._by_slug[slug]
        async with self._db.reader() as session:
            tenant = await tenant_repo.by_slug(session, slug=slug)
            info = await self._info_of(session, tenant) if tenant else None
        self._remember(slug, info)
        return info

    async def by_id(self, tenant_id: int) -> TenantInfo | None:
        """The tenant with this id, or None."""
        if tenant_id in self._by_id:
            return self._by_id[tenant_id]
        async with self._db.reader() as session:
            tenant = await tenant_repo.by_id(session, tenant_id=tenant_id)
            info = await self._info_of(session, tenant) if tenant else None
        if info is not None:
            self._remember(info.slug, info)
        else:
            self._by_id[tenant_id] = None
        return info

    def _remember(self, slug: str, info: TenantInfo | None) -> None:
        self._by_slug[slug] = info
        if info is not None:
            self._by_id[info.id] = info

    def forget(self) -> None:
        """Drop the cache (after a tenants sync in this process)."""
        self._by_slug.clear()
        self._by_id.clear()
