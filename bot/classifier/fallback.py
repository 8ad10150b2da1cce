"""A primary engine (the LLM) backed by a fallback engine (offline) that answers on any failure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from pydantic import SecretStr

from bot.classifier.llm.chat import ChatFactory
from bot.classifier.llm.errors import LlmError
from bot.classifier.model import Assessment, Classifier

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 15.0
DEFAULT_MAX_RETRIES = 2


def failure_reason(exc: BaseException) -> str:
    """A short reason for an engine failure, shown in the fallback's engine name."""
    if isinstance(exc, LlmError):
        return exc.reason
    if isinstance(exc, TimeoutError):
        return "timeout"
    return "unexpected error"


class FallbackClassifier:
    """Asks `primary`; on any failure `fallback` answers and says why: `offline-4 (fallback: timeout)`."""

    def __init__(self, primary: Classifier, fallback: Classifier) -> None:
        self.primary = primary
        self.fallback = fallback

    async def assess(self, text: str, *, language: str) -> Assessment:
        """The primary's assessment, or the fallback's when the primary fails in any way."""
        try:
            return await self.primary.assess(text, language=language)
        except Exception as exc:  # cancellation (BaseException) still propagates
            reason = failure_reason(exc)
            detail = exc.detail if isinstance(exc, LlmError) else type(exc).__name__
            # Never the text or the exception message: either may quote the complainant.
            log.warning("classifier fallback: primary failed (%s; %s)", reason, detail)
        assessment = await self.fallback.assess(text, language=language)
        return assessment.model_copy(update={"engine": f"{assessment.engine} (fallback: {reason})"})

    async def aclose(self) -> None:
        """Close the engines that hold resources (HTTP clients)."""
        for engine in (self.primary, self.fallback):
            close = getattr(engine, "aclose", None)
            if close is not None:
                await close()


class ClassifierSettings(Protocol):
    """The settings `build_classifier` reads (`bot.config.Settings` has them)."""

    @property
    def openai_api_key(self) -> SecretStr | str: ...

    @property
    def openai_base_url(self) -> str: ...

    @property
    def openai_model(self) -> str: ...


def _secret(value: SecretStr | str) -> str:
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def _offline() -> Classifier:
    from bot.classifier.offline import OfflineClassifier  # lazy: this module imports without it

    engine: Classifier = OfflineClassifier()
    return engine


def build_classifier(
    settings: ClassifierSettings,
    *,
    chat_factory: ChatFactory | None = None,
    offline_factory: Callable[[], Classifier] | None = None,
) -> Classifier:
    """The offline engine when no OpenAI API key is configured, else the LLM (talking through a client
    from `chat_factory`, the transport's adapter) backed by the offline engine."""
    offline = (offline_factory or _offline)()
    api_key = _secret(settings.openai_api_key).strip()
    if not api_key:
        return offline
    if chat_factory is None:
        raise ValueError("OPENAI_API_KEY is set: build_classifier needs the chat client's factory")
    from bot.classifier.llm.classifier import LlmClassifier

    timeout = float(getattr(settings, "openai_timeout_seconds", DEFAULT_TIMEOUT_SECONDS))
    retries = int(getattr(settings, "openai_max_retries", DEFAULT_MAX_RETRIES))
    chat = chat_factory(
        api_key=api_key, base_url=settings.openai_base_url, timeout_seconds=timeout, max_retries=retries
    )
    llm = LlmClassifier(chat, settings.openai_model, timeout_seconds=timeout, max_retries=retries)
    return FallbackClassifier(llm, offline)
