"""The LLM classifier engine (OpenAI-compatible chat completions with structured output)."""

from bot.classifier.llm.classifier import LlmClassifier, parse_completion, prompt_language
from bot.classifier.llm.errors import LlmError, LlmMalformedOutput, LlmRefusal
from bot.classifier.llm.prompts import PROMPTS_DIR, PromptNotFound, render_prompt
from bot.classifier.llm.schema import LlmVerdict, response_format, strict_json_schema, verbatim_evidence

__all__ = [
    "PROMPTS_DIR",
    "LlmClassifier",
    "LlmError",
    "LlmMalformedOutput",
    "LlmRefusal",
    "LlmVerdict",
    "PromptNotFound",
    "parse_completion",
    "prompt_language",
    "render_prompt",
    "response_format",
    "strict_json_schema",
    "verbatim_evidence",
]
