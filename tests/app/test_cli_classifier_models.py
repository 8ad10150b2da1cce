"""Learning from the desk's verdicts through the command line, on SQLite and PostgreSQL:
`classifier train --with-verdicts` stores a sealed candidate judged beside the model in use, and
`classifier list|use|rollback` choose the model that answers, audited."""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.cli import main
from bot.cases.items import ReportItems
from bot.cases.verdict_corpus import held_out, verdict_corpus
from bot.classifier.learned import desk_models
from bot.classifier.learned.corpus import ROOT
from bot.classifier.learned.engine import SHIPPED_MODEL
from bot.classifier.learned.model import LinearModel, ModelFileError
from bot.classifier.learned.promotion import GateLine, GateReport, SetFigures
from bot.crypto import PiiCipher, generate_key
from storage.db import Database
from storage.models import AuditEntry, ClassifierModel, Message
from storage.repos import cases as case_repo
from tests.case_rows import add_case, add_verdict
from tests.cli_env import point_cli_at
from tests.clock import TEST_NOW, TestClock

TENANTS = """tenants:
  - slug: sakura
    name: さくら総合クリニック
    line: {channel_id: "1", channel_secret: sakura-secret, access_token: tok-1}
"""
HASH_KEY = "d" * 64
PII_KEYS = generate_key()
CIPHER = PiiCipher(keys=PII_KEYS, hash_key=HASH_KEY)

# Decided cases: (what the complainant wrote, the reviewer's label).
DECIDED = [
    ("二重に引き落とされています。返金してください。", "legitimate"),
    ("予約の時間を1時間も待たされました。改善してください。", "legitimate"),
    ("受付の女、土下座して謝れ。クビにしろ。", "harassment"),
    ("誠意を見せろ。慰謝料100万円払え。毎日電話するからな。", "harassment"),
    ("あの看護師、毎晩9時に裏口から帰ってますよね。気をつけて帰ってね。", "threat"),
    ("店長の娘さん、桜ヶ丘小でしょ。また見に行きます。", "threat"),
    ("駐車場の場所を教えてください。", "out_of_scope"),
    ("いつもありがとうございます。", "out_of_scope"),
]


def small_set(path: Path, source: str, per_label: int) -> Path:
    """`per_label` items of each label from one of the repo's training files (training stays quick)."""
    taken: dict[str, int] = {}
    lines = []
    for line in (ROOT / source).read_text(encoding="utf-8").splitlines():
        label = json.loads(line)["label"]
        if taken.get(label, 0) < per_label:
            taken[label] = taken.get(label, 0) + 1
            lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def cli(argv: list[str]) -> int:
    return await asyncio.to_thread(main, argv, clock=TestClock())


