"""The desk's decided cases as labelled texts: every recorded verdict is a label for the learned engine.

Read inside the desk's own database and never written anywhere: each text is the case's words with the
complainant's personal data redacted (what they gave in the dialogue, and every pattern the redactor
knows), labelled by the case's latest verdict. A purged case has no words left and is not read. One case
in five, chosen by its number (so the same cases every time), is held out to judge a candidate model and
never trained on.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.words import case_words
from bot.classifier.evaluation import LabelledItem
from bot.classifier.model import LABELS
from bot.classifier.redact import redact
from bot.crypto import PiiCipher
from storage.models import Case, Message, Tenant, Verdict
from storage.repos import reviews

HOLDOUT_ONE_IN = 5


@dataclass(frozen=True)
class VerdictCorpus:
    """The decided cases to train on, and those held out to judge a candidate."""

    train: list[LabelledItem] = field(default_factory=list)
    holdout: list[LabelledItem] = field(default_factory=list)

    @property
    def size(self) -> int:
        """How many decided cases in all."""
        return len(self.train) + len(self.holdout)


def held_out(case_number: str) -> bool:
    """Whether a case belongs to the held-out slice (stable: by its number alone)."""
    return hashlib.sha256(case_number.encode()).digest()[0] % HOLDOUT_ONE_IN == 0


async def verdict_corpus(session: AsyncSession, cipher: PiiCipher) -> VerdictCorpus:
    """Every decided case with words left, redacted and labelled by its latest verdict."""
    decided = list(
        await session.scalars(
            select(Case).where(Case.id.in_(select(Verdict.case_id).distinct())).order_by(Case.id)
        )
    )
    verdicts = await reviews.latest_verdicts(session, case_ids=[c.id for c in decided])
    languages = {row[0]: row[1] for row in await session.execute(select(Tenant.id, Tenant.language))}
    messages: dict[int, list[Message]] = defaultdict(list)
    rows = await session.scalars(
        select(Message)
        .where(Message.case_id.in_([c.id for c in decided]), Message.direction == "in")
        .order_by(Message.id)
    )
    for message in rows:
        if message.case_id is not None:
            messages[message.case_id].append(message)
    corpus = VerdictCorpus()
    for case in decided:
        verdict = verdicts.get(case.id)
        words = case_words(cipher, case, messages.get(case.id, []))
        if verdict is None or verdict.label not in LABELS or not words.body.strip():
            continue
        item = LabelledItem(
            id=f"case:{case.number}",
            text=redact(words.body, urls="all", known=words.known).text,
            label=verdict.label,  # checked against LABELS above
            lang=languages.get(case.tenant_id, "ja"),
            writer=f"complainant:{case.complainant_id}" if case.complainant_id else f"case:{case.id}",
        )
        (corpus.holdout if held_out(case.number) else corpus.train).append(item)
    return corpus


async def verdicts_since(session: AsyncSession, since: datetime | None) -> int:
    """How many cases got their first verdict after `since` (all decided cases when None)."""
    first = select(Verdict.case_id, func.min(Verdict.decided_at).label("at")).group_by(Verdict.case_id)
    sub = first.subquery()
    query = select(func.count()).select_from(sub)
    if since is not None:
        query = query.where(sub.c.at > since)
    return int(await session.scalar(query) or 0)
