"""The complainant's rich menu (file a complaint / how this works / the other language), set up idempotently.

`kasuhara line setup TENANT` runs `setup_rich_menu`: it creates the menu when the channel has none of this
version, uploads its image, makes it the default, and removes older versions of the desk's menu. Running it
again changes nothing.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from typing import Any, Protocol

from bot.dialogue.messages import postback_data
from bot.dialogue.texts import dialogue_text

MENU_VERSION = "v1"
NAME_PREFIX = "kasuhara-desk"
WIDTH, HEIGHT = 2500, 843
BAND_COLOURS = ((0x2E, 0x6D, 0xB4), (0x4A, 0x90, 0x5C), (0x8C, 0x8C, 0x8C))


class RichMenuApi(Protocol):
    """The LINE calls the setup needs (the Messaging API's rich menu endpoints, wired by app.cli.line)."""

    async def list_menus(self) -> list[dict[str, Any]]: ...
    async def create(self, menu: dict[str, Any]) -> str: ...
    async def delete(self, menu_id: str) -> None: ...
    async def has_image(self, menu_id: str) -> bool: ...
    async def upload_image(self, menu_id: str, image: bytes, content_type: str) -> None: ...
    async def default_menu(self) -> str | None: ...
    async def set_default(self, menu_id: str) -> None: ...


@dataclass(frozen=True)
class SetupResult:
    """What the setup did."""

    menu_id: str
    created: bool
    image_uploaded: bool
    default_set: bool
    removed: list[str]


def menu_name(language: str) -> str:
    """The name that identifies this version of the desk's menu."""
    return f"{NAME_PREFIX}-{MENU_VERSION}-{language}"


def rich_menu_definition(language: str) -> dict[str, Any]:
    """Three buttons side by side; each sends a postback the intake understands."""
    other = "ja" if language == "en" else "en"
    third = 2500 - 2 * 833
    buttons = [
        (dialogue_text(language, "button.new_complaint"), postback_data(a="new")),
        (dialogue_text(language, "button.how"), postback_data(a="how")),
        ("日本語" if other == "ja" else "English", postback_data(a="lang", v=other)),
    ]
    areas = []
    for i, (label, data) in enumerate(buttons):
        x = i * 833
        areas.append(
            {
                "bounds": {"x": x, "y": 0, "width": third if i == 2 else 833, "height": HEIGHT},
                "action": {"type": "postback", "label": label[:20], "data": data, "displayText": label},
            }
        )
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,
        "name": menu_name(language),
        "chatBarText": "メニュー" if language == "ja" else "Menu",
        "areas": areas,
    }


def default_menu_image() -> bytes:
    """A plain PNG of three coloured bands matching the areas (replace it with `--image` for labels)."""
    row = bytearray([0])  # filter type 0 for each scanline
    for x in range(WIDTH):
        row.extend(BAND_COLOURS[min(x // 834, 2)])
    raw = bytes(row) * HEIGHT

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


async def setup_rich_menu(
    api: RichMenuApi, *, language: str, image: bytes | None = None, content_type: str = "image/png"
) -> SetupResult:
    """Create (or find) the menu, give it its image, make it the default, remove older desk menus."""
    wanted = rich_menu_definition(language)
    menus = await api.list_menus()
    ours = [m for m in menus if str(m.get("name", "")).startswith(NAME_PREFIX)]
    current = next(
        (m for m in ours if m.get("name") == wanted["name"] and m.get("areas") == wanted["areas"]), None
    )
    created = current is None
    menu_id = await api.create(wanted) if current is None else str(current["richMenuId"])
    uploaded = False
    if created or not await api.has_image(menu_id):
        await api.upload_image(menu_id, image or default_menu_image(), content_type)
        uploaded = True
    default_set = await api.default_menu() != menu_id
    if default_set:
        await api.set_default(menu_id)
    removed = [str(m["richMenuId"]) for m in ours if str(m["richMenuId"]) != menu_id]
    for old in removed:
        await api.delete(old)
    return SetupResult(menu_id, created, uploaded, default_set, removed)
