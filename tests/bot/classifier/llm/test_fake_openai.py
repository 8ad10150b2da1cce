"""The fake OpenAI server speaks the API's wire format."""

from __future__ import annotations

import json

import httpx

from sandbox.fake_openai import FakeOpenAI
from tests.bot.classifier.llm.conftest import API_KEY

BODY = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "こんにちは"}]}
HEADERS = {"Authorization": f"Bearer {API_KEY}"}


async def _post(fake: FakeOpenAI, body: object = BODY, headers: dict[str, str] = HEADERS) -> httpx.Response:
    async with httpx.AsyncClient(base_url=fake.api_url, timeout=5) as client:
        return await client.post("/chat/completions", json=body, headers=headers)


async def test_completion_shape(fake_openai: FakeOpenAI) -> None:
    fake_openai.output = {"label": "legitimate"}
    response = await _post(fake_openai)
    assert response.status_code == 200
    data = response.json()
    assert data["id"].startswith("chatcmpl-")
    assert data["object"] == "chat.completion"
    assert isinstance(data["created"], int)
    assert data["model"] == "gpt-4o-mini"
    [choice] = data["choices"]
    assert choice["index"] == 0
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["refusal"] is None
    assert json.loads(choice["message"]["content"]) == {"label": "legitimate"}
    usage = data["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
    assert fake_openai.chat_bodies == [BODY]
    assert "こんにちは" in fake_openai.sent_text()


async def test_output_can_be_computed_from_the_request(fake_openai: FakeOpenAI) -> None:
    fake_openai.output = lambda body: {"echo": body["messages"][-1]["content"]}
    data = (await _post(fake_openai)).json()
    assert json.loads(data["choices"][0]["message"]["content"]) == {"echo": "こんにちは"}


async def test_refusal_shape(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "refusal"
    message = (await _post(fake_openai)).json()["choices"][0]["message"]
    assert message["content"] is None
    assert message["refusal"]


async def test_error_modes(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "error"
    response = await _post(fake_openai)
    assert response.status_code == 500
    assert response.json()["error"]["type"] == "server_error"

    fake_openai.mode = "rate_limit"
    fake_openai.retry_after = 2
    response = await _post(fake_openai)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "2"
    assert response.json()["error"]["code"] == "rate_limit_exceeded"


async def test_planned_faults_use_openai_error_bodies(fake_openai: FakeOpenAI) -> None:
    fake_openai.faults.rate_limit(retry_after=0.5)
    response = await _post(fake_openai)
    assert response.status_code == 429
    assert response.headers["retry-after"] == "0.5"
    assert response.json()["error"]["type"] == "requests"
    assert (await _post(fake_openai)).status_code == 200


async def test_auth_and_bad_requests(fake_openai: FakeOpenAI) -> None:
    response = await _post(fake_openai, headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"
    assert (await _post(fake_openai, body={"model": "m"})).status_code == 400
    assert (await _post(fake_openai, body={**BODY, "stream": True})).status_code == 400


async def test_models(fake_openai: FakeOpenAI) -> None:
    async with httpx.AsyncClient(base_url=fake_openai.api_url, timeout=5) as client:
        response = await client.get("/models", headers=HEADERS)
    assert response.json()["data"][0]["id"] == "gpt-4o-mini"


def test_reset(fake_openai: FakeOpenAI) -> None:
    fake_openai.mode = "error"
    fake_openai.reset()
    assert fake_openai.mode == "valid"
    assert fake_openai.requests == []
