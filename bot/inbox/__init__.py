"""The inbox: inbound events made durable, and the worker that turns them into cases."""
