"""The outbox: effects the domain writes (channel-neutral), and the dispatcher that delivers them."""
