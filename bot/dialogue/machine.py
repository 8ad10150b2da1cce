"""The intake dialogue as a small explicit state machine: pure, no I/O.

Each step fills one report item. A step is asked only while its item is missing and it was not answered or
skipped; facts found in free text fill items early, so their questions are never asked. Texts are keys into
`bot.dialogue.texts`; the service renders them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.calendar import TOKYO
from bot.cases.items import ReportItems
from bot.dialogue.extract import find_contact, find_shop, find_when
from bot.dialogue.when import FUTURE_GRACE, FutureDateError, parse_when


class Step(StrEnum):
    """Where a dialogue is; DONE once submitted or cancelled."""

    ANONYMITY = "anonymity"
    NAME = "name"
    CONTACT = "contact"
    PLACE = "place"
    STAFF = "staff"
    WHEN = "when"
    WHAT = "what"
    WANTED = "wanted"
    FEEDBACK = "feedback"
    CONSENT = "consent"
    CONFIRM = "confirm"
    DONE = "done"


ORDER = (
    Step.ANONYMITY,
    Step.NAME,
    Step.CONTACT,
    Step.PLACE,
    Step.STAFF,
    Step.WHEN,
    Step.WHAT,
    Step.WANTED,
    Step.FEEDBACK,
    Step.CONSENT,
    Step.CONFIRM,
)
CHOICE_STEPS = {
    Step.ANONYMITY: ("named", "anonymous"),
    Step.FEEDBACK: ("yes", "no"),
    Step.CONSENT: ("yes", "no"),
}
# Steps whose answers are personal data: never echoed into Slack.
PRIVATE_STEPS = frozenset({Step.NAME, Step.CONTACT})
NAME_LIMIT = 100
SHORT_LIMIT = 300
WHEN_WORDS_LIMIT = 30
# Facts (contact, shop, time) are looked for in the first this many characters of a text: enough for any
# message (LINE's own limit is 5,000), and it keeps the worker's transaction short for a forged huge one.
FACTS_MAX_CHARS = 10_000

_WORDS = {
    "restart": {"やり直す", "やりなおす", "やり直し", "最初から", "restart", "start over"},
    "cancel": {"キャンセル", "取りやめ", "やめる", "cancel"},
    "skip": {"スキップ", "とばす", "飛ばす", "パス", "skip", "pass"},
    "submit": {"送信する", "送信", "はい、送信", "submit", "send"},
    "yes": {"はい", "希望する", "同意する", "yes", "y", "ok"},
    "no": {"いいえ", "希望しない", "同意しない", "no", "n"},
    "named": {"名前を伝える", "記名", "名乗る", "give my name", "named"},
    "anonymous": {"匿名のまま", "匿名", "anonymous", "stay anonymous"},
}


_TRAILING = frozenset("。．.!！?？「」")


def _strip_trailing(word: str) -> str:
    r"""`word` without trailing spaces and 。．.!！?？「」 (one pass back from the end: the regex
    `[\s。．.!！?？「」]+$` would try every start of a long inner run of them and cost quadratic time)."""
    end = len(word)
    while end and (word[end - 1].isspace() or word[end - 1] in _TRAILING):
        end -= 1
    return word[:end]


def command_of(text: str) -> str | None:
    """The command a short text is (restart, cancel, skip, submit, yes, no, named, anonymous), if any."""
    word = _strip_trailing(unicodedata.normalize("NFKC", text).strip().lower())
    word = re.sub(r"^[「]", "", word)
    for command, words in _WORDS.items():
        if word in words:
            return command
    return None


@dataclass
class Answer:
    """One input to the current step: free text, a button's value, a picked date-time, or a location."""

    text: str | None = None
    choice: str | None = None
    picked: datetime | None = None
    location: str | None = None


