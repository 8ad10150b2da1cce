"""The monthly retrain (off by default): the learned engine learns from the verdicts of the month.

On the first tick of each month (Tokyo), once enough cases were decided since the last model, a candidate
is trained on the shipped data and the verdicts in a child process (minutes of CPU, away from the
worker's event loop), judged beside the model in use and stored; it answers only if it passed its gate.
The admins get the side-by-side figures either way.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.verdict_corpus import VerdictCorpus, verdict_corpus, verdicts_since
from bot.classifier.evaluation import LabelledItem
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
from storage.repos import classifier_models

ACTOR = "scheduler:retrain"


@dataclass(frozen=True)
class RetrainInputs:
    """What a candidate learns from and is judged against, read from the desk's database: the decided
    cases, the model in use (the desk's active one, or the shipped one) and the candidate's version."""

    corpus: VerdictCorpus
    current: LinearModel
    version: str

    def job(
        self,
        *,
        shipped: Sequence[LabelledItem],
        gate_sets: Mapping[str, Sequence[LabelledItem]],
        settings: TrainingSettings | None = None,
    ) -> Callable[[], Retrained]:
        """The training and the gate as one call (minutes of CPU: for a thread or a child process)."""
        return partial(
            retrain,
            shipped=shipped,
            verdicts=self.corpus.train,
            held_out=self.corpus.holdout,
            gate_sets=gate_sets,
            current=self.current,
            version=self.version,
            settings=settings,
        )


async def retrain_inputs(
    session: AsyncSession, cipher: PiiCipher, *, base: str = TrainingSettings.version
) -> RetrainInputs:
    """The decided cases, the model in use and the next version over `base`; ModelFileError when the
    model in use cannot be opened."""
    corpus = await verdict_corpus(session, cipher)
    active = await desk_models.active_model(session, cipher)
    current = active.model if active else LinearModel.load(SHIPPED_MODEL)
    return RetrainInputs(corpus, current, await desk_models.next_version(session, base))


@dataclass
class Outcome:
    """What the month's retrain found: skipped (too few new verdicts) or a trained candidate."""

    new_verdicts: int
    retrained: Retrained | None = None
    verdicts: int = 0


async def prepare_retrain(db: Database, cipher: PiiCipher, settings: Settings) -> Outcome:
    """Train and judge a candidate if enough cases were decided since the last model (reads only)."""
    async with db.reader() as session:
        new = await verdicts_since(session, await classifier_models.last_trained_at(session))
        if new < settings.classifier_retrain_min_verdicts:
            return Outcome(new)
        inputs = await retrain_inputs(session, cipher)
    shipped, _ = training_items(training_files(settings.classifier_training_data, ROOT), ROOT)
    job = inputs.job(shipped=shipped, gate_sets=gate_sets(settings.classifier_gate_sets))
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        retrained = await asyncio.get_running_loop().run_in_executor(pool, job)
    return Outcome(new, retrained, inputs.corpus.size)


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
