"""Shared lifecycle of a fake API: server thread, faults, request log and wait helpers."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self, TypeVar

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from sandbox import polling
from sandbox.faults import Faults, Injection, Wake, sleep_unless_disconnected
from sandbox.records import RecordedRequest, RequestLog
from sandbox.server import ServerThread

T = TypeVar("T")

HEALTH_PATH = "/_sandbox/health"


class FakeServer:
    """Base class of the fakes: subclasses supply API routes and the body of injected errors."""

    def __init__(self, latency: float = 0.0) -> None:
        self.faults = Faults()
        if latency:
            self.faults.latency(latency)
        self._log = RequestLog()
        routes = [*self._routes(), Route(HEALTH_PATH, self._health, methods=["GET"])]
        self.app = Starlette(routes=routes)
        self._server = ServerThread(self.app, lifespan="off")
        self._stopping = False

    # lifecycle ---------------------------------------------------------------

    def start(self) -> str:
        """Start serving (same port after a stop) and return the base URL."""
        self._stopping = False
        return self._server.start()

    def stop(self) -> None:
        """Stop serving (hung requests are cut short and answered); connection refused until `start()`."""
        self._stopping = True
        self._server.stop()

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:<port>` of this fake."""
        return self._server.base_url

    @property
    def running(self) -> bool:
        """Whether the fake is currently serving."""
        return self._server.running

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # inspection --------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every API request received so far, in arrival order (including faulted ones)."""
        return self._log.snapshot()

    def reset(self) -> None:
        """Forget recorded requests and clear faults (subclasses also drop their state)."""
        self._log.clear()
        self.faults.clear()

    def wait_until(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Block until `predicate()` is truthy and return it; TimeoutError otherwise."""
        return polling.wait_until(predicate, timeout)

    async def wait_for(self, predicate: Callable[[], T], timeout: float = 5.0) -> T:
        """Await until `predicate()` is truthy and return it; TimeoutError otherwise."""
        return await polling.wait_for(predicate, timeout)

    # for subclasses ----------------------------------------------------------

    def _routes(self) -> list[BaseRoute]:
        raise NotImplementedError

    def _fault_body(self, injection: Injection) -> dict[str, Any]:
        raise NotImplementedError

    async def _intercept(
        self, request: Request, method: str, args: dict[str, Any], body: bytes
    ) -> Response | None:
        """Record the request and apply faults; a Response means "answer this instead of handling"."""
        injection = self.faults.take()
        record = RecordedRequest(
            method=method,
            args=args,
            headers=dict(request.headers),
            time=time.time(),
            http_method=request.method,
            path=request.url.path,
            body=body,
            query=dict(request.query_params),
            fault=injection.status,
            delay=injection.delay,
        )
        self._log.append(record)
        wake = await sleep_unless_disconnected(request, injection.delay, lambda: self._stopping)
        if wake is Wake.DISCONNECTED and not injection.lost_response:
            record.dropped = True
            return Response(status_code=499)  # nobody is listening any more
        if injection.status is None:
            return None
        content = injection.body if injection.body is not None else self._fault_body(injection)
        return JSONResponse(content, status_code=injection.status, headers=injection.retry_after_header)

    async def _health(self, request: Request) -> Response:
        return JSONResponse({"ok": True})
