"""Everything that carries the complainant's words is encrypted: the assessment, verdict texts, audit values

The plain columns are moved into sealed ones (storage.sealed, the service's key) and dropped. The key comes
with the database `kasuhara db upgrade` opens (storage.migrate passes it to Alembic); a database holding
rows to move refuses to migrate without it. Columns are added and dropped in place (SQLite 3.35+ drops a
column without copying its table, so `case`, which other tables reference, is never recreated). The tables
whose rows were moved are compacted after the migration's transaction (VACUUM), so that no old copy of a
plain text stays in the database's files.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from storage.migrate import COMPACT
from storage.sealed import SEALER, Sealer, open_json, seal_json

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 500

CASE = sa.table(
    "case",
    sa.column("id", sa.Integer),
    sa.column("assessment", sa.JSON),
    sa.column("assessment_enc", sa.LargeBinary),
    sa.column("assessment_types", sa.JSON),
    sa.column("assessment_confidence", sa.Float),
    sa.column("assessment_engine", sa.String),
)
VERDICT_TEXTS = ("opinion", "advice", "recommendation", "police_reference")
VERDICT = sa.table(
    "verdict",
    sa.column("id", sa.Integer),
    sa.column("texts_enc", sa.LargeBinary),
    *(sa.column(name, sa.Text) for name in VERDICT_TEXTS),
)
AUDIT = sa.table(
    "audit_log",
    sa.column("id", sa.Integer),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("before_enc", sa.LargeBinary),
    sa.column("after_enc", sa.LargeBinary),
)


def _sealer() -> Sealer:
    sealer: Sealer | None = context.config.attributes.get(SEALER)
    if sealer is None:
        raise RuntimeError(
            "migration 0008 encrypts stored texts: run `kasuhara db upgrade` with PII_ENCRYPTION_KEYS set"
        )
    return sealer


def _batches(
    table: sa.TableClause, columns: list[str], present: sa.ColumnElement[bool]
) -> Iterator[list[Any]]:
    """The rows where `present` holds, by id, a batch at a time."""
    last = 0
    conn = op.get_bind()
    while True:
        rows = conn.execute(
            sa.select(table.c.id, *(table.c[c] for c in columns))
            .where(present, table.c.id > last)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1].id


def _rewrite(table: sa.TableClause, values: list[dict[str, Any]]) -> None:
    """Set each row's new values (`row_id`: the row; the other keys: its columns)."""
    if values:
        names = [k for k in values[0] if k != "row_id"]
        statement = (
            table.update()
            .where(table.c.id == sa.bindparam("row_id"))
            .values({name: sa.bindparam(f"new_{name}") for name in names})
        )
        rows = [{"row_id": v["row_id"], **{f"new_{n}": v[n] for n in names}} for v in values]
        op.get_bind().execute(statement, rows)


def _move(
    table: sa.TableClause,
    columns: list[str],
    present: sa.ColumnElement[bool],
    convert: Callable[[Sealer, Any], dict[str, Any]],
) -> None:
    """Rewrite each row where `present` holds; the table is compacted after the migration (no old copy
    of a moved text stays on disk)."""
    sealer: Sealer | None = None
    for rows in _batches(table, columns, present):
        sealer = sealer or _sealer()
        _rewrite(table, [{"row_id": row.id, **convert(sealer, row)} for row in rows])
        context.config.attributes.setdefault(COMPACT, set()).add(table.name)


def _sealed_or_none(sealer: Sealer, value: Any) -> bytes | None:
    return None if value is None else seal_json(sealer, value)


def _opened_or_none(sealer: Sealer, token: bytes | None) -> Any:
    return None if token is None else open_json(sealer, token)


def _seal_assessment(sealer: Sealer, row: Any) -> dict[str, Any]:
    found = row.assessment if isinstance(row.assessment, dict) else {}
    return {
        "assessment_enc": _sealed_or_none(sealer, row.assessment),
        "assessment_types": list(found.get("types") or []),
        "assessment_confidence": found.get("confidence"),
        "assessment_engine": str(found.get("engine") or "")[:120] or None,
    }


