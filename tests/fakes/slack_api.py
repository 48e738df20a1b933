"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that the bot's tests use instead of slack.com.

Point a real client at it::

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.calls_to("chat.postMessage")[0].params["text"] == "hi"

Every request is recorded as a :class:`Call` (method, decoded params, bearer token, monotonic time,
HTTP status, outcome, the body answered). Answers follow the shapes of Slack's documented responses
(auth.test, chat.*, conversations.*, users.*, usergroups.*, views.*, assistant.threads.*, apps.connections.open), backed by
small registries the test fills (``add_user``, ``add_usergroup``, ``add_message``, ``add_channel``).
Messages the bot posts, updates or deletes change the same registry, so a later conversations.replies
sees them.

Failures are scripted per method and consumed in order: ``fail``, ``rate_limit``, ``server_error``,
``script``; ``delay`` makes a method slow, and ``held`` keeps its answers back until the test lets them go
(to prove what the app did before Slack answered). ``response_url(name)`` gives a webhook URL whose POSTs
are recorded as ``Call(method="response_url:<name>")``.
"""

from __future__ import annotations

import email.parser
import email.policy
import hashlib
import json
import re
import threading
import time
import uuid
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

from fakes.loopback import LoopbackFake, LoopbackServer
from typing import Any, Iterator
from urllib.parse import parse_qs, quote, unquote, urlsplit

import pytest

__all__ = ["Call", "FakeSlack", "fake_slack"]

# Parameters Slack takes as "a JSON-based array/object, presented as a URL-encoded string" in form data.
JSON_PARAMS = ("blocks", "attachments", "view", "metadata", "user_auth_blocks", "unfurls", "chunks", "prompts",
               "loading_messages")

# Methods Slack answers without a token.
NO_AUTH_METHODS = {"api.test"}

RESPONSE_URL_PREFIX = "response_url:"

_ID = re.compile(r"^[CDGUWZ][A-Z0-9]+$")  # Slack channel names are lowercase
_TS_BASE_MICROS = 1_700_000_000 * 1_000_000

# The HTTP status Slack's webhooks (incoming webhooks, response_url) answer a given error with.
_WEBHOOK_ERROR_STATUS = {
    "no_service": 404,
    "no_team": 404,
    "channel_not_found": 404,
    "expired_url": 404,
    "used_url": 404,
    "action_prohibited": 403,
    "invalid_token": 403,
    "channel_is_archived": 410,
    "rate_limited": 429,
}


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict
    token: str | None
    at: float
    http_method: str = "POST"
    status: int = 200
    outcome: str = "ok"  # "ok", the Slack error (e.g. "not_in_channel", "ratelimited"), or "http_<status>"
    response: Any = None  # the body answered: a dict for JSON, a str otherwise

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


@dataclass
class _Scripted:
    status: int
    body: Any  # dict -> JSON, str/bytes -> sent as is
    headers: dict
    times: int


def _truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True", "yes")


def _ts_key(ts: str) -> tuple[int, int]:
    sec, _, frac = str(ts).partition(".")
    try:
        return int(sec), int((frac + "000000")[:6])
    except ValueError:
        return 0, 0


def _short_hash(text: str, n: int = 9) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n].upper()


def _paginate(items: list, params: dict, default_limit: int = 100) -> tuple[list, str]:
    """Slice items by Slack's cursor/limit; answer (page, next_cursor or "")."""
    try:
        limit = int(params.get("limit") or default_limit)
    except (TypeError, ValueError):
        limit = default_limit
    limit = max(1, limit)
    start = 0
    cursor = params.get("cursor")
    if cursor:
        try:
            start = int(str(cursor).removeprefix("offset:"))
        except ValueError:
            start = 0
    page = items[start:start + limit]
    nxt = f"offset:{start + limit}" if start + limit < len(items) else ""
    return page, nxt




class _Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        self._serve("POST")

    def _serve(self, http_method: str) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            try:
                status, headers, payload = self.server.fake._handle(
                    http_method, self.path, dict(self.headers.items()), body)
            except Exception as exc:  # a bug in the fake: say so plainly rather than drop the connection
                status, headers = 500, {"Content-Type": "application/json; charset=utf-8"}
                payload = json.dumps({"ok": False, "error": f"fake_slack_bug: {type(exc).__name__}: {exc}"}).encode()
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up (e.g. its timeout ran out while the method was delayed)


