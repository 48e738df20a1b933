"""FakeSlack: the method groups put together behind one HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from typing import Iterator
from urllib.parse import quote

import pytest

from fakes.loopback import LoopbackFake
from fakes.slack_api import assistant, conversations, messages, people, views
from fakes.slack_api.assistant import Assistant
from fakes.slack_api.conversations import Conversations
from fakes.slack_api.people import People
from fakes.slack_api.recording import Call, Recorder
from fakes.slack_api.views import Views
from fakes.slack_api.wire import NO_AUTH_METHODS, Handler, encode, outcome, read_request


class FakeSlack(Recorder, Assistant, Conversations, People, Views, LoopbackFake):
    """A fake Slack Web API server. See the package docstring."""

    handler = Handler

    def __init__(self, *, bot_user_id: str = "UBOT", bot_id: str = "BBOT", team_id: str = "T1",
                 bot_name: str = "composure", team_name: str = "Composure Test",
                 app_id: str = "ABOT", require_auth: bool = True, response_url_body: str = "ok") -> None:
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.team_id = team_id
        self.bot_name = bot_name
        self.team_name = team_name
        self.app_id = app_id
        self.require_auth = require_auth  # no token -> {"ok": false, "error": "not_authed"}, as Slack does
        self.response_url_body = response_url_body  # what a response_url POST is answered with
        self.trigger_life: float | None = None  # seconds a trigger_id() stays usable for views.open (Slack: 3)
        # Whether the workspace has Slack's agent view. Without it (the default, as for the classic bot every
        # earlier test describes) the assistant.* methods answer missing_scope; tests of the agent view turn it on.
        self.agent_view = False

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._init_loopback()
        self._init_state()

    def _init_state(self) -> None:
        self._init_recording()
        self._init_registries()

    # ------------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        """The WebClient base_url: slack_sdk appends the method name to it."""
        return f"{self.origin}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url whose POSTs are recorded as Call(method="response_url:<name>")."""
        return f"{self.origin}/respond/{quote(name, safe='')}"

    def reset(self) -> None:
        """Forget calls, scripts, delays and registries (users, groups, messages, views)."""
        with self._lock:
            self._init_state()

    # ------------------------------------------------------------------ request handling

    def _handle(self, http_method: str, raw_path: str, headers: dict[str, str], body: bytes
                ) -> tuple[int, dict[str, str], bytes]:
        request = read_request(raw_path, headers, body)
        if request is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        method, webhook, params, token = request

        with self._changed:
            call = Call(method=method, params=params, token=token, at=time.monotonic(), http_method=http_method)
            scripted = self._take_script(method)
            if scripted is not None:
                status, extra_headers, answer = scripted.status, dict(scripted.headers), scripted.body
            elif webhook:
                status, extra_headers, answer = 200, {"Content-Type": "text/plain; charset=utf-8"}, self.response_url_body
            elif self.require_auth and token is None and method not in NO_AUTH_METHODS:
                status, extra_headers, answer = 200, {}, {"ok": False, "error": "not_authed"}
            else:
                status, extra_headers, answer = 200, {}, self._answer(method, params)
            call.status = status
            call.response = answer
            call.outcome = outcome(status, answer)
            self._calls.append(call)
            self._changed.notify_all()
            delay = self._delays.get(method, self._delays.get("*", 0.0))
            hold = self._holds.get(method, self._holds.get("*"))

        if hold is not None:
            self._released(hold)  # on close, answered at once, like a delay
        if delay:
            self._closing.wait(delay)
        return status, *encode(answer, extra_headers)

    # ------------------------------------------------------------------ default answers

    def _answer(self, method: str, params: dict) -> dict:
        handler = self._METHODS.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": method}
        return handler(self, params)

    def _api_test(self, params: dict) -> dict:
        return {"ok": True, "args": dict(params)}

    def _apps_connections_open(self, params: dict) -> dict:
        return {"ok": True, "url": "ws://127.0.0.1:1/"}

    _METHODS = {
        "api.test": _api_test,
        "apps.connections.open": _apps_connections_open,
        **messages.METHODS,
        **assistant.METHODS,
        **conversations.METHODS,
        **people.METHODS,
        **views.METHODS,
    }


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A started FakeSlack, closed after the test."""
    with FakeSlack() as fake:
        yield fake
