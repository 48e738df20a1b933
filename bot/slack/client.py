"""Web API clients pointed at SLACK_API_URL, with slack_sdk's retry handlers installed."""

from __future__ import annotations

import random

from slack_sdk import WebClient
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


def retry_handlers(backoff_factor: float = 0.5) -> list:
    """Rate limits (429 + Retry-After), dropped connections and 5xx are retried by slack_sdk itself,
    with exponential backoff and jitter (tests pass a tiny factor to keep them fast)."""
    backoff = BackoffRetryIntervalCalculator(backoff_factor=backoff_factor, jitter=ProportionalJitter(backoff_factor))
    return [RateLimitErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=backoff),
            ServerErrorRetryHandler(max_retry_count=2, interval_calculator=backoff)]


def make_client(env: Environment) -> WebClient:
    client = WebClient(token=env.slack_bot_token, base_url=env.slack_api_url, timeout=15)
    client.retry_handlers.extend(retry_handlers())
    return client


def webhook(url: str) -> WebhookClient:
    """A response_url client, retried like the Web API client."""
    return WebhookClient(url, timeout=15, retry_handlers=retry_handlers())
