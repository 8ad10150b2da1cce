"""Suggested classification of a case's text: offline engine by default, LLM engine when configured."""
