"""Web API clients pointed at SLACK_API_URL, with slack_sdk's retry handlers installed."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (ConnectionErrorRetryHandler, RateLimitErrorRetryHandler,
                                                   ServerErrorRetryHandler)
from slack_sdk.webhook import WebhookClient

from bot.settings import Environment


def retry_handlers() -> list:
    """Rate limits (429 + Retry-After), dropped connections and 5xx are retried by slack_sdk itself."""
    return [RateLimitErrorRetryHandler(max_retry_count=2), ConnectionErrorRetryHandler(max_retry_count=2),
            ServerErrorRetryHandler(max_retry_count=2)]


def make_client(env: Environment) -> WebClient:
    client = WebClient(token=env.slack_bot_token, base_url=env.slack_api_url, timeout=15)
    client.retry_handlers.extend(retry_handlers())
    return client


def webhook(url: str) -> WebhookClient:
    """A response_url client, retried like the Web API client."""
    return WebhookClient(url, timeout=15, retry_handlers=retry_handlers())
