"""Typed settings from the environment and `.env` (see `.env.example` for every variable)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

# The learned engine's training files: the ones written for it, and the project's earlier labelled sets.
CLASSIFIER_TRAINING_DATA = ("training/*.jsonl", "eval/classification*.jsonl")
# What a candidate trained on the desk's verdicts is judged on, beside the verdicts held out: the labelled
# sets, and the fresh sets already run once (round 1). A round joins only after its first run, which is
# the figure the project reports.
CLASSIFIER_GATE_SETS = ("eval/classification*.jsonl", "eval/fresh/*.jsonl")

PLACEHOLDER_MARKERS = ("changeme", "change-me", "your-", "xxxx", "<", "placeholder", "example")


class ConfigError(Exception):
    """Settings that cannot run the service; the message names the variable."""


class Settings(BaseSettings):
    """Every knob of the service; defaults run locally on SQLite."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["local", "production"] = "local"
    database_url: str = "sqlite+aiosqlite:///./var/kasuhara.db"
    # PostgreSQL only: the schema the tables live in (its search_path), when not the default one.
    database_schema: str | None = None
    public_base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "INFO"

    # Slack (the desk's workspace)
    slack_bot_token: SecretStr = SecretStr("")
    slack_signing_secret: SecretStr = SecretStr("")
    slack_api_base_url: str = "https://slack.com/api/"
    slack_triage_channel: str = ""
    slack_alert_mention: str = Field(default="", description="e.g. <!subteam^S0123> for the reviewer group")
    # Who may do what in Slack: a user group id and/or a comma-separated list of user ids, each.
    slack_reviewer_group: str = ""
    slack_reviewer_users: str = ""
    slack_admin_group: str = ""
    slack_admin_users: str = ""
    slack_membership_cache_seconds: float = 60.0
    # Socket Mode (development without a public URL): an app-level token `xapp-...`.
    slack_app_token: SecretStr = SecretStr("")

    # LINE Messaging API (per-tenant secrets live in the tenants file)
    line_api_base_url: str = "https://api.line.me"
    line_data_api_base_url: str = "https://api-data.line.me"
    line_reply_token_ttl_seconds: float = 50.0

    # OpenAI-compatible classifier (optional)
    openai_api_key: SecretStr = SecretStr("")
    openai_base_url: str = "https://api.openai.com/v1"
    openai_model: str = "gpt-4o-mini"
    openai_timeout_seconds: float = 15.0
    openai_max_retries: int = 2

    # Complainant personal data: comma-separated Fernet keys, newest first (rotation), and an HMAC key.
    pii_encryption_keys: SecretStr = SecretStr("")
    pii_hash_key: SecretStr = SecretStr("")

    tenants_file: str = ""

    # E-mail: the domain of the desk's own Message-IDs (a reply to one of them joins its case)
    mail_domain: str = "desk.localhost"
    # No second acknowledgement by mail to a complainant answered less than this long ago (no mail loop)
    mail_ack_interval_seconds: float = 3600.0
    # E-mail out: the desk's mails to complainants by SMTP (no host: the mail channel cannot send). From is
    # the tenant's desk address, else MAIL_FROM. Security: ssl (implicit TLS, 465), starttls (587), none.
    mail_smtp_host: str = ""
    mail_smtp_port: int = 587
    mail_smtp_security: Literal["ssl", "starttls", "none"] = "starttls"
    mail_smtp_user: str = ""
    mail_smtp_password: SecretStr = SecretStr("")
    mail_from: str = ""
    mail_smtp_timeout_seconds: float = 30.0
    # E-mail in: IMAP mailboxes polled by the worker (no host: mail intake off). The shared one (no user:
    # none) routes a mail to the tenant `slug` of desk+slug@... in Delivered-To / X-Original-To / To / Cc.
    mail_imap_host: str = ""
    mail_imap_port: int = 993
    mail_imap_security: Literal["ssl", "starttls", "none"] = "ssl"
    mail_imap_user: str = ""
    mail_imap_password: SecretStr = SecretStr("")
    mail_imap_folder: str = "INBOX"
    mail_poll_seconds: float = 60.0
    # A tenant's own mailbox (`mail:` in the tenants file) is an account on the same server. After a
    # failure the poller retries after MAIL_RETRY_SECONDS, doubling up to MAIL_RETRY_MAX_SECONDS.
    mail_retry_seconds: float = 1.0
    mail_retry_max_seconds: float = 300.0
    # TLS for IMAP and SMTP: certificates are always verified, against this CA bundle (PEM) instead of the
    # system's trust store when set (a desk server with a private CA).
    mail_tls_ca_file: str = ""

    # Intake and dispatch
    case_join_window_hours: float = 24.0
    max_body_bytes: int = 1024 * 1024
    worker_poll_seconds: float = 0.2
    outbox_max_attempts: int = 12
    outbox_backoff_base_seconds: float = 1.0
    outbox_backoff_max_seconds: float = 300.0
    outbox_lease_seconds: float = 60.0
    # An inbox event still being processed after this long is set aside for the admins (kasuhara inbox).
    inbox_event_budget_seconds: float = 30.0
    # The offline classifier runs in a process of its own; a text it cannot finish in this time is left
    # to the reviewers unclassified.
    classifier_budget_seconds: float = 20.0
    # The offline engine: the rules alone, or the learned engine (rules + model, a possible threat alerts
    # the reviewers without a notice to the sender). The rules stay the default until the learned engine
    # reaches its figures on the fresh evaluation sets (README, "The classifier").
    classifier_engine: Literal["rules", "learned"] = "rules"
    # The learned engine learning from the desk's verdicts on the 1st of each month, in the worker role:
    # a candidate trained once this many cases were decided since the last model, made active only if it
    # passes its gate (see `kasuhara classifier train --with-verdicts`). Off unless turned on.
    classifier_retrain_monthly: bool = False
    classifier_retrain_min_verdicts: int = 100
    # What it trains on besides the verdicts, and the sets it is judged on (globs under the repo)
    classifier_training_data: list[str] = list(CLASSIFIER_TRAINING_DATA)
    classifier_gate_sets: list[str] = list(CLASSIFIER_GATE_SETS)
    http_timeout_seconds: float = 10.0
    # A complainant's further messages on a case: at most one thread reply holding them and one
    # acknowledgement to the complainant per interval (every message is kept on the case at once)
    follow_up_interval_seconds: float = 60.0

    # The intake dialogue: a dialogue idle this long is submitted as it stands (marked incomplete)
    dialogue_idle_submit_minutes: float = 30.0
    dialogue_sweep_seconds: float = 30.0

    # Media evidence (images, video, audio, files) from LINE: where it is kept and the size limit
    blob_dir: str = "var/blobs"
    media_max_bytes: int = 20 * 1024 * 1024
    # Transcripts of audio evidence: an OpenAI-compatible /audio/transcriptions endpoint (empty: none; a
    # local Whisper server keeps the audio at the desk), tried this many times before the thread says so
    transcription_base_url: str = ""
    transcription_model: str = "whisper-1"
    transcription_api_key: SecretStr = SecretStr("")
    transcription_timeout_seconds: float = 60.0
    transcription_max_attempts: int = 6

    # The web form (/form/<slug>): attachments (count, size of each, whole request), submissions allowed per
    # address and per tenant (the `limits` notation: "5/minute;30/hour"), how long the confirmation page
    # waits for the case to be opened and read before it shows a page that refreshes itself
    form_max_files: int = 5
    form_max_file_bytes: int = 10 * 1024 * 1024
    form_max_body_bytes: int = 52 * 1024 * 1024
    form_rate_per_address: str = "5/minute;30/hour"
    form_rate_per_tenant: str = "120/minute"
    form_receipt_wait_seconds: float = 5.0

    # The phone answering machine (/voice/<slug>, Twilio's webhooks): the account's credentials (the
    # webhooks refuse everything while the token is empty), the longest message, the download's time limit
    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr = SecretStr("")
    voice_max_recording_seconds: int = 120
    voice_download_timeout_seconds: float = 60.0

    # Business days
    sla_business_days: int = 3
    sla_count_intake_day: bool = False

    # Calendar jobs (monthly totals, SLA reminders, contract renewals, retention) in the worker role
    scheduler_enabled: bool = True
    scheduler_tick_seconds: float = 60.0
    # Days after a case closes until the complainant's personal data is purged (tenants may override)
    retention_days: int = 365
    # Days a processed raw inbound event is kept (sealed) in the inbox: far past any webhook redelivery
    inbox_keep_days: int = 30
    # A reported case with nothing pending (no feedback wished, or sent, or declined) is closed this many
    # business days later
    close_after_business_days: int = 10

    def required_secrets(self) -> dict[str, str]:
        """Secrets `serve` cannot run without, by environment variable name."""
        return {
            "SLACK_BOT_TOKEN": self.slack_bot_token.get_secret_value(),
            "SLACK_SIGNING_SECRET": self.slack_signing_secret.get_secret_value(),
            "SLACK_TRIAGE_CHANNEL": self.slack_triage_channel,
            "PII_ENCRYPTION_KEYS": self.pii_encryption_keys.get_secret_value(),
            "PII_HASH_KEY": self.pii_hash_key.get_secret_value(),
        }

    def check_ready_to_serve(self) -> None:
        """Raise ConfigError naming the first missing or placeholder secret."""
        for name, value in self.required_secrets().items():
            if not value.strip():
                raise ConfigError(f"{name} is not set (see .env.example)")
            lowered = value.lower()
            if any(marker in lowered for marker in PLACEHOLDER_MARKERS):
                raise ConfigError(f"{name} still holds a placeholder value; set the real one")
