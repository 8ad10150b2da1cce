"""The offline engine (the rules, or the learned engine) in a process of its own, with a time budget per text.

The rules are pure Python over the complainant's words. Run in the service's process they would hold its
event loop (the webhook, Slack's 3 seconds, the worker) for as long as a text takes; here they run in a
worker process forked from a server that has the engine loaded, and a text that takes longer than the
budget is given up: that process is replaced and the case is shown as not classified (a human reads it).
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout

from pebble import ProcessExpired, ProcessPool

from bot.classifier.model import Assessment
from bot.classifier.offline import ENGINE_NAME, OfflineClassifier, not_classified

log = logging.getLogger(__name__)

Engine = Callable[[str, str], Assessment]

_lock = threading.Lock()
_pool: ProcessPool | None = None
# What the fork server loads before it forks a worker: the rules always, the learned engine when asked.
_PRELOAD = ["bot.classifier.offline"]
_LEARNED_MODULE = "bot.classifier.learned.preloaded"


def _new_pool(
    initializer: Callable[..., None] | None = None, initargs: tuple[object, ...] = ()
) -> ProcessPool:
    # A fork server loaded with the engine: a replacement process is ready in milliseconds and inherits
    # no threads or locks of the service.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    pool = ProcessPool(max_workers=1, context=context, initializer=initializer, initargs=initargs)
    atexit.register(pool.stop)
    return pool


def _shared_pool() -> ProcessPool:
    """One pool per process for the shipped engines, started on first use (every app in a process
    shares it)."""
    global _pool
    with _lock:
        if _pool is None or not _pool.active:
            _pool = _new_pool()
        return _pool


def _assess(text: str, language: str) -> Assessment:
    """Runs in the pool's process (never raises: a bug gives the engine's failure assessment)."""
    return OfflineClassifier().assess_sync(text, language=language)


def _assess_learned(text: str, language: str) -> Assessment:
    """Runs in the pool's process: the learned engine loaded there at start-up."""
    from bot.classifier.learned import preloaded  # loaded by the fork server before the fork

    return preloaded.assess(text, language)


def _use_model(data: bytes) -> None:
    """A pool process's initializer: the learned engine answers with this model (the desk's own)."""
    from bot.classifier.learned import preloaded

    preloaded.use_model(data)


def learned_run() -> Engine:
    """The learned engine's function for `IsolatedClassifier(run=...)`; its module joins the preload."""
    with _lock:
        if _LEARNED_MODULE not in _PRELOAD:
            _PRELOAD.append(_LEARNED_MODULE)
    return _assess_learned


class IsolatedClassifier:
    """`offline-4` run in a separate process, giving up on a text after `budget_seconds`.

    `run` is the function the process calls (a module-level function, so that it can be sent there).
    With `model` (an artefact's bytes), the learned engine answers with that model, in a pool of this
    classifier's own (`close` stops it).
    """

    engine = ENGINE_NAME

    def __init__(
        self, *, budget_seconds: float, run: Engine | None = None, model: bytes | None = None
    ) -> None:
        self._budget = budget_seconds
        self._run = run or _assess
        self._model = model
        self._own: ProcessPool | None = None
        if model is not None:
            self._run = learned_run()

    def _pool(self) -> ProcessPool:
        if self._model is None:
            return _shared_pool()
        if self._own is None or not self._own.active:
            self._own = _new_pool(_use_model, (self._model,))
        return self._own

    def close(self) -> None:
        """Stop this classifier's own pool (the shared one stays)."""
        if self._own is not None:
            self._own.stop()
            self._own = None

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The engine's assessment, or `not_classified` when the text took longer than the budget."""
        future = self._pool().schedule(self._run, args=(text, language), timeout=self._budget)
        try:
            result: Assessment = await asyncio.wrap_future(future)
        except (TimeoutError, FutureTimeout):
            # Never the text: only its size.
            log.warning("offline classifier over its %g s budget on %d chars", self._budget, len(text))
            return not_classified(language, why="over time budget")
        except ProcessExpired as exc:
            log.error("offline classifier process died (%s) on %d chars", exc.exitcode, len(text))
            return not_classified(language, why="engine process died")
        return result
