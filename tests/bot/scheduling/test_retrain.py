"""The monthly retrain (off by default): on the 1st, once enough cases were decided, a candidate is
trained on the shipped data and the verdicts, judged, stored, and the admins get the figures; once a
month, through the scheduler of the running service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from storage.db import Database
from storage.models import ClassifierModel
from tests.app.test_cli_classifier_models import small_set
from tests.case_rows import add_case, add_verdict
from tests.clock import TEST_NOW, TestClock
from tests.scheduled_desk import open_scheduled_desk, tick

DECIDED = ["legitimate", "harassment", "threat", "out_of_scope"]  # the reviewers' labels
FIRST_OF_DECEMBER = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo


async def stored(database: Database) -> list[ClassifierModel]:
    async with database.reader() as session:
        return list(await session.scalars(select(ClassifierModel)))


async def test_the_first_tick_of_a_month_retrains_once_when_enough_cases_were_decided(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine, tmp_path: Path
) -> None:
    clock = TestClock(TEST_NOW)
    data = small_set(tmp_path / "train.jsonl", "training/boundaries.jsonl", 20)
    gate = small_set(tmp_path / "gate.jsonl", "training/register.jsonl", 5)
    settings = {
        "classifier_engine": "learned",
        "classifier_retrain_monthly": True,
        "classifier_retrain_min_verdicts": len(DECIDED),
        "classifier_training_data": [str(data)],
        "classifier_gate_sets": [str(gate)],
    }
    async with open_scheduled_desk(database, fake_slack, fake_line, clock, **settings) as desk:
        # November's firing ran at start-up with no verdicts: nothing trained, the month claimed.
        assert await stored(database) == []
        cipher = desk.app.services.cipher
        for n, label in enumerate(DECIDED[:-1]):
            case = await add_case(
                database,
                cipher,
                slug="sakura",
                received_at=TEST_NOW - timedelta(days=2),
                sla_due=(TEST_NOW + timedelta(days=3)).date(),
                complainant_line_id=f"U_{n}",
            )
            await add_verdict(database, cipher, case.id, label=label)
        clock.set(FIRST_OF_DECEMBER)
        assert "classifier_retrain" in await tick(desk)  # December: three decided, fewer than four
        assert await stored(database) == []
        case = await add_case(
            database,
            cipher,
            slug="sakura",
            received_at=FIRST_OF_DECEMBER,
            sla_due=(FIRST_OF_DECEMBER + timedelta(days=3)).date(),
            complainant_line_id="U_9",
        )
        await add_verdict(database, cipher, case.id, label="out_of_scope")
        clock.set(datetime(2027, 1, 4, 1, 0, tzinfo=UTC))
        assert (await tick(desk)).get("classifier_retrain") == 1
        (model,) = await stored(database)
        assert model.version == "learned-1-desk1" and model.verdicts == len(DECIDED)
        assert model.trained_by == "scheduler:retrain"
        assert set(model.metrics["gate"]["sets"]) == {"gate.jsonl", "verdicts held out"}
        (alert,) = [p for p in fake_slack.all_posts() if "学習モデルの月次再学習" in p["text"]]
        assert "learned-1-desk1" in alert["text"] and "threat recall" in alert["text"]
        assert "classifier_retrain" not in await tick(desk)  # once a month
        assert len(await stored(database)) == 1


async def test_without_the_setting_no_model_is_trained(
    database: Database, fake_slack: FakeSlack, fake_line: FakeLine
) -> None:
    clock = TestClock(FIRST_OF_DECEMBER)
    async with open_scheduled_desk(
        database, fake_slack, fake_line, clock, classifier_engine="learned"
    ) as desk:
        assert "classifier_retrain" not in await tick(desk)
    assert await stored(database) == []
