"""Jobs that run on the calendar (monthly totals, SLA reminders, contract renewals, retention)."""
