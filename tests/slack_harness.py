"""The real app under test: Bolt served over HTTP on 127.0.0.1, the fake Slack Web API behind it.

Requests are signed exactly as Slack signs them, so Bolt's own verification is exercised.
"""

from __future__ import annotations

import itertools
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.assistant import Assistant
from bot.slack.app import build_app
from bot.slack.client import retry_handlers
from bot.slack.server import MAX_BODY, Running, start_http
from bot.storage.history import History

SECRET = "test-signing-secret"


@dataclass
class Answer:
    status: int
    body: str
    seconds: float


def raw_post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """A POST with exactly these headers: no signature unless the caller adds one."""
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Answer(response.status, response.read().decode(), time.perf_counter() - started)
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read().decode(), time.perf_counter() - started)
    except urllib.error.URLError as error:  # the server answered 413 and closed while the body was still going out
        if len(body) > MAX_BODY and isinstance(error.reason, (BrokenPipeError, ConnectionResetError)):
            return Answer(413, "closed before the body was read", time.perf_counter() - started)
        raise


class SlackHarness:
    def __init__(self, fake, assistant: Assistant, db_path: Path) -> None:
        self.fake = fake
        client = WebClient(token="xoxb-test", base_url=fake.url, timeout=5)
        client.retry_handlers.extend(retry_handlers(backoff_factor=0.01))
        self.history = History.open(f"sqlite:///{db_path}")
        self.app, self.services, self.workers = build_app(assistant, self.history, client, "UBOT", SECRET)
        self.server: Running = start_http(self.app, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.port}"
        self._events = 0

    def close(self) -> None:
        self.server.stop()
        self.workers.drain(seconds=10)

    def post(self, body: str, content_type: str, headers: dict | None = None, timestamp: int | None = None,
             signature: str | None = None, path: str = "/slack/events") -> Answer:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        sig = signature or SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)
        return raw_post(self.url + path, body.encode(), {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
                                                          "X-Slack-Signature": sig, **(headers or {})})

    def event(self, event: dict, event_id: str | None = None, retry_num: int | None = None) -> Answer:
        self._events += 1
        body = {"token": "x", "team_id": "T1", "api_app_id": "ABOT", "type": "event_callback",
                "event_id": event_id or f"Ev{self._events:06d}", "event_time": int(time.time()),
                "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}], "event": event}
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} if retry_num else {}
        return self.post(json.dumps(body), "application/json", headers)

    def interaction(self, payload: dict) -> Answer:
        payload = {"team": {"id": "T1"}, "api_app_id": "ABOT", "token": "x", **payload}
        return self.post(urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded")

    def command(self, command: str, text: str, user_id: str, channel_id: str = "C1", response_url: str = "",
                trigger_id: str = "") -> Answer:
        """A slash command; each gets its own trigger_id, as from Slack (a repeat is a repeated delivery)."""
        form = {"token": "x", "team_id": "T1", "channel_id": channel_id, "channel_name": "support", "user_id": user_id,
                "user_name": user_id.lower(), "command": command, "text": text, "api_app_id": "ABOT",
                "response_url": response_url or self.fake.response_url("cmd"),
                "trigger_id": trigger_id or f"{next(_TRIGGERS)}.42.abcd"}
        return self.post(urllib.parse.urlencode(form), "application/x-www-form-urlencoded")

    def get(self, path: str) -> Answer:
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(self.url + path, timeout=5) as response:
                return Answer(response.status, response.read().decode(), time.perf_counter() - started)
        except urllib.error.HTTPError as error:
            return Answer(error.code, error.read().decode(), time.perf_counter() - started)


_TRIGGERS = itertools.count(1)


def shortcut_payload(fake, text: str, user: str = "UAGENT", channel: str = "C1", ts: str = "1700000001.000100",
                     response_url: str = "r1", trigger_id: str = "") -> dict:
    trigger_id = trigger_id or f"{next(_TRIGGERS)}.2.3"  # unique per press, as Slack's are
    return {"type": "message_action", "callback_id": "suggest_reply", "trigger_id": trigger_id, "action_ts": "1700000002.1",
            "user": {"id": user, "name": "agent"}, "channel": {"id": channel, "name": "support"},
            "response_url": fake.response_url(response_url),
            "message": {"type": "message", "user": "UCUST", "ts": ts, "text": text}}


def engines_used(history: History) -> list[str]:
    """The engine that made each saved suggestion. Read on a connection that is closed again: the SQLite
    store lets one transaction in at a time, and an open one would keep the app's work waiting."""
    with history.engine.connect() as conn:
        return [engine for (engine,) in conn.exec_driver_sql("select engine from suggestions order by created_at")]


def all_text(node) -> str:
    """Every string inside a Block Kit structure, for assertions on content."""
    if isinstance(node, dict):
        return " ".join(all_text(v) for v in node.values())
    if isinstance(node, list):
        return " ".join(all_text(v) for v in node)
    return node if isinstance(node, str) else ""


@pytest.fixture
def agent_slack(slack):
    """The app in a workspace that has Slack's agent view (the fake's default is one without it)."""
    slack.fake.agent_view = True
    return slack
