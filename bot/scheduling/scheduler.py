"""APScheduler (3.x AsyncIOScheduler) running the calendar jobs' tick in the worker role.

The tick runs once at start (catching up on anything missed while the service was down) and then every
`scheduler_tick_seconds`; what is due is decided from the injected clock and claimed in the database.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.jobs import CalendarJobs

log = logging.getLogger(__name__)


class JobScheduler:
    """Starts and stops the periodic tick."""

    def __init__(self, jobs: CalendarJobs, *, tick_seconds: float) -> None:
        self._jobs = jobs
        self._tick_seconds = tick_seconds
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    async def _tick(self) -> None:
        try:
            ran = await self._jobs.tick()
        except Exception:
            log.exception("calendar jobs tick failed")
            return
        if ran:
            log.info("calendar jobs ran: %s", dict(ran))

    def start(self) -> None:
        """Schedule the tick (first run now); call from inside the running event loop."""
        self._scheduler.add_job(
            self._tick,
            "interval",
            seconds=self._tick_seconds,
            next_run_time=datetime.now(UTC),
            id="calendar-jobs",
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        self._scheduler.start()

    async def stop(self) -> None:
        """Stop scheduling and wait for a running tick to finish."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        await self._jobs.idle()
