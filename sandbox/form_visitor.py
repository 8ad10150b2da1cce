"""A complainant using the web form over HTTP as a browser without JavaScript would: open the page (its
cookie kept), read the hidden fields, fill in and send the form as multipart, follow the redirect."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import httpx


class _HiddenFields(HTMLParser):
    """The hidden inputs of the page's form."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") == "hidden" and found.get("name"):
            self.values[str(found["name"])] = found.get("value") or ""


def hidden_fields(html: str) -> dict[str, str]:
    """The hidden fields (csrf, submission, lang) of a form page."""
    parser = _HiddenFields()
    parser.feed(html)
    return parser.values


@dataclass
class FormVisitor:
    """One browser: its cookies persist across pages."""

    base_url: str
    client: httpx.AsyncClient = field(init=False)

    def __post_init__(self) -> None:
        self.client = httpx.AsyncClient(base_url=self.base_url, timeout=30.0)

    async def open(self, slug: str, *, lang: str | None = None) -> httpx.Response:
        """GET the form page."""
        return await self.client.get(f"/form/{slug}", params={"lang": lang} if lang else None)

    async def send(
        self,
        slug: str,
        fields: dict[str, str],
        *,
        page: httpx.Response | None = None,
        files: list[tuple[str, bytes, str]] | None = None,
        follow: bool = True,
        **overrides: Any,
    ) -> httpx.Response:
        """Fill in the form of `page` (opened now when not given) and send it; `overrides` replace hidden
        fields (a wrong token, a filled honeypot)."""
        page = page or await self.open(slug)
        data = {**hidden_fields(page.text), "anonymity": "anonymous", **fields, **overrides}
        upload = [("attachments", (name, content, kind)) for name, content, kind in files or []]
        response = await self.client.post(
            str(page.url.copy_with(query=None).path) + (f"?lang={data.get('lang', 'ja')}"),
            data=data,
            files=upload or [("attachments", ("", b"", "application/octet-stream"))],
        )
        if follow and response.status_code == 303:
            return await self.client.get(response.headers["location"])
        return response

    async def aclose(self) -> None:
        await self.client.aclose()
