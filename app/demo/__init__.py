"""`kasuhara demo`: the main job end to end against the local sandbox (fake Slack and LINE), printed."""
