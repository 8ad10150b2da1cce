"""What a tenant's flyer shows: its organisation and the ways in it has, with the URLs of their QR codes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote

from sqlalchemy.ext.asyncio import AsyncSession

from bot.texts import Language
from storage.models import Tenant
from storage.repos import tenants as tenant_repo

Layout = Literal["a4", "card"]
LAYOUTS: tuple[Layout, ...] = ("a4", "card")


class FlyerError(Exception):
    """A flyer that cannot be made for this tenant; the message says why."""


@dataclass(frozen=True)
class LineEntry:
    """The LINE official account to write to: its basic id, the QR code's URL and (on an account shared
    by several clients) the code that names this client."""

    basic_id: str
    url: str
    code: str | None = None


@dataclass(frozen=True)
class FlyerContent:
    """Everything a flyer prints for one tenant, in one language; a way in is None when not configured."""

    slug: str
    organisation: str
    language: Language
    line: LineEntry | None
    web_form_url: str | None
    email: str | None
    phone: str | None
    phone_hours: str | None

    @property
    def qr_urls(self) -> list[str]:
        """The URLs the flyer's QR codes encode, in the order printed (LINE, then the web form)."""
        return [url for url in (self.line.url if self.line else None, self.web_form_url) if url]

    @property
    def has_a_way_in(self) -> bool:
        """Whether the flyer names at least one way to reach the desk."""
        return any((self.line, self.web_form_url, self.email, self.phone))


def line_add_url(basic_id: str) -> str:
    """The link that opens the official account (add as friend) in LINE."""
    return f"https://line.me/R/ti/p/{quote(basic_id, safe='')}"


def line_message_url(basic_id: str, code: str) -> str:
    """The link that opens a chat with the official account with `code` typed in."""
    return f"https://line.me/R/oaMessage/{quote(basic_id, safe='')}/?{quote(code, safe='')}"


def web_form_url(base_url: str, slug: str, *, tenant_language: str, language: str) -> str:
    """The web form's address; `?lang=` when the flyer is in another language than the tenant's."""
    url = f"{base_url.rstrip('/')}/form/{slug}"
    return url if language == tenant_language else f"{url}?lang={language}"


def flyer_file_name(content: FlyerContent, layout: Layout) -> str:
    """The flyer's default file name: `flyer-<slug>[-card][-en].pdf`."""
    card = "-card" if layout == "card" else ""
    english = "-en" if content.language == "en" else ""
    return f"flyer-{content.slug}{card}{english}.pdf"


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() or None if value else None


def flyer_content(
    tenant: Tenant, *, line_account: Tenant | None, base_url: str, language: Language
) -> FlyerContent:
    """The flyer of `tenant`; `line_account` is the tenant of the shared LINE account it is on (if any)."""
    line: LineEntry | None = None
    if tenant.shared_line_account:
        basic_id = line_account.line_basic_id if line_account and line_account.active else None
        if basic_id and tenant.flyer_code:
            line = LineEntry(basic_id, line_message_url(basic_id, tenant.flyer_code), tenant.flyer_code)
    elif tenant.line_basic_id:
        line = LineEntry(tenant.line_basic_id, line_add_url(tenant.line_basic_id))
    form = (
        web_form_url(base_url, tenant.slug, tenant_language=tenant.language, language=language)
        if tenant.web_form_enabled
        else None
    )
    phone = _blank_to_none(tenant.desk_phone)
    return FlyerContent(
        slug=tenant.slug,
        organisation=tenant.name,
        language=language,
        line=line,
        web_form_url=form,
        email=_blank_to_none(tenant.desk_email),
        phone=phone,
        phone_hours=_blank_to_none(tenant.desk_phone_hours) if phone else None,
    )


async def load_flyer_content(
    session: AsyncSession, *, slug: str, base_url: str, language: Language | None = None
) -> FlyerContent:
    """The flyer of the active tenant `slug` (in its own language unless `language` is given); FlyerError
    for an unknown or inactive tenant, a shared LINE account itself, or a tenant with no way in."""
    tenant = await tenant_repo.by_slug(session, slug=slug)
    if tenant is None:
        raise FlyerError(f"no tenant with slug {slug!r} (see `kasuhara tenants list`)")
    if not tenant.active:
        raise FlyerError(f"tenant {slug!r} is not active (it is no longer in the tenants file)")
    if tenant.line_shared:
        raise FlyerError(
            f"{slug!r} is a shared LINE account, not a client: it has no cases and no flyer "
            "(make the flyer of each client on it)"
        )
    account = None
    if tenant.shared_line_account:
        account = await tenant_repo.by_slug(session, slug=tenant.shared_line_account)
    chosen: Language = language or ("en" if tenant.language == "en" else "ja")
    content = flyer_content(tenant, line_account=account, base_url=base_url, language=chosen)
    if not content.has_a_way_in:
        raise FlyerError(
            f"tenant {slug!r} has no way in to print: no LINE basic id, the web form is off and there is "
            "no contact (see `line.basic_id`, `web_form` and `contact` in the tenants file)"
        )
    return content
