"""The audit log's hash chains: appended at flush, per tenant and the desk's, and verified link by link."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from storage.audit_chain import AuditChainError
from storage.audit_verify import ChainCheck, verify_chains
from storage.db import Database
from storage.models import AuditChainHead, AuditEntry, Case, Tenant
from storage.repos import audit
from storage.sealed import seal_json
from tests.clock import TEST_NOW
from tests.conftest import TEST_AUDIT_KEY, TEST_SEALER
from tests.storage.old_rows import insert_as_of


async def add_tenants(db: Database, *slugs: str) -> list[int]:
    """Tenants with these slugs; their ids (also in a database at an earlier revision)."""
    async with db.transaction() as session:
        return [
            await insert_as_of(session, Tenant(slug=s, name=s, created_at=TEST_NOW, updated_at=TEST_NOW))
            for s in slugs
        ]


async def add_case(db: Database, tenant_id: int, number: str = "KH-2026-000001") -> int:
    """A case of the tenant; its id."""
    async with db.transaction() as session:
        case = Case(
            number=number, tenant_id=tenant_id, channel="line", received_at=TEST_NOW,
            last_message_at=TEST_NOW, sla_due=TEST_NOW.date(), created_at=TEST_NOW, updated_at=TEST_NOW,
        )  # fmt: skip
        session.add(case)
        await session.flush()
        return case.id


async def append(
    db: Database, tenant_id: int | None, count: int, *, actor: str = "test", case_id: int | None = None
) -> list[int]:
    """`count` entries of one tenant (or the desk), one transaction; their ids."""
    async with db.transaction() as session:
        entries = [
            audit.record(
                session,
                at=TEST_NOW + timedelta(seconds=i),
                actor=actor,
                action="case.noted",
                tenant_id=tenant_id,
                case_id=case_id,
                before={"n": i},
                after={"n": i + 1, "words": ["山田", "様"], "nested": {"b": 1, "a": (1, 2)}},
            )
            for i in range(count)
        ]
        await session.flush()
        return [e.id for e in entries]


async def verify(db: Database, tenant_id: int | None = None) -> dict[str, ChainCheck]:
    async with db.snapshot() as session:
        return {c.chain: c for c in await verify_chains(session, key=TEST_AUDIT_KEY, tenant_id=tenant_id)}


async def sql(db: Database, statement: str, **params: object) -> None:
    """A change made behind the app's back, straight in the database."""
    async with db.engine.begin() as conn:
        await conn.execute(text(statement), params)


