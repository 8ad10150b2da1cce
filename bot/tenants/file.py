"""The tenants file: a documented YAML list of clients, validated whole before anything is applied."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.valid_text import valid_text

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]{1,62}$"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,62}")
ENV_REFERENCE = re.compile(r"\$\{([A-Z0-9_]+)\}")


class TenantFileError(Exception):
    """A tenants file that cannot be applied; the message names the field and line."""


class LineSpec(BaseModel):
    """The tenant's LINE official account."""

    model_config = ConfigDict(extra="forbid")
    channel_id: str = Field(min_length=1, max_length=64)
    channel_secret: str = Field(min_length=1)
    access_token: str = Field(min_length=1)
    # The account's basic id (@ and 3-20 letters or digits), for the flyer's QR code and the form's link.
    basic_id: str | None = Field(default=None, pattern=r"^@[A-Za-z0-9_-]{3,20}$")


class SlackSpec(BaseModel):
    """Where the tenant's reports go."""

    model_config = ConfigDict(extra="forbid")
    report_channels: list[str] = Field(default_factory=list)

    @field_validator("report_channels")
    @classmethod
    def _channel_ids(cls, value: list[str]) -> list[str]:
        for channel in value:
            if not re.fullmatch(r"[CGD][A-Z0-9]{2,}", channel):
                raise ValueError(f"{channel!r} is not a Slack channel id (like C0123ABCD)")
        return value