@dataclass
class Outcome:
    """What an input did: the new items and step, and the notes to say before the next question."""

    items: ReportItems
    answered: list[str]
    step: Step
    event: str  # answered | added | skipped | invalid | restarted | cancelled | submitted
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def is_due(step: Step, items: ReportItems, answered: list[str]) -> bool:
    """Whether a step still needs asking."""
    if step.value in answered:
        return False
    due = {
        Step.ANONYMITY: items.anonymous is None,
        Step.NAME: items.anonymous is False and items.name is None,
        Step.CONTACT: items.anonymous is not True and items.phone is None and items.email is None,
        Step.PLACE: items.place is None,
        Step.STAFF: items.staff is None,
        Step.WHEN: items.occurred_at is None and items.occurred_text is None,
        Step.WHAT: items.what_happened is None,
        Step.WANTED: items.wanted is None,
        Step.FEEDBACK: items.feedback_wanted is None,
        Step.CONSENT: items.consent_to_disclose is None and bool(items.name or items.phone or items.email),
        Step.CONFIRM: True,
    }
    return due.get(step, False)


def next_step(items: ReportItems, answered: list[str]) -> Step:
    """The first step still due (CONFIRM at the latest)."""
    return next(step for step in ORDER if is_due(step, items, answered))


def absorb(items: ReportItems, text: str, *, now: datetime, shops: list[str]) -> ReportItems:
    """Fill missing items from facts found in free text: contact, a shop of the list, a time."""
    update: dict[str, object] = {}
    whole, text = text, text[:FACTS_MAX_CHARS]
    contact = find_contact(text)
    if items.phone is None and contact.phones:
        update["phone"] = contact.phones[0]
    if items.email is None and contact.emails:
        update["email"] = contact.emails[0]
    if items.place is None and shops and (shop := find_shop(text, shops)):
        update["place"] = shop
    if items.occurred_at is None and items.occurred_text is None and (when := find_when(text, now=now)):
        update["occurred_at"] = when.at
        # A short answer is kept as said; from a long message only the understood time is kept.
        update["occurred_text"] = whole.strip() if len(whole.strip()) <= WHEN_WORDS_LIMIT else None
    return items.model_copy(update=update) if update else items


def first_message(text: str, *, now: datetime, shops: list[str]) -> ReportItems:
    """The items a first message gives: its words as the content, and any facts it names."""
    return absorb(ReportItems(what_happened=text), text, now=now, shops=shops)


def advance(
    step: Step, items: ReportItems, answered: list[str], answer: Answer, *, now: datetime, shops: list[str]
) -> Outcome:
    """Apply one input at `step`."""
    command = answer.choice or (command_of(answer.text) if answer.text is not None else None)
    if command == "restart":
        fresh = ReportItems()
        return Outcome(fresh, [], next_step(fresh, []), "restarted", [("note.restart", {})])
    if command == "cancel":
        return Outcome(items, answered, Step.DONE, "cancelled")
    if step == Step.CONFIRM:
        if command in ("submit", "yes"):
            return Outcome(items, answered, Step.DONE, "submitted")
        if answer.text is not None and command is None:
            # More words at the last step: kept as the request and the summary shown again.
            wanted = "\n".join(x for x in (items.wanted, answer.text) if x)
            items = items.model_copy(update={"wanted": _clip(wanted, 4000)})
            return Outcome(items, answered, Step.CONFIRM, "answered")
        return Outcome(items, answered, Step.CONFIRM, "invalid", [("error.choose", {})])
    if command == "skip":
        done = [*answered, step.value]
        return Outcome(items, done, next_step(items, done), "skipped")
    if answer.text is not None and command is None and _is_addition(step, answer.text, now=now):
        # More words about the complaint rather than an answer: added to it, and the question stands.
        what = "\n".join(x for x in (items.what_happened, answer.text.strip()) if x)
        added = absorb(
            items.model_copy(update={"what_happened": _clip(what, 8000)}), answer.text, now=now, shops=shops
        )
        return Outcome(added, answered, next_step(added, answered), "added", [("note.added", {})])
    try:
        filled = _fill(step, items, answer, command=command, now=now, shops=shops)
    except _Invalid as problem:
        return Outcome(items, answered, step, "invalid", [(problem.key, problem.values)])
    if answer.text is not None and step not in PRIVATE_STEPS:
        filled = absorb(filled, answer.text, now=now, shops=shops)
    done = [*answered, step.value]
    return Outcome(filled, done, next_step(filled, done), "answered")