class FakeSlack(LoopbackFake):
    """A fake Slack Web API server. See the module docstring."""

    handler = _Handler

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
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[_Scripted]] = {}
        self._delays: dict[str, float] = {}
        self._holds: dict[str, threading.Event] = {}
        self._ts_counter = 0
        self._id_counter = 0
        self._users: dict[str, dict] = {}
        self._usergroups: dict[str, dict] = {}
        self._channels: dict[str, str] = {}  # name -> id
        self._messages: dict[str, dict[str, dict]] = {}  # channel id -> ts -> message
        self._ims: set[str] = set()
        self._views: dict[str, dict] = {}
        self._home_views: dict[str, str] = {}  # user id -> view id
        self._triggers: dict[str, float] = {}  # trigger id -> when issued (monotonic), for trigger_life
        self._outside: set[str] = set()  # channels the bot is not a member of

    # ------------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        """The WebClient base_url: slack_sdk appends the method name to it."""
        return f"{self.origin}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url whose POSTs are recorded as Call(method="response_url:<name>")."""
        return f"{self.origin}/respond/{quote(name, safe='')}"

    def trigger_id(self) -> str:
        """A trigger id as Slack puts in an interaction; with `trigger_life` set, views.open refuses
        it as `expired_trigger_id` once that many seconds have passed, as Slack does after 3 s."""
        with self._lock:
            trigger = f"{self._next_id('')}.{self.team_id}.{uuid.uuid4().hex[:12]}"
            self._triggers[trigger] = time.monotonic()
        return trigger

    # ------------------------------------------------------------------ recorded calls

    @property
    def calls(self) -> list[Call]:
        """A snapshot of every call so far, in arrival order."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def last(self, method: str) -> Call:
        calls = self.calls_to(method)
        if not calls:
            raise AssertionError(f"no call to {method}; recorded: {self._listing()}")
        return calls[-1]

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    def responses(self, name: str = "r1") -> list[dict]:
        """The bodies POSTed to response_url(name), in order."""
        return [c.params for c in self.calls_to(RESPONSE_URL_PREFIX + name)]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until at least `count` calls to `method` were recorded; answer them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self._calls if c.method == method]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} call(s) to {method} within {timeout}s, saw {len(found)}; "
                        f"recorded: {self._listing()}")
                self._changed.wait(remaining)

    def _listing(self) -> str:
        with self._lock:
            if not self._calls:
                return "(none)"
            return ", ".join(c.method if c.outcome == "ok" else f"{c.method}[{c.outcome}]" for c in self._calls)

    def reset(self) -> None:
        """Forget calls, scripts, delays and registries (users, groups, messages, views)."""
        with self._lock:
            self._init_state()

    # ------------------------------------------------------------------ scripting

    def script(self, method: str, body: Any, status: int = 200, headers: dict | None = None,
               times: int = 1) -> None:
        """Answer the next `times` calls to `method` with this body (dict -> JSON; str/bytes as is)."""
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._scripts.setdefault(method, deque()).append(
                _Scripted(status=status, body=body, headers=dict(headers or {}), times=times))

    def fail(self, method: str, error: str = "not_in_channel", times: int = 1, **extra: Any) -> None:
        """HTTP 200 {"ok": false, "error": error} (for a response_url: Slack's webhook status and a text body)."""
        if method.startswith(RESPONSE_URL_PREFIX):
            self.script(method, error, status=_WEBHOOK_ERROR_STATUS.get(error, 400),
                        headers={"Content-Type": "text/plain; charset=utf-8"}, times=times)
        else:
            self.script(method, {"ok": False, "error": error, **extra}, times=times)

    def rate_limit(self, method: str, retry_after: int = 1, times: int = 1) -> None:
        """HTTP 429 with Retry-After and {"ok": false, "error": "ratelimited"}."""
        self.script(method, {"ok": False, "error": "ratelimited"}, status=429,
                    headers={"Retry-After": str(int(retry_after))}, times=times)

    def server_error(self, method: str, status: int = 500, times: int = 1, body: Any = None) -> None:
        """An HTTP 5xx; the body defaults to Slack's JSON error for that status."""
        if body is None:
            error = {500: "internal_error", 503: "service_unavailable", 504: "request_timeout"}.get(status, "fatal_error")
            body = {"ok": False, "error": error}
        self.script(method, body, status=status, times=times)

    def delay(self, method: str, seconds: float) -> None:
        """Make every later call to `method` take `seconds` before answering (0 removes the delay);
        "*" is every method without a delay of its own, response_url posts included (a slow Slack)."""
        with self._lock:
            if seconds > 0:
                self._delays[method] = float(seconds)
            else:
                self._delays.pop(method, None)

    @contextmanager
    def held(self, method: str = "*") -> Iterator[None]:
        """Answer the calls to `method` that arrive in this block only once it ends ("*": every method
        without a hold of its own, response_url posts included). They are recorded as they arrive; whatever
        the app finished inside the block did not wait for Slack's answer to them."""
        release = threading.Event()
        with self._lock:
            self._holds[method] = release
        try:
            yield
        finally:
            with self._lock:
                if self._holds.get(method) is release:
                    del self._holds[method]
            release.set()

    # ------------------------------------------------------------------ registries

    def add_user(self, user_id: str, display_name: str = "", real_name: str = "", tz: str = "Europe/London",
                 tz_offset: int = 0, is_bot: bool = False, tz_label: str | None = None, **extra: Any) -> dict:
        real = real_name or display_name or user_id
        profile = {
            "real_name": real,
            "real_name_normalized": real,
            "display_name": display_name,
            "display_name_normalized": display_name,
            "first_name": real.split(" ")[0],
            "last_name": " ".join(real.split(" ")[1:]),
            "title": "",
            "status_text": "",
            "status_emoji": "",
            "team": self.team_id,
        }
        profile.update(extra.pop("profile", {}))
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": extra.pop("name", (display_name or real or user_id).lower().replace(" ", ".")),
            "deleted": False,
            "color": "9f69e7",
            "real_name": real,
            "tz": tz,
            "tz_label": tz_label or _tz_label(tz, tz_offset),
            "tz_offset": tz_offset,
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }
        user.update(extra)
        with self._lock:
            self._users[user_id] = user
        return user

    def add_usergroup(self, handle: str, group_id: str, users: list[str], name: str | None = None,
                      description: str = "", **extra: Any) -> dict:
        group = {
            "id": group_id,
            "team_id": self.team_id,
            "is_usergroup": True,
            "is_subteam": True,
            "name": name or handle,
            "description": description,
            "handle": handle,
            "is_external": False,
            "date_create": 1_700_000_000,
            "date_update": 1_700_000_000,
            "date_delete": 0,
            "auto_type": None,
            "auto_provision": False,
            "enterprise_subteam_id": "",
            "created_by": self.bot_user_id,
            "updated_by": self.bot_user_id,
            "deleted_by": None,
            "prefs": {"channels": [], "groups": []},
            "users": list(users),
            "user_count": len(users),
            "channel_count": 0,
        }
        group.update(extra)
        with self._lock:
            self._usergroups[group_id] = group
        return group

    def add_channel(self, channel_id: str, name: str | None = None, member: bool = True) -> None:
        """Make a channel known (conversations.* answer channel_not_found for unknown ones); with
        `member=False` the bot is not in it, and reading its history answers not_in_channel."""
        with self._lock:
            self._messages.setdefault(channel_id, {})
            if name:
                self._channels[name.lstrip("#")] = channel_id
            if member:
                self._outside.discard(channel_id)
            else:
                self._outside.add(channel_id)

    def add_message(self, channel: str, ts: str | None, text: str, user: str = "UCUST",
                    thread_ts: str | None = None, **extra: Any) -> dict:
        """Put a message in `channel` (a reply when thread_ts is another message's ts)."""
        with self._lock:
            ts = ts or self._next_ts()
            message = {"type": "message", "user": user, "text": text, "ts": ts, "team": self.team_id}
            if thread_ts:
                message["thread_ts"] = thread_ts
            message.update(extra)
            self._messages.setdefault(channel, {})[ts] = message
            return dict(message)

    def messages(self, channel: str) -> list[dict]:
        """The messages stored for a channel, oldest first."""
        with self._lock:
            return sorted((dict(m) for m in self._messages.get(channel, {}).values()), key=lambda m: _ts_key(m["ts"]))

    def view(self, view_id: str) -> dict | None:
        with self._lock:
            v = self._views.get(view_id)
            return json.loads(json.dumps(v)) if v else None

    # ------------------------------------------------------------------ request handling

    def _handle(self, http_method: str, raw_path: str, headers: dict[str, str], body: bytes
                ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(raw_path)
        path = parts.path
        lower_headers = {k.lower(): v for k, v in headers.items()}
        if path.startswith("/api/") and len(path) > 5:
            method = unquote(path[5:])
            webhook = False
        elif path.startswith("/respond/") and len(path) > 9:
            method = RESPONSE_URL_PREFIX + unquote(path[9:])
            webhook = True
        else:
            return 404, {"Content-Type": "text/plain"}, b"not found"

        params = self._decode(parts.query, lower_headers.get("content-type", ""), body, webhook)
        token = None
        auth = lower_headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            token = auth[7:].strip() or None
        if not webhook and "token" in params:
            body_token = params.pop("token")
            token = token or (body_token if isinstance(body_token, str) else None)

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
            call.outcome = self._outcome(status, answer)
            self._calls.append(call)
            self._changed.notify_all()
            delay = self._delays.get(method, self._delays.get("*", 0.0))
            hold = self._holds.get(method, self._holds.get("*"))

        if hold is not None:
            self._released(hold)  # on close, answered at once, like a delay
        if delay:
            self._closing.wait(delay)
        return status, *self._encode(answer, extra_headers)

    def _take_script(self, method: str) -> _Scripted | None:
        queue = self._scripts.get(method)
        if not queue:
            return None
        head = queue[0]
        head.times -= 1
        if head.times <= 0:
            queue.popleft()
        return head

    @staticmethod
    def _outcome(status: int, answer: Any) -> str:
        if isinstance(answer, dict):
            if answer.get("ok") is True and status == 200:
                return "ok"
            if answer.get("error"):
                return str(answer["error"])
        elif status == 200:
            return "ok"
        elif isinstance(answer, (str, bytes)) and answer:
            text = answer.decode(errors="replace") if isinstance(answer, bytes) else answer
            if re.fullmatch(r"[a-z_]+", text.strip()):
                return text.strip()
        return f"http_{status}"

    @staticmethod
    def _encode(answer: Any, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
        headers = dict(headers)
        has_type = any(k.lower() == "content-type" for k in headers)
        if isinstance(answer, bytes):
            payload = answer
            if not has_type:
                headers["Content-Type"] = "application/octet-stream"
        elif isinstance(answer, str):
            payload = answer.encode()
            if not has_type:
                headers["Content-Type"] = "text/plain; charset=utf-8"
        else:
            payload = json.dumps(answer).encode()
            if not has_type:
                headers["Content-Type"] = "application/json; charset=utf-8"
        return headers, payload

    @staticmethod
    def _decode(query: str, content_type: str, body: bytes, webhook: bool) -> dict:
        params: dict[str, Any] = {}
        for key, values in parse_qs(query, keep_blank_values=True).items():
            params[key] = values[0] if len(values) == 1 else values
        ctype = content_type.split(";")[0].strip().lower()
        if body:
            if ctype == "application/json" or (webhook and body.lstrip()[:1] in (b"{", b"[")):
                try:
                    decoded = json.loads(body.decode("utf-8"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    decoded = {"_raw": body.decode("utf-8", "replace")}
                if isinstance(decoded, dict):
                    params.update(decoded)
                else:
                    params["_json"] = decoded
            elif ctype == "multipart/form-data":
                message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
                    f"Content-Type: {content_type}\r\n\r\n".encode() + body)
                for part in message.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    if not name:
                        continue
                    filename = part.get_filename()
                    data = part.get_payload(decode=True) or b""
                    params[name] = {"filename": filename, "content": data} if filename else data.decode("utf-8", "replace")
            else:
                for key, values in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items():
                    params[key] = values[0] if len(values) == 1 else values
        if webhook and isinstance(params.get("payload"), str):
            try:
                payload = json.loads(params.pop("payload"))
                if isinstance(payload, dict):
                    params.update(payload)
            except json.JSONDecodeError:
                pass
        for key in JSON_PARAMS:
            value = params.get(key)
            if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
                try:
                    params[key] = json.loads(value)
                except json.JSONDecodeError:
                    pass
        return params

    # ------------------------------------------------------------------ default answers

    def _answer(self, method: str, params: dict) -> dict:
        handler = self._METHODS.get(method)
        if handler is None:
            return {"ok": False, "error": "unknown_method", "req_method": method}
        return handler(self, params)

    def _next_ts(self) -> str:
        self._ts_counter += 1
        micros = _TS_BASE_MICROS + self._ts_counter * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        self._id_counter += 1
        return f"{prefix}{self._id_counter:08d}"

    def _resolve_channel(self, channel: Any) -> str | None:
        if not isinstance(channel, str) or not channel.strip():
            return None
        channel = channel.strip()
        if _ID.match(channel):
            if channel[0] in "UW":
                return "D" + channel[1:]
            return channel
        name = channel.lstrip("#")
        if name not in self._channels:
            self._channels[name] = "C" + _short_hash(name)
        return self._channels[name]

    def _known_channel(self, channel: Any) -> str | None:
        cid = self._resolve_channel(channel)
        if cid is None:
            return None
        if cid in self._messages or cid in self._ims:
            return cid
        return None

    def _bot_message(self, text: Any, ts: str, params: dict) -> dict:
        message = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "text": text if isinstance(text, str) else "",
            "ts": ts,
            "team": self.team_id,
            "blocks": params.get("blocks") if isinstance(params.get("blocks"), list) else [],
            "bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": self.bot_name,
                            "deleted": False, "team_id": self.team_id},
        }
        for key in ("attachments", "metadata"):
            if params.get(key):
                message[key] = params[key]
        if params.get("thread_ts"):
            message["thread_ts"] = str(params["thread_ts"])
        return message

    def _auth_test(self, params: dict) -> dict:
        return {
            "ok": True,
            "url": "https://composure-test.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _api_test(self, params: dict) -> dict:
        return {"ok": True, "args": dict(params)}

    def _bots_info(self, params: dict) -> dict:
        return {"ok": True, "bot": {"id": self.bot_id, "deleted": False, "name": self.bot_name,
                                    "updated": 1_700_000_000, "app_id": self.app_id,
                                    "user_id": self.bot_user_id, "icons": {}}}

    def _chat_post_message(self, params: dict) -> dict:
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            return {"ok": False, "error": "no_text"}
        ts = self._next_ts()
        message = self._bot_message(params.get("text"), ts, params)
        self._messages.setdefault(cid, {})[ts] = message
        return {"ok": True, "channel": cid, "ts": ts, "message": dict(message)}

    def _chat_post_ephemeral(self, params: dict) -> dict:
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_found"}
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            return {"ok": False, "error": "no_text"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _own_message(self, params: dict, verb: str) -> tuple[str, str, dict] | dict:
        """(channel, ts, stored message) of one of the bot's own messages, or Slack's error answer."""
        cid = self._resolve_channel(params.get("channel"))
        ts = params.get("ts")
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        stored = self._messages.get(cid, {}).get(str(ts)) if ts else None
        if stored is None:
            return {"ok": False, "error": "message_not_found"}
        if stored.get("user") != self.bot_user_id:
            return {"ok": False, "error": f"cant_{verb}_message"}
        return cid, str(ts), stored

    def _chat_update(self, params: dict) -> dict:
        found = self._own_message(params, "update")
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        text = params.get("text") if isinstance(params.get("text"), str) else ""
        stored.update({"text": text, "edited": {"user": self.bot_user_id, "ts": self._next_ts()}})
        for key in ("blocks", "attachments", "metadata"):
            if key in params:
                stored[key] = params[key]
        message = {k: v for k, v in stored.items() if k != "ts"}
        return {"ok": True, "channel": cid, "ts": ts, "text": text, "message": message}

    @staticmethod
    def _streamed_text(params: dict) -> str:
        chunks = params.get("chunks") if isinstance(params.get("chunks"), list) else []
        texts = [c.get("text", "") for c in chunks if isinstance(c, dict) and c.get("type") == "markdown_text"]
        if isinstance(params.get("markdown_text"), str):
            texts.insert(0, params["markdown_text"])
        return "".join(t for t in texts if isinstance(t, str))

    def _chat_start_stream(self, params: dict) -> dict:
        """A streamed message is a thread reply; outside a DM Slack needs the recipient (user and team)."""
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("thread_ts"):
            return {"ok": False, "error": "invalid_arguments"}
        if not cid.startswith("D") and not (params.get("recipient_user_id") and params.get("recipient_team_id")):
            return {"ok": False, "error": "invalid_arguments"}
        ts = self._next_ts()
        message = self._bot_message(self._streamed_text(params), ts, params)
        message["streaming"] = "in_progress"
        self._messages.setdefault(cid, {})[ts] = message
        return {"ok": True, "channel": cid, "ts": ts}

    def _streaming_message(self, params: dict) -> tuple[str, str, dict] | dict:
        found = self._own_message(params, "update")
        if isinstance(found, dict):
            return found
        if found[2].get("streaming") != "in_progress":
            return {"ok": False, "error": "message_not_in_streaming_state"}
        return found

    def _chat_append_stream(self, params: dict) -> dict:
        found = self._streaming_message(params)
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        stored["text"] += self._streamed_text(params)
        return {"ok": True, "channel": cid, "ts": ts}

    def _chat_stop_stream(self, params: dict) -> dict:
        found = self._streaming_message(params)
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        stored["text"] += self._streamed_text(params)
        stored["streaming"] = "completed"
        if isinstance(params.get("blocks"), list):
            stored["blocks"] = params["blocks"]
        return {"ok": True, "channel": cid, "ts": ts, "message": {k: v for k, v in stored.items() if k != "ts"}}

    def _chat_get_permalink(self, params: dict) -> dict:
        channel, ts = str(params.get("channel", "")), str(params.get("message_ts", ""))
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "channel": channel,
                "permalink": f"https://fake.slack.example/archives/{channel}/p{ts.replace('.', '')}"}

    def _chat_delete(self, params: dict) -> dict:
        found = self._own_message(params, "delete")
        if isinstance(found, dict):
            return found
        cid, ts, _ = found
        del self._messages[cid][str(ts)]
        return {"ok": True, "channel": cid, "ts": str(ts)}

    def _conversations_open(self, params: dict) -> dict:
        users = params.get("users")
        if isinstance(users, list):
            users = ",".join(users)
        if users:
            ids = [u.strip() for u in str(users).split(",") if u.strip()]
            if len(ids) == 1:
                cid = "D" + ids[0][1:]
            else:
                cid = "G" + _short_hash(",".join(sorted(ids)))
        elif params.get("channel"):
            cid = str(params["channel"])
        else:
            return {"ok": False, "error": "users_list_not_supplied"}
        already = cid in self._ims
        self._ims.add(cid)
        channel: dict[str, Any] = {"id": cid}
        if _truthy(params.get("return_im")) and cid.startswith("D"):
            channel.update({"created": 1_700_000_000, "is_im": True, "is_org_shared": False,
                            "user": "U" + cid[1:], "is_user_deleted": False, "priority": 0})
        answer: dict[str, Any] = {"ok": True}
        if already:
            answer.update({"no_op": True, "already_open": True})
        answer["channel"] = channel
        return answer

    def _conversations_info(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        name = next((n for n, i in self._channels.items() if i == cid), None)
        is_im = cid.startswith("D")
        channel = {"id": cid, "created": 1_700_000_000, "is_im": is_im, "is_channel": cid.startswith("C"),
                   "is_group": cid.startswith("G"), "is_private": not cid.startswith("C"), "is_archived": False,
                   "is_member": True}
        if is_im:
            channel["user"] = "U" + cid[1:]
        else:
            channel["name"] = name or cid.lower()
        return {"ok": True, "channel": channel}

    def _conversations_replies(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        store = self._messages.get(cid, {})
        ts = str(params.get("ts") or "")
        target = store.get(ts)
        if target is None:
            return {"ok": False, "error": "thread_not_found"}
        parent_ts = target.get("thread_ts") or ts
        parent = store.get(parent_ts)
        if parent is None:
            return {"ok": False, "error": "thread_not_found"}
        replies = sorted((m for t, m in store.items() if m.get("thread_ts") == parent_ts and t != parent_ts),
                         key=lambda m: _ts_key(m["ts"]))
        rendered_parent = dict(parent)
        if replies:
            reply_users = list(dict.fromkeys(m.get("user") for m in replies if m.get("user")))
            rendered_parent.update({"thread_ts": parent_ts, "reply_count": len(replies),
                                    "reply_users_count": len(reply_users), "latest_reply": replies[-1]["ts"],
                                    "reply_users": reply_users, "is_locked": False, "subscribed": False})
        rendered_replies = []
        for reply in replies:
            item = dict(reply)
            item["parent_user_id"] = parent.get("user")
            rendered_replies.append(item)
        thread = [rendered_parent] + self._time_window(rendered_replies, params)
        page, nxt = _paginate(thread, params, default_limit=1000)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": bool(nxt)}
        if nxt:
            answer["response_metadata"] = {"next_cursor": nxt}
        return answer

    @staticmethod
    def _time_window(messages: list[dict], params: dict) -> list[dict]:
        inclusive = _truthy(params.get("inclusive"))
        oldest, latest = params.get("oldest"), params.get("latest")
        out = []
        for m in messages:
            key = _ts_key(m["ts"])
            if oldest and (key < _ts_key(oldest) or (key == _ts_key(oldest) and not inclusive)):
                continue
            if latest and (key > _ts_key(latest) or (key == _ts_key(latest) and not inclusive)):
                continue
            out.append(m)
        return out

    def _conversations_history(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        store = self._messages.get(cid, {})
        top = []
        for ts, m in store.items():
            thread_ts = m.get("thread_ts")
            if thread_ts and thread_ts != ts and m.get("subtype") != "thread_broadcast":
                continue
            item = dict(m)
            replies = [r for t, r in store.items() if r.get("thread_ts") == ts and t != ts]
            if replies:
                replies.sort(key=lambda r: _ts_key(r["ts"]))
                reply_users = list(dict.fromkeys(r.get("user") for r in replies if r.get("user")))
                item.update({"thread_ts": ts, "reply_count": len(replies), "reply_users_count": len(reply_users),
                             "latest_reply": replies[-1]["ts"], "reply_users": reply_users, "is_locked": False,
                             "subscribed": False})
            top.append(item)
        top.sort(key=lambda m: _ts_key(m["ts"]), reverse=True)
        page, nxt = _paginate(self._time_window(top, params), params, default_limit=100)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": bool(nxt), "pin_count": 0,
                                  "channel_actions_ts": None, "channel_actions_count": 0}
        if nxt:
            answer["response_metadata"] = {"next_cursor": nxt}
        return answer

    def _users_info(self, params: dict) -> dict:
        user = self._users.get(str(params.get("user") or ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": json.loads(json.dumps(user))}

    def _users_list(self, params: dict) -> dict:
        members = [json.loads(json.dumps(u)) for u in self._users.values()]
        page, nxt = _paginate(members, params, default_limit=1000)
        return {"ok": True, "members": page, "cache_ts": int(time.time()),
                "response_metadata": {"next_cursor": nxt}}

    def _usergroups_users_list(self, params: dict) -> dict:
        group = self._usergroups.get(str(params.get("usergroup") or ""))
        if group is None or (group.get("date_delete") and not _truthy(params.get("include_disabled"))):
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(group["users"])}

    def _usergroups_list(self, params: dict) -> dict:
        groups = []
        for group in self._usergroups.values():
            if group.get("date_delete") and not _truthy(params.get("include_disabled")):
                continue
            item = json.loads(json.dumps(group))
            if not _truthy(params.get("include_users")):
                item.pop("users", None)
            groups.append(item)
        return {"ok": True, "usergroups": groups}

    def _render_view(self, view: dict, view_id: str, root_view_id: str | None = None,
                     previous_view_id: str | None = None) -> dict:
        rendered = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{_short_hash(view_id + str(self._id_counter), 8)}",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": previous_view_id,
            "root_view_id": root_view_id or view_id,
            "app_id": self.app_id,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        rendered.update({k: v for k, v in view.items() if k not in ("id", "hash", "state")})
        self._views[view_id] = rendered
        return json.loads(json.dumps(rendered))

    @staticmethod
    def _view_param(params: dict) -> dict | None:
        view = params.get("view")
        return view if isinstance(view, dict) else None

    def _views_open(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        issued = self._triggers.get(str(params.get("trigger_id")))
        if issued is not None and self.trigger_life is not None and time.monotonic() - issued > self.trigger_life:
            return {"ok": False, "error": "expired_trigger_id"}
        return {"ok": True, "view": self._render_view(view, self._next_id("V"))}

    def _views_push(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": self._render_view(view, self._next_id("V"))}

    def _views_update(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        view_id = params.get("view_id")
        if not view_id and params.get("external_id"):
            view_id = next((i for i, v in self._views.items() if v.get("external_id") == params["external_id"]), None)
        if not view_id or view_id not in self._views:
            return {"ok": False, "error": "not_found"}
        old = self._views[view_id]
        if params.get("hash") and params["hash"] != old.get("hash"):
            return {"ok": False, "error": "hash_conflict"}
        return {"ok": True, "view": self._render_view(view, view_id, root_view_id=old.get("root_view_id"),
                                                      previous_view_id=old.get("previous_view_id"))}

    def _views_publish(self, params: dict) -> dict:
        view = self._view_param(params)
        user_id = params.get("user_id")
        if view is None or not user_id:
            return {"ok": False, "error": "invalid_arguments"}
        view_id = self._home_views.get(user_id) or self._next_id("V")
        self._home_views[user_id] = view_id
        return {"ok": True, "view": self._render_view({"type": "home", **view}, view_id)}

    def _apps_connections_open(self, params: dict) -> dict:
        return {"ok": True, "url": "ws://127.0.0.1:1/"}

    def _ok(self, params: dict) -> dict:
        return {"ok": True}

    def _without_agent_view(self) -> dict | None:
        if self.agent_view:
            return None
        return {"ok": False, "error": "missing_scope", "needed": "assistant:write",
                "provided": "app_mentions:read,channels:history,chat:write,commands,im:history,im:write"}

    def _assistant_set_suggested_prompts(self, params: dict) -> dict:
        refused = self._without_agent_view()
        if refused:
            return refused
        prompts = params.get("prompts")
        if isinstance(prompts, str):
            try:
                prompts = json.loads(prompts)
            except json.JSONDecodeError:
                prompts = None
        if not params.get("channel_id") or not isinstance(prompts, list):
            return {"ok": False, "error": "invalid_arguments"}
        if not 1 <= len(prompts) <= 4 or not all(isinstance(p, dict) and p.get("title") and p.get("message") for p in prompts):
            return {"ok": False, "error": "invalid_arguments"}
        if self._known_channel(params.get("channel_id")) is None and not str(params["channel_id"]).startswith("D"):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True}

    def _assistant_set_status(self, params: dict) -> dict:
        refused = self._without_agent_view()
        if refused:
            return refused
        if not params.get("channel_id") or "status" not in params:
            return {"ok": False, "error": "invalid_arguments"}
        if not params.get("thread_ts"):
            return {"ok": False, "error": "invalid_thread_ts"}
        if not str(params["channel_id"]).startswith("D"):
            return {"ok": False, "error": "channel_not_found"}  # an assistant thread lives in the app's DM
        return {"ok": True}

    _METHODS = {
        "api.test": _api_test,
        "auth.test": _auth_test,
        "bots.info": _bots_info,
        "chat.postMessage": _chat_post_message,
        "chat.postEphemeral": _chat_post_ephemeral,
        "chat.update": _chat_update,
        "chat.startStream": _chat_start_stream,
        "chat.appendStream": _chat_append_stream,
        "chat.stopStream": _chat_stop_stream,
        "chat.delete": _chat_delete,
        "chat.getPermalink": _chat_get_permalink,
        "conversations.open": _conversations_open,
        "conversations.info": _conversations_info,
        "conversations.replies": _conversations_replies,
        "conversations.history": _conversations_history,
        "users.info": _users_info,
        "users.list": _users_list,
        "usergroups.users.list": _usergroups_users_list,
        "usergroups.list": _usergroups_list,
        "views.open": _views_open,
        "views.update": _views_update,
        "views.publish": _views_publish,
        "views.push": _views_push,
        "apps.connections.open": _apps_connections_open,
        "assistant.threads.setSuggestedPrompts": _assistant_set_suggested_prompts,
        "assistant.threads.setStatus": _assistant_set_status,
        "reactions.add": _ok,
        "reactions.remove": _ok,
    }


def _tz_label(tz: str, tz_offset: int) -> str:
    known = {"Europe/London": "Greenwich Mean Time", "UTC": "Coordinated Universal Time",
             "America/New_York": "Eastern Standard Time", "America/Los_Angeles": "Pacific Standard Time",
             "Europe/Paris": "Central European Time", "Europe/Berlin": "Central European Time"}
    if tz in known:
        return known[tz]
    sign = "+" if tz_offset >= 0 else "-"
    minutes = abs(tz_offset) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """A started FakeSlack, closed after the test."""
    with FakeSlack() as fake:
        yield fake
