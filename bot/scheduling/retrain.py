"""The monthly retrain (off by default): the learned engine learns from the verdicts of the month.

On the first tick of each month (Tokyo), once enough cases were decided since the last model, a candidate
is trained on the shipped data and the verdicts in a child process (minutes of CPU, away from the
worker's event loop), judged beside the model in use and stored; it answers only if it passed its gate.
The admins get the side-by-side figures either way.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.verdict_corpus import verdict_corpus, verdicts_since
from bot.classifier.learned import desk_models
from bot.classifier.learned.corpus import ROOT, gate_sets, training_files, training_items
from bot.classifier.learned.engine import SHIPPED_MODEL
from bot.classifier.learned.model import LinearModel
from bot.classifier.learned.promotion import side_by_side
from bot.classifier.learned.retrain import Retrained, retrain
from bot.classifier.learned.train import TrainingSettings
from bot.config import Settings
from bot.crypto import PiiCipher
from bot.outbox.desk import enqueue_admin_alert
from bot.texts import desk_text
from storage.db import Database
from storage.models import ClassifierModel

ACTOR = "scheduler:retrain"


@dataclass
class Outcome:
    """What the month's retrain found: skipped (too few new verdicts) or a trained candidate."""

    new_verdicts: int
    retrained: Retrained | None = None
    verdicts: int = 0


async def prepare_retrain(db: Database, cipher: PiiCipher, settings: Settings) -> Outcome:
    """Train and judge a candidate if enough cases were decided since the last model (reads only)."""
    async with db.reader() as session:
        last = await session.scalar(select(func.max(ClassifierModel.created_at)))
        new = await verdicts_since(session, last)
        if new < settings.classifier_retrain_min_verdicts:
            return Outcome(new)
        corpus = await verdict_corpus(session, cipher)
        active = await desk_models.active_model(session, cipher)
        version = await desk_models.next_version(session, TrainingSettings.version)
    shipped, _ = training_items(training_files(settings.classifier_training_data, ROOT), ROOT)
    job = partial(
        retrain,
        shipped=shipped,
        verdicts=corpus.train,
        held_out=corpus.holdout,
        gate_sets=gate_sets(settings.classifier_gate_sets),
        current=active.model if active else LinearModel.load(SHIPPED_MODEL),
        version=version,
    )
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        retrained = await asyncio.get_running_loop().run_in_executor(pool, job)
    return Outcome(new, retrained, corpus.size)


async def record_retrain(
    session: AsyncSession,
    cipher: PiiCipher,
    settings: Settings,
    outcome: Outcome,
    *,
    period: str,
    now: datetime,
) -> None:
    """Store the candidate (active if it passed) and tell the admins."""
    if outcome.retrained is None:
        return
    row = await desk_models.store(
        session,
        cipher,
        model=outcome.retrained.candidate,
        report=outcome.retrained.report,
        verdicts=outcome.verdicts,
        actor=ACTOR,
        now=now,
    )
    promoted = row.status == "active"
    await enqueue_admin_alert(
        session,
        cipher,
        settings,
        key=f"classifier:retrain:{period}",
        now=now,
        text=desk_text(
            "alert.classifier_retrained",
            version=row.version,
            verdicts=outcome.verdicts,
            outcome=desk_text("alert.classifier_promoted" if promoted else "alert.classifier_not_promoted"),
            table=side_by_side(outcome.retrained.report),
        ),
    )