@pytest.fixture
async def desk(database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Database:
    """The CLI on the test's database with one tenant and the decided cases."""
    await point_cli_at(database, monkeypatch, keys=PII_KEYS, hash_key=HASH_KEY)
    file = tmp_path / "tenants.yml"
    file.write_text(TENANTS, encoding="utf-8")
    assert await cli(["tenants", "sync", str(file)]) == 0
    for n, (words, label) in enumerate(DECIDED):
        case = await add_case(
            database,
            CIPHER,
            slug="sakura",
            received_at=TEST_NOW - timedelta(days=3),
            sla_due=(TEST_NOW + timedelta(days=2)).date(),
            items=ReportItems(name="山田花子", phone="090-1234-5678"),
            complainant_line_id=f"U_{n}",
        )
        async with database.transaction() as session:
            message = await session.scalar(select(Message).where(Message.case_id == case.id))
            assert message is not None
            message.body_enc = CIPHER.encrypt(f"{words}\n山田花子 090-1234-5678")
        await add_verdict(database, CIPHER, case.id, label=label)
    return database


async def models(database: Database) -> list[ClassifierModel]:
    async with database.reader() as session:
        return list(await session.scalars(select(ClassifierModel).order_by(ClassifierModel.id)))


async def actions(database: Database) -> list[str]:
    async with database.reader() as session:
        entries = await session.scalars(
            select(AuditEntry).where(AuditEntry.action.like("classifier.%")).order_by(AuditEntry.id)
        )
        return [e.action for e in entries]


async def test_the_verdicts_are_read_redacted_labelled_by_the_latest_verdict(desk: Database) -> None:
    async with desk.transaction() as session:
        first = (await case_repo.messages_of_case(session, case_id=1))[0].case_id
    assert first is not None
    await add_verdict(desk, CIPHER, first, version=2, label="harassment")  # a correction
    async with desk.reader() as session:
        corpus = await verdict_corpus(session, CIPHER)
    items = {i.id: i for i in corpus.train + corpus.holdout}
    assert corpus.size == len(DECIDED)
    assert all("山田" not in i.text and "1234" not in i.text for i in items.values())
    assert all("［氏名］" in i.text and "［電話番号］" in i.text for i in items.values())
    corrected = next(i for i in items.values() if "二重に引き落とされ" in i.text)
    assert corrected.label == "harassment"
    # The held-out slice is chosen by the case number alone, the same on every run.
    assert {i.id for i in corpus.holdout} == {i for i in items if held_out(i.removeprefix("case:"))}
    assert len({i.writer for i in items.values()}) == len(DECIDED)


async def test_a_purged_case_is_not_learned_from(desk: Database) -> None:
    async with desk.transaction() as session:
        for message in await session.scalars(select(Message).where(Message.case_id == 1)):
            message.body_enc = None  # what the retention purge leaves
    async with desk.reader() as session:
        corpus = await verdict_corpus(session, CIPHER)
    assert corpus.size == len(DECIDED) - 1


async def test_train_with_verdicts_stores_a_sealed_candidate_judged_side_by_side(
    desk: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = small_set(tmp_path / "train.jsonl", "training/boundaries.jsonl", 25)
    gate = small_set(tmp_path / "gate.jsonl", "training/register.jsonl", 10)
    capsys.readouterr()
    argv = ["classifier", "train", "--with-verdicts", "--data", str(data), "--gate", str(gate), "--by", "ito"]
    assert await cli(argv) == 0
    out = capsys.readouterr().out
    assert "current learned-1 · candidate learned-1-desk1" in out
    assert "gate.jsonl" in out and "verdicts held out" in out
    (row,) = await models(desk)
    assert row.version == "learned-1-desk1" and row.verdicts == len(DECIDED)
    assert row.trained_by == "cli:ito"
    gate_figures = row.metrics["gate"]
    assert set(gate_figures["sets"]) == {"gate.jsonl", "verdicts held out"}
    assert gate_figures["sets"]["gate.jsonl"]["current"]["items"] == 40
    # Promoted exactly when its gate says so; the printed outcome is the stored one.
    assert row.status == ("active" if gate_figures["promote"] else "candidate")
    assert out.rstrip().endswith(f"learned-1-desk1: {row.status}")
    # Sealed at rest: the artefact is no model archive until opened with the desk's key.
    with pytest.raises(ModelFileError):
        LinearModel.from_bytes(row.artefact_enc)
    opened = LinearModel.from_bytes(CIPHER.decrypt_bytes(row.artefact_enc))
    assert opened.version == "learned-1-desk1"
    assert hashlib.sha256(CIPHER.decrypt_bytes(row.artefact_enc)).hexdigest() == row.artefact_sha256
    # Nothing one complainant wrote alone (their redacted words) is in its vocabulary.
    assert not any("引き落とされて" in name for name in opened.vocabulary)
    assert (await actions(desk))[0] == "classifier.model_trained"


async def test_train_with_verdicts_refuses_an_out_file_and_a_desk_without_verdicts(
    database: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await point_cli_at(database, monkeypatch, keys=PII_KEYS, hash_key=HASH_KEY)
    data = small_set(tmp_path / "train.jsonl", "training/boundaries.jsonl", 5)
    assert await cli(["classifier", "train", "--with-verdicts", "--out", str(tmp_path / "m.npz")]) == 2
    assert "stays in the database" in capsys.readouterr().err
    assert await cli(["classifier", "train", "--with-verdicts", "--data", str(data)]) == 2
    assert "no decided cases" in capsys.readouterr().err
    assert await models(database) == []


def report(promote: bool) -> GateReport:
    figures = SetFigures(
        items=10, macro_f1=0.9, threats=4, threats_found=3, notices=2, false_threats=0, benign=5
    )
    worse = replace(figures, threats_found=3 if promote else 2)
    return GateReport("learned-1", "candidate", [GateLine("set", figures, worse)])


async def store(database: Database, version: str, *, promote: bool = False) -> None:
    model = LinearModel.load(SHIPPED_MODEL)
    async with database.transaction() as session:
        await desk_models.store(
            session,
            CIPHER,
            model=replace(model, version=version),
            report=report(promote),
            verdicts=8,
            actor="test",
            now=TEST_NOW,
        )


async def test_use_and_rollback_walk_back_through_the_models_that_answered(
    desk: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    await store(desk, "learned-1-desk1")
    await store(desk, "learned-1-desk2", promote=True)  # passed its gate: answers at once
    assert [(m.version, m.status) for m in await models(desk)] == [
        ("learned-1-desk1", "candidate"),
        ("learned-1-desk2", "active"),
    ]
    capsys.readouterr()
    assert await cli(["classifier", "use", "learned-1-desk1", "--by", "ito"]) == 0
    assert "learned-1-desk1 answers now (was learned-1-desk2)" in capsys.readouterr().out
    assert await cli(["classifier", "list"]) == 0
    listed = capsys.readouterr().out
    assert "learned-1 (shipped)" in listed and "learned-1-desk1        active" in listed
    assert "learned-1-desk2        retired" in listed
    assert await cli(["classifier", "rollback", "--by", "ito"]) == 0
    assert capsys.readouterr().out.strip() == "learned-1-desk2 answers now"
    assert await cli(["classifier", "rollback", "--by", "ito"]) == 0  # desk2 replaced the shipped one
    assert capsys.readouterr().out.strip() == "shipped answers now"
    assert await cli(["classifier", "rollback", "--by", "ito"]) == 1
    assert "nothing to roll back" in capsys.readouterr().err
    assert await cli(["classifier", "use", "learned-9", "--by", "ito"]) == 1
    assert "no stored model 'learned-9'" in capsys.readouterr().err
    assert await actions(desk) == [
        "classifier.model_trained",
        "classifier.model_trained",
        "classifier.model_promoted",
        "classifier.model_used",
        "classifier.model_rolled_back",
        "classifier.model_rolled_back",
    ]
    async with desk.reader() as session:
        assert await desk_models.active_model(session, CIPHER) is None


async def test_a_model_trained_under_other_rules_is_never_made_to_answer(
    desk: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    await store(desk, "learned-1-desk1", promote=True)
    async with desk.transaction() as session:
        row = await session.scalar(select(ClassifierModel))
        assert row is not None
        row.rules_digest = "0" * 16  # as if the rules changed since it was trained
    async with desk.reader() as session:
        assert await desk_models.active_model(session, CIPHER) is None  # the shipped one answers
    assert await cli(["classifier", "use", "learned-1-desk1", "--by", "ito"]) == 1
    assert "trained under other rules" in capsys.readouterr().err
    assert await cli(["classifier", "list"]) == 0
    assert "active, other rules" in capsys.readouterr().out
