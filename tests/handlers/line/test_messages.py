"""The LINE renderer: a message to the complainant (bot.outbox.effects) becomes the LINE message object it
always was: text, quick reply postbacks and the date-time picker, within LINE's limits."""

from __future__ import annotations

import pytest

from bot.outbox.complainant import ComplainantChannels
from bot.outbox.effects import COMPLAINANT_MESSAGE, PREVIOUS_VERSION, Effect, SendError
from handlers.line.messages import line_message
from tests.clock import TEST_NOW


def test_a_plain_text_is_a_text_message_cut_to_lines_limit() -> None:
    assert line_message({"text": "受け付けました"}).to_dict() == {"type": "text", "text": "受け付けました"}
    assert len(line_message({"text": "あ" * 6000}).to_dict()["text"]) == 5000


def test_choices_are_quick_reply_buttons_with_short_labels_and_the_whole_label_said() -> None:
    label = "とても長いボタンのラベルで二十文字を超えています"
    choices = [{"label": label, "data": "kh=1&a=answer&v=0"}]
    choices += [{"label": f"店{i}", "data": f"kh=1&i={i}"} for i in range(1, 14)]
    rendered = line_message({"text": "どちらの店舗ですか", "choices": choices}).to_dict()
    items = rendered["quickReply"]["items"]
    assert len(items) == 13  # LINE shows no more
    assert items[0] == {
        "type": "action",
        "action": {
            "type": "postback",
            "label": label[:20],
            "data": "kh=1&a=answer&v=0",
            "displayText": label,
        },
    }
    assert items[12]["action"]["label"] == "店12"


def test_a_date_time_choice_is_lines_picker() -> None:
    picker = {
        "label": "日時を選ぶ",
        "data": "kh=1&v=picked",
        "pick": "datetime",
        "latest": "2026-11-30T10:00",
    }
    (item,) = line_message({"text": "いつですか", "choices": [picker]}).to_dict()["quickReply"]["items"]
    assert item["action"] == {
        "type": "datetimepicker",
        "label": "日時を選ぶ",
        "data": "kh=1&v=picked",
        "mode": "datetime",
        "max": "2026-11-30T10:00",
    }


def test_a_message_a_previous_version_rendered_goes_out_as_it_was() -> None:
    old = {
        "type": "text",
        "text": "匿名をご希望ですか",
        "quickReply": {
            "items": [{"type": "action", "action": {"type": "postback", "label": "はい", "data": "x"}}]
        },
    }
    assert line_message({PREVIOUS_VERSION: old}).to_dict() == old
    with pytest.raises(SendError):
        line_message({PREVIOUS_VERSION: {"type": "no-such-type"}})


async def test_a_channel_without_a_sender_is_dead_at_once() -> None:
    effect = Effect(
        id=1,
        key="k",
        kind=COMPLAINANT_MESSAGE,
        payload={"channel": "carrier-pigeon", "to": "x", "messages": []},
        attempts=1,
        created_at=TEST_NOW,
    )
    with pytest.raises(SendError) as refused:
        await ComplainantChannels({}).send(effect)
    assert refused.value.permanent and "carrier-pigeon" in str(refused.value)
