"""The desk's clients: the tenants file, its sync, the directory of look-ups, LINE account setup."""
