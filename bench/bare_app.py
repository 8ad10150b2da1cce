"""The baseline: an endpoint that only checks the LINE signature and answers 200 (no storage)."""

from __future__ import annotations

import os

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from handlers.line.webhook import signature_is_valid

SECRET = os.environ.get("BENCH_LINE_SECRET", "bench-secret")


async def handle_bare_webhook(request: Request) -> Response:
    """Verify the signature on the raw body; nothing else."""
    body = await request.body()
    if not signature_is_valid(SECRET, body, request.headers.get("x-line-signature", "")):
        return JSONResponse({"error": "invalid signature"}, status_code=400)
    return JSONResponse({})


app = Starlette(routes=[Route("/line/webhook/{tenant}", handle_bare_webhook, methods=["POST"])])
