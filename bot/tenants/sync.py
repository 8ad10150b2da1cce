"""Applying a validated tenants file in one transaction."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.crypto import PiiCipher
from bot.tenants.file import TenantSpec, parse_tenant_file
from storage.db import Database
from storage.models import Tenant
from storage.repos import audit
from storage.repos import tenants as tenant_repo


@dataclass
class SyncSummary:
    """What a sync changed."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)


def _public_fields(tenant: Tenant) -> dict[str, object]:
    """A tenant's settings as the audit log keeps them (no secrets)."""
    return {
        "name": tenant.name,
        "language": tenant.language,
        "line_channel_id": tenant.line_channel_id,
        "report_channels": list(tenant.report_channels or []),
        "contract_start": tenant.contract_start.isoformat() if tenant.contract_start else None,
        "contract_end": tenant.contract_end.isoformat() if tenant.contract_end else None,
        "extra_closed_days": list(tenant.extra_closed_days or []),
        "feedback_allowed": tenant.feedback_allowed,
        "retention_days": tenant.retention_days,
        "active": tenant.active,
        "shops": list(tenant.shops or []),
        "flyer_code": tenant.flyer_code,
        "shared_line_account": tenant.shared_line_account,
        "line_shared": tenant.line_shared,
        "line_basic_id": tenant.line_basic_id,
        "web_form_enabled": tenant.web_form_enabled,
        "web_form_note": tenant.web_form_note,
        "desk_phone": tenant.desk_phone,
        "desk_phone_hours": tenant.desk_phone_hours,
        "desk_email": tenant.desk_email,
        "mail_imap_user": tenant.mail_imap_user,
    }


def apply_spec(tenant: Tenant, spec: TenantSpec, cipher: PiiCipher) -> bool:
    """Copy a spec onto a tenant; True when anything changed (secrets compared decrypted)."""
    before = _public_fields(tenant)
    old_secret = cipher.decrypt(tenant.line_channel_secret_enc) if tenant.line_channel_secret_enc else None
    old_token = cipher.decrypt(tenant.line_access_token_enc) if tenant.line_access_token_enc else None
    old_mail = cipher.decrypt(tenant.mail_imap_password_enc) if tenant.mail_imap_password_enc else None
    tenant.name = spec.name
    tenant.language = spec.language
    tenant.line_channel_id = spec.line.channel_id if spec.line else None
    tenant.report_channels = list(spec.slack.report_channels)
    tenant.contract_start = spec.contract.start if spec.contract else None
    tenant.contract_end = spec.contract.end if spec.contract else None
    tenant.extra_closed_days = [d.isoformat() for d in spec.extra_closed_days]
    tenant.feedback_allowed = spec.feedback_allowed
    tenant.retention_days = spec.retention_days
    tenant.shops = list(spec.shops)
    tenant.flyer_code = spec.code.upper() if spec.code else None
    tenant.shared_line_account = spec.shared_line_account
    tenant.line_shared = spec.shared_account
    tenant.line_basic_id = spec.line.basic_id if spec.line else None
    tenant.web_form_enabled = spec.web_form.enabled
    tenant.web_form_note = spec.web_form.note
    tenant.desk_phone = spec.contact.phone
    tenant.desk_phone_hours = spec.contact.phone_hours
    tenant.desk_email = spec.contact.email
    tenant.mail_imap_user = spec.mail.imap_user if spec.mail else None
    tenant.active = True
    new_secret = spec.line.channel_secret if spec.line else None
    new_token = spec.line.access_token if spec.line else None
    new_mail = spec.mail.imap_password if spec.mail else None
    secrets_changed = (old_secret, old_token, old_mail) != (new_secret, new_token, new_mail)
    if secrets_changed:
        tenant.line_channel_secret_enc = cipher.encrypt(new_secret) if new_secret else None
        tenant.line_access_token_enc = cipher.encrypt(new_token) if new_token else None
        tenant.mail_imap_password_enc = cipher.encrypt(new_mail) if new_mail else None
    return secrets_changed or before != _public_fields(tenant)


async def sync_tenants(
    session: AsyncSession, *, specs: list[TenantSpec], cipher: PiiCipher, now: datetime, actor: str
) -> SyncSummary:
    """Create or update every tenant in the file; deactivate the ones no longer in it."""
    summary = SyncSummary()
    existing = {t.slug: t for t in await tenant_repo.all_tenants(session)}
    for spec in specs:
        tenant = existing.get(spec.slug)
        if tenant is None:
            tenant = Tenant(slug=spec.slug, created_at=now, updated_at=now)
            apply_spec(tenant, spec, cipher)
            session.add(tenant)
            await session.flush()
            summary.created.append(spec.slug)
            audit.record(
                session,
                at=now,
                actor=actor,
                action="tenant.created",
                tenant_id=tenant.id,
                after=_public_fields(tenant),
            )
            continue
        before = _public_fields(tenant)
        if apply_spec(tenant, spec, cipher):
            tenant.updated_at = now
            summary.updated.append(spec.slug)
            audit.record(
                session,
                at=now,
                actor=actor,
                action="tenant.updated",
                tenant_id=tenant.id,
                before=before,
                after=_public_fields(tenant),
            )
        else:
            summary.unchanged.append(spec.slug)
    wanted = {spec.slug for spec in specs}
    for slug, tenant in existing.items():
        if slug not in wanted and tenant.active:
            tenant.active = False
            tenant.updated_at = now
            summary.deactivated.append(slug)
            audit.record(session, at=now, actor=actor, action="tenant.deactivated", tenant_id=tenant.id)
    # The run itself (it reads every tenant's LINE and mailbox secrets), changed or not, in the desk's chain.
    audit.record(session, at=now, actor=actor, action="tenants.synced", after=asdict(summary))
    return summary


async def sync_tenant_yaml(
    db: Database, cipher: PiiCipher, *, text: str, now: datetime, actor: str
) -> SyncSummary:
    """Validate a tenants document and apply it in one transaction."""
    specs = parse_tenant_file(text)
    async with db.transaction() as session:
        return await sync_tenants(session, specs=specs, cipher=cipher, now=now, actor=actor)
