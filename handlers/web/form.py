"""The 24-hour web form, one per tenant: `/form/{slug}` (GET the page, POST a submission) and
`/form/{slug}/received/{submission}` (the confirmation page with the case number).

A submission is checked (CSRF token bound to a session cookie, a honeypot field, rate limits, size and
type limits), stored in the inbox in one transaction, then answered with a redirect to its confirmation
page, which waits for the worker to open the case. The submission's id is in the page, so sending the
same page twice (a double click, the back button) stores it once and shows the same case.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.calendar import TOKYO
from bot.intake.form_fields import (
    FIELDS,
    HONEYPOT,
    OTHER_SHOP,
    WANTED_MAX,
    WHAT_MAX,
    FieldError,
    FormReading,
    read_form,
)
from bot.intake.form_submission import WEB, submission_source_id
from bot.intake.form_texts import form_text
from bot.tenants.directory import TenantInfo
from bot.texts import policy_text, text
from handlers.inbox_endpoint import InboxEndpoint
from handlers.web.attachments import ACCEPTED, Attachment, content_type_of
from handlers.web.form_body import FormBodyError, UploadedFile, parse_form_body
from handlers.web.limits import BodyTooLarge, read_body_capped
from handlers.web.rate_limit import SubmissionLimit
from storage.models import Case
from storage.repos import cases, inbox

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATIC_URL = "/form-static/form.css"
SESSION_COOKIE = "kasuhara_form"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
MAX_TEXT_PART_BYTES = 1024 * 1024  # a text field: far above what any field accepts, to say so kindly


def _new_token() -> str:
    return secrets.token_urlsafe(24)  # 32 characters


class WebForm(InboxEndpoint):
    """The form's three endpoints."""

    STORE_FAILED = "web form for %s: could not store the submission"

    @cached_property
    def _limit(self) -> SubmissionLimit:
        settings = self._settings
        return SubmissionLimit(
            per_address=settings.form_rate_per_address,
            per_tenant=settings.form_rate_per_tenant,
            clock=self._clock,
        )

    @cached_property
    def _pages(self) -> Environment:
        return Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True), auto_reload=False
        )

    @property
    def _secure_cookie(self) -> bool:
        return self._settings.public_base_url.startswith("https://")

    # -- endpoints ------------------------------------------------------------------------------------

    async def handle_form_page(self, request: Request) -> Response:
        """The empty form (a new submission id; the session cookie set when missing)."""
        tenant, lang = await self._tenant_and_language(request)
        if tenant is None:
            return self._not_found(lang)
        if not tenant.web_form_enabled:
            return self._closed(tenant, lang)
        session = self._session_of(request) or _new_token()
        submission = _new_token()
        response = self._form(tenant, lang, session=session, submission=submission, reading=None, status=200)
        # Kept by the browser, so that the back button shows the same page with the same submission id.
        response.headers["cache-control"] = "private, max-age=3600"
        return response

    async def handle_form_submission(self, request: Request) -> Response:
        """Check, store, redirect to the confirmation page; or the form again with what to fix."""
        tenant, lang = await self._tenant_and_language(request)
        if tenant is None:
            return self._not_found(lang)
        if not tenant.web_form_enabled:
            return self._closed(tenant, lang)
        address = request.client.host if request.client else "unknown"
        wait = self._limit.retry_after(tenant=tenant.slug, address=address)
        if wait is not None:
            minutes = max(1, round(wait / 60))
            page = self._problem(tenant, lang, "problem.rate.title", ["problem.rate.body"], minutes=minutes)
            page.status_code = 429
            page.headers["retry-after"] = str(wait)
            return page
        try:
            body = await read_body_capped(request, self._settings.form_max_body_bytes)
        except BodyTooLarge:
            size = self._settings.form_max_body_bytes // (1024 * 1024)
            return self._problem(
                tenant, lang, "problem.too_large.title", ["problem.too_large.body"], status=413, size=size
            )
        try:
            form = parse_form_body(
                request.headers.get("content-type", ""),
                body,
                max_parts=len(FIELDS) + 8 + self._settings.form_max_files,
                file_cap=self._settings.form_max_file_bytes,
            )
        except FormBodyError:
            return self._problem(tenant, lang, "problem.csrf.title", ["problem.honeypot.body"], status=400)
        fields = form.fields
        files = [f for f in form.files if f.field_name == "attachments"]
        lang = fields["lang"] if fields.get("lang") in ("ja", "en") else lang
        session = self._session_of(request)
        submission = fields.get("submission", "")
        if (
            session is None
            or not _TOKEN.fullmatch(submission)
            or not self._csrf_ok(
                fields.get("csrf", ""), session=session, slug=tenant.slug, submission=submission
            )
        ):
            return self._problem(
                tenant, lang, "problem.csrf.title", ["problem.csrf.body"], status=403, back=True
            )
        if fields.get(HONEYPOT):
            log.info("web form for %s: honeypot filled, not stored", tenant.slug)
            return self._problem(tenant, lang, "problem.csrf.title", ["problem.honeypot.body"], status=400)
        now = self._clock.now()
        reading = read_form(
            fields, shops=list(tenant.shops), feedback_allowed=tenant.feedback_allowed, now=now
        )
        attachments, attachment_error = self._attachments(files, lang)
        if reading.items is None or attachment_error is not None:
            errors: dict[str, FieldError | str] = dict(reading.errors)
            if attachment_error is not None:
                errors["attachments"] = attachment_error
            elif any(f.file_name for f in files):
                errors["attachments"] = form_text(lang, "error.attachments_again")
            return self._form(
                tenant,
                lang,
                session=session,
                submission=submission,
                reading=reading,
                errors=errors,
                status=400,
            )
        row = self._inbox_row(tenant, submission, lang, reading, attachments, now)
        if not await self._store(row, slug=tenant.slug):
            return self._problem(
                tenant, lang, "problem.unavailable.title", ["problem.unavailable.body"], status=503
            )
        return RedirectResponse(f"/form/{tenant.slug}/received/{submission}?lang={lang}", status_code=303)

    async def handle_form_receipt(self, request: Request) -> Response:
        """The confirmation page: the case number and the policy again, or the fixed notice to a threat;
        while the worker has not opened and read the case yet, a page that refreshes itself."""
        tenant, lang = await self._tenant_and_language(request)
        submission = request.path_params["submission"]
        if tenant is None or not _TOKEN.fullmatch(submission):
            return self._not_found(lang)
        case = await self._wait_for_case(tenant, submission)
        if case is None and not await self._stored(tenant, submission):
            return self._not_found(lang)
        if case is not None and case.flags.get("out_of_intake"):
            title, number, paragraph = "received.threat.title", case.number, text(lang, "notice.threat")
        elif case is not None and case.assessment_engine is not None:
            title, number = "received.title", case.number
            paragraph = form_text(lang, "received.body", tenant=tenant.name)
        else:
            title, number, paragraph = (
                "received.pending.title",
                None,
                form_text(lang, "received.pending.body"),
            )
        page = self._page(
            "received.html",
            tenant,
            lang,
            title=form_text(lang, title),
            number=number,
            paragraphs=[paragraph],
            pending=number is None,
        )
        page.headers["cache-control"] = "no-store"
        return page

    # -- checks ---------------------------------------------------------------------------------------

    def _session_of(self, request: Request) -> str | None:
        value = request.cookies.get(SESSION_COOKIE, "")
        return value if _TOKEN.fullmatch(value) else None

    def _csrf_token(self, *, session: str, slug: str, submission: str) -> str:
        return self._cipher.lookup_hash(f"form-csrf:{session}:{slug}:{submission}")

    def _csrf_ok(self, given: str, *, session: str, slug: str, submission: str) -> bool:
        expected = self._csrf_token(session=session, slug=slug, submission=submission)
        return hmac.compare_digest(expected.encode(), given.encode("utf-8", "replace"))

    def _attachments(self, files: list[UploadedFile], lang: str) -> tuple[list[Attachment], str | None]:
        """The accepted attachments, or the first reason one is refused (as the page says it)."""
        chosen = [f for f in files if f.file_name or f.data]
        limit = self._settings.form_max_files
        size_mb = self._settings.form_max_file_bytes // (1024 * 1024)
        if len(chosen) > limit:
            return [], form_text(lang, "error.too_many_files", count=limit)
        accepted: list[Attachment] = []
        for upload in chosen:
            name = _plain_name(upload.file_name)
            data = upload.data
            if len(data) > self._settings.form_max_file_bytes:
                return [], form_text(lang, "error.file_too_large", name=name, size=size_mb)
            content_type = content_type_of(data)
            if content_type is None:
                return [], form_text(lang, "error.file_type", name=name)
            accepted.append(
                Attachment(name=name, content_type=content_type, kind=ACCEPTED[content_type], data=data)
            )
        return accepted, None

    def _inbox_row(
        self,
        tenant: TenantInfo,
        submission: str,
        lang: str,
        reading: FormReading,
        attachments: list[Attachment],
        now: datetime,
    ) -> dict[str, Any]:
        assert reading.items is not None
        payload = {
            "submission": submission,
            "language": lang,
            "submitted_at": now.isoformat(),
            "items": reading.items.model_dump(mode="json", exclude_none=True),
            "attachments": [
                {
                    "name": a.name,
                    "content_type": a.content_type,
                    "kind": a.kind,
                    "data": base64.b64encode(a.data).decode("ascii"),
                }
                for a in attachments
            ],
        }
        # One person's submissions are taken in order (they may be the same complainant's).
        who = reading.items.email or reading.items.phone or submission
        return {
            "source": WEB,
            "event_id": f"{tenant.id}:form:{submission}",
            "tenant_id": tenant.id,
            "partition_key": f"web:{tenant.id}:{self._cipher.lookup_hash(who)[:32]}",
            "event_type": "form",
            "payload_enc": self._cipher.encrypt_bytes(orjson.dumps(payload)),
            "status": inbox.PENDING,
            "attempts": 0,
            "last_error": None,
            "received_at": now,
        }

    async def _wait_for_case(self, tenant: TenantInfo, submission: str) -> Case | None:
        """The submission's case once the worker has opened and read it, waiting a few seconds at most."""
        deadline = asyncio.get_running_loop().time() + self._settings.form_receipt_wait_seconds
        source_id = submission_source_id(submission)
        pause = 0.025
        while True:
            async with self._db.reader() as session:
                message = await cases.message_by_source_id(
                    session, tenant_id=tenant.id, source_message_id=source_id
                )
                case = (
                    await cases.case_by_id(session, case_id=message.case_id)
                    if message and message.case_id
                    else None
                )
            if case is not None and case.assessment_engine is not None:
                return case
            if asyncio.get_running_loop().time() >= deadline:
                return case
            # Soon at first, then less often: a crowd of waiting pages must not starve the worker.
            await asyncio.sleep(pause)
            pause = min(pause * 2, 0.4)

    async def _stored(self, tenant: TenantInfo, submission: str) -> bool:
        async with self._db.inbox_reader() as session:
            return await inbox.event_exists(session, event_id=f"{tenant.id}:form:{submission}")

    # -- pages ----------------------------------------------------------------------------------------

    def _form(
        self,
        tenant: TenantInfo,
        lang: str,
        *,
        session: str,
        submission: str,
        reading: FormReading | None,
        errors: Mapping[str, Any] | None = None,
        status: int,
    ) -> HTMLResponse:
        messages = {
            name: error if isinstance(error, str) else form_text(lang, error.key, **error.values)
            for name, error in (errors or {}).items()
        }
        labels = {name: form_text(lang, f"field.{name}", tenant=tenant.name) for name in FIELDS}
        if not tenant.shops:
            labels["shop_other"] = form_text(lang, "field.shop")
        now_local = self._clock.now().astimezone(TOKYO).strftime("%Y-%m-%dT%H:%M")
        page = self._page(
            "form.html",
            tenant,
            lang,
            title=form_text(lang, "title", tenant=tenant.name),
            action=f"/form/{tenant.slug}?lang={lang}",
            csrf=self._csrf_token(session=session, slug=tenant.slug, submission=submission),
            submission=submission,
            typed=reading.typed if reading else dict.fromkeys(FIELDS, ""),
            errors={name: messages[name] for name in FIELDS if name in messages},
            labels=labels,
            note=tenant.web_form_note,
            shops=list(tenant.shops),
            other_shop=OTHER_SHOP,
            feedback_allowed=tenant.feedback_allowed,
            what_max=WHAT_MAX,
            wanted_max=WANTED_MAX,
            max_files=self._settings.form_max_files,
            max_file_mb=self._settings.form_max_file_bytes // (1024 * 1024),
            now_local=now_local,
            status=status,
        )
        page.set_cookie(
            SESSION_COOKIE,
            session,
            path="/form",
            httponly=True,
            samesite="lax",
            secure=self._secure_cookie,
            max_age=7 * 24 * 3600,
        )
        return page

    def _page(
        self, template: str, tenant: TenantInfo | None, lang: str, *, status: int = 200, **values: Any
    ) -> HTMLResponse:
        name = tenant.name if tenant else ""
        other = "en" if lang == "ja" else "ja"
        # The page lists the policy's points itself: without the text's own bullet marks.
        lines = policy_text(lang, tenant=name).splitlines() if tenant else []
        values.setdefault("policy_lines", [line.removeprefix("・").removeprefix("- ") for line in lines])
        html = self._pages.get_template(template).render(
            lang=lang,
            t=lambda key, **more: form_text(lang, key, **more),
            static_url=STATIC_URL,
            tenant_name=name,
            other_lang=other,
            other_language_url=f"/form/{tenant.slug}?lang={other}" if tenant else None,
            **values,
        )
        return HTMLResponse(html, status_code=status)

    def _problem(
        self,
        tenant: TenantInfo | None,
        lang: str,
        title: str,
        paragraphs: list[str],
        *,
        status: int = 200,
        back: bool = False,
        other_ways: list[str] | None = None,
        **values: Any,
    ) -> HTMLResponse:
        name = tenant.name if tenant else ""
        return self._page(
            "problem.html",
            tenant,
            lang,
            status=status,
            title=form_text(lang, title),
            paragraphs=[form_text(lang, key, tenant=name, **values) for key in paragraphs],
            other_ways=other_ways or [],
            back_url=f"/form/{tenant.slug}?lang={lang}" if back and tenant else None,
            policy_lines=[],
        )

    def _not_found(self, lang: str) -> HTMLResponse:
        return self._problem(None, lang, "problem.not_found.title", ["problem.not_found.body"], status=404)

    def _closed(self, tenant: TenantInfo, lang: str) -> HTMLResponse:
        ways = other_ways(tenant, lang) or [form_text(lang, "other.none")]
        return self._problem(tenant, lang, "problem.closed.title", ["problem.closed.body"], other_ways=ways)


def other_ways(tenant: TenantInfo, lang: str) -> list[str]:
    """The tenant's other ways in, as the closed form lists them."""
    ways: list[str] = []
    if tenant.line_basic_id:
        ways.append(form_text(lang, "other.line", basic_id=tenant.line_basic_id))
    if tenant.desk_email:
        ways.append(form_text(lang, "other.email", email=tenant.desk_email))
    if tenant.desk_phone:
        key = "other.phone_hours" if tenant.desk_phone_hours else "other.phone"
        ways.append(form_text(lang, key, phone=tenant.desk_phone, hours=tenant.desk_phone_hours or ""))
    return ways


def _plain_name(filename: str) -> str:
    """A file's name as the desk may show it: no folders, no control characters, at most 100 characters."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable())
    return name[:100] or hashlib.sha256(filename.encode("utf-8", "replace")).hexdigest()[:12]
