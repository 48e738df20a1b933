"""Web API clients pointed at SLACK_API_URL, with slack_sdk's retry handlers installed."""

from __future__ import annotations

import logging
import random
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.jitter import Jitter
from slack_sdk.webhook import WebhookClient

from bot.settings import Environment


class ProportionalJitter(Jitter):
    """Up to one backoff factor of random extra wait (slack_sdk's RandomJitter always adds up to 1 s)."""

    def __init__(self, factor: float) -> None:
        self.factor = factor

    def recalculate(self, duration: float) -> float:
        return duration + random.random() * self.factor * 2


class RetryAfterHandler(RateLimitErrorRetryHandler):
    """A 429 waits exactly Retry-After plus the same proportional jitter as the other retries
    (slack_sdk's own handler adds up to a whole second to every wait, whatever the backoff)."""

    def __init__(self, max_retry_count: int, jitter: Jitter) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.jitter = jitter

    def prepare_for_next_attempt(self, *, state, request, response=None, error=None) -> None:
        if response is None:
            raise error
        values = next((v for k, v in response.headers.items() if k.lower() == "retry-after"), None)
        value = values[0] if isinstance(values, (list, tuple)) and values else values
        try:
            seconds = max(0.0, float(value))
        except (TypeError, ValueError):
            seconds = 1.0  # no usable header: Slack's documented minimum
        time.sleep(self.jitter.recalculate(seconds))
        state.next_attempt_requested = True
        state.increment_current_attempt()


def retry_handlers(backoff_factor: float = 0.5) -> list:
    """Rate limits (429 + Retry-After), dropped connections and 5xx are retried by slack_sdk itself,
    with exponential backoff and jitter (tests pass a tiny factor to keep them fast)."""
    backoff = BackoffRetryIntervalCalculator(backoff_factor=backoff_factor, jitter=ProportionalJitter(backoff_factor))
    return [RetryAfterHandler(max_retry_count=2, jitter=ProportionalJitter(backoff_factor)),
            ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=backoff),
            ServerErrorRetryHandler(max_retry_count=2, interval_calculator=backoff)]


FAILED_ATTEMPT = "Failed to send a request to Slack API server"  # slack_sdk.web.base_client's wording


class FailedAttemptsAtDebug(logging.Filter):
    """slack_sdk logs every failed attempt at ERROR, retries, then raises the last error to its caller,
    which says what went wrong once (at start-up, one sentence naming SLACK_API_URL): the attempts are DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.DEBUG and record.getMessage().startswith(FAILED_ATTEMPT):
            record.levelno, record.levelname = logging.DEBUG, logging.getLevelName(logging.DEBUG)
            return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)
        return True


_FAILED_ATTEMPTS_AT_DEBUG = FailedAttemptsAtDebug()


def make_client(env: Environment) -> WebClient:
    client = WebClient(token=env.slack_bot_token, base_url=env.slack_api_url, timeout=15)
    client.retry_handlers.extend(retry_handlers())
    client.logger.addFilter(_FAILED_ATTEMPTS_AT_DEBUG)  # once: the same filter is not added twice
    return client


def webhook(url: str, handlers: list | None = None) -> WebhookClient:
    """A response_url client, retried like the Web API client (pass that client's `retry_handlers`
    so that both follow one configuration)."""
    return WebhookClient(url, timeout=15, retry_handlers=list(handlers) if handlers is not None else retry_handlers())


# Web API errors that say "Slack is having trouble", not "this request is wrong": worth another try
# later, and never to be taken as an answer (a lookup that failed this way proves nothing).
TRANSIENT_ERRORS = {"ratelimited", "internal_error", "fatal_error", "request_timeout", "service_unavailable",
                    "team_added_to_org"}


def is_transient(exc: SlackApiError) -> bool:
    """What is left after slack_sdk's own retries gave up: a 429, a 5xx or one of Slack's outage errors."""
    return exc.response.status_code == 429 or exc.response.status_code >= 500 or \
        exc.response.get("error") in TRANSIENT_ERRORS
