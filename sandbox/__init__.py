"""Local fakes of the Slack Web API and the LINE Messaging API, plus a LINE complainant simulator."""

from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.faults import Faults
from sandbox.line_events import LineComplainant, sign_body
from sandbox.server import ServerThread

__all__ = ["FakeLine", "FakeSlack", "Faults", "LineComplainant", "ServerThread", "sign_body"]
