"""Shared by the fault suites (test_faults_*.py): what "nothing leaked, the agent was told" means,
an unsigned raw POST, and the Slack harness on a database URL of the test's choosing."""

from __future__ import annotations

import re
import time

from slack_harness import Answer, SlackHarness, all_text, raw_post  # noqa: F401  (raw_post is re-exported for the fault tests)

# What a person must never see in Slack: tracebacks, exception class names, raw Web API error codes.
LEAKS = re.compile(r"Traceback|File \"|\b[A-Z][A-Za-z]*(?:Error|Exception)\b|\b(?:internal_error|fatal_error|"
                   r"service_unavailable|request_timeout|ratelimited|http_5\d\d)\b")
REFERENCE = re.compile(r"reference ([0-9a-f]{8})")

# Calls that put something in front of a person (the ones the fake answered ok).
SHOWN = ("chat.postMessage", "chat.postEphemeral", "chat.update", "views.open", "views.publish", "views.update")


def shown(fake) -> list:
    """Every successful call that showed something to someone, in order."""
    return [c for c in fake.calls if c.ok and (c.method in SHOWN or c.method.startswith("response_url:"))]


def shown_text(fake) -> str:
    return "\n".join(all_text(c.params) for c in shown(fake))


def assert_nothing_leaked(fake) -> None:
    for call in shown(fake):
        text = all_text(call.params)
        leak = LEAKS.search(text)
        assert leak is None, f"{call.method} showed {leak.group(0)!r}: {text[:300]}"


def references(fake) -> list[str]:
    """The reference ids the agent was given (one friendly sentence each)."""
    found = [m.group(1) for c in shown(fake) for m in REFERENCE.finditer(all_text(c.params))]
    return list(dict.fromkeys(found))  # a message carries it twice: in its text and in its blocks


def logged_references(caplog) -> dict[str, str]:
    """reference id -> exception class name, from the errors our listeners logged."""
    found = {}
    for record in caplog.records:
        match = re.search(r"failed ref=([0-9a-f]{8}): (\w+)", record.getMessage())
        if match:
            found[match.group(1)] = match.group(2)
    return found


def wait_until(predicate, timeout: float = 5.0, what: str = "the condition", interval: float = 0.02):
    """Poll until predicate() is truthy; answer its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out after {timeout}s waiting for {what}"
        time.sleep(interval)


def settle(fake, quiet: float = 0.25, timeout: float = 10.0) -> None:
    """Wait until the fake has seen no new call for `quiet` seconds (the app's lazy work is done)."""
    deadline = time.monotonic() + timeout
    count, since = len(fake.calls), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        now = len(fake.calls)
        if now != count:
            count, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


class UrlHarness(SlackHarness):
    """SlackHarness on any DATABASE_URL (PostgreSQL for the outage tests), not only a SQLite file:
    the same app, server, client and retry settings; only the History differs."""

    def __init__(self, fake, assistant, database_url: str) -> None:
        from slack_harness import SECRET
        from slack_sdk import WebClient

        from bot.slack.app import build_app
        from bot.slack.client import retry_handlers
        from bot.slack.server import start_http
        from bot.storage.history import History

        self.fake = fake
        client = WebClient(token="xoxb-test", base_url=fake.url, timeout=5)
        client.retry_handlers.extend(retry_handlers(backoff_factor=0.01))
        self.history = History.open(database_url)
        self.app, self.services, self.workers = build_app(assistant, self.history, client, "UBOT", SECRET)
        self.server = start_http(self.app, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.port}"
        self._events = 0

    def close(self) -> None:
        """Stop serving, let the work already acknowledged finish (the database must still be there
        for it), then let go of the database."""
        super().close()
        self.workers.drain(seconds=60)
        self.history.engine.dispose()
