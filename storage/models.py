"""SQLAlchemy 2 models. Timestamps are UTC; personal data is stored only encrypted (`*_enc`)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    """Declarative base with UTC-aware timestamps."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Tenant(Base):
    """A client organisation of the desk."""

    __tablename__ = "tenant"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(2), default="ja")
    line_channel_id: Mapped[str | None] = mapped_column(String(64))
    line_channel_secret_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    line_access_token_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    report_channels: Mapped[list[Any]] = mapped_column(default=list)
    contract_start: Mapped[date | None] = mapped_column(Date)
    contract_end: Mapped[date | None] = mapped_column(Date)
    extra_closed_days: Mapped[list[Any]] = mapped_column(default=list)
    feedback_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Days after a case closes until the complainant's personal data is purged (None: the default).
    retention_days: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # The intake dialogue (issue 4): shops to pick from, the flyer code, the shared LINE account it is on
    # (the slug of a tenant with `line_shared`, whose LINE channel serves several clients).
    shops: Mapped[list[Any] | None] = mapped_column(JSON)
    flyer_code: Mapped[str | None] = mapped_column(String(32))
    shared_line_account: Mapped[str | None] = mapped_column(String(64))
    line_shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # The ways in besides LINE (issue 15): the LINE account's basic id for the flyer's QR code, the web
    # form (on unless the tenants file turns it off) with its extra note, and the phone number, its hours
    # and the e-mail address printed on the flyer.
    line_basic_id: Mapped[str | None] = mapped_column(String(32))
    web_form_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    web_form_note: Mapped[str | None] = mapped_column(Text)
    desk_phone: Mapped[str | None] = mapped_column(String(32))
    desk_phone_hours: Mapped[str | None] = mapped_column(String(100))
    desk_email: Mapped[str | None] = mapped_column(String(254))
    # The tenant's own mailbox on the desk's IMAP server (every mail in it is this tenant's): the account
    # and its password, encrypted like the LINE secrets.
    mail_imap_user: Mapped[str | None] = mapped_column(String(254))
    mail_imap_password_enc: Mapped[bytes | None] = mapped_column(LargeBinary)


class Complainant(Base):
    """A pseudonymous complainant of one tenant; identifiers only encrypted or hashed."""

    __tablename__ = "complainant"
    __table_args__ = (
        UniqueConstraint("tenant_id", "line_user_hash"),
        Index("ix_complainant_contact", "tenant_id", "contact_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    line_user_hash: Mapped[str | None] = mapped_column(String(64))
    line_user_id_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    contact_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # Who wrote by the web form, mail or phone: a keyed hash of their e-mail address or phone number (the
    # same person's earlier cases, whatever the way in); None when they gave neither.
    contact_hash: Mapped[str | None] = mapped_column(String(64))
    following: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]


class CaseCounter(Base):
    """Last case sequence number per year, for readable case numbers."""

    __tablename__ = "case_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class Case(Base):
    """A case: one complaint from intake to report."""

    __tablename__ = "case"
    __table_args__ = (Index("ix_case_tenant_status", "tenant_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainant.id"))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="new")
    received_at: Mapped[datetime]
    last_message_at: Mapped[datetime]
    sla_due: Mapped[date] = mapped_column(Date)
    triage_channel: Mapped[str | None] = mapped_column(String(32))
    triage_ts: Mapped[str | None] = mapped_column(String(32))
    # The classifier's suggestion: the whole assessment (summary and evidence quote the complainant) only
    # sealed (bot.cases.texts); what queries need in clear.
    suggested_label: Mapped[str | None] = mapped_column(String(16))
    assessment_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    assessment_types: Mapped[list[Any] | None] = mapped_column(JSON)
    assessment_confidence: Mapped[float | None] = mapped_column(Float)
    assessment_engine: Mapped[str | None] = mapped_column(String(120))
    flags: Mapped[dict[str, Any]] = mapped_column(default=dict)
    assignee: Mapped[str | None] = mapped_column(String(32))
    # The report items the intake dialogue collected (see bot.cases.items), encrypted JSON.
    intake_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    intake_complete: Mapped[bool | None] = mapped_column(Boolean)
    decided_at: Mapped[datetime | None]
    reported_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Why the case was closed (bot.case_lifecycle.CLOSE_REASONS); None while it is open.
    close_reason: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Verdict(Base):
    """A reviewer's decision on a case; a correction is a new version."""

    __tablename__ = "verdict"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    version: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(16))
    behaviour_types: Mapped[list[Any]] = mapped_column(default=list)
    # Opinion, advice, recommendation and police reference (they may quote the complainant), sealed JSON.
    texts_enc: Mapped[bytes] = mapped_column(LargeBinary)
    feedback_to_complainant: Mapped[bool] = mapped_column(Boolean)
    police_report: Mapped[bool] = mapped_column(Boolean)
    decided_by: Mapped[str] = mapped_column(String(32))
    decided_at: Mapped[datetime]


class ClientReport(Base):
    """A case report sent to the client; a corrected report is the next version."""

    __tablename__ = "client_report"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    version: Mapped[int] = mapped_column(Integer)
    verdict_version: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(2))
    channels: Mapped[list[Any]] = mapped_column(default=list)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    sent_by: Mapped[str] = mapped_column(String(80))
    sent_at: Mapped[datetime]


