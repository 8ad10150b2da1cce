"""The learned engine in the running service: its label on the case, a possible threat that alerts the
reviewers and tells the sender nothing, and the admins told when the model cannot be used."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.cases.classification import CaseClassification
from bot.cases.texts import assessment_of
from bot.classifier.learned import DESK_MODEL_UNUSABLE, MODEL_UNAVAILABLE, desk_models, preloaded
from bot.classifier.learned.engine import SHIPPED_MODEL
from bot.classifier.learned.model import LinearModel
from bot.classifier.learned.promotion import GateReport
from bot.classifier.model import Assessment
from bot.classifier.offline import OfflineClassifier
from bot.outbox.effects import CASE_CLASSIFY
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import Case
from tests.conftest import TRIAGE, RunningApp, launch_app

NOTICE = "受け付けることができません"


class Relabelled:
    """The rules' assessment with some fields changed: what an engine might answer."""

    def __init__(self, **update: object) -> None:
        self._update = update

    async def assess(self, text: str, *, language: str) -> Assessment:
        rules = OfflineClassifier().assess_sync(text, language=language)
        return rules.model_copy(update=self._update)


def use_classifier(app: RunningApp, classifier: object) -> None:
    services = app.services
    services.senders[CASE_CLASSIFY] = CaseClassification(
        db=services.db,
        cipher=services.cipher,
        classifier=classifier,  # type: ignore[arg-type]
        settings=services.settings,
        clock=app.clock,
    )


def triage_post(app: RunningApp) -> Any:
    parent = next(p for p in app.fake_slack.all_posts() if not p.get("thread_ts"))
    return app.fake_slack.message(TRIAGE, parent["ts"])


async def cases_of(app: RunningApp) -> list[Case]:
    async with app.services.db.reader() as session:
        return list(await session.scalars(select(Case).order_by(Case.id)))


async def test_the_learned_engine_labels_the_case(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line, classifier_engine="learned") as app:
        bob = app.complainant("sakura", "U_BOB")
        await bob.asend(bob.text("あの看護師、家まで行って殺してやる。帰り道に気をつけろ。"))
        await app.idle()
        (case,) = await cases_of(app)
        assert case.assessment_engine == "learned-1+offline-4" and case.suggested_label == "threat"
        assert case.flags["out_of_intake"]
        assert any(NOTICE in t for d in app.fake_line.delivered_to("U_BOB") for t in d.texts)
        # The triage post names the engine's version, the branch that decided and the rules that fired.
        shown = str(triage_post(app)["blocks"])
        assert "learned-1+offline-4" in shown and "判定の分岐: 脅迫: モデルと脅迫ルールが一致" in shown
        assert "検出したルール:" in shown
        stored = assessment_of(app.services.cipher, case)
        assert stored and stored["explanation"]["rules"] and "features" not in stored["explanation"]


async def test_a_possible_threat_alerts_the_reviewers_and_tells_the_sender_nothing(
    running_app: RunningApp,
) -> None:
    use_classifier(running_app, Relabelled(label="threat", threat_notice=False, engine="learned-1+offline-4"))
    dan = running_app.complainant("sakura", "U_DAN")
    await dan.asend(dan.text("いつも夕方に駐車場の白い車で帰られる方、今日もお疲れさまでした。"))
    await running_app.idle()
    (case,) = await cases_of(running_app)
    assert case.suggested_label == "threat"
    assert case.flags["possible_threat"] and case.flags["threat_alerted"]
    assert not case.flags.get("out_of_intake")
    alerts = [p for p in running_app.fake_slack.all_posts() if "脅迫の可能性がある案件" in p["text"]]
    assert len(alerts) == 1 and alerts[0]["thread_ts"]
    assert not any(NOTICE in t for d in running_app.fake_line.delivered_to("U_DAN") for t in d.texts)
    assert "脅迫の可能性（学習モデルの判定・要確認" in str(triage_post(running_app)["blocks"])


async def test_an_unusable_model_alerts_the_admins_once_a_day(running_app: RunningApp) -> None:
    use_classifier(running_app, Relabelled(engine=f"offline-4 ({MODEL_UNAVAILABLE})"))
    for user in ("U_ERIN", "U_FRANK"):
        complainant = running_app.complainant("sakura", user)
        await complainant.asend(complainant.text("会計で30分待たされました。改善してください。"))
        await running_app.idle()
    assert len(await cases_of(running_app)) == 2
    alerts = [p for p in running_app.fake_slack.all_posts() if "学習モデルを読み込めない" in p["text"]]
    assert len(alerts) == 1


def test_without_a_model_the_rules_answer_and_say_so() -> None:
    saved = preloaded.ENGINE
    preloaded.ENGINE = None
    try:
        assessment = preloaded.assess("殺すぞ", "ja")
    finally:
        preloaded.ENGINE = saved
    assert assessment.label == "threat" and assessment.engine == f"offline-4 ({MODEL_UNAVAILABLE})"


async def store_desk_model(app: RunningApp, version: str, *, rules_digest: str | None = None) -> None:
    """A model of the desk's, made active (the shipped one under another version: what training stores)."""
    model = replace(LinearModel.load(SHIPPED_MODEL), version=version)
    async with app.services.db.transaction() as session:
        row = await desk_models.store(
            session,
            app.services.cipher,
            model=model,
            report=GateReport("learned-1", version, []),  # no set: promoted
            verdicts=0,
            actor="test",
            now=app.clock.now(),
        )
        if rules_digest is not None:
            row.rules_digest = rules_digest


async def test_the_desks_active_model_answers_and_the_case_names_its_version(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line, classifier_engine="learned") as app:
        await store_desk_model(app, "learned-1-desk1")
        first = app.complainant("sakura", "U_GINA")
        await first.asend(first.text("会計で30分待たされました。改善してください。"))
        await app.idle()
        (case,) = await cases_of(app)
        assert case.assessment_engine == "learned-1-desk1+offline-4"
        assert "learned-1-desk1+offline-4" in str(triage_post(app)["blocks"])
        # `classifier use shipped` reaches the running service within a minute, without a restart.
        async with app.services.db.transaction() as session:
            await desk_models.use(session, desk_models.SHIPPED, actor="test", now=app.clock.now())
        app.clock.advance(timedelta(seconds=61))
        second = app.complainant("sakura", "U_HANA")
        await second.asend(second.text("予約の変更ができません。確認してください。"))
        await app.idle()
        engines = [c.assessment_engine for c in await cases_of(app)]
        assert engines == ["learned-1-desk1+offline-4", "learned-1+offline-4"]


async def test_an_active_model_under_other_rules_is_passed_over_and_the_admins_told(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    async with launch_app(database, fake_slack, fake_line, classifier_engine="learned") as app:
        await store_desk_model(app, "learned-1-desk1", rules_digest="0" * 16)
        for user in ("U_IDA", "U_JUN"):
            complainant = app.complainant("sakura", user)
            await complainant.asend(complainant.text("会計で30分待たされました。改善してください。"))
            await app.idle()
        engines = {c.assessment_engine for c in await cases_of(app)}
        assert engines == {f"learned-1+offline-4 ({DESK_MODEL_UNUSABLE}: trained under other rules)"}
        alerts = [p for p in app.fake_slack.all_posts() if "窓口の学習モデルを使えない" in p["text"]]
        assert len(alerts) == 1
