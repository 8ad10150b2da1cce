"""Both layouts as PDF: every QR code on page one decodes back to its URL, the font is embedded and the
organisation's name is in the text layer; odd tenant text renders. PNGs of page one are left as artefacts."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
import zxingcpp
from PIL.Image import Image

from bot.flyer import FlyerContent, Layout, render_flyer
from bot.flyer.card import CARD_H, CARD_W, card_origins
from bot.flyer.content import LineEntry, line_add_url, line_message_url
from tests.clock import TEST_NOW

DPI = 200  # about 4 pixels a module on the cards' codes: decodes reliably, renders fast
SHARED = FlyerContent(
    slug="hinode-city",
    organisation="日の出市役所",
    language="ja",
    line=LineEntry("@deskshared", line_message_url("@deskshared", "HINODE1"), "HINODE1"),
    web_form_url="https://desk.example.jp/form/hinode-city",
    email="desk+hinode@example.jp",
    phone="0120-000-000",
    phone_hours="24時間受付（留守番電話）",
)
OWN_EN = FlyerContent(
    slug="sakura",
    organisation="Sakura General Clinic",
    language="en",
    line=LineEntry("@123abcde", line_add_url("@123abcde")),
    web_form_url="https://desk.example.jp/form/sakura?lang=en",
    email=None,
    phone="0120-111-222",
    phone_hours=None,
)


def page_one(data: bytes) -> Image:
    document = pypdfium2.PdfDocument(data)
    assert len(document) == 1
    return document[0].render(scale=DPI / 72).to_pil()


def decoded(image: Image) -> list[zxingcpp.Barcode]:
    return list(zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)))


def text_layer(data: bytes) -> str:
    return pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()


def embedded_fonts(data: bytes) -> list[str]:
    """The base names of the fonts whose program is in the file."""
    resources: Any = pypdf.PdfReader(io.BytesIO(data)).pages[0]["/Resources"]
    names = []
    for ref in resources.get_object()["/Font"].get_object().values():
        font = ref.get_object()
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            names.append(str(font["/BaseFont"]))
    return names


def save(artefacts: Path, name: str, image: Image) -> None:
    image.save(artefacts / f"{name}.png")


@pytest.mark.parametrize("content", [SHARED, OWN_EN], ids=["shared-ja", "own-en"])
def test_the_a4_flyer(content: FlyerContent, artefacts: Path) -> None:
    data = render_flyer(content, layout="a4", created=TEST_NOW)
    image = page_one(data)
    save(artefacts, f"a4-{content.slug}-{content.language}", image)
    assert sorted(b.text for b in decoded(image)) == sorted(content.qr_urls)
    assert [name.endswith("IPAexGothic") for name in embedded_fonts(data)] == [True]
    text = text_layer(data)
    assert content.organisation in text
    assert content.line is not None and content.line.basic_id in text
    assert content.web_form_url is not None and content.web_form_url in text


def test_the_a4_flyer_speaks_the_language() -> None:
    ja = text_layer(render_flyer(SHARED, layout="a4", created=TEST_NOW))
    assert "ご意見・苦情の受付窓口" in ja and "窓口コード: HINODE1" in ja and "受付時間" in ja
    assert "警察" in ja and "desk+hinode@example.jp" in ja
    en = text_layer(render_flyer(OWN_EN, layout="a4", created=TEST_NOW))
    assert "Feedback and complaints desk" in en and "police" in en
    assert "受付" not in en


@pytest.mark.parametrize("content", [SHARED, OWN_EN], ids=["shared-ja", "own-en"])
def test_ten_cards_each_with_its_codes(content: FlyerContent, artefacts: Path) -> None:
    data = render_flyer(content, layout="card", created=TEST_NOW)
    image = page_one(data)
    save(artefacts, f"card-{content.slug}-{content.language}", image)
    px = DPI / 25.4
    found: dict[int, set[str]] = {}
    for barcode in decoded(image):
        corners = barcode.position
        cx = (corners.top_left.x + corners.bottom_right.x) / 2 / px
        cy = (corners.top_left.y + corners.bottom_right.y) / 2 / px
        card = next(
            i for i, (x, y) in enumerate(card_origins()) if x <= cx < x + CARD_W and y <= cy < y + CARD_H
        )
        found.setdefault(card, set()).add(barcode.text)
    assert found == {card: set(content.qr_urls) for card in range(10)}
    assert len(embedded_fonts(data)) == 1
    text = text_layer(data)
    assert text.splitlines().count(content.organisation) == 10  # the title line of each card
    assert text.count("受付コード" if content.language == "ja" else "Hand-off code") == 10


@pytest.mark.parametrize("layout", ["a4", "card"])
def test_odd_tenant_text_renders(layout: Layout, artefacts: Path) -> None:
    odd = replace(
        SHARED,
        organisation="😀<script>alert('x')</script>\n" + "とても長い名前の団体" * 30 + "\u200b\x07𠮷",
        phone_hours="平日 9:00〜17:00 ☎️ " + "（祝日を除く）" * 20,
        email="a" * 240 + "@example.jp",
        line=LineEntry("@deskshared", line_message_url("@deskshared", "HINODE1"), "HINODE1"),
    )
    data = render_flyer(odd, layout=layout, created=TEST_NOW)
    image = page_one(data)  # still one page
    save(artefacts, f"{layout}-odd-text", image)
    text = text_layer(data)
    assert "<script>alert('x')</script>" in text and "😀" not in text
    assert set(b.text for b in decoded(image)) == set(odd.qr_urls)


def test_no_qr_code_card_prints_the_contact() -> None:
    plain = replace(SHARED, line=None, web_form_url=None)
    data = render_flyer(plain, layout="card", created=TEST_NOW)
    assert decoded(page_one(data)) == []
    assert text_layer(data).count("0120-000-000") == 10


def test_the_creation_date_is_the_one_given() -> None:
    data = render_flyer(SHARED, layout="a4", created=TEST_NOW)
    metadata = pypdf.PdfReader(io.BytesIO(data)).metadata
    assert metadata is not None and metadata.creation_date == TEST_NOW
