"""The intake dialogue end to end: signed LINE webhooks into the real app, replies from FakeLine, the
triage post in FakeSlack, on SQLite and PostgreSQL, in Japanese and English."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from bot.calendar import TOKYO
from storage.models import Message
from tests.chat import (
    Chat,
    all_slack_text,
    cases_of,
    dialogue_step,
    items_of,
    only_case,
    triage_text,
    with_shops,
)
from tests.conftest import RunningApp


async def test_first_message_facts_are_taken_and_only_the_rest_is_asked(running_app: RunningApp) -> None:
    await with_shops(running_app)
    chat = Chat(running_app, "sakura", "U_ALICE")
    sent_at = running_app.clock.now()
    reply = await chat.say("昨日の夜7時ごろ、駅前店で1時間待たされました。電話は090-1234-5678です")
    case = await only_case(running_app)
    assert case.number in reply[0] and "警察" in reply[0]  # the acknowledgement with the policy comes first
    assert "スキップ" in reply[1]
    assert "お名前" in reply[2] and set(chat.buttons()) == {"名前を伝える", "匿名のまま", "スキップ"}
    items = await items_of(running_app, case)
    yesterday = (sent_at.astimezone(TOKYO) - timedelta(days=1)).date()
    assert items.occurred_at == datetime.combine(yesterday, datetime.min.time(), TOKYO).replace(hour=19)
    assert items.place == "駅前店" and items.phone == "090-1234-5678" and items.what_happened

    assert "お名前を入力" in (await chat.tap("名前を伝える"))[-1]
    staff_question = (await chat.say("山田太郎"))[-1]
    assert "職員" in staff_question  # contact, place: already known, not asked
    when_skipped = (await chat.say("受付の男性"))[-1]
    assert "望むこと" in when_skipped  # when and what: already known
    assert "ご連絡" in (await chat.say("謝ってほしいです"))[-1]
    assert "お伝えしてもよろしいですか" in (await chat.tap("はい"))[-1]
    confirm = (await chat.tap("いいえ"))[-1]
    assert (
        "送信する" in confirm and "山田太郎" in confirm and "駅前店" in confirm and "090-1234-5678" in confirm
    )
    assert set(chat.buttons()) == {"送信する", "やり直す", "キャンセル"}
    receipt = await chat.tap("送信する")
    assert case.number in receipt[-1] and "受け付けました" in receipt[-1]

    case = await only_case(running_app)
    items = await items_of(running_app, case)
    assert case.intake_complete is True and case.status == "new"
    assert (items.anonymous, items.name, items.staff, items.wanted) == (
        False,
        "山田太郎",
        "受付の男性",
        "謝ってほしいです",
    )
    assert (items.feedback_wanted, items.consent_to_disclose) == (True, False)
    assert await dialogue_step(running_app) == "done"
    post = triage_text(running_app, case)
    assert "聞き取り完了" in post and "連絡先あり" in post and "受付の男性" in post and "駅前店" in post
    slack = all_slack_text(running_app)
    assert "山田太郎" not in slack  # no name in Slack without consent
    assert slack.count("090-1234-5678") == slack.count("電話は090-1234-5678")  # only inside the quoted words


async def test_english_tenant_runs_the_dialogue_in_english(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_GUEST")
    reply = await chat.say("The front desk was rude to me yesterday around 7pm.")
    assert "Reference: KH-" in reply[0] and "May we have your name" in reply[2]
    assert "Where did it happen" in (await chat.tap("Stay anonymous"))[-1]
    assert "Who dealt with you" in (await chat.say("Lobby"))[-1]
    assert "What would you like" in (await chat.tap("Skip"))[-1]
    assert "outcome" in (await chat.say("An apology"))[-1]
    confirm = (await chat.tap("No"))[-1]
    assert "Submit" in confirm and "Anonymous" in confirm and "Lobby" in confirm
    receipt = await chat.tap("Submit")
    case = await only_case(running_app)
    assert case.number in receipt[-1] and "reference number" in receipt[-1]
    items = await items_of(running_app, case)
    assert items.anonymous is True and items.place == "Lobby" and items.staff is None
    assert items.occurred_at is not None and items.occurred_at.astimezone(TOKYO).hour == 19


async def test_every_question_can_be_skipped(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_SKIP")
    await chat.say("対応がひどかった")
    asked = []
    for _ in range(12):
        if "スキップ" not in chat.buttons():
            break
        asked.append(chat.last_message()["text"][:10])
        await chat.tap("スキップ")
    assert len(asked) == 7  # anonymity, contact, place, staff, when, wanted, feedback
    assert "送信する" in chat.buttons()
    await chat.tap("送信する")
    case = await only_case(running_app)
    items = await items_of(running_app, case)
    assert case.intake_complete is True and items.what_happened == "対応がひどかった"
    assert items.place is None and items.anonymous is None


async def test_restart_starts_over_and_keeps_the_messages(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_RESTART")
    await chat.say("待たされた")
    await chat.tap("匿名のまま")
    restarted = await chat.say("やり直す")
    assert "最初から" in restarted[0] and "お名前" in restarted[-1]
    case = await only_case(running_app)
    assert (await items_of(running_app, case)).anonymous is None
    # After a restart the content is asked again (the earlier messages stay on the case).
    await chat.tap("スキップ")
    for _ in range(5):
        if "どのようなことがあったか" in chat.last_message()["text"]:
            break
        await chat.tap("スキップ")
    assert "どのようなことがあったか" in chat.last_message()["text"]
    await chat.say("会計で30分待たされた")
    assert (await items_of(running_app, await only_case(running_app))).what_happened == "会計で30分待たされた"


async def test_restart_from_the_confirm_button(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_RESTART_EN")
    await chat.say("Rude staff")
    while "Submit" not in chat.buttons():
        await chat.tap("Skip")
    again = await chat.tap("Restart")
    assert "start again" in again[0] and "May we have your name" in again[-1]


async def test_cancel_keeps_the_case_as_withdrawn(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_CANCEL")
    await chat.say("もういいです、ひどい店だ")
    reply = await chat.say("キャンセル")
    case = await only_case(running_app)
    assert "取りやめました" in reply[-1] and case.number in reply[-1]
    assert case.status == "withdrawn"
    assert "取り下げ" in triage_text(running_app, case)
    # The next message is a new case (a withdrawn case is never joined).
    await chat.say("やっぱり伝えたいことがあります。店員の態度が悪かった")
    first, second = await cases_of(running_app)
    assert first.status == "withdrawn" and second.status == "new"


async def test_cancel_in_english(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_CANCEL_EN")
    await chat.say("Noisy room")
    await chat.tap("Stay anonymous")
    reply = await chat.say("cancel")
    assert "cancelled" in reply[-1]
    assert (await only_case(running_app)).status == "withdrawn"


async def test_invalid_phone_and_email_are_asked_again(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_CONTACT")
    await chat.say("受付で怒鳴られた")
    await chat.tap("名前を伝える")
    assert "ご連絡先" in (await chat.say("佐藤"))[-1]
    bad_phone = await chat.say("090-1234-567")
    assert "電話番号「090-1234-567」を確認できませんでした" in bad_phone[0] and "ご連絡先" in bad_phone[-1]
    bad_mail = await chat.say("sato@@example")
    assert "メールアドレス" in bad_mail[0] and "正しくない" in bad_mail[0]
    nothing = await chat.say("ありません")
    assert "見つかりませんでした" in nothing[0]
    ok = await chat.say("sato@example.com")
    assert "店舗" in ok[-1]
    items = await items_of(running_app, await only_case(running_app))
    assert items.email == "sato@example.com" and items.phone is None
    slack = all_slack_text(running_app)
    assert "sato@example.com" not in slack and "佐藤" not in slack and "連絡先を回答しました" in slack
    async with running_app.services.db.reader() as session:
        kinds = {
            running_app.services.cipher.decrypt(m.body_enc): m.kind
            for m in await session.scalars(select(Message).where(Message.direction == "in"))
            if m.body_enc
        }
    # Names and contact details are kept apart from the words the classifier reads.
    assert (
        kinds["佐藤"] == kinds["sato@example.com"] == "private_text" and kinds["受付で怒鳴られた"] == "text"
    )


async def test_invalid_contact_in_english(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_CONTACT_EN")
    await chat.say("Cold food")
    await chat.tap("Give my name")
    await chat.say("Sam")
    bad = await chat.say("12-34-5678-99")
    assert "could not recognise the phone number" in bad[0]
    bad_mail = await chat.say("sam@")
    assert "does not look right" in bad_mail[0]
    ok = await chat.say("+1 415 555 2671")
    assert "Where did it happen" in ok[-1]
    assert (await items_of(running_app, await only_case(running_app))).phone == "+1 415-555-2671"


async def test_a_future_date_is_refused_kindly(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_FUTURE")
    await chat.say("職員の態度が悪い")
    while "日時を選ぶ" not in chat.buttons():
        await chat.tap("スキップ")
    refused = await chat.say("明日の夜")
    assert "まだ来ていない" in refused[0] and "いつのこと" in refused[-1]
    future = (running_app.clock.now().astimezone(TOKYO) + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    refused_pick = await chat.tap("日時を選ぶ", {"datetime": future})
    assert "まだ来ていない" in refused_pick[0]
    picked = (running_app.clock.now().astimezone(TOKYO) - timedelta(days=3)).replace(hour=14, minute=30)
    await chat.tap("日時を選ぶ", {"datetime": picked.strftime("%Y-%m-%dT%H:%M")})
    items = await items_of(running_app, await only_case(running_app))
    assert items.occurred_at == picked.replace(second=0, microsecond=0)


async def test_when_in_words_relative_to_the_message(running_app: RunningApp) -> None:
    chat = Chat(running_app, "maple", "U_WHEN_EN")
    await chat.say("The bill was wrong")
    while "Pick date & time" not in chat.buttons():
        await chat.tap("Skip")
    refused = await chat.say("tomorrow")
    assert "has not come yet" in refused[0]
    await chat.say("last Saturday")
    items = await items_of(running_app, await only_case(running_app))
    assert items.occurred_at is not None and items.occurred_at.astimezone(TOKYO).weekday() == 5
    assert items.occurred_text == "last Saturday"


async def test_an_unknown_shop_is_asked_again_with_the_list(running_app: RunningApp) -> None:
    await with_shops(running_app)
    chat = Chat(running_app, "sakura", "U_SHOP")
    await chat.say("薬の説明がなかった")
    await chat.tap("匿名のまま")
    assert set(chat.buttons()) == {"駅前店", "本店", "渋谷支店", "スキップ"}
    unknown = await chat.say("新宿店")
    assert "「新宿店」はさくら総合クリニックの店舗・部署の一覧に見つかりませんでした" in unknown[0]
    await chat.tap("渋谷支店")
    assert (await items_of(running_app, await only_case(running_app))).place == "渋谷支店"


async def test_sticker_and_location_mid_dialogue(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_STICKER")
    await chat.say("電話対応が失礼だった")
    sticker = await chat.send(chat.line.sticker("1", "2"))
    assert "スタンプ" in sticker[0] and "お名前" in sticker[-1]  # the question stands
    await chat.tap("匿名のまま")
    located = await chat.send(chat.line.location("さくら総合クリニック 駅前", "東京都新宿区1-1", 35.0, 139.0))
    assert "職員" in located[-1]
    assert (await items_of(running_app, await only_case(running_app))).place == "さくら総合クリニック 駅前"
    elsewhere = await chat.send(chat.line.location("どこか", "どこか", 35.0, 139.0))
    assert "位置情報" in elsewhere[0] and "職員" in elsewhere[-1]


async def test_free_text_at_a_button_question_is_added_to_the_complaint(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_MORE")
    await chat.say("受付で待たされた")
    added = await chat.say("会計でも30分待たされました。昨日の夕方です")
    assert "追加の内容" in added[0] and "お名前" in added[-1]
    items = await items_of(running_app, await only_case(running_app))
    assert items.what_happened == "受付で待たされた\n会計でも30分待たされました。昨日の夕方です"
    assert items.occurred_at is not None  # the addition gave the day


async def test_a_double_tap_is_answered_once(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_DOUBLE")
    await chat.say("待ち時間が長い")
    first = chat.postback_event("匿名のまま")
    second = chat.postback_event("匿名のまま")
    await chat.line.asend(first, second)
    await running_app.idle()
    texts = chat.new_texts()
    assert sum("店舗" in t for t in texts) == 1 and any("すでにお答え" in t for t in texts)
    assert (await items_of(running_app, await only_case(running_app))).anonymous is True


async def test_two_messages_at_the_same_instant_keep_their_order(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_BURST")
    one, two = chat.line.text("一通目: 受付の対応が悪かった"), chat.line.text("二通目: 名前は言いません")
    two["timestamp"] = one["timestamp"]
    await chat.line.asend(one, two)
    await running_app.idle()
    case = await only_case(running_app)
    items = await items_of(running_app, case)
    assert items.what_happened == "一通目: 受付の対応が悪かった\n二通目: 名前は言いません"
    assert len(await cases_of(running_app)) == 1


async def test_a_redelivered_event_is_answered_once(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_REDELIVER")
    await chat.say("駐車場の案内が不親切")
    tap = chat.postback_event("匿名のまま")
    await chat.send(tap)
    again = await chat.line.aredeliver(tap)  # an hour later, LINE sends it again
    assert again.status_code == 200
    await running_app.idle()
    assert chat.new_texts() == []
    assert (await items_of(running_app, await only_case(running_app))).anonymous is True


async def test_unsend_mid_dialogue_is_recorded_and_the_dialogue_goes_on(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_UNSEND")
    await chat.say("受付で待たされた")
    await chat.tap("匿名のまま")
    event = chat.line.text("本店")
    await chat.send(event)
    await chat.send(chat.line.unsend(event["message"]["id"]))
    assert "送信を取り消しました" in all_slack_text(running_app)
    assert "望むこと" not in chat.last_message()["text"]
    assert "職員" in chat.last_message()["text"]  # the dialogue is where it was


async def test_blocked_then_re_added_goes_on_where_it_stopped(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_BLOCK")
    await chat.say("薬を間違えられた")
    await chat.tap("匿名のまま")
    await chat.send(chat.line.unfollow())
    back = await chat.send(chat.line.follow(unblocked=True))
    assert "お戻りいただき" in back[0] and "店舗" in back[-1]
    await chat.say("本店")
    assert (await items_of(running_app, await only_case(running_app))).place == "本店"


async def test_follow_welcomes_with_the_policy_and_switches_to_english(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_NEWFRIEND")
    welcome = await chat.send(chat.line.follow())
    assert "警察" in welcome[0] and "任意" in welcome[0] and "English" in chat.buttons()
    switched = await chat.tap("English")
    assert "English is selected" in switched[0] and "police" in switched[1]
    reply = await chat.say("The nurse shouted at me")
    assert "Reference: KH-" in reply[0] and "May we have your name" in reply[-1]


async def test_the_triage_post_shows_collecting_then_complete(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_TRIAGE")
    await chat.say("予約を勝手に取り消された")
    case = await only_case(running_app)
    assert "聞き取り中" in triage_text(running_app, case)
    await chat.tap("匿名のまま")
    await chat.say("本店")
    post = triage_text(running_app, case)
    assert "本店" in post and "匿名" in post and "過去の案件: なし" in post
    while "送信する" not in chat.buttons():
        await chat.tap("スキップ")
    await chat.tap("送信する")
    post = triage_text(running_app, case)
    assert "聞き取り完了" in post and "分類の提案" in post and "予約を勝手に取り消された" in post


async def test_a_threat_stops_the_dialogue(running_app: RunningApp) -> None:
    chat = Chat(running_app, "sakura", "U_THREAT")
    await chat.say("あの受付の女、帰り道で待ち伏せして刺してやる。")
    case = await only_case(running_app)
    assert case.flags.get("threat_alerted") and case.intake_complete is False
    assert await dialogue_step(running_app) == "done"
    assert any("受け付けることができません" in t for t in running_app.fake_line.texts_to("U_THREAT"))
    reply = await chat.say("本気だからな")
    assert "お名前" not in reply[-1] and case.number in reply[-1]  # no more questions
    assert "未完了" in triage_text(running_app, case)


async def test_every_question_can_be_skipped_in_english(running_app: RunningApp) -> None:
    await with_shops(running_app)
    chat = Chat(running_app, "maple", "U_SKIP_EN")
    await chat.say("The breakfast was cold")
    skipped = 0
    while "Skip" in chat.buttons():
        await chat.tap("Skip")
        skipped += 1
    assert skipped == 7 and "Submit" in chat.buttons()
    receipt = await chat.tap("Submit")
    case = await only_case(running_app)
    assert case.number in receipt[-1] and case.intake_complete is True


async def test_an_unknown_shop_in_english(running_app: RunningApp) -> None:
    await with_shops(running_app)
    chat = Chat(running_app, "maple", "U_SHOP_EN")
    await chat.say("Nobody at the desk")
    await chat.tap("Stay anonymous")
    assert set(chat.buttons()) == {"Lobby", "Restaurant", "Skip"}
    unknown = await chat.say("Spa")
    assert 'We could not find "Spa" among Maple Hotel\'s shops' in unknown[0]
    await chat.say("the restaurant")
    assert (await items_of(running_app, await only_case(running_app))).place == "Restaurant"
