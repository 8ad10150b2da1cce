"""Entry points and wiring: the composition root, `kasuhara serve` and its runner, Socket Mode, the command
line and the demo. The only package that imports handlers, domain, storage and the sandbox together."""
