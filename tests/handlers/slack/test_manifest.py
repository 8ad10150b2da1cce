"""manifest.yml declares what the code uses: the bolt app's commands and interactivity, and the scopes of
every Web API method the code calls."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import SecretStr
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from app.wiring import build_services
from bot.config import Settings
from bot.crypto import generate_key
from handlers.slack import actions, views
from handlers.slack.blocks import CASE_ACTION_IDS, CASE_OUTCOME_IDS
from handlers.slack.bolt_app import build_slack_review
from sandbox.slack_client import SignedSlack

ROOT = Path(__file__).resolve().parents[3]
# Bot scopes each Web API method needs (public and private channels where it matters).
SCOPES = {
    "chat_postMessage": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_postEphemeral": {"chat:write"},
    "chat_delete": {"chat:write"},  # the bot's own messages
    "files_delete": {"files:write"},
    "conversations_history": {"channels:history", "groups:history"},
    "conversations_replies": {"channels:history", "groups:history"},
    "conversations_members": {"channels:read", "groups:read"},
    "usergroups_users_list": {"usergroups:read"},
    "views_open": set(),
    "files_upload_v2": {"files:write"},  # also files.getUploadURLExternal and files.completeUploadExternal
    "auth_test": set(),
}
API_CALL = re.compile(r"\.(chat_\w+|conversations_\w+|usergroups_\w+|users_\w+|views_\w+|files_\w+)\(")


def _manifest() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def _bolt_app(tmp_path: Path) -> Any:
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'm.db'}",
        slack_bot_token=SecretStr("xoxb-manifest-test"),
        slack_signing_secret=SecretStr("manifest-test-secret"),
        slack_triage_channel="C0TRIAGE01",
        pii_encryption_keys=SecretStr(generate_key()),
        pii_hash_key=SecretStr("k" * 64),
    )
    app, _deps = build_slack_review(build_services(settings))
    return app


async def _matched(app: Any, body: dict[str, Any]) -> bool:
    request = AsyncBoltRequest(body=SignedSlack.payload_body(body).decode(), headers={})
    if body.get("type") == "command":
        raw = SignedSlack.command_body(user="U1", channel="C1", text="help", command=body["command"])
        request = AsyncBoltRequest(body=raw.decode(), headers={})
    for listener in app._async_listeners:
        if await listener.async_matches(req=request, resp=BoltResponse(status=200)):
            return True
    return False


async def test_every_command_and_interaction_is_declared_and_handled(tmp_path: Path) -> None:
    manifest = _manifest()
    app = _bolt_app(tmp_path)
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == ["/kasuhara"]
    for command in commands:
        assert await _matched(app, {"type": "command", "command": command}), command
    assert not await _matched(app, {"type": "command", "command": "/undeclared"})

    action_ids = set(actions.ACTION_IDS)
    assert set(CASE_ACTION_IDS) | set(CASE_OUTCOME_IDS) <= action_ids, "every triage button has a listener"
    for action_id in action_ids:
        payload = SignedSlack.block_action_payload(user="U1", channel="C1", action_id=action_id, value="x")
        assert await _matched(app, payload), action_id
    for callback_id in views.CALLBACK_IDS:
        payload = SignedSlack.view_submission_payload(
            user="U1", view={"type": "modal", "callback_id": callback_id, "private_metadata": "{}"}, values={}
        )
        assert await _matched(app, payload), callback_id
    interactivity = manifest["settings"]["interactivity"]
    assert interactivity["is_enabled"] is True
    # Every listener is reachable through something the manifest declares.
    assert len(app._async_listeners) == len(commands) + len(action_ids) + len(views.CALLBACK_IDS)
    # Commands and interactivity go to the route the app serves; no Events API subscription is needed
    # (thread messages are never forwarded anywhere).
    urls = {c["url"] for c in manifest["features"]["slash_commands"]} | {interactivity["request_url"]}
    assert {u.split("/", 3)[3] for u in urls} == {"slack/events"}
    assert "event_subscriptions" not in manifest["settings"]


def test_every_web_api_method_called_has_its_scope() -> None:
    declared = set(_manifest()["oauth_config"]["scopes"]["bot"])
    called: set[str] = set()
    for folder in ("bot", "handlers"):
        for path in (ROOT / folder).rglob("*.py"):
            called |= set(API_CALL.findall(path.read_text(encoding="utf-8")))
    unknown = called - set(SCOPES)
    assert not unknown, f"add the scopes of {unknown} to SCOPES and manifest.yml"
    needed = set().union(*(SCOPES[m] for m in called)) | {"commands"}
    assert needed <= declared, needed - declared
    assert declared <= needed, f"scopes declared but not used: {declared - needed}"
    assert {"chat_postMessage", "views_open", "usergroups_users_list", "conversations_members"} <= called
