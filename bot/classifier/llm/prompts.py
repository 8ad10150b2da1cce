"""Prompt files: one per task and language in the top-level `prompts/` folder, `string.Template` syntax."""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parents[3] / "prompts"


class PromptNotFound(FileNotFoundError):
    """No prompt file for this task and language."""


def prompt_path(task: str, language: str, *, directory: Path | None = None) -> Path:
    """Where the prompt of `task` in `language` lives, e.g. `prompts/classify.ja.txt`."""
    return (directory or PROMPTS_DIR) / f"{task}.{language}.txt"


def load_prompt(task: str, language: str, *, directory: Path | None = None) -> string.Template:
    """The prompt template of `task` in `language`; PromptNotFound when there is no such file."""
    path = prompt_path(task, language, directory=directory)
    try:
        return string.Template(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PromptNotFound(f"no prompt {path.name} in {path.parent}") from exc


def render_prompt(
    task: str, language: str, values: Mapping[str, object], *, directory: Path | None = None
) -> str:
    """The filled prompt; a placeholder without a value raises KeyError (`Template.substitute`)."""
    return load_prompt(task, language, directory=directory).substitute(values)
