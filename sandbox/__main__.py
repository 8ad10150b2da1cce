"""`python -m sandbox`: run the fake Slack and LINE servers on their own, e.g. beside a load test.

Prints one JSON line with their URLs, then serves until stdin closes or the process is told to stop.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack


def main() -> None:
    """Start both fakes and wait."""
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--slack-token", required=True)
    parser.add_argument("--line-token", action="append", default=[])
    parser.add_argument("--slack-latency", type=float, default=0.0)
    args = parser.parse_args()
    slack = FakeSlack(token=args.slack_token, latency=args.slack_latency)
    line = FakeLine(tokens=set(args.line_token) or None)
    slack.start()
    line.start()
    print(json.dumps({"slack_api_url": slack.api_url, "line_base_url": line.base_url}), flush=True)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())

    def wait_for_stdin_to_close() -> None:
        sys.stdin.read()
        done.set()

    threading.Thread(target=wait_for_stdin_to_close, daemon=True).start()
    done.wait()
    slack.stop()
    line.stop()


if __name__ == "__main__":
    main()
