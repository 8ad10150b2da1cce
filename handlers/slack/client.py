"""The Slack Web API client the app uses: slack_sdk's, sending only valid UTF-8."""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.valid_text import valid_text


class SlackClient(AsyncWebClient):
    """An AsyncWebClient whose requests never carry a lone surrogate (an encoder would refuse the call)."""

    async def api_call(
        self,
        api_method: str,
        *,
        params: dict[str, Any] | None = None,
        json: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> AsyncSlackResponse:
        data = kwargs.get("data")
        if isinstance(data, dict):
            kwargs["data"] = valid_text(data)
        return await super().api_call(api_method, params=valid_text(params), json=valid_text(json), **kwargs)
