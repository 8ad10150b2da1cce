"""Rows written into a database at an earlier revision: a model instance inserted with only the columns
that revision has (the ORM maps today's schema, whose newer columns the old table lacks)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase

from bot.crypto import PiiCipher
from bot.tenants.file import parse_tenant_file
from bot.tenants.sync import apply_spec
from storage.models import Tenant


async def insert_as_of(session: AsyncSession, row: DeclarativeBase) -> int:
    """Insert `row` with the values set on it, in the columns the database has; its new id."""
    table = row.__table__
    assert isinstance(table, sa.Table)
    present = await session.run_sync(
        lambda s: {c["name"] for c in sa.inspect(s.connection()).get_columns(table.name)}
    )
    values = {}
    for column in table.columns:
        if column.name not in present or column.name == "id":
            continue
        value = getattr(row, column.key)
        if value is None and column.default is not None:  # the model's default, as a flush would apply
            value = column.default.arg(None) if column.default.is_callable else column.default.arg
        if value is not None:
            values[column.name] = value
    old_table = sa.table(
        table.name, *(sa.column(name, table.c[name].type) for name in values), sa.column("id")
    )
    result = await session.execute(sa.insert(old_table).values(values).returning(old_table.c.id))
    return int(result.scalar_one())


async def add_tenants_as_of(session: AsyncSession, cipher: PiiCipher, *, text: str, now: datetime) -> None:
    """A tenants document applied to an older database (what `sync_tenant_yaml` does at the head)."""
    for spec in parse_tenant_file(text):
        tenant = Tenant(slug=spec.slug, created_at=now, updated_at=now)
        apply_spec(tenant, spec, cipher)
        await insert_as_of(session, tenant)
