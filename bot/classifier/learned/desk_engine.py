"""The learned engine as the service runs it: the desk's active model if there is one, else the shipped.

Which model is active is read from the database at most once a minute (by the injected clock), so that
`kasuhara classifier use|rollback` and a promotion reach a running service without a restart. A new
active model gets a classifier process of its own, loaded with it; the previous one is stopped.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.classifier.isolated import IsolatedClassifier, learned_run
from bot.classifier.learned import DESK_MODEL_UNUSABLE
from bot.classifier.learned.desk_models import active_model
from bot.classifier.learned.model import ModelFileError
from bot.classifier.model import Assessment
from bot.clock import Clock
from bot.crypto import PiiCipher
from storage.db import Database
from storage.repos import classifier_models

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(seconds=60)


class DeskModelClassifier:
    """The learned engine over the desk's active model (the shipped one when none is, or it is unusable)."""

    def __init__(self, *, db: Database, cipher: PiiCipher, clock: Clock, budget_seconds: float) -> None:
        self._db = db
        self._cipher = cipher
        self._clock = clock
        self._budget = budget_seconds
        self._shipped = IsolatedClassifier(budget_seconds=budget_seconds, run=learned_run())
        self._desk: IsolatedClassifier | None = None
        self._desk_sha: str | None = None
        self._unusable: str | None = None  # why the active model is passed over
        self._checked_at: datetime | None = None

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The active model's assessment (the engine's name says which version spoke)."""
        await self._refresh()
        if self._desk is not None:
            return await self._desk.assess(text, language=language)
        assessment = await self._shipped.assess(text, language=language)
        if self._unusable:
            return assessment.model_copy(
                update={"engine": f"{assessment.engine} ({DESK_MODEL_UNUSABLE}: {self._unusable})"}
            )
        return assessment

    def close(self) -> None:
        """Stop the desk model's process."""
        if self._desk is not None:
            self._desk.close()
            self._desk = None

    async def _refresh(self) -> None:
        now = self._clock.now()
        if self._checked_at is not None and now - self._checked_at < CHECK_EVERY:
            return
        self._checked_at = now
        async with self._db.reader() as session:
            key = await classifier_models.active_key(session)
            if key is not None and key[1] == self._desk_sha:
                return
            try:
                desk = await active_model(session, self._cipher) if key is not None else None
                why = None if key is None or desk is not None else "trained under other rules"
            except ModelFileError as exc:
                desk, why = None, str(exc)
        if why and why != self._unusable:
            log.error("the desk's active model cannot be used (%s): the shipped one answers", why)
        self._unusable = why
        self.close()
        self._desk_sha = desk.sha256 if desk else None
        if desk is not None:
            log.info("the learned engine answers with the desk's model %s", desk.version)
            self._desk = IsolatedClassifier(budget_seconds=self._budget, model=desk.data)
