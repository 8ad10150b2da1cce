"""The phone answering machine's transport: Twilio-compatible webhooks and the recording download."""
