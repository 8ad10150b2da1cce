"""ServerThread: loopback port, blocking start/stop, restart on the same port, use from async code."""

from __future__ import annotations

import socket

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from sandbox.server import ServerThread


async def _hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("hello")


def _app() -> Starlette:
    return Starlette(routes=[Route("/", _hello)])


def test_start_returns_loopback_url_and_serves() -> None:
    server = ServerThread(_app())
    with pytest.raises(RuntimeError):
        _ = server.base_url
    url = server.start()
    try:
        assert url.startswith("http://127.0.0.1:")
        assert url == server.base_url
        assert server.running
        assert httpx.get(url + "/", trust_env=False).text == "hello"
        assert server.start() == url  # idempotent while running
    finally:
        server.stop()
    assert not server.running
    server.stop()  # idempotent when stopped


def test_stop_then_start_reuses_the_same_port() -> None:
    with ServerThread(_app()) as server:
        url = server.base_url
        server.stop()
        with pytest.raises(httpx.ConnectError):
            httpx.get(url + "/", trust_env=False)
        assert server.start() == url
        assert httpx.get(url + "/", trust_env=False).text == "hello"


async def test_start_and_stop_from_inside_a_running_loop() -> None:
    server = ServerThread(_app())
    url = server.start()
    try:
        async with httpx.AsyncClient(trust_env=False) as client:
            assert (await client.get(url + "/")).text == "hello"
    finally:
        server.stop()


def test_start_fails_cleanly_when_the_port_is_taken() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(OSError):
            ServerThread(_app(), port=port).start()
