"""The desk's own models: a candidate stored with its gate figures, the active one, `use` and `rollback`.

A model's artefact is sealed in the database (its vocabulary holds n-grams of the desk's redacted
cases) and opened only to load it. Every change of the model that answers is audited. A model trained
under other rules than the running ones reads features that no longer mean the same: it is never made
active, and one that is active when the rules change is passed over (the shipped model answers).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.learned.promotion import GateReport
from bot.classifier.learned.train import rules_digest
from bot.crypto import PiiCipher
from storage.models import ClassifierModel
from storage.repos import audit
from storage.repos import classifier_models as repo

SHIPPED = "shipped"


class ModelChoiceError(ValueError):
    """A `use` or `rollback` that cannot be done (unknown version, other rules, nothing to roll back)."""


@dataclass(frozen=True)
class DeskModel:
    """A stored model opened: its row's version, its artefact and the model read from it."""

    version: str
    sha256: str
    data: bytes
    model: LinearModel


def desk_version(base: str, number: int) -> str:
    """The version of the desk's `number`th model trained over the shipped `base` (learned-1-desk3)."""
    return f"{base}-desk{number}"


async def next_version(session: AsyncSession, base: str) -> str:
    """The version the next stored model gets."""
    return desk_version(base, await repo.count(session) + 1)


async def store(
    session: AsyncSession,
    cipher: PiiCipher,
    *,
    model: LinearModel,
    report: GateReport,
    verdicts: int,
    actor: str,
    now: datetime,
) -> ClassifierModel:
    """Keep a trained candidate with its figures; made active at once if it passed its gate."""
    data = model.to_bytes()
    row = ClassifierModel(
        version=model.version,
        artefact_enc=cipher.encrypt_bytes(data),
        artefact_sha256=hashlib.sha256(data).hexdigest(),
        rules_digest=str(model.header.get("rules_digest", "")),
        status="candidate",
        metrics={"gate": report.as_dict(), "k_fold": model.header.get("k_fold", {})},
        verdicts=verdicts,
        trained_by=actor,
        created_at=now,
    )
    session.add(row)
    await session.flush()
    audit.record(
        session,
        at=now,
        actor=actor,
        action="classifier.model_trained",
        after={"version": row.version, "verdicts": verdicts, "promote": report.promote},
    )
    if report.promote:
        current = await repo.active(session)
        await _activate(session, row, current, actor=actor, now=now, action="classifier.model_promoted")
    return row


async def use(session: AsyncSession, version: str, *, actor: str, now: datetime) -> str:
    """Make `version` (or "shipped") the model that answers; returns the version that answered before."""
    current = await repo.active(session)
    if version == SHIPPED:
        return await _answer_with_shipped(
            session, current, actor=actor, now=now, action="classifier.model_used"
        )
    row = await repo.by_version(session, version=version)
    if row is None:
        raise ModelChoiceError(f"no stored model {version!r} (see `kasuhara classifier list`)")
    if row.rules_digest != rules_digest():
        raise ModelChoiceError(f"{version} was trained under other rules: train a new one")
    return await _activate(session, row, current, actor=actor, now=now, action="classifier.model_used")


async def rollback(session: AsyncSession, *, actor: str, now: datetime) -> str:
    """Back to the model that answered before the active one was activated; returns it."""
    current = await repo.active(session)
    if current is None:
        raise ModelChoiceError("the shipped model answers already: nothing to roll back")
    back = current.replaced_version or SHIPPED
    previous = None if back == SHIPPED else await repo.by_version(session, version=back)
    action = "classifier.model_rolled_back"
    if previous is None or previous.rules_digest != rules_digest():
        await _answer_with_shipped(session, current, actor=actor, now=now, action=action)
        return SHIPPED
    await _activate(session, previous, current, actor=actor, now=now, action=action, keep_way_back=True)
    return previous.version


async def active_model(session: AsyncSession, cipher: PiiCipher) -> DeskModel | None:
    """The active model opened, or None when the shipped one answers (none active, or the active one
    trained under other rules); ModelFileError when its artefact cannot be opened."""
    row = await repo.active(session)
    if row is None or row.rules_digest != rules_digest():
        return None
    try:
        data = cipher.decrypt_bytes(row.artefact_enc)
    except Exception:
        raise ModelFileError(f"{row.version}: the sealed artefact cannot be opened") from None
    return DeskModel(row.version, row.artefact_sha256, data, LinearModel.from_bytes(data))


async def _activate(
    session: AsyncSession,
    row: ClassifierModel,
    current: ClassifierModel | None,
    *,
    actor: str,
    now: datetime,
    action: str,
    keep_way_back: bool = False,
) -> str:
    """`row` answers instead of `current` (the active row, None: the shipped model); returns the version
    that answered before."""
    before = current.version if current else SHIPPED
    if current is not None and current.id == row.id:
        return before
    await repo.retire_active(session)
    row.status = "active"
    row.activated_at = now
    if not keep_way_back:  # a rollback keeps the row's own way back, so that rollbacks walk the history
        row.replaced_version = before
    audit.record(
        session, at=now, actor=actor, action=action, before={"model": before}, after={"model": row.version}
    )
    return before


async def _answer_with_shipped(
    session: AsyncSession, current: ClassifierModel | None, *, actor: str, now: datetime, action: str
) -> str:
    """The shipped model answers instead of `current`; returns the version that answered before."""
    await repo.retire_active(session)
    if current is None:
        return SHIPPED
    audit.record(
        session,
        at=now,
        actor=actor,
        action=action,
        before={"model": current.version},
        after={"model": SHIPPED},
    )
    return current.version
