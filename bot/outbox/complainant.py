"""The `complainant.message` effect, handed to the sender of the complainant's channel.

A channel is a name (the case's `channel`, "line") and a sender registered under it in app.wiring; a new
channel (e-mail, SMS) is a sender of its own and one more entry there.
"""

from __future__ import annotations

from typing import Any

from bot.outbox.effects import Effect, EffectSender, SendError


class ComplainantChannels:
    """Routes each message to the complainant to the sender of the channel its payload names."""

    def __init__(self, senders: dict[str, EffectSender]) -> None:
        self._senders = senders

    async def send(self, effect: Effect) -> dict[str, Any]:
        """Deliver through the channel's sender (an unknown channel can never be sent: dead at once)."""
        channel = str(effect.payload.get("channel"))
        sender = self._senders.get(channel)
        if sender is None:
            raise SendError(f"no sender for the {channel} channel", permanent=True)
        return await sender.send(effect)

    async def close(self) -> None:
        """Close every channel's sender."""
        for sender in self._senders.values():
            await sender.close()
