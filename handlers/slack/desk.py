"""The desk's effects (bot.outbox.effects) on Slack: each view drawn as Block Kit at send time, posted,
edited, shared or deleted in the channel and thread its place names.

Places: the triage channel and the alerts channel are the service's `SLACK_TRIAGE_CHANNEL` (unless the
effect names its channel, as the effects a previous version queued do); a report channel is named by the
effect; a thread is that of the post the effect's parent made (a post whose parent never posted goes to
the channel itself, as it always did; a file waits for the thread).
"""

from __future__ import annotations

import base64
from typing import Any

from bot.intake.media_ports import SharedFile
from bot.outbox.effects import (
    ALERTS_CHANNEL,
    CASE_THREAD,
    DESK_DELETE,
    DESK_POST,
    DESK_UPDATE,
    DESK_UPLOAD,
    REPORT_CHANNEL,
    REPORT_THREAD,
    TRIAGE_CHANNEL,
    Effect,
    SendError,
)
from handlers.slack.desk_views import render
from handlers.slack.sender import SlackSender
from handlers.slack.uploader import SlackUploadSender

THREADS = frozenset({CASE_THREAD, REPORT_THREAD})


class SlackDesk:
    """Sends `desk.post`, `desk.update`, `desk.upload` and `desk.delete`, and shares files for the domain
    (its DeskFiles: media evidence)."""

    def __init__(
        self, *, slack: SlackSender, uploads: SlackUploadSender, triage_channel: str, alerts_channel: str
    ) -> None:
        self._slack = slack
        self._uploads = uploads
        self._channels = {
            TRIAGE_CHANNEL: triage_channel,
            CASE_THREAD: triage_channel,
            ALERTS_CHANNEL: alerts_channel,
        }

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Deliver one of the desk's effects; returns where it landed (channel and ts, or file id)."""
        payload = effect.payload
        if effect.kind == DESK_POST:
            channel, thread_ts = self._where(effect, payload["to"])
            return await self._slack.post(
                effect,
                channel=channel,
                text=payload["text"],
                blocks=render(payload["view"], payload["data"]),
                thread_ts=thread_ts,
                broadcast=bool(payload.get("also_in_channel")),
            )
        if effect.kind == DESK_UPDATE:
            posted = effect.parent_result or {}
            if not posted.get("ts"):
                raise SendError("the message to update was never posted", permanent=True)
            return await self._slack.update(
                channel=str(posted.get("channel") or self._channels[TRIAGE_CHANNEL]),
                ts=str(posted["ts"]),
                text=payload["text"],
                blocks=render(payload["view"], payload["data"]),
            )
        if effect.kind == DESK_UPLOAD:
            file = payload["file"]
            shared = SharedFile(
                name=file["name"],
                title=file.get("title") or file["name"],
                data=base64.b64decode(file["content_b64"]),
                comment=file.get("comment"),
            )
            return await self.share(effect, shared, to=payload["to"])
        if effect.kind == DESK_DELETE:
            return await self._slack.delete(payload["posted"])
        raise SendError(f"not a desk effect: {effect.kind}", permanent=True)

    async def share(self, effect: Effect, file: SharedFile, *, to: dict[str, Any]) -> dict[str, Any]:
        """Upload the file once where `to` says (in a thread: once the thread's post is out)."""
        channel, thread_ts = self._where(effect, to)
        if to.get("place") in THREADS and not thread_ts:
            raise SendError("the post of the thread is not out yet")
        return await self._uploads.upload(
            effect,
            channel=channel,
            thread_ts=thread_ts,
            data=file.data,
            filename=file.name,
            title=file.title,
            comment=file.comment,
        )

    def _where(self, effect: Effect, to: dict[str, Any]) -> tuple[str, str | None]:
        """The channel and thread (ts) of a place; a place that names its channel (a report channel, or
        any place of an effect a previous version queued) is in that channel."""
        name = to.get("place")
        if name not in (*self._channels, REPORT_CHANNEL, REPORT_THREAD):
            raise SendError(f"no such place of the desk's: {name}", permanent=True)
        named = to.get("channel")
        channel = str(named or self._channels.get(str(name), ""))
        if name not in THREADS:
            return channel, None
        posted = effect.parent_result or {}
        ts = posted.get("ts")
        if not ts:
            return channel, None
        return str(named or posted.get("channel") or channel), str(ts)

    async def close(self) -> None:
        """Close the Web API client (the uploader shares it)."""
        await self._slack.close()
