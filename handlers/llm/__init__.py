"""The language model transport: an OpenAI-compatible chat completions client behind the classifier's port."""
