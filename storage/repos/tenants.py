"""Tenant queries."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Tenant


async def by_slug(session: AsyncSession, *, slug: str) -> Tenant | None:
    """The tenant with this slug, active or not."""
    return await session.scalar(select(Tenant).where(Tenant.slug == slug))


async def by_id(session: AsyncSession, *, tenant_id: int) -> Tenant | None:
    """The tenant with this id."""
    return await session.get(Tenant, tenant_id)


async def all_tenants(session: AsyncSession) -> list[Tenant]:
    """Every tenant, by slug."""
    return list(await session.scalars(select(Tenant).order_by(Tenant.slug)))


async def with_mailbox(session: AsyncSession) -> list[Tenant]:
    """The active tenants that have a mailbox of their own, by slug."""
    query = select(Tenant).where(Tenant.active.is_(True), Tenant.mail_imap_user.is_not(None))
    return list(await session.scalars(query.order_by(Tenant.slug)))
