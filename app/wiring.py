"""`create_app(settings)`: builds every component once and wires them into one ASGI app."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Literal

from starlette.applications import Starlette
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from app.resources import audit_key_of, open_service_database
from bot.blobs import BlobStore, LocalBlobStore
from bot.cases.classification import CaseClassification
from bot.classifier.fallback import build_classifier
from bot.classifier.isolated import IsolatedClassifier
from bot.classifier.learned.desk_engine import DeskModelClassifier
from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.crypto import PiiCipher, cipher_from
from bot.dialogue.sweep import IdleDialogueSweep
from bot.inbox.worker import InboxWorker
from bot.inbox.writer import InboxWriter
from bot.intake.media import LINE_MEDIA, EvidenceKeeper, EvidenceUploader, MediaFetcher
from bot.intake.transcripts import MEDIA_TRANSCRIBE, TranscriptMaker
from bot.intake.voicemail import VOICE_RECORDING, RecordingFetcher
from bot.outbox.complainant import ComplainantChannels
from bot.outbox.dispatcher import OutboxDispatcher
from bot.outbox.effects import (
    CASE_CLASSIFY,
    COMPLAINANT_MESSAGE,
    DESK_DELETE,
    DESK_EVIDENCE,
    DESK_POST,
    DESK_UPDATE,
    DESK_UPLOAD,
    LINE,
    MAIL,
    EffectSender,
)
from bot.scheduling.jobs import CalendarJobs
from bot.scheduling.scheduler import JobScheduler
from bot.tenants.directory import TenantDirectory
from handlers.line.content import LineContentClient
from handlers.line.sender import LineSender
from handlers.line.webhook import LineWebhook
from handlers.llm.openai_chat import OpenAIChat
from handlers.mail.mailboxes import MailboxPollers
from handlers.mail.smtp_sender import SmtpSender
from handlers.slack.bolt_app import build_slack_review, close_client, make_slack_endpoint, open_client
from handlers.slack.desk import SlackDesk
from handlers.slack.sender import SlackSender
from handlers.slack.uploader import SlackUploadSender
from handlers.transcription.openai_audio import OpenAIAudioTranscriber
from handlers.voice.recording_client import RecordingClient
from handlers.voice.webhook import VoiceWebhook
from handlers.web.form import STATIC as FORM_STATIC
from handlers.web.form import WebForm
from handlers.web.health import make_health_endpoint
from storage.db import Database
from storage.migrate import upgrade_if_empty

log = logging.getLogger(__name__)

Role = Literal["web", "worker", "all"]


@dataclass
class Services:
    """The wired components of one process."""

    settings: Settings
    db: Database
    cipher: PiiCipher
    clock: Clock
    blobs: BlobStore
    tenants: TenantDirectory
    senders: dict[str, EffectSender]
    worker: InboxWorker
    dispatcher: OutboxDispatcher
    jobs: CalendarJobs
    inbox_wake: asyncio.Event = field(default_factory=asyncio.Event)
    outbox_wake: asyncio.Event = field(default_factory=asyncio.Event)


def build_services(settings: Settings, *, db: Database | None = None, clock: Clock | None = None) -> Services:
    """Every component, built once."""
    clock = clock or SystemClock()
    cipher = cipher_from(settings)
    if db is None:
        db = open_service_database(settings)
    else:  # a database handed in (tests): its entries chain under this key and are sealed with this cipher
        if (audit_key := audit_key_of(settings)) is not None:
            db.use_audit_key(audit_key)
        db.seal_with(cipher)
    tenants = TenantDirectory(db=db, cipher=cipher)
    slack = SlackSender(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_base_url,
        timeout=settings.http_timeout_seconds,
    )
    # The desk's side of every effect is drawn and sent on Slack.
    desk = SlackDesk(
        slack=slack,
        uploads=SlackUploadSender(slack),  # report PDFs and charts, and media evidence
        triage_channel=settings.slack_triage_channel,
        alerts_channel=settings.slack_triage_channel,
    )
    senders: dict[str, EffectSender] = {
        DESK_POST: desk,
        DESK_UPDATE: desk,
        DESK_UPLOAD: desk,
        DESK_DELETE: desk,
        CASE_CLASSIFY: CaseClassification(
            db=db,
            cipher=cipher,
            classifier=build_classifier(
                settings,
                chat_factory=OpenAIChat,
                offline_factory=lambda: (
                    DeskModelClassifier(
                        db=db, cipher=cipher, clock=clock, budget_seconds=settings.classifier_budget_seconds
                    )
                    if settings.classifier_engine == "learned"
                    else IsolatedClassifier(budget_seconds=settings.classifier_budget_seconds)
                ),
            ),
            settings=settings,
            clock=clock,
        ),
        # Each complainant channel's sender, by the channel's name (a new channel: one more entry).
        COMPLAINANT_MESSAGE: ComplainantChannels(
            {
                LINE: LineSender(
                    base_url=settings.line_api_base_url,
                    tenants=tenants,
                    clock=clock,
                    reply_ttl_seconds=settings.line_reply_token_ttl_seconds,
                    timeout=settings.http_timeout_seconds,
                ),
                MAIL: SmtpSender(settings=settings, tenants=tenants, clock=clock),
            }
        ),
    }
    blobs = LocalBlobStore(settings.blob_dir, cipher)
    keeper = EvidenceKeeper(db=db, cipher=cipher, settings=settings, clock=clock, blobs=blobs)
    senders[LINE_MEDIA] = MediaFetcher(
        keeper=keeper,
        tenants=tenants,
        content=LineContentClient(
            base_url=settings.line_data_api_base_url,
            timeout=settings.http_timeout_seconds,
            max_bytes=settings.media_max_bytes,
        ),
    )
    senders[VOICE_RECORDING] = RecordingFetcher(
        keeper=keeper,
        content=RecordingClient(
            account_sid=settings.twilio_account_sid,
            auth_token=settings.twilio_auth_token.get_secret_value(),
            timeout=settings.voice_download_timeout_seconds,
            max_bytes=settings.media_max_bytes,
        ),
    )
    senders[DESK_EVIDENCE] = EvidenceUploader(db=db, cipher=cipher, blobs=blobs, files=desk)
    senders[MEDIA_TRANSCRIBE] = TranscriptMaker(
        db=db,
        cipher=cipher,
        settings=settings,
        clock=clock,
        blobs=blobs,
        transcriber=OpenAIAudioTranscriber(
            base_url=settings.transcription_base_url,
            model=settings.transcription_model,
            api_key=settings.transcription_api_key.get_secret_value(),
            timeout=settings.transcription_timeout_seconds,
        ),
    )
    outbox_wake = asyncio.Event()
    worker = InboxWorker(
        db=db, cipher=cipher, settings=settings, clock=clock, blobs=blobs, on_effects=outbox_wake.set
    )
    dispatcher = OutboxDispatcher(db=db, cipher=cipher, senders=senders, settings=settings, clock=clock)
    jobs = CalendarJobs(
        db=db, cipher=cipher, settings=settings, clock=clock, blobs=blobs, on_effects=outbox_wake.set
    )
    return Services(
        settings=settings,
        db=db,
        cipher=cipher,
        clock=clock,
        blobs=blobs,
        tenants=tenants,
        senders=senders,
        worker=worker,
        dispatcher=dispatcher,
        jobs=jobs,
        outbox_wake=outbox_wake,
    )


def freeze_startup_objects() -> None:
    """Leave what startup built out of garbage collection from now on.

    Startup builds about 300,000 long-lived objects (lexicons, ORM metadata, API clients). Each full
    collection walked all of them (about 125 ms) every few thousand requests, which cost about a third of
    the webhook's CPU (bench/). Garbage made by requests is still collected as usual.
    """
    gc.collect()
    gc.freeze()


class Background:
    """The inbox worker and the dispatcher running as tasks until `stop()`."""

    def __init__(self, services: Services) -> None:
        self._services = services
        self._stop = asyncio.Event()
        sweep = IdleDialogueSweep(
            db=services.db,
            cipher=services.cipher,
            settings=services.settings,
            clock=services.clock,
            on_effects=services.outbox_wake.set,
        )
        self._tasks = [
            asyncio.create_task(services.worker.run(stop=self._stop, wake=services.inbox_wake)),
            asyncio.create_task(services.dispatcher.run(stop=self._stop, wake=services.outbox_wake)),
            asyncio.create_task(sweep.run(stop=self._stop)),
        ]
        self._mail_writer: InboxWriter | None = None
        self.mail_pollers: MailboxPollers | None = None
        if services.settings.mail_imap_host:
            self._mail_writer = InboxWriter(services.db)
            pollers = MailboxPollers(
                settings=services.settings,
                db=services.db,
                writer=self._mail_writer,
                cipher=services.cipher,
                tenants=services.tenants,
                clock=services.clock,
                on_stored=services.inbox_wake.set,
            )
            self.mail_pollers = pollers
            self._tasks.append(asyncio.create_task(pollers.run(stop=self._stop)))
        self._scheduler: JobScheduler | None = None
        if services.settings.scheduler_enabled:
            self._scheduler = JobScheduler(
                services.jobs, tick_seconds=services.settings.scheduler_tick_seconds
            )
            self._scheduler.start()

    async def stop(self) -> None:
        """Let the current round finish, then end the tasks."""
        self._stop.set()
        if self._scheduler is not None:
            await self._scheduler.stop()
        await asyncio.wait(self._tasks, timeout=15)
        for task in self._tasks:
            task.cancel()
        if self._mail_writer is not None:
            await self._mail_writer.close()


async def close_services(services: Services) -> None:
    """Release connections."""
    for sender in {id(s): s for s in services.senders.values()}.values():
        await sender.close()
    await services.db.dispose()


def create_app(
    settings: Settings, *, role: Role = "all", db: Database | None = None, clock: Clock | None = None
) -> Starlette:
    """The ASGI app; with role `worker` or `all` it also runs the inbox worker and the dispatcher."""
    services = build_services(settings, db=db, clock=clock)
    inbox_writer = InboxWriter(services.db)
    webhook = LineWebhook(
        writer=inbox_writer,
        cipher=services.cipher,
        tenants=services.tenants,
        clock=services.clock,
        max_body_bytes=settings.max_body_bytes,
        on_stored=services.inbox_wake.set,
    )

    form = WebForm(
        writer=inbox_writer,
        db=services.db,
        cipher=services.cipher,
        tenants=services.tenants,
        clock=services.clock,
        settings=settings,
        on_stored=services.inbox_wake.set,
    )

    voice = VoiceWebhook(
        writer=inbox_writer,
        db=services.db,
        cipher=services.cipher,
        tenants=services.tenants,
        clock=services.clock,
        settings=settings,
        on_stored=services.inbox_wake.set,
    )

    slack = build_slack_review(services) if settings.slack_signing_secret.get_secret_value() else None

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        if await upgrade_if_empty(services.db):
            log.info("empty database: schema created")
        background = Background(services) if role in ("worker", "all") else None
        _app.state.background = background
        if slack is not None:
            await open_client(slack[1].client)
        freeze_startup_objects()
        try:
            yield
        finally:
            await inbox_writer.close()
            if slack is not None:
                await close_client(slack[1].client)
            if background is not None:
                await background.stop()
            await close_services(services)

    routes = [
        Route("/line/webhook/{tenant}", webhook.handle_line_webhook, methods=["POST"]),
        Route("/healthz", make_health_endpoint(services.db, services.clock), methods=["GET"]),
        Route("/form/{slug}", form.handle_form_page, methods=["GET"]),
        Route("/form/{slug}", form.handle_form_submission, methods=["POST"]),
        Route("/form/{slug}/received/{submission}", form.handle_form_receipt, methods=["GET"]),
        Route("/voice/{slug}", voice.handle_voice_call, methods=["POST"]),
        Route("/voice/{slug}/recording", voice.handle_voice_recording, methods=["POST"]),
        Mount("/form-static", StaticFiles(directory=FORM_STATIC), name="form-static"),
    ]
    if slack is not None:
        secret = settings.slack_signing_secret.get_secret_value()
        routes.append(
            Route(
                "/slack/events",
                make_slack_endpoint(
                    slack[0],
                    signing_secret=secret,
                    clock=services.clock,
                    max_body_bytes=settings.max_body_bytes,
                ),
                methods=["POST"],
            )
        )
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.services = services
    app.state.slack_app = slack[0] if slack is not None else None
    return app
