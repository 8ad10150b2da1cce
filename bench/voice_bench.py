"""`python -m bench.voice_bench`: a voicemail from its recording callback to the transcript in its case's
thread, with the fake speech-to-text API answering after 2 s, against the same run with an instant one
(the baseline: what the desk itself adds).

The service runs in this process on SQLite (the fakes too: Slack at 50 ms, the telephony provider, the
transcription API); calls are placed one after another, each timed from the moment the provider's recording
callback was answered to the moment the transcript's note is in the fake Slack.
"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import tempfile
import time
from pathlib import Path
from typing import Any

import uvicorn
from pydantic import SecretStr

from app.demo.story import free_port
from app.wiring import create_app
from bench.harness import LINE_TOKEN, SLACK_TOKEN, TENANTS, bench_settings, in_process_sandbox
from bench.load import percentile
from bot.tenants.sync import sync_tenant_yaml
from sandbox.fake_line import FakeLine
from sandbox.fake_slack import FakeSlack
from sandbox.fake_telephony import FakeTelephony, tone_wav
from sandbox.fake_transcription import FakeTranscription
from storage.migrate import upgrade

PUBLIC = "https://desk.example.jp"


async def _time_voicemails(stt_latency: float, calls: int, workdir: Path) -> list[float]:
    """Seconds from each recording callback to its transcript in the thread."""
    slack, line = FakeSlack(token=SLACK_TOKEN, latency=0.05), FakeLine(tokens={LINE_TOKEN})
    telephony = FakeTelephony()
    stt = FakeTranscription(api_key="bench-stt", latency=stt_latency)
    for fake in (slack, line, telephony, stt):
        fake.start()
    settings = bench_settings(
        f"sqlite+aiosqlite:///{workdir / f'voice-{stt_latency}.db'}", in_process_sandbox(slack, line)
    )
    settings = settings.model_copy(
        update={
            "public_base_url": PUBLIC,
            "twilio_account_sid": telephony.account_sid,
            "twilio_auth_token": SecretStr(telephony.auth_token),
            "transcription_base_url": stt.api_url,
            "transcription_api_key": SecretStr("bench-stt"),
            "blob_dir": str(workdir / f"blobs-{stt_latency}"),
            "worker_poll_seconds": 0.2,
        }
    )
    app = create_app(settings)
    services = app.state.services
    await upgrade(services.db)
    await sync_tenant_yaml(
        services.db, services.cipher, text=TENANTS, now=services.clock.now(), actor="bench"
    )
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    telephony.connect(public_base_url=PUBLIC, app_base_url=f"http://127.0.0.1:{port}")
    seconds: list[float] = []
    try:
        for n in range(calls):
            audio = tone_wav(1.0 + n / 100)  # each call its own recording, its own words
            words = (
                f"ベンチマークの留守番電話です。受付の対応について {n} 番目の相談です。{secrets.token_hex(4)}"
            )
            stt.say(audio, words)
            await telephony.place_call("bench", f"+8190{10000000 + n}", audio, 5)
            start = time.perf_counter()
            while not any(words in str(p.get("blocks")) + str(p.get("text")) for p in slack.all_posts()):
                if time.perf_counter() - start > 60:
                    raise TimeoutError(f"no transcript for call {n}")
                await asyncio.sleep(0.01)
            seconds.append(time.perf_counter() - start)
    finally:
        server.should_exit = True
        await task
        for fake in (slack, line, telephony, stt):
            fake.stop()
    return seconds


def _row(name: str, values: list[float]) -> dict[str, Any]:
    ordered = sorted(values)
    return {"run": name, "p50_s": percentile(ordered, 50), "p95_s": percentile(ordered, 95)}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--latency", type=float, default=2.0, help="the fake transcription's answer time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="voice-bench-") as tmp:
        baseline = _row("instant transcription", await _time_voicemails(0.0, args.calls, Path(tmp)))
        slow = _row(
            f"transcription at {args.latency:g} s",
            await _time_voicemails(args.latency, args.calls, Path(tmp)),
        )
    print(f"voicemail: recording callback -> transcript in the case's thread ({args.calls} calls, SQLite)")
    for row in (baseline, slow):
        print(f"  {row['run']:<28} p50 {row['p50_s']:.2f} s  p95 {row['p95_s']:.2f} s")
    print(f"  over the transcription's own {args.latency:g} s: p50 +{slow['p50_s'] - args.latency:.2f} s")


if __name__ == "__main__":
    asyncio.run(main())
