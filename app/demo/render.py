"""Plain-text renderings of what the sandbox recorded, as a complainant and a reviewer would see it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def blocks_to_text(blocks: list[dict[str, Any]] | None, fallback: str = "") -> str:
    """Block Kit as readable text (headers, fields, sections, context)."""
    if not blocks:
        return fallback
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"■ {block['text']['text']}")
        elif kind == "section":
            if block.get("text"):
                lines.append(block["text"]["text"])
            for item in block.get("fields") or []:
                lines.append("  " + item["text"].replace("*", "").replace("\n", ": ", 1))
        elif kind == "context":
            lines.extend(f"  ({el.get('text', '')})" for el in block.get("elements") or [])
        elif kind == "actions":
            labels = [el.get("text", {}).get("text", "") for el in block.get("elements") or []]
            lines.append("  [" + "] [".join(labels) + "]")
    return "\n".join(lines).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render_exchanges(who: str, exchanges: Sequence[tuple[str, list[Any]]]) -> str:
    """A complainant's chat in order: each thing sent, then the bot's answer with its buttons."""
    out = [f"=== LINE: {who} の画面 ==="]
    for shown, deliveries in exchanges:
        out.append(f"  → {shown}")
        for delivery in deliveries:
            for message in delivery["messages"]:
                body = message.get("text", f"[{message.get('type')}]")
                out.append(f"  ← ({delivery['via']}) " + body.replace("\n", "\n       "))
                buttons = [
                    item["action"]["label"] for item in (message.get("quickReply") or {}).get("items", [])
                ]
                if buttons:
                    out.append("       [" + "] [".join(buttons) + "]")
    return "\n".join(out) + "\n"


def render_slack_channel(posts: Sequence[Mapping[str, Any]], *, channel: str) -> str:
    """The triage channel as a reviewer sees it: each post, then its thread."""
    out = [f"=== Slack: トリアージチャンネル {channel} ==="]
    top = [p for p in posts if p.get("channel") == channel and not p.get("thread_ts")]
    for post in top:
        out.append(blocks_to_text(post.get("blocks"), post.get("text", "")))
        for reply in (p for p in posts if p.get("thread_ts") == post.get("ts")):
            body = blocks_to_text(reply.get("blocks"), reply.get("text", ""))
            out.append("    └ " + body.replace("\n", "\n      "))
        out.append("")
    return "\n".join(out)


def render_mail(who: str, *, subject: str, headers: Mapping[str, str | None], body: str) -> str:
    """A mail as its recipient's mail client shows it: the subject, the headers that matter, the text."""
    out = [f"=== メール: {who} の受信箱 ===", f"  件名: {subject}"]
    out += [f"  {name}: {value}" for name, value in headers.items()]
    out += ["", *("  " + line for line in body.strip().splitlines())]
    return "\n".join(out) + "\n"
