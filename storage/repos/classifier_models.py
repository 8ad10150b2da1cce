"""The desk's learned-engine models: stored, listed, and the one active (at most one row)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ClassifierModel


async def all_models(session: AsyncSession) -> list[ClassifierModel]:
    """Every stored model, oldest first."""
    return list(await session.scalars(select(ClassifierModel).order_by(ClassifierModel.id)))


async def by_version(session: AsyncSession, *, version: str) -> ClassifierModel | None:
    """The model of this version, if stored."""
    return await session.scalar(select(ClassifierModel).where(ClassifierModel.version == version))


async def active(session: AsyncSession) -> ClassifierModel | None:
    """The active model, or None when the shipped one answers."""
    return await session.scalar(select(ClassifierModel).where(ClassifierModel.status == "active"))


async def active_key(session: AsyncSession) -> tuple[int, str] | None:
    """The active model's id and artefact digest (a cheap check for a change), or None."""
    row = (
        await session.execute(
            select(ClassifierModel.id, ClassifierModel.artefact_sha256).where(
                ClassifierModel.status == "active"
            )
        )
    ).first()
    return (row[0], row[1]) if row else None


async def count(session: AsyncSession) -> int:
    """How many models are stored."""
    return int(await session.scalar(select(func.count()).select_from(ClassifierModel)) or 0)


async def last_trained_at(session: AsyncSession) -> datetime | None:
    """When the newest stored model was trained (None before the first)."""
    return await session.scalar(select(func.max(ClassifierModel.created_at)))


async def retire_active(session: AsyncSession) -> None:
    """No model active any more (the one that was becomes `retired`)."""
    await session.execute(
        update(ClassifierModel).where(ClassifierModel.status == "active").values(status="retired")
    )