async def test_entries_chain_per_tenant_and_for_the_desk(database: Database) -> None:
    sakura, maple = await add_tenants(database, "sakura", "maple")
    await append(database, sakura, 3)
    await append(database, None, 2)
    await append(database, maple, 1)
    await append(database, sakura, 2)
    async with database.reader() as session:
        rows = list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        heads = {h.chain: (h.seq, h.last_hash) for h in await session.scalars(select(AuditChainHead))}
    assert [(r.tenant_id, r.seq) for r in rows] == [
        (sakura, 1), (sakura, 2), (sakura, 3), (None, 1), (None, 2), (maple, 1), (sakura, 4), (sakura, 5)
    ]  # fmt: skip
    first = rows[0]
    assert first.prev_hash == "0" * 64 and rows[1].prev_hash == first.entry_hash
    assert rows[6].prev_hash == rows[2].entry_hash  # the chain goes on in the next transaction
    assert heads[f"tenant:{sakura}"] == (5, rows[7].entry_hash) and heads["desk"] == (2, rows[4].entry_hash)
    checks = await verify(database)
    assert [(c.chain, c.entries, c.broken) for c in checks.values()] == [
        ("desk", 2, None), (f"tenant:{sakura}", 5, None), (f"tenant:{maple}", 1, None)
    ]  # fmt: skip
    assert list(await verify(database, sakura)) == [f"tenant:{sakura}"]


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("after_enc", ":sealed", "values changed"),
        ("values_digest", "'" + "0" * 64 + "'", "hash mismatch"),
        ("actor", "'slack:U0INTRUDER'", "hash mismatch"),
        ("at", "'2026-01-01 00:00:00+00'", "hash mismatch"),
    ],
)
async def test_an_entry_edited_behind_the_apps_back_breaks_its_chain_there(
    database: Database, column: str, value: str, problem: str
) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    ids = await append(database, sakura, 4)
    await append(database, None, 1)
    # A sealed value replaced by another one sealed with the service's key: the chain covers the plaintext.
    params = {"sealed": seal_json(TEST_SEALER, {"n": 99})} if value == ":sealed" else {}
    await sql(database, f'UPDATE audit_log SET "{column}" = {value} WHERE id = :id', id=ids[2], **params)
    checks = await verify(database)
    broken = checks[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == ids[2] and broken.seq == 3
    assert broken.problem.startswith(problem)
    assert checks["desk"].broken is None  # another chain is not concerned


async def purge_values(db: Database, tenant_id: int, case_id: int) -> int:
    """What the retention purge does to the case's audit entries; how many held values."""
    async with db.transaction() as session:
        dropped = await audit.drop_values(session, case_id)
        audit.record(
            session, at=TEST_NOW, actor="retention", action=audit.VALUES_PURGED, tenant_id=tenant_id,
            case_id=case_id, after={"audit_values": dropped},
        )  # fmt: skip
    return dropped


async def test_the_purge_drops_a_cases_values_and_the_chain_still_holds(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    case, other = await add_case(database, sakura), await add_case(database, sakura, "KH-2026-000002")
    await append(database, sakura, 3, case_id=case)
    await append(database, sakura, 1, case_id=other)
    await append(database, sakura, 1, case_id=case)
    assert await purge_values(database, sakura, case) == 4
    async with database.reader() as session:
        rows = list(await session.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        trail = [(r.case_id, r.action, audit.opened(session, r).after) for r in rows]
    assert [after is None for c, action, after in trail if c == case and action != audit.VALUES_PURGED] == [
        True
    ] * 4
    assert trail[3][2] is not None and trail[-1][2] == {"audit_values": 4}  # the other case keeps its values
    assert (await verify(database))[f"tenant:{sakura}"].broken is None
    assert await purge_values(database, sakura, case) == 0  # a rerun finds nothing left


async def test_values_removed_without_a_recorded_purge_break_the_chain(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    case, other = await add_case(database, sakura), await add_case(database, sakura, "KH-2026-000002")
    ids = await append(database, sakura, 2, case_id=case)
    other_ids = await append(database, sakura, 2, case_id=other)
    await purge_values(database, sakura, case)
    later = await append(database, sakura, 1, case_id=case)  # written after the purge: its values stay
    await sql(
        database, "UPDATE audit_log SET before_enc = NULL, after_enc = NULL WHERE id = :id", id=later[0]
    )
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == later[0] and broken.problem.startswith("values removed")
    await sql(
        database, "UPDATE audit_log SET before_enc = NULL, after_enc = NULL WHERE id = :id", id=other_ids[1]
    )
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == other_ids[1]  # the first of the two, in chain order
    assert ids  # the purged case's own entries held no values, and broke nothing


async def test_a_sealed_value_that_does_not_open_breaks_its_chain_there(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    ids = await append(database, sakura, 3)
    await sql(database, "UPDATE audit_log SET after_enc = :junk WHERE id = :id", id=ids[1], junk=b"junk")
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == ids[1] and broken.problem.startswith("unreadable")


async def test_a_deleted_entry_leaves_a_gap_that_verify_names(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    ids = await append(database, sakura, 5)
    await sql(database, "DELETE FROM audit_log WHERE id IN (:a, :b)", a=ids[1], b=ids[2])
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == ids[3] and broken.seq == 4
    assert broken.problem == "missing predecessor: entries seq 2..3 of this chain deleted"


async def test_a_deleted_last_entry_is_missed_at_the_end(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    ids = await append(database, sakura, 3)
    await sql(database, "DELETE FROM audit_log WHERE id = :id", id=ids[-1])
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id is None
    assert broken.problem == "missing at the end: entry seq 3 deleted"
    await sql(database, "DELETE FROM audit_log")
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.problem == "missing at the end: entries seq 1..3 deleted"


async def test_entries_renumbered_out_of_order_are_reported_as_reordered(database: Database) -> None:
    (sakura,) = await add_tenants(database, "sakura")
    ids = await append(database, sakura, 4)
    # Entry 2 (seq 2) moved after entry 3 (seq 3): the trail would read in another order.
    await sql(database, "UPDATE audit_log SET id = :free WHERE id = :id", free=ids[-1] + 10, id=ids[1])
    broken = (await verify(database))[f"tenant:{sakura}"].broken
    assert broken is not None and broken.entry_id == ids[2] and broken.seq == 3
    assert broken.problem.startswith("reordered: seq 2") and str(ids[-1] + 10) in broken.problem


async def test_another_key_verifies_nothing(database: Database) -> None:
    await append(database, None, 1)
    async with database.snapshot() as session:
        (check,) = await verify_chains(session, key=b"another key".ljust(32, b"."))
    assert check.broken is not None and "PII_HASH_KEY" in check.broken.problem


async def test_an_entry_cannot_be_written_without_the_key(database: Database) -> None:
    database.use_audit_key(None)
    with pytest.raises(AuditChainError, match="PII_HASH_KEY"):
        await append(database, None, 1)


async def test_a_caller_changing_its_dicts_after_record_changes_nothing(database: Database) -> None:
    after = {"status": "new"}
    async with database.transaction() as session:
        entry = audit.record(session, at=TEST_NOW, actor="test", action="case.noted", after=after)
        after["status"] = "changed later"
        assert audit.opened(session, entry).after == {"status": "new"}
    assert (await verify(database))["desk"].broken is None


async def test_concurrent_appends_never_fork_a_chain(database: Database) -> None:
    """Several tasks, each its own transaction (own connection on PostgreSQL), append to the same chains."""
    sakura, maple = await add_tenants(database, "sakura", "maple")

    async def writer(n: int) -> None:
        for round_ in range(5):
            async with database.transaction() as session:
                for tenant_id in (sakura, None, maple)[: 1 + (n + round_) % 3]:
                    audit.record(
                        session, at=TEST_NOW, actor=f"w{n}", action="case.noted", tenant_id=tenant_id
                    )
                await session.flush()
                await asyncio.sleep(0)  # the others run while this transaction holds its heads

    await asyncio.gather(*(writer(n) for n in range(8)))
    checks = await verify(database)
    assert all(c.broken is None for c in checks.values()), checks
    async with database.reader() as session:
        rows = list(await session.execute(select(AuditEntry.tenant_id, AuditEntry.seq)))
    for tenant_id in (sakura, None, maple):
        seqs = sorted(seq for t, seq in rows if t == tenant_id)
        assert seqs == list(range(1, len(seqs) + 1)) and seqs
    assert sum(c.entries for c in checks.values()) == len(rows) == 80
