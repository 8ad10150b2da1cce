"""In-memory rich menus, images, aliases and the default menu of the fake LINE channel."""

from __future__ import annotations

import copy
import threading
from typing import Any

from sandbox.ids import hex_token

Result = tuple[int, Any]
REQUIRED_FIELDS = ("size", "selected", "name", "chatBarText", "areas")
NOT_FOUND: Result = (404, {"message": "Not found"})


class RichMenus:
    """Rich menu state; each operation returns (HTTP status, JSON body)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._menus: dict[str, dict[str, Any]] = {}
        self._images: dict[str, tuple[bytes, str]] = {}
        self._aliases: dict[str, str] = {}
        self.default_id: str | None = None

    def clear(self) -> None:
        """Drop every menu, image and alias."""
        with self._lock:
            self._menus.clear()
            self._images.clear()
            self._aliases.clear()
            self.default_id = None

    # inspection --------------------------------------------------------------

    def menus(self) -> list[dict[str, Any]]:
        """Every rich menu as the list endpoint returns it."""
        with self._lock:
            return copy.deepcopy(list(self._menus.values()))

    def aliases(self) -> dict[str, str]:
        """Alias id -> rich menu id."""
        with self._lock:
            return dict(self._aliases)

    def image(self, menu_id: str) -> tuple[bytes, str] | None:
        """Uploaded image bytes and content type of a menu."""
        with self._lock:
            return self._images.get(menu_id)

    # operations --------------------------------------------------------------

    def create(self, body: dict[str, Any]) -> Result:
        """POST /v2/bot/richmenu."""
        missing = [name for name in REQUIRED_FIELDS if name not in body]
        if missing:
            details = [{"message": "must be specified", "property": name} for name in missing]
            return 400, {"message": f"The request body has {len(details)} error(s)", "details": details}
        menu_id = f"richmenu-{hex_token(32)}"
        with self._lock:
            self._menus[menu_id] = {"richMenuId": menu_id, **{k: body[k] for k in REQUIRED_FIELDS}}
        return 200, {"richMenuId": menu_id}

    def get(self, menu_id: str) -> Result:
        """GET /v2/bot/richmenu/{richMenuId}."""
        with self._lock:
            menu = self._menus.get(menu_id)
            return (200, copy.deepcopy(menu)) if menu else NOT_FOUND

    def delete(self, menu_id: str) -> Result:
        """DELETE /v2/bot/richmenu/{richMenuId}."""
        with self._lock:
            if self._menus.pop(menu_id, None) is None:
                return NOT_FOUND
            self._images.pop(menu_id, None)
            if self.default_id == menu_id:
                self.default_id = None
            return 200, {}

    def list_menus(self) -> Result:
        """GET /v2/bot/richmenu/list."""
        return 200, {"richmenus": self.menus()}

    def set_image(self, menu_id: str, data: bytes, content_type: str) -> Result:
        """POST /v2/bot/richmenu/{richMenuId}/content (api-data.line.me in production)."""
        if content_type not in ("image/png", "image/jpeg"):
            return 415, {"message": "Unsupported Media Type"}
        with self._lock:
            if menu_id not in self._menus:
                return NOT_FOUND
            if menu_id in self._images:
                return 400, {"message": "An image has already been uploaded to the richmenu"}
            self._images[menu_id] = (data, content_type)
            return 200, {}

    def set_default(self, menu_id: str) -> Result:
        """POST /v2/bot/user/all/richmenu/{richMenuId}."""
        with self._lock:
            if menu_id not in self._menus:
                return NOT_FOUND
            if menu_id not in self._images:
                return 400, {"message": "must upload richmenu image before applying it to user"}
            self.default_id = menu_id
            return 200, {}

    def get_default(self) -> Result:
        """GET /v2/bot/user/all/richmenu."""
        with self._lock:
            return (200, {"richMenuId": self.default_id}) if self.default_id else NOT_FOUND

    def cancel_default(self) -> Result:
        """DELETE /v2/bot/user/all/richmenu."""
        with self._lock:
            self.default_id = None
            return 200, {}

    def create_alias(self, body: dict[str, Any]) -> Result:
        """POST /v2/bot/richmenu/alias."""
        alias_id, menu_id = str(body.get("richMenuAliasId") or ""), str(body.get("richMenuId") or "")
        with self._lock:
            if not alias_id or menu_id not in self._menus:
                return 400, {"message": "richmenu not found"}
            if menu_id not in self._images:
                return 400, {"message": "must upload richmenu image before applying it to user"}
            if alias_id in self._aliases:
                return 400, {"message": "conflict richmenu alias id"}
            self._aliases[alias_id] = menu_id
            return 200, {}

    def update_alias(self, alias_id: str, body: dict[str, Any]) -> Result:
        """POST /v2/bot/richmenu/alias/{richMenuAliasId}."""
        menu_id = str(body.get("richMenuId") or "")
        with self._lock:
            if alias_id not in self._aliases:
                return NOT_FOUND
            if menu_id not in self._menus:
                return 400, {"message": "richmenu not found"}
            self._aliases[alias_id] = menu_id
            return 200, {}

    def get_alias(self, alias_id: str) -> Result:
        """GET /v2/bot/richmenu/alias/{richMenuAliasId}."""
        with self._lock:
            menu_id = self._aliases.get(alias_id)
            return (200, {"richMenuAliasId": alias_id, "richMenuId": menu_id}) if menu_id else NOT_FOUND

    def delete_alias(self, alias_id: str) -> Result:
        """DELETE /v2/bot/richmenu/alias/{richMenuAliasId}."""
        with self._lock:
            if self._aliases.pop(alias_id, None) is None:
                return NOT_FOUND
            return 200, {}

    def list_aliases(self) -> Result:
        """GET /v2/bot/richmenu/alias/list."""
        with self._lock:
            aliases = [{"richMenuAliasId": a, "richMenuId": m} for a, m in self._aliases.items()]
        return 200, {"aliases": aliases}