def _seal_verdict(sealer: Sealer, row: Any) -> dict[str, Any]:
    return {"texts_enc": seal_json(sealer, {name: getattr(row, name) for name in VERDICT_TEXTS})}


def _seal_audit(sealer: Sealer, row: Any) -> dict[str, Any]:
    return {
        "before_enc": _sealed_or_none(sealer, row.before),
        "after_enc": _sealed_or_none(sealer, row.after),
    }


def upgrade() -> None:
    with op.batch_alter_table("case", recreate="never") as batch:
        batch.add_column(sa.Column("assessment_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("assessment_types", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("assessment_confidence", sa.Float(), nullable=True))
        batch.add_column(sa.Column("assessment_engine", sa.String(length=120), nullable=True))
    with op.batch_alter_table("verdict", recreate="never") as batch:
        batch.add_column(sa.Column("texts_enc", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.add_column(sa.Column("before_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("after_enc", sa.LargeBinary(), nullable=True))

    _move(CASE, ["assessment"], CASE.c.assessment.is_not(None), _seal_assessment)
    _move(VERDICT, list(VERDICT_TEXTS), sa.true(), _seal_verdict)
    _move(
        AUDIT,
        ["before", "after"],
        sa.or_(AUDIT.c.before.is_not(None), AUDIT.c.after.is_not(None)),
        _seal_audit,
    )

    with op.batch_alter_table("case", recreate="never") as batch:
        batch.drop_column("assessment")
    # The verdict table is referenced by none: SQLite recreates it to make texts_enc NOT NULL.
    with op.batch_alter_table("verdict") as batch:
        for name in VERDICT_TEXTS:
            batch.drop_column(name)
        batch.alter_column("texts_enc", existing_type=sa.LargeBinary(), nullable=False)
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.drop_column("before")
        batch.drop_column("after")


def _open_assessment(sealer: Sealer, row: Any) -> dict[str, Any]:
    return {"assessment": _opened_or_none(sealer, row.assessment_enc)}


def _open_verdict(sealer: Sealer, row: Any) -> dict[str, Any]:
    texts = open_json(sealer, row.texts_enc)
    return {name: texts.get(name) or ("" if name != "police_reference" else None) for name in VERDICT_TEXTS}


def _open_audit(sealer: Sealer, row: Any) -> dict[str, Any]:
    return {
        "before": _opened_or_none(sealer, row.before_enc),
        "after": _opened_or_none(sealer, row.after_enc),
    }


def downgrade() -> None:
    with op.batch_alter_table("case", recreate="never") as batch:
        batch.add_column(sa.Column("assessment", sa.JSON(), nullable=True))
    with op.batch_alter_table("verdict", recreate="never") as batch:
        for name in VERDICT_TEXTS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=True))
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.add_column(sa.Column("before", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("after", sa.JSON(), nullable=True))

    _move(CASE, ["assessment_enc"], CASE.c.assessment_enc.is_not(None), _open_assessment)
    _move(VERDICT, ["texts_enc"], sa.true(), _open_verdict)
    _move(
        AUDIT,
        ["before_enc", "after_enc"],
        sa.or_(AUDIT.c.before_enc.is_not(None), AUDIT.c.after_enc.is_not(None)),
        _open_audit,
    )

    with op.batch_alter_table("case", recreate="never") as batch:
        for name in ("assessment_engine", "assessment_confidence", "assessment_types", "assessment_enc"):
            batch.drop_column(name)
    with op.batch_alter_table("verdict") as batch:
        batch.drop_column("texts_enc")
        for name in ("opinion", "advice", "recommendation"):
            batch.alter_column(name, existing_type=sa.Text(), nullable=False)
        batch.alter_column("police_reference", existing_type=sa.Text(), type_=sa.String(length=120))
    with op.batch_alter_table("audit_log", recreate="never") as batch:
        batch.drop_column("after_enc")
        batch.drop_column("before_enc")
