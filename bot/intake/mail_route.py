"""Which tenant a fetched mail is for: a tenant's own mailbox decides; in the shared mailbox, the `+slug` of
the desk's plus-address among its recipients."""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.utils import getaddresses

from bot.tenants.directory import TenantDirectory, TenantInfo

ROUTING_HEADERS = ("Delivered-To", "X-Original-To", "To", "Cc")


def plus_address(address: str, slug: str) -> str:
    """`local+slug@domain` for `local@domain` (unchanged when it carries a `+` already): the desk's From for a
    client with no address of its own, so that answers and bounces come back routed to that client."""
    local, at, domain = address.rpartition("@")
    if not at or not local or "+" in local:
        return address
    return f"{local}+{slug}@{domain}"


def plus_slugs(raw: bytes) -> list[str]:
    """The `slug`s of `local+slug@domain` recipients, in header order (Delivered-To first), no repeats."""
    headers = BytesHeaderParser().parsebytes(raw)
    slugs: list[str] = []
    for name in ROUTING_HEADERS:
        values = [str(v) for v in headers.get_all(name) or []]
        for _display, address in getaddresses(values):
            local, at, _domain = address.rpartition("@")
            if not at or "+" not in local:
                continue
            slug = local.split("+", 1)[1].strip().lower()
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


async def tenant_of_mail(
    tenants: TenantDirectory, slugs: list[str], *, mailbox_tenant_id: int | None = None
) -> TenantInfo | None:
    """The mailbox's own tenant if it has one (a plus-address naming another tenant in it is ignored), else
    the first active tenant among the mail's plus-address `slugs` (`plus_slugs`); None when that tenant is
    not active or there is none."""
    if mailbox_tenant_id is not None:
        owner = await tenants.by_id(mailbox_tenant_id)
        return owner if owner is not None and owner.active else None
    for slug in slugs:
        tenant = await tenants.by_slug(slug)
        if tenant is not None and tenant.active:
            return tenant
    return None