class WebFormSpec(BaseModel):
    """The tenant's web form (/form/<slug>): on unless turned off, with an optional note of its own."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = True
    note: str | None = Field(default=None, min_length=1, max_length=1000)


class ContactSpec(BaseModel):
    """The desk's other ways in, as the flyer prints them for this tenant."""

    model_config = ConfigDict(extra="forbid")
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9][0-9-]{5,20}$")  # e.g. 0120-123-456
    phone_hours: str | None = Field(default=None, min_length=1, max_length=100)
    email: str | None = Field(default=None, max_length=254)

    @field_validator("email")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return validate_email(value, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            raise ValueError(f"{value!r} is not an e-mail address: {exc}") from None


class MailSpec(BaseModel):
    """The tenant's own mailbox: an account on the desk's IMAP server (MAIL_IMAP_HOST); every mail in it
    is this tenant's."""

    model_config = ConfigDict(extra="forbid")
    imap_user: str = Field(min_length=1, max_length=254)
    imap_password: str = Field(min_length=1, max_length=1000)

    @field_validator("imap_user")
    @classmethod
    def _login_name(cls, value: str) -> str:
        if re.search(r'[\s"\\]', value) or not value.isprintable():
            raise ValueError("an IMAP account name has no spaces, quotes, backslashes or control characters")
        return value

    @field_validator("imap_password")
    @classmethod
    def _sendable(cls, value: str) -> str:
        if not value.isprintable():  # the value itself is never repeated in the error
            raise ValueError("contains a line break or another control character, which IMAP cannot send")
        return value


class ContractSpec(BaseModel):
    """The annual contract."""

    model_config = ConfigDict(extra="forbid")
    start: date
    end: date


class TenantSpec(BaseModel):
    """One client as written in the tenants file."""

    model_config = ConfigDict(extra="forbid")
    slug: str = Field(pattern=SLUG_PATTERN)
    name: str = Field(min_length=1, max_length=200)
    language: Literal["ja", "en"] = "ja"
    line: LineSpec | None = None
    slack: SlackSpec = Field(default_factory=SlackSpec)
    contract: ContractSpec | None = None
    extra_closed_days: list[date] = Field(default_factory=list)
    feedback_allowed: bool = False
    # Days after a case closes until the complainant's personal data is purged (default: RETENTION_DAYS).
    retention_days: int | None = Field(default=None, ge=1, le=3650)
    # The intake dialogue (issue 4): shops or departments the complainant picks from, and the code printed
    # on the flyer (how a complainant names this client on a LINE account shared by several clients).
    shops: list[str] = Field(default_factory=list, max_length=50)
    code: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{3,32}$")
    # Shared-account mode: an entry with `shared_account: true` is a LINE account serving several clients;
    # each client on it names it in `shared_line_account` (and has a `code` and no `line` of its own).
    shared_account: bool = False
    shared_line_account: str | None = Field(default=None, pattern=SLUG_PATTERN)
    web_form: WebFormSpec = Field(default_factory=WebFormSpec)
    contact: ContactSpec = Field(default_factory=ContactSpec)
    mail: MailSpec | None = None

    @field_validator("shops")
    @classmethod
    def _shop_names(cls, value: list[str]) -> list[str]:
        cleaned = [name.strip() for name in value]
        for name in cleaned:
            if not 1 <= len(name) <= 60:
                raise ValueError(f"shop name {name!r} must be 1 to 60 characters")
        if len(set(cleaned)) != len(cleaned):
            raise ValueError("shop names must be unique")
        return cleaned


class TenantFile(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid")
    tenants: list[TenantSpec]


class _Loader(yaml.SafeLoader):
    """yaml.safe_load's loader, except that a scalar its constructors cannot read (`start: 2026-02-30`, an
    empty `!!int`) is a YAMLError at that scalar, not a ValueError or IndexError from inside PyYAML."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, AttributeError, IndexError, OverflowError):
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {str(node.value)[:40]!r} as {node.tag}", node.start_mark
            ) from None


def _line_index(node: yaml.Node, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], int]:
    """Map every path in the document to its 1-based line."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines.update(_line_index(value_node, (*path, key_node.value)))
            lines[(*path, key_node.value)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_index(item, (*path, i)))
    return lines


def _expand_env(value: Any, path: tuple[Any, ...], errors: list[tuple[tuple[Any, ...], str]]) -> Any:
    """Replace ${VAR} references with the environment's values (secrets stay out of the file); refuse
    text no encoder takes."""
    if isinstance(value, dict):
        return {k: _expand_env(v, (*path, k), errors) for k, v in value.items()}
    if isinstance(value, list):
        return [_expand_env(v, (*path, i), errors) for i, v in enumerate(value)]
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in os.environ:
                errors.append((path, f"environment variable {name} is not set"))
                return ""
            return os.environ[name]

        expanded = ENV_REFERENCE.sub(substitute, value)
        if valid_text(expanded) != expanded:
            errors.append((path, "is not valid Unicode text (a lone surrogate, such as \\ud800)"))
        if "\x00" in expanded:
            errors.append((path, "contains a NUL character (\\0), which the database cannot store"))
        return expanded
    return value


def _describe(path: tuple[Any, ...], lines: dict[tuple[Any, ...], int]) -> str:
    probe = path
    while probe and probe not in lines:
        probe = probe[:-1]
    field = ".".join(str(p) for p in path) or "(document)"
    return f"{field} (line {lines.get(probe, 1)})"


def parse_tenant_file(text: str, *, source: str = "tenants file") -> list[TenantSpec]:
    """Validate a whole tenants file; raise TenantFileError listing every problem with its line."""
    try:
        root = yaml.compose(text)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: plain data only
    except RecursionError:
        raise TenantFileError(f"{source}: nested too deeply to be a tenants file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "unknown line"
        raise TenantFileError(f"{source}: not valid YAML at {where}: {exc}") from exc
    if root is None or not isinstance(data, dict):
        raise TenantFileError(f"{source}: expected a mapping with a `tenants:` list (line 1)")
    lines = _line_index(root)
    env_errors: list[tuple[tuple[Any, ...], str]] = []
    data = _expand_env(data, (), env_errors)
    problems = [f"{_describe(path, lines)}: {msg}" for path, msg in env_errors]
    try:
        parsed = TenantFile.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(f"{_describe(tuple(err['loc']), lines)}: {err['msg']}")
        parsed = None
    if parsed is not None:
        seen: dict[str, int] = {}
        for i, spec in enumerate(parsed.tenants):
            if spec.slug in seen:
                problems.append(f"{_describe(('tenants', i, 'slug'), lines)}: duplicate slug {spec.slug!r}")
            seen[spec.slug] = i
            problems.extend(_shared_account_problems(parsed.tenants, i, spec, lines))
            problems.extend(_mailbox_problems(parsed.tenants, i, spec, lines))
            if spec.contract and spec.contract.end < spec.contract.start:
                problems.append(
                    f"{_describe(('tenants', i, 'contract', 'end'), lines)}: ends before it starts"
                )
    if problems:
        raise TenantFileError(f"{source}:\n  " + "\n  ".join(problems))
    assert parsed is not None
    return parsed.tenants


def _shared_account_problems(
    specs: list[TenantSpec], i: int, spec: TenantSpec, lines: dict[tuple[Any, ...], int]
) -> list[str]:
    """A shared account needs its own LINE channel; a client on it needs a code unique in the file."""
    problems: list[str] = []
    if spec.shared_account and spec.line is None:
        problems.append(
            f"{_describe(('tenants', i, 'shared_account'), lines)}: a shared account needs `line`"
        )
    if spec.shared_account and spec.shared_line_account:
        problems.append(
            f"{_describe(('tenants', i, 'shared_line_account'), lines)}: a shared account is not on another"
        )
    if spec.shared_line_account:
        where = _describe(("tenants", i, "shared_line_account"), lines)
        if not any(s.slug == spec.shared_line_account and s.shared_account for s in specs):
            problems.append(f"{where}: no tenant {spec.shared_line_account!r} with `shared_account: true`")
        if spec.line is not None:
            problems.append(f"{where}: a client on a shared account has no `line` of its own")
        if spec.code is None:
            problems.append(f"{where}: a client on a shared account needs a `code` (printed on its flyer)")
    if spec.code:
        earlier = [s.slug for s in specs[:i] if s.code and s.code.upper() == spec.code.upper()]
        if earlier:
            problems.append(f"{_describe(('tenants', i, 'code'), lines)}: code also used by {earlier[0]!r}")
    return problems


def _mailbox_problems(
    specs: list[TenantSpec], i: int, spec: TenantSpec, lines: dict[tuple[Any, ...], int]
) -> list[str]:
    """A mailbox decides the tenant of its mails: one tenant per mailbox."""
    if spec.mail is None:
        return []
    earlier = [s.slug for s in specs[:i] if s.mail and s.mail.imap_user == spec.mail.imap_user]
    if earlier:
        where = _describe(("tenants", i, "mail", "imap_user"), lines)
        return [f"{where}: mailbox also used by {earlier[0]!r}"]
    return []


def load_tenant_file(path: str | Path) -> list[TenantSpec]:
    """Read and validate a tenants file from disk."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise TenantFileError(f"{file}: cannot read: {exc}") from exc
    return parse_tenant_file(text, source=str(file))


def is_slug(value: str) -> bool:
    """Whether `value` can be a tenant's slug (what the tenants file accepts)."""
    return _SLUG.fullmatch(value) is not None
