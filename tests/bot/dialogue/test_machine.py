"""The dialogue's state machine, without I/O."""

from __future__ import annotations

from datetime import datetime

from bot.calendar import TOKYO
from bot.cases.items import ReportItems
from bot.dialogue.machine import Answer, Step, advance, command_of, first_message, next_step

NOW = datetime(2026, 11, 29, 10, 0, tzinfo=TOKYO)
SHOPS = ["駅前店", "本店"]


def test_first_message_fills_what_it_names() -> None:
    items = first_message("昨日の夜7時ごろ駅前店で。090-1234-5678", now=NOW, shops=SHOPS)
    assert items.place == "駅前店" and items.phone == "090-1234-5678"
    assert items.occurred_at == datetime(2026, 11, 28, 19, 0, tzinfo=TOKYO)
    assert next_step(items, []) == Step.ANONYMITY
    named = items.model_copy(update={"anonymous": False, "name": "山田"})
    # contact, place, when and what are known: straight to the staff question
    assert next_step(named, ["anonymity", "name"]) == Step.STAFF


def test_anonymous_complainants_are_not_asked_for_contact_or_consent() -> None:
    items = ReportItems(anonymous=True, what_happened="x")
    order = []
    answered: list[str] = []
    step = next_step(items, answered)
    while step != Step.CONFIRM:
        order.append(step)
        answered.append(step.value)
        step = next_step(items, answered)
    assert Step.CONTACT not in order and Step.CONSENT not in order and Step.NAME not in order


def test_commands() -> None:
    assert command_of("やり直す") == "restart" and command_of(" Restart. ") == "restart"
    assert command_of("キャンセル") == "cancel" and command_of("ＣＡＮＣＥＬ") == "cancel"
    assert command_of("スキップ") == "skip" and command_of("キャンセルしたいほど腹が立った") is None


def test_skip_restart_cancel_submit() -> None:
    items = ReportItems(what_happened="x")
    skipped = advance(Step.ANONYMITY, items, [], Answer(choice="skip"), now=NOW, shops=[])
    assert skipped.event == "skipped" and skipped.step == Step.CONTACT
    restarted = advance(Step.STAFF, items, ["anonymity"], Answer(text="やり直す"), now=NOW, shops=[])
    assert restarted.event == "restarted" and restarted.items == ReportItems() and restarted.answered == []
    cancelled = advance(Step.STAFF, items, [], Answer(text="キャンセル"), now=NOW, shops=[])
    assert cancelled.event == "cancelled" and cancelled.step == Step.DONE
    submitted = advance(Step.CONFIRM, items, [], Answer(choice="submit"), now=NOW, shops=[])
    assert submitted.event == "submitted" and submitted.step == Step.DONE


def test_bad_answers_keep_the_step() -> None:
    items = ReportItems(what_happened="x", anonymous=False, name="n")
    for text, key in (("090-1", "error.no_contact"), ("090-1234-567", "error.phone"), ("a@b", "error.email")):
        outcome = advance(Step.CONTACT, items, [], Answer(text=text), now=NOW, shops=[])
        assert outcome.event == "invalid" and outcome.step == Step.CONTACT and outcome.notes[0][0] == key
    future = advance(Step.WHEN, items, [], Answer(text="明日"), now=NOW, shops=[])
    assert future.notes[0][0] == "error.future"
    shop = advance(Step.PLACE, items, [], Answer(text="新宿店"), now=NOW, shops=SHOPS)
    assert shop.notes[0][0] == "error.unknown_shop" and shop.notes[0][1]["value"] == "新宿店"
    long_name = advance(Step.NAME, items, [], Answer(text="あ" * 101), now=NOW, shops=[])
    assert long_name.notes[0][0] == "error.too_long"


def test_words_that_are_not_a_time_are_kept_as_said() -> None:
    outcome = advance(Step.WHEN, ReportItems(), [], Answer(text="覚えていない"), now=NOW, shops=[])
    assert outcome.items.occurred_text == "覚えていない" and outcome.items.occurred_at is None


def test_more_words_at_a_button_question_are_added_to_the_complaint() -> None:
    items = ReportItems(what_happened="一通目")
    outcome = advance(Step.FEEDBACK, items, [], Answer(text="それと本店でした"), now=NOW, shops=SHOPS)
    assert outcome.event == "added" and outcome.step == Step.ANONYMITY
    assert outcome.items.what_happened == "一通目\nそれと本店でした" and outcome.items.place == "本店"


def test_facts_are_looked_for_in_the_head_of_a_huge_text() -> None:
    head = "昨日の夜7時ごろ駅前店で。090-1234-5678 "
    items = first_message(head + "あ" * 1_000_000 + " hanako@example.jp", now=NOW, shops=SHOPS)
    assert items.phone == "090-1234-5678" and items.place == "駅前店" and items.occurred_at is not None
    assert items.email is None  # past FACTS_MAX_CHARS: not looked for
    assert items.what_happened is not None and len(items.what_happened) > 1_000_000  # the words are all kept
