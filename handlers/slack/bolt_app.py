"""The Slack app: one bolt `AsyncApp` (signature checks, listeners, error ids) mounted at /slack/events."""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Sequence
from typing import Any

import aiohttp
from slack_bolt.adapter.starlette.async_handler import to_starlette_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from bot.clock import Clock
from bot.config import Settings
from bot.review.queries import ReviewQueries
from bot.review.service import ReviewService
from bot.review.targets import ReviewTargets
from bot.review.texts import review_text
from handlers.slack import actions, commands, views
from handlers.slack.client import SlackClient
from handlers.slack.edge import Refused, parse_body, verify_signature
from handlers.slack.permissions import AccessPolicy, SlackMembership
from handlers.slack.review_deps import ReviewDeps
from handlers.web.limits import BodyTooLarge, read_body_capped

log = logging.getLogger(__name__)


def build_bolt_app(settings: Settings, deps: ReviewDeps) -> AsyncApp:
    """The bolt app with every review listener registered."""
    app = AsyncApp(
        name="kasuhara",  # named, bolt does not look its caller up on the stack (a fifth of a second)
        client=deps.client,  # carries the bot token and the API base URL (Slack, or the sandbox)
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        # Requests are verified at the door, before anything parses them (handlers/slack/edge.py);
        # Socket Mode's arrive over the app-token WebSocket and are never signed.
        request_verification_enabled=False,
        # Listeners only touch the database and open modals, well inside 3 s: answering after them lets
        # a refusal or a field error travel in the response itself.
        process_before_response=True,
        raise_error_for_unhandled_request=False,
    )
    commands.register(app, deps)
    actions.register(app, deps)
    views.register(app, deps)

    @app.error
    async def handle_unexpected_error(error: Exception, request: AsyncBoltRequest) -> BoltResponse:
        error_id = secrets.token_hex(4)
        log.error("slack request failed (error id %s)", error_id, exc_info=error)
        return await _error_response(
            deps.client, request.body, review_text("error.unexpected", error_id=error_id)
        )

    return app


async def _error_response(client: AsyncWebClient, body: dict[str, Any], text: str) -> BoltResponse:
    """Tell the user about an unexpected error the way the request allows: in the answer or ephemeral."""
    kind = body.get("type")
    headers: dict[str, str | Sequence[str]] = {"content-type": "application/json;charset=utf-8"}
    if kind == "view_submission":
        view = body.get("view") or {}
        field = views.FIRST_FIELD.get(str(view.get("callback_id")), "label")
        payload = {"response_action": "errors", "errors": {field: text}}
        return BoltResponse(status=200, body=json.dumps(payload, ensure_ascii=False), headers=headers)
    if kind == "block_actions":
        channel = str((body.get("channel") or {}).get("id") or "")
        user = str((body.get("user") or {}).get("id") or "")
        if channel and user:
            try:
                await client.chat_postEphemeral(channel=channel, user=user, text=text)
            except Exception:
                log.exception("could not tell the user about the error")
        return BoltResponse(status=200, body="")
    payload = {"response_type": "ephemeral", "text": text}
    return BoltResponse(status=200, body=json.dumps(payload, ensure_ascii=False), headers=headers)


def make_slack_endpoint(app: AsyncApp, *, signing_secret: str, clock: Clock, max_body_bytes: int) -> Any:
    """The Starlette endpoint for POST /slack/events: only verified, well-formed requests reach bolt."""

    async def handle_slack_events(request: Request) -> Response:
        try:
            body = await read_body_capped(request, max_body_bytes)
        except BodyTooLarge:
            return PlainTextResponse("request body too large", status_code=413)
        headers = request.headers
        try:
            verify_signature(secret=signing_secret, body=body, headers=headers, now=clock.now().timestamp())
            parse_body(body, headers.get("content-type", ""))
        except Refused as refused:
            if refused.status != 401:
                log.warning("signed Slack request refused: %s", refused.reason)
            return PlainTextResponse(refused.reason, status_code=refused.status)
        bolt_request = AsyncBoltRequest(body=body.decode(), query=request.url.query, headers=dict(headers))
        return to_starlette_response(await app.async_dispatch(bolt_request))

    return handle_slack_events


def build_slack_review(services: Any) -> tuple[AsyncApp, ReviewDeps]:
    """The review services, access policy and bolt app over the process's services."""
    settings: Settings = services.settings
    client = SlackClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_base_url,
        timeout=int(max(1, settings.http_timeout_seconds)),
    )
    membership = SlackMembership(client, ttl_seconds=settings.slack_membership_cache_seconds)
    who = (settings.slack_reviewer_group, settings.slack_reviewer_users)
    if not any((*who, settings.slack_admin_group, settings.slack_admin_users)):
        log.warning(
            "no reviewers configured (SLACK_REVIEWER_GROUP / SLACK_REVIEWER_USERS): /kasuhara refuses all"
        )
    deps = ReviewDeps(
        review=ReviewService(db=services.db, cipher=services.cipher, settings=settings, clock=services.clock),
        targets=ReviewTargets(db=services.db, cipher=services.cipher),
        queries=ReviewQueries(db=services.db, clock=services.clock, cipher=services.cipher),
        access=AccessPolicy(settings=settings, membership=membership, db=services.db),
        client=client,
    )
    return build_bolt_app(settings, deps), deps


async def open_client(client: AsyncWebClient) -> None:
    """Give the client one HTTP session (else slack_sdk opens a connection per call)."""
    if client.session is None or client.session.closed:
        client.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=client.timeout))


async def close_client(client: AsyncWebClient) -> None:
    """Close the client's HTTP session."""
    if client.session is not None:
        await client.session.close()
        client.session = None
