"""A form's attachments checked by what their bytes are, not by their names: images, PDF, audio."""

from __future__ import annotations

from dataclasses import dataclass

import filetype

# What the desk keeps as evidence, by the type the content shows, and the kind of evidence it is.
ACCEPTED = {
    "image/jpeg": "image",
    "image/png": "image",
    "image/gif": "image",
    "image/webp": "image",
    "image/heic": "image",
    "image/heif": "image",
    "application/pdf": "file",
    "audio/mpeg": "audio",
    "audio/mp4": "audio",
    "audio/m4a": "audio",
    "audio/x-m4a": "audio",
    "audio/aac": "audio",
    "audio/ogg": "audio",
    "audio/x-wav": "audio",
    "audio/amr": "audio",
    "audio/x-flac": "audio",
    "audio/webm": "audio",
}


@dataclass(frozen=True)
class Attachment:
    """One accepted attachment."""

    name: str
    content_type: str
    kind: str  # image | file | audio (evidence kinds)
    data: bytes


def content_type_of(data: bytes) -> str | None:
    """The accepted type the bytes are, or None (whatever the file is called)."""
    guessed = filetype.guess(data[:8192])
    mime = guessed.mime if guessed is not None else None
    if mime == "video/mp4" and b"M4A " in data[:32]:
        mime = "audio/mp4"  # an .m4a recording some libraries report as MP4 video
    return mime if mime in ACCEPTED else None
