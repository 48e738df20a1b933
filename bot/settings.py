"""One typed configuration object: environment + `.env` + `config/*.toml`, loaded once at start."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from dotenv import dotenv_values

from bot import locations
from bot.errors import ConfigError
from bot.tomlcheck import Table, load_toml

ENGINES = ("offline", "openai", "auto")
# "auto", then the request shapes in the order auto tries them (bot/llm/schema.py builds each one)
STRUCTURED_OUTPUTS = ("auto", "json_schema", "json_object_schema", "ollama_format", "json_object")
# Environment variables that override config/llm.toml, so a team tunes its server without copying config/.
MODEL_ENV = {"COMPOSURE_MODEL_TIMEOUT": "request_timeout_seconds", "COMPOSURE_MODEL_DEADLINE": "deadline_seconds",
             "COMPOSURE_MODEL_FORMAT": "structured_output", "COMPOSURE_MODEL_MAX_TOKENS": "max_completion_tokens",
             "COMPOSURE_MODEL_ATTEMPTS": "max_attempts", "COMPOSURE_MODEL_CONTEXT": "context_tokens",
             "COMPOSURE_MODEL_LONGEST_WAIT": "longest_wait_seconds"}
DEFAULT_SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class Policy:
    """What an agent may offer without asking anyone."""

    currency: str
    refund: bool
    refund_window_days: int
    max_refund_without_approval: float
    replacement: bool
    store_credit: bool
    max_store_credit: float
    max_discount_percent: float
    fee_waiver: bool
    max_fee_waiver: float
    forbidden_promises: tuple[str, ...]
    max_free_months: float = 0          # a free period (months) a goodwill gesture may give
    internal_limits: tuple[float, ...] = ()  # amounts customers must never be told (approval thresholds)


@dataclass(frozen=True)
class BrandVoice:
    company_name: str
    team_name: str
    sign_off: str
    tone: str
    avoid_phrases: tuple[str, ...]
    follow_up_hours: int
    urgent_follow_up_hours: int = 1  # a live outage or a deadline hours away
    public_follow_up_hours: int = 4  # a post to us in public (a tweet): answered the same day
    own_domains: tuple[str, ...] = ()   # links a draft may carry: the company's own sites
    own_contacts: tuple[str, ...] = ()  # e-mail addresses and phone numbers a draft may give


@dataclass(frozen=True)
class EscalationContacts:
    lead_channel: str
    lead_user_ids: tuple[str, ...]
    lead_usergroup: str
    legal_contact: str
    security_contact: str
    lead_label: str


@dataclass(frozen=True)
class FollowUpSettings:
    interval_seconds: float
    grace_hours: float
    lease_seconds: float
    per_channel_gap_seconds: float
    batch: int
    late_after_minutes: float


@dataclass(frozen=True)
class WorkSettings:
    """config/work.toml: Slack work after the acknowledgement (bot.slack.work)."""

    lease_seconds: float = 60.0    # an instance's hold on work in hand, renewed while it works
    look_seconds: float = 5.0      # how often an instance looks for work a stopped instance left
    drain_seconds: float = 20.0    # SIGTERM: how long running work may take before it is handed back
    attempts: int = 3              # tries of one piece of work before it is set aside as failed
    quick_threads: int = 4         # forms, commands, buttons: what must happen within seconds
    compose_threads: int = 12      # suggestions: mostly waiting on Slack and the model
    viewing_minutes: float = 15.0  # how long the message an agent is viewing answers "What's going on here?"
    awaiting_minutes: float = 10.0  # how long a bare "Check my reply" waits for the draft in the next message


@dataclass(frozen=True)
class ModelSettings:
    model: str
    request_timeout_seconds: float
    deadline_seconds: float
    max_attempts: int
    max_prompt_tokens: int
    max_completion_tokens: int
    temperature: float
    structured_output: str
    azure_api_version: str
    redact: bool
    pii_patterns: dict[str, str]
    context_tokens: int = 0                   # the server's context window; 0: ask the server
    prompt_tokens_per_second: float = 100     # a local server's assumed speeds until its first answer is timed
    completion_tokens_per_second: float = 20
    longest_wait_seconds: float = 180         # however slow the server, no request or suggestion waits longer


@dataclass(frozen=True)
class Environment:
    """The process environment the contract names; secrets never appear in repr."""

    slack_bot_token: str = field(default="", repr=False)
    slack_app_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    slack_api_url: str = DEFAULT_SLACK_API_URL
    openai_api_key: str = field(default="", repr=False)
    openai_base_url: str = ""
    openai_model: str = ""
    engine: str = "auto"
    database_url: str = ""
    config_dir: Path = field(default_factory=locations.config_dir)    # COMPOSURE_CONFIG, ./config, or the built-in one
    prompts_dir: Path = field(default_factory=locations.prompts_dir)  # COMPOSURE_PROMPTS, ./prompts, or the built-in one
    model_overrides: dict = field(default_factory=dict)  # COMPOSURE_MODEL_* over config/llm.toml (a slow CPU server)

    @property
    def model_configured(self) -> bool:
        """COMPOSURE_ENGINE=auto uses the model only when a key or a base URL is set."""
        return bool(self.openai_api_key or self.openai_base_url)


@dataclass(frozen=True)
class Settings:
    env: Environment
    policy: Policy
    voice: BrandVoice
    contacts: EscalationContacts
    followups: FollowUpSettings
    model: ModelSettings
    config_dir: Path
    work: WorkSettings = WorkSettings()


def read_environment(environ: Mapping[str, str] | None = None, dotenv_path: Path | None = Path(".env")) -> Environment:
    """Process environment wins over `.env`, as python-dotenv does by default."""
    merged: dict[str, str] = {}
    if dotenv_path is not None and dotenv_path.is_file():
        merged.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    merged.update(os.environ if environ is None else environ)
    engine = merged.get("COMPOSURE_ENGINE", "auto").strip().lower() or "auto"
    if engine not in ENGINES:
        raise ConfigError(f"environment: COMPOSURE_ENGINE={engine!r}: expected one of {', '.join(ENGINES)}")
    return Environment(
        slack_bot_token=merged.get("SLACK_BOT_TOKEN", "").strip(),
        slack_app_token=merged.get("SLACK_APP_TOKEN", "").strip(),
        slack_signing_secret=merged.get("SLACK_SIGNING_SECRET", "").strip(),
        slack_api_url=merged.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL,
        openai_api_key=merged.get("OPENAI_API_KEY", "").strip(),
        openai_base_url=merged.get("OPENAI_BASE_URL", "").strip(),
        openai_model=merged.get("OPENAI_MODEL", "").strip(),
        engine=engine,
        database_url=merged.get("DATABASE_URL", "").strip(),
        config_dir=locations.config_dir(merged.get("COMPOSURE_CONFIG")),
        prompts_dir=locations.prompts_dir(merged.get("COMPOSURE_PROMPTS")),
        model_overrides={name: merged[var].strip() for var, name in MODEL_ENV.items() if merged.get(var, "").strip()},
    )


def load_policy(path: Path) -> Policy:
    t = Table(load_toml(path), path)
    t.reject_unknown({"currency", "refund", "replacement", "store_credit", "discount", "fee_waiver", "forbidden_promises",
                      "free_period", "internal"})
    refund, credit = t.table("refund", required=True), t.table("store_credit", required=True)
    discount, waiver = t.table("discount", required=True), t.table("fee_waiver", required=True)
    replacement, free = t.table("replacement", required=True), t.table("free_period")
    for table, keys in ((refund, {"allowed", "window_days", "max_without_approval"}), (credit, {"allowed", "max_amount"}),
                        (discount, {"max_percent"}), (waiver, {"allowed", "max_amount"}), (replacement, {"allowed"}),
                        (free, {"max_months"})):
        table.reject_unknown(keys)
    limits = {"refund.max_without_approval": refund.number("max_without_approval", minimum=0),
              "store_credit.max_amount": credit.number("max_amount", minimum=0)}
    internal = t.strings("internal", [], choices=tuple(limits))
    return Policy(
        currency=t.string("currency", non_empty=True, max_len=8),
        refund=refund.boolean("allowed"),
        refund_window_days=int(refund.number("window_days", integer=True, minimum=0, maximum=3650)),
        max_refund_without_approval=refund.number("max_without_approval", minimum=0),
        replacement=replacement.boolean("allowed"),
        store_credit=credit.boolean("allowed"),
        max_store_credit=credit.number("max_amount", minimum=0),
        max_discount_percent=discount.number("max_percent", minimum=0, maximum=100),
        fee_waiver=waiver.boolean("allowed"),
        max_fee_waiver=waiver.number("max_amount", minimum=0),
        forbidden_promises=tuple(t.strings("forbidden_promises", [])),
        max_free_months=free.number("max_months", 0, minimum=0, maximum=24),
        internal_limits=tuple(limits[name] for name in internal),
    )


def load_voice(path: Path) -> BrandVoice:
    t = Table(load_toml(path), path)
    t.reject_unknown({"company_name", "team_name", "sign_off", "tone", "avoid_phrases", "follow_up_hours",
                     "urgent_follow_up_hours", "public_follow_up_hours", "own_domains", "own_contacts"})
    return BrandVoice(
        company_name=t.string("company_name", non_empty=True, max_len=80),
        team_name=t.string("team_name", non_empty=True, max_len=80),
        sign_off=t.string("sign_off", non_empty=True, max_len=120),
        tone=t.string("tone", non_empty=True, max_len=300),
        avoid_phrases=tuple(p.lower() for p in t.strings("avoid_phrases", [])),
        follow_up_hours=int(t.number("follow_up_hours", integer=True, minimum=1, maximum=24 * 30)),
        urgent_follow_up_hours=int(t.number("urgent_follow_up_hours", 1, integer=True, minimum=1, maximum=24)),
        public_follow_up_hours=int(t.number("public_follow_up_hours", 4, integer=True, minimum=1, maximum=24 * 30)),
        own_domains=tuple(d.lower().removeprefix("www.") for d in t.strings("own_domains", [])),
        own_contacts=tuple(t.strings("own_contacts", [])),
    )


def load_contacts(path: Path) -> EscalationContacts:
    t = Table(load_toml(path), path)
    t.reject_unknown({"lead_channel", "lead_user_ids", "lead_usergroup", "legal_contact", "security_contact", "lead_label"})
    return EscalationContacts(
        lead_channel=t.string("lead_channel", non_empty=True),
        lead_user_ids=tuple(t.strings("lead_user_ids", [])),
        lead_usergroup=t.string("lead_usergroup", "").lstrip("@"),
        legal_contact=t.string("legal_contact", non_empty=True),
        security_contact=t.string("security_contact", non_empty=True),
        lead_label=t.string("lead_label", "the support team lead", non_empty=True),
    )


def load_followup_settings(path: Path) -> FollowUpSettings:
    t = Table(load_toml(path), path)
    t.reject_unknown(set(FollowUpSettings.__dataclass_fields__))
    return FollowUpSettings(
        interval_seconds=t.number("interval_seconds", minimum=0.05, maximum=60),
        grace_hours=t.number("grace_hours", minimum=0.01, maximum=24 * 30),
        lease_seconds=t.number("lease_seconds", minimum=1, maximum=3600),
        per_channel_gap_seconds=t.number("per_channel_gap_seconds", minimum=0, maximum=60),
        batch=int(t.number("batch", integer=True, minimum=1, maximum=500)),
        late_after_minutes=t.number("late_after_minutes", minimum=0, maximum=24 * 60),
    )


def load_work_settings(path: Path) -> WorkSettings:
    t = Table(load_toml(path), path)
    t.reject_unknown(set(WorkSettings.__dataclass_fields__))
    return WorkSettings(
        lease_seconds=t.number("lease_seconds", minimum=1, maximum=3600),
        look_seconds=t.number("look_seconds", minimum=0.05, maximum=300),
        drain_seconds=t.number("drain_seconds", minimum=0, maximum=600),
        attempts=int(t.number("attempts", integer=True, minimum=1, maximum=20)),
        quick_threads=int(t.number("quick_threads", integer=True, minimum=1, maximum=64)),
        compose_threads=int(t.number("compose_threads", integer=True, minimum=1, maximum=256)),
        # added later: a team's copy without them keeps the defaults
        viewing_minutes=t.number("viewing_minutes", WorkSettings.viewing_minutes, minimum=1, maximum=24 * 60),
        awaiting_minutes=t.number("awaiting_minutes", WorkSettings.awaiting_minutes, minimum=1, maximum=24 * 60),
    )


def load_model_settings(path: Path) -> ModelSettings:
    import re

    t = Table(load_toml(path), path)
    t.reject_unknown({"model", "request_timeout_seconds", "deadline_seconds", "max_attempts", "max_prompt_tokens",
                      "max_completion_tokens", "temperature", "structured_output", "azure_api_version", "privacy",
                      "context_tokens", "prompt_tokens_per_second", "completion_tokens_per_second", "longest_wait_seconds"})
    privacy = t.table("privacy")
    privacy.reject_unknown({"redact", "patterns"})
    patterns_t = privacy.table("patterns")
    patterns = {}
    for name, pattern in patterns_t.data.items():
        if not isinstance(pattern, str):
            raise patterns_t.fail(name, "a regular expression (string)", pattern)
        try:
            re.compile(pattern)
        except re.error as exc:
            raise patterns_t.fail(name, f"a valid regular expression ({exc})", pattern) from None
        patterns[name] = pattern
    return ModelSettings(
        model=t.string("model", non_empty=True),
        request_timeout_seconds=t.number("request_timeout_seconds", minimum=0.1, maximum=300),
        deadline_seconds=t.number("deadline_seconds", minimum=0.1, maximum=600),
        max_attempts=int(t.number("max_attempts", integer=True, minimum=1, maximum=10)),
        max_prompt_tokens=int(t.number("max_prompt_tokens", integer=True, minimum=300, maximum=100_000)),
        max_completion_tokens=int(t.number("max_completion_tokens", integer=True, minimum=100, maximum=16_000)),
        temperature=t.number("temperature", minimum=0, maximum=2),
        structured_output=t.string("structured_output", choices=STRUCTURED_OUTPUTS),
        azure_api_version=t.string("azure_api_version", non_empty=True),
        redact=privacy.boolean("redact", True),
        pii_patterns=patterns,
        context_tokens=int(t.number("context_tokens", 0, integer=True, minimum=0, maximum=2_000_000)),
        prompt_tokens_per_second=t.number("prompt_tokens_per_second", 100, minimum=1, maximum=1_000_000),
        completion_tokens_per_second=t.number("completion_tokens_per_second", 20, minimum=0.5, maximum=100_000),
        longest_wait_seconds=t.number("longest_wait_seconds", 180, minimum=1, maximum=3600),
    )


def load_settings(environ: Mapping[str, str] | None = None, dotenv_path: Path | None = Path(".env")) -> Settings:
    """Load and validate everything once; raises ConfigError naming the file and key."""
    env = read_environment(environ, dotenv_path)
    folder = env.config_dir
    if not folder.is_dir():
        raise ConfigError(f"COMPOSURE_CONFIG: {folder} is not a folder; point it at a configuration folder "
                          "(`composure init DIR` writes one), or unset it to use ./config or the built-in one")
    return Settings(
        env=env,
        policy=load_policy(locations.config_file(folder, "policy.toml")),
        voice=load_voice(locations.config_file(folder, "voice.toml")),
        contacts=load_contacts(locations.config_file(folder, "escalation.toml")),
        followups=load_followup_settings(locations.config_file(folder, "followups.toml")),
        model=_overridden(load_model_settings(locations.config_file(folder, "llm.toml")), env.model_overrides),
        config_dir=folder,
        work=load_work_settings(locations.config_file(folder, "work.toml")),
    )


def _overridden(model: ModelSettings, overrides: dict[str, str]) -> ModelSettings:
    """config/llm.toml with COMPOSURE_MODEL_* applied, each checked with the same limits."""
    from dataclasses import replace

    changes: dict = {}
    limits = {"request_timeout_seconds": (0.1, 600), "deadline_seconds": (0.1, 1800), "max_completion_tokens": (100, 16_000),
              "max_attempts": (1, 10), "context_tokens": (0, 2_000_000), "longest_wait_seconds": (1, 3600)}
    integers = {"max_completion_tokens", "max_attempts", "context_tokens"}
    for name, raw in overrides.items():
        var = next(v for v, n in MODEL_ENV.items() if n == name)
        if name == "structured_output":
            if raw not in STRUCTURED_OUTPUTS:
                raise ConfigError(f"environment: {var}={raw!r}: expected one of {', '.join(STRUCTURED_OUTPUTS)}")
            changes[name] = raw
            continue
        low, high = limits[name]
        try:
            value = float(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high or (name in integers and not value.is_integer()):
            raise ConfigError(f"environment: {var}={raw!r}: expected a number from {low:g} to {high:g}")
        changes[name] = int(value) if name in integers else value
    return replace(model, **changes) if changes else model
