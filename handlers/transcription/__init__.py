"""Speech-to-text services."""
