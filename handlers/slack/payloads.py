"""The shapes of the Slack requests the app handles, checked before bolt or a listener reads them.

Only the fields that bolt's routing and our listeners read are typed; Slack's other fields pass as they
are. A signed request of another kind, or with a field of the wrong type, is refused with 400.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class _Shape(BaseModel):
    model_config = ConfigDict(extra="allow")


class _Ref(_Shape):
    """A user, team, channel or enterprise given as an object."""

    id: str | None = None
    team_id: str | None = None
    enterprise_id: str | None = None


_RefOrId = str | _Ref | None


class _Actor(_Ref):
    """The user who pressed or submitted (Slack always names them)."""

    id: str


class _ResponseUrl(_Shape):
    response_url: str | None = None


class _Envelope(_Shape):
    """What bolt reads of every request (and of the objects it looks into) to build its context."""

    team: _RefOrId = None
    enterprise: _RefOrId = None
    user: _RefOrId = None
    channel: _RefOrId = None
    team_id: str | None = None
    enterprise_id: str | None = None
    user_id: str | None = None
    channel_id: str | None = None
    trigger_id: str | None = None
    thread_ts: str | None = None
    response_url: str | None = None
    response_urls: list[_ResponseUrl] | None = None
    is_enterprise_install: bool | str | None = None
    is_ext_shared_channel: bool | None = None
    authorizations: list[_Ref] | None = None
    function_execution_id: str | None = None
    bot_access_token: str | None = None
    function_data: dict[str, Any] | None = None
    container: dict[str, Any] | None = None
    event: _Envelope | None = None
    message: _Envelope | None = None
    previous_message: _Envelope | None = None
    item: _Envelope | None = None
    assistant_thread: _Envelope | None = None


class SlashCommand(_Envelope):
    """A slash command (form fields)."""

    command: str
    text: str = ""
    user_id: str
    channel_id: str


class SslCheck(_Shape):
    """Slack checking the request URL's certificate."""

    ssl_check: str


class _Option(_Shape):
    value: str | None = None


class _ElementState(_Shape):
    value: str | None = None
    selected_option: _Option | None = None
    selected_options: list[_Option] | None = None


class _ViewState(_Shape):
    values: dict[str, dict[str, _ElementState]] = Field(default_factory=dict)


class _View(_Shape):
    id: str | None = None
    type: str | None = None
    hash: str | None = None
    callback_id: str
    private_metadata: str = ""
    app_installed_team_id: str | None = None
    team_id: str | None = None
    state: _ViewState | None = None


class _Action(_Shape):
    action_id: str
    block_id: str | None = None
    type: str | None = None
    value: str | None = None


class BlockActions(_Envelope):
    """A button pressed in a message or a modal."""

    type: Literal["block_actions"]
    user: _Actor
    actions: list[_Action] = Field(min_length=1)
    view: _View | None = None


class ViewSubmission(_Envelope):
    """A modal submitted or closed."""

    type: Literal["view_submission", "view_closed"]
    user: _Actor
    view: _View


_Interaction = Annotated[BlockActions | ViewSubmission, Field(discriminator="type")]
_INTERACTION: TypeAdapter[Any] = TypeAdapter(_Interaction)
HANDLED_TYPES = ("block_actions", "view_submission", "view_closed")


class UnsupportedKind(ValueError):
    """A request of a kind the app does not handle (it subscribes to no events, has no shortcuts)."""


def validate_shape(body: dict[str, Any]) -> None:
    """Raise pydantic.ValidationError unless `body` is a request of a kind the app handles (or
    UnsupportedKind)."""
    if "type" in body:
        if body["type"] not in HANDLED_TYPES:
            raise UnsupportedKind(str(body["type"])[:40])
        _INTERACTION.validate_python(body)
    elif "ssl_check" in body:
        SslCheck.model_validate(body)
    else:
        SlashCommand.model_validate(body)
