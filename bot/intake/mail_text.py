"""A mail's bytes read as text whatever its charset says, and its words for the classifier without the
quoted reply and the signature."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes
from inscriptis import get_text

# What Japanese clients declare, read by the codec that covers what they really send (CP932's extra
# characters such as ① or ㈱ appear under every one of these names).
_CODECS = {
    "shift_jis": ["cp932", "shift_jis_2004"],
    "shift-jis": ["cp932", "shift_jis_2004"],
    "sjis": ["cp932"],
    "x-sjis": ["cp932"],
    "windows-31j": ["cp932"],
    "cp932": ["cp932"],
    "iso-2022-jp": ["iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004", "iso2022_jp_3"],
    "iso-2022-jp-2": ["iso2022_jp_2"],
    "euc-jp": ["euc_jp", "euc_jis_2004"],
    "x-euc-jp": ["euc_jp", "euc_jis_2004"],
    "utf8": ["utf-8"],
}
# Declarations under which any bytes decode: a non-ASCII text under one of them is checked by detection.
_ANYTHING_GOES = re.compile(r"^(iso-8859-\d+|latin[-_]?1|windows-125\d|cp125\d)$")
_JAPANESE = ["utf_8", "cp932", "euc_jis_2004", "iso2022_jp"]
_ESC_JIS = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D")


def decode_text(data: bytes, declared: str | None) -> tuple[str, bool]:
    """The bytes as text (declared charset, else detected; unreadable bytes become U+FFFD) and whether
    the declaration was wrong or missing."""
    charset = (declared or "").strip().lower()
    if data.isascii() and not any(esc in data for esc in _ESC_JIS):
        return data.decode("ascii"), False
    if charset and not _ANYTHING_GOES.match(charset):
        for codec in _CODECS.get(charset, [charset]):
            try:
                return data.decode(codec), False
            except (UnicodeDecodeError, LookupError):
                continue
    detected = _detect(data)
    if detected is not None:
        return detected, True
    if charset and _ANYTHING_GOES.match(charset):
        try:
            return data.decode(charset), False
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("utf-8", errors="replace"), True


def _detect(data: bytes) -> str | None:
    if any(esc in data for esc in _ESC_JIS):
        try:
            return data.decode("iso2022_jp_ext")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for candidates in (_JAPANESE, None):
        best = from_bytes(data, cp_isolation=candidates).best()
        if best is not None:
            return str(best)
    return None


def html_to_text(html: str) -> str:
    """An HTML body as the text a reader sees."""
    return get_text(html).strip()


# A line that starts the quoted original of a reply (English and Japanese clients, Outlook's header
# block); everything from it on is the earlier mail.
_QUOTE_HEADS = [
    re.compile(r"^\s*On .{4,200}wrote:\s*$", re.IGNORECASE),
    re.compile(r"^.{1,200}(さん|様)?(は|が)書きました\s*[:：]\s*$"),
    re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日.{0,120}<[^<>\s]+@[^<>\s]+>\s*[:：]\s*$"),
    re.compile(r"^\s*\d{4}[/-]\d{1,2}[/-]\d{1,2}.{0,120}(wrote|書きました)\s*[:：]\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|元のメッセージ|オリジナルメッセージ)\s*-{2,}\s*$", re.I),
    re.compile(r"^\s*_{5,}\s*$"),  # Outlook's rule above its header block
]
_OUTLOOK_BLOCK = re.compile(r"^\s*(From|差出人|送信者)\s*[:：]")
_OUTLOOK_NEXT = re.compile(r"^\s*(Sent|Date|送信日時|日時|To|宛先)\s*[:：]")
_QUOTED = re.compile(r"^\s*[>＞]")
_RULE = re.compile(r"^\s*([-=_*~#+━─＝－〜─┏┗■□◆◇☆★※]\s?){5,}\s*$")
_CONTACT = re.compile(r"(TEL|Tel|tel|電話|携帯|FAX|Fax|E-?mail|Mail|メール|〒|https?://|株式会社|有限会社)")
_SENT_FROM = re.compile(r"^\s*(Sent from my .{1,40}|.{1,20}から送信|Get Outlook for .{1,20})\s*$")
SIGNATURE_MAX_LINES = 12


def trim_for_classifier(body: str) -> str:
    """The complainant's own words of a mail: without the quoted earlier mail and the signature (the
    whole body when nothing is left)."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        if any(head.match(line) for head in _QUOTE_HEADS):
            break
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if _OUTLOOK_BLOCK.match(line) and _OUTLOOK_NEXT.match(following):
            break
        if line.rstrip() in ("-- ", "--") or line == "-- ":
            break
        if _QUOTED.match(line) or _SENT_FROM.match(line):
            continue
        kept.append(line)
    kept = _without_signature_block(kept)
    trimmed = "\n".join(kept).strip()
    return trimmed or body.strip()


def _without_signature_block(lines: list[str]) -> list[str]:
    """Drop a closing block set off by a rule line (━━━, ----, ====) that looks like a signature: a few
    lines with a phone number, an address, a company or a web address."""
    last = len(lines)
    while last and not lines[last - 1].strip():
        last -= 1
    for index in range(last - 1, max(-1, last - SIGNATURE_MAX_LINES - 2), -1):
        if _RULE.match(lines[index]):
            block = lines[index + 1 : last]
            if len(block) <= SIGNATURE_MAX_LINES and any(_CONTACT.search(line) for line in block):
                return lines[:index]
    return lines[:last]
