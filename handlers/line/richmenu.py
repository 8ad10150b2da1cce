"""The LINE rich menu endpoints the desk uses (api.line.me, and api-data.line.me for the image)."""

from __future__ import annotations

from typing import Any

import httpx


class LineApiError(Exception):
    """LINE refused a rich menu call; the message names the call and LINE's answer."""


class LineRichMenuApi:
    """A small async client for rich menus with one channel access token."""

    def __init__(self, *, base_url: str, data_base_url: str, token: str, timeout: float = 10.0) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        self._api = httpx.AsyncClient(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout)
        self._data = httpx.AsyncClient(base_url=data_base_url.rstrip("/"), headers=headers, timeout=timeout)

    async def list_menus(self) -> list[dict[str, Any]]:
        """Every rich menu of the channel."""
        body = await self._call(self._api, "GET", "/v2/bot/richmenu/list")
        return list(body.get("richmenus") or [])

    async def create(self, menu: dict[str, Any]) -> str:
        """Create a rich menu; returns its id."""
        body = await self._call(self._api, "POST", "/v2/bot/richmenu", json=menu)
        return str(body["richMenuId"])

    async def delete(self, menu_id: str) -> None:
        """Delete a rich menu."""
        await self._call(self._api, "DELETE", f"/v2/bot/richmenu/{menu_id}")

    async def has_image(self, menu_id: str) -> bool:
        """Whether the menu has its image."""
        response = await self._data.get(f"/v2/bot/richmenu/{menu_id}/content")
        if response.status_code == 404:
            return False
        _check(response, "get rich menu image")
        return True

    async def upload_image(self, menu_id: str, image: bytes, content_type: str) -> None:
        """Upload the menu's image (once per menu)."""
        await self._call(
            self._data,
            "POST",
            f"/v2/bot/richmenu/{menu_id}/content",
            content=image,
            headers={"Content-Type": content_type},
        )

    async def default_menu(self) -> str | None:
        """The id of the menu every user sees, if any."""
        response = await self._api.get("/v2/bot/user/all/richmenu")
        if response.status_code == 404:
            return None
        _check(response, "get default rich menu")
        return str(response.json().get("richMenuId"))

    async def set_default(self, menu_id: str) -> None:
        """Show this menu to every user."""
        await self._call(self._api, "POST", f"/v2/bot/user/all/richmenu/{menu_id}")

    async def _call(self, client: httpx.AsyncClient, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = await client.request(method, path, **kwargs)
        _check(response, f"{method} {path}")
        if not response.content:
            return {}
        body = response.json()
        return body if isinstance(body, dict) else {}

    async def aclose(self) -> None:
        """Close both HTTP clients."""
        await self._api.aclose()
        await self._data.aclose()


def _check(response: httpx.Response, what: str) -> None:
    if response.status_code >= 400:
        raise LineApiError(f"LINE refused {what}: HTTP {response.status_code} {response.text[:200]}")