ADDITION_LENGTH = {Step.PLACE: 80, Step.STAFF: 80, Step.WHEN: 40}


def _is_addition(step: Step, text: str, *, now: datetime) -> bool:
    """Free text at a button question, or a long text where a short answer is expected."""
    if step in CHOICE_STEPS:
        return True
    limit = ADDITION_LENGTH.get(step)
    if limit is None or len(text.strip()) <= limit:
        return False
    return step != Step.WHEN or find_when(text[:FACTS_MAX_CHARS], now=now) is None


class _Invalid(Exception):
    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def _fill(
    step: Step, items: ReportItems, answer: Answer, *, command: str | None, now: datetime, shops: list[str]
) -> ReportItems:
    text = (answer.text or "").strip()
    if step in CHOICE_STEPS:
        if command not in CHOICE_STEPS[step]:
            raise _Invalid("error.choose")
        field_name = {
            Step.ANONYMITY: "anonymous",
            Step.FEEDBACK: "feedback_wanted",
            Step.CONSENT: "consent_to_disclose",
        }[step]
        value = command == "anonymous" if step == Step.ANONYMITY else command == "yes"
        return items.model_copy(update={field_name: value})
    if step == Step.WHEN:
        return _fill_when(items, answer, now=now)
    if step == Step.PLACE and answer.location:
        return items.model_copy(update={"place": _clip(answer.location, SHORT_LIMIT)})
    if not text:
        raise _Invalid("error.choose")
    if step == Step.NAME:
        if len(text) > NAME_LIMIT:
            raise _Invalid("error.too_long", limit=NAME_LIMIT)
        return items.model_copy(update={"name": text})
    if step == Step.CONTACT:
        found = find_contact(text[:FACTS_MAX_CHARS])
        if found.bad_emails:
            raise _Invalid("error.email", value=found.bad_emails[0])
        if found.bad_phones and not found.phones:
            raise _Invalid("error.phone", value=found.bad_phones[0])
        if not found.phones and not found.emails:
            raise _Invalid("error.no_contact")
        return items.model_copy(
            update={
                "phone": found.phones[0] if found.phones else items.phone,
                "email": found.emails[0] if found.emails else items.email,
            }
        )
    if step == Step.PLACE:
        if shops:
            shop = find_shop(text[:FACTS_MAX_CHARS], shops)
            if shop is None:
                raise _Invalid("error.unknown_shop", value=_clip(text, 40))
            return items.model_copy(update={"place": shop})
        return items.model_copy(update={"place": _clip(text, SHORT_LIMIT)})
    if step == Step.STAFF:
        return items.model_copy(update={"staff": _clip(text, SHORT_LIMIT)})
    if step == Step.WHAT:
        return items.model_copy(update={"what_happened": _clip(text, 4000)})
    if step == Step.WANTED:
        return items.model_copy(update={"wanted": _clip(text, 4000)})
    raise _Invalid("error.choose")


def _fill_when(items: ReportItems, answer: Answer, *, now: datetime) -> ReportItems:
    if answer.picked is not None:
        if answer.picked > now + FUTURE_GRACE:
            raise _Invalid("error.future")
        return items.model_copy(update={"occurred_at": answer.picked, "occurred_text": None})
    text = (answer.text or "").strip()
    if not text:
        raise _Invalid("error.choose")
    try:
        when = parse_when(text[:FACTS_MAX_CHARS], now=now)
    except FutureDateError:
        raise _Invalid("error.future") from None
    # Not understood: the complainant's own words are kept as they are.
    return items.model_copy(
        update={"occurred_at": when.at if when else None, "occurred_text": _clip(text, SHORT_LIMIT)}
    )


def parse_picked(value: str) -> datetime | None:
    """A date-time picker value ("2026-11-28T19:00" or "2026-11-28"), read in Asia/Tokyo."""
    try:
        picked = datetime.fromisoformat(value)
    except ValueError:
        return None
    return picked.replace(tzinfo=TOKYO) if picked.tzinfo is None else picked


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
