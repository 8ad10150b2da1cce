"""The LINE intake dialogue: collects the report items after the first message, kindly."""
