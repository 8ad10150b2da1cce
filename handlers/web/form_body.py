"""A form's body (urlencoded or multipart) read into text fields and files, with python-multipart.

Starlette's own form parser reads a part that is not valid UTF-8 as Latin-1, which turns a complainant's
whole text into mojibake; here each text field is UTF-8 with only its broken bytes replaced (U+FFFD).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from python_multipart import parse_form
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import Field, File, parse_options_header


class FormBodyError(Exception):
    """A body that is not a form."""


@dataclass
class UploadedFile:
    """One file part: the name the browser gave and the bytes (at most the cap plus one)."""

    field_name: str
    file_name: str
    data: bytes


@dataclass
class FormBody:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[UploadedFile] = field(default_factory=list)


def _text(value: bytes | None) -> str:
    return (value or b"").decode("utf-8", "replace")


def parse_form_body(content_type: str, body: bytes, *, max_parts: int, file_cap: int) -> FormBody:
    """The fields and files of a form body; FormBodyError for anything else (or more than `max_parts`)."""
    parsed = FormBody()
    parts = 0

    def on_field(part: Field) -> None:
        nonlocal parts
        parts += 1
        parsed.fields[_text(part.field_name)] = _text(part.value)

    def on_file(part: File) -> None:
        nonlocal parts
        parts += 1
        stream = part.file_object
        stream.seek(0)
        name = (part.file_name or b"").decode("utf-8", "replace")
        parsed.files.append(UploadedFile(_text(part.field_name), name, stream.read(file_cap + 1)))
        part.close()

    kind, options = parse_options_header(content_type.encode("latin-1", "replace"))
    if kind == b"multipart/form-data" and not options.get(b"boundary"):
        raise FormBodyError("no boundary")  # refused here: python-multipart logs this one as an error
    headers = {
        "Content-Type": content_type.encode("latin-1", "replace"),
        "Content-Length": str(len(body)).encode(),
    }
    try:
        parse_form(headers, io.BytesIO(body), on_field, on_file)
    except (FormParserError, ValueError, AttributeError) as exc:
        raise FormBodyError(str(exc)) from None
    if parts > max_parts:
        raise FormBodyError("too many parts")
    return parsed
