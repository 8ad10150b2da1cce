"""Engines for the isolated classifier's tests: module-level, so that its process can import them."""

from __future__ import annotations

import os
import time

from bot.classifier.isolated import _assess
from bot.classifier.model import Assessment


def never_finishes(text: str, language: str) -> Assessment:
    """Takes far longer than any budget."""
    time.sleep(60)
    return _assess(text, language)


def dies(text: str, language: str) -> Assessment:
    """The engine's process ends without an answer (as if killed for memory)."""
    os._exit(3)
