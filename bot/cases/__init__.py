"""A case: its triage state, numbers, lifecycle, texts, report items, outcomes and classification."""