class ScheduledRun(Base):
    """One firing of a scheduled job for one period, claimed exactly once (unique job + period)."""

    __tablename__ = "scheduled_run"
    __table_args__ = (UniqueConstraint("job", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(60))
    period: Mapped[str] = mapped_column(String(80))
    ran_at: Mapped[datetime]
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Message(Base):
    """One inbound or outbound message of a complainant, usually of a case."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_case", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    complainant_id: Mapped[int | None] = mapped_column(ForeignKey("complainant.id"))
    direction: Mapped[str] = mapped_column(String(3))
    kind: Mapped[str] = mapped_column(String(24))
    body_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    source_message_id: Mapped[str | None] = mapped_column(String(64), index=True)
    unsent: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class InboxEvent(Base):
    """A raw inbound event, stored before the 200; unique per source and event id.

    On SQLite this table is used in its own file (see storage.db.open_database), so it has no
    foreign keys; the worker records what it processed in `inbox_receipt` in the main database.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("source", "event_id"),
        Index("ix_inbox_pending", "status", "id"),
        Index("ix_inbox_partition", "partition_key", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(128))
    tenant_id: Mapped[int] = mapped_column(Integer)
    partition_key: Mapped[str] = mapped_column(String(80))
    event_type: Mapped[str] = mapped_column(String(40))
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]


class InboxReceipt(Base):
    """An inbox event whose effects are committed: written in the same transaction as those effects."""

    __tablename__ = "inbox_receipt"

    inbox_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime]


class OutboxEffect(Base):
    """A pending outbound side effect, written with the state change that causes it."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_ordering", "ordering_key", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(24))
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenant.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    ordering_key: Mapped[str] = mapped_column(String(120))
    parent_key: Mapped[str | None] = mapped_column(String(160))
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who did what, when, with the state before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_case", "case_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenant.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    # The state before and after, each sealed JSON (storage.repos.audit opens them).
    before_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    after_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The entry's place in its tenant's hash chain (or the desk's), set at flush (storage.audit_chain),
    # which covers before and after through their keyed digest: the purge may drop the values themselves.
    values_digest: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))


# One entry per place in a chain: a fork (two entries after the same one) cannot be stored.
Index("uq_audit_chain_seq", func.coalesce(AuditEntry.tenant_id, 0), AuditEntry.seq, unique=True)


class AuditChainHead(Base):
    """The newest entry of one audit chain (`desk` or `tenant:ID`): appending locks this row."""

    __tablename__ = "audit_chain_head"

    chain: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class SlackReceipt(Base):
    """A Slack interaction already applied (trigger or view id): retries and resubmissions apply once."""

    __tablename__ = "slack_receipt"

    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    actor: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]


class Dialogue(Base):
    """Where a complainant is in the intake dialogue (one row per complainant, reused case after case)."""

    __tablename__ = "dialogue"
    __table_args__ = (
        UniqueConstraint("complainant_id"),
        Index("ix_dialogue_idle", "step", "last_activity_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    complainant_id: Mapped[int] = mapped_column(ForeignKey("complainant.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("case.id"))
    # On a shared LINE account: the client the complainant picked by the flyer's code.
    routed_tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenant.id"))
    step: Mapped[str] = mapped_column(String(24))
    answered: Mapped[list[Any]] = mapped_column(default=list)  # steps answered or skipped
    language: Mapped[str] = mapped_column(String(2))
    started_at: Mapped[datetime]
    last_activity_at: Mapped[datetime]


class Evidence(Base):
    """A complainant's image, video, audio or file, kept in the blob store (encrypted) for a case."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("message_id"), Index("ix_evidence_case", "case_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenant.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("case.id"))
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id"))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # stored | too_large | unavailable
    blob_key: Mapped[str | None] = mapped_column(String(128))
    content_type: Mapped[str | None] = mapped_column(String(128))
    size: Mapped[int | None] = mapped_column(Integer)
    sha256: Mapped[str | None] = mapped_column(String(64))
    file_name_enc: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class ClassifierModel(Base):
    """A learned-engine model trained at the desk (on the shipped data and the desk's verdicts).

    The artefact is sealed: its vocabulary holds character n-grams of the desk's (redacted) cases. At most
    one row is active; none active means the model shipped with the code answers.
    """

    __tablename__ = "classifier_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    artefact_enc: Mapped[bytes] = mapped_column(LargeBinary)
    artefact_sha256: Mapped[str] = mapped_column(String(64))
    rules_digest: Mapped[str] = mapped_column(String(32))
    # candidate (not promoted by its gate) | active | retired (was active once)
    status: Mapped[str] = mapped_column(String(12))
    # What it was trained on (counts only) and both models' figures on each gate set, side by side.
    metrics: Mapped[dict[str, Any]] = mapped_column(default=dict)
    verdicts: Mapped[int] = mapped_column(Integer)
    trained_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime]
    activated_at: Mapped[datetime | None]
    # The version that answered before this one was last activated ("shipped": the code's): a rollback's
    # way back.
    replaced_version: Mapped[str | None] = mapped_column(String(40))
