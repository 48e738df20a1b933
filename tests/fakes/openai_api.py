"""A fake OpenAI-compatible HTTP API: a real server on 127.0.0.1 that tests use instead of a model.

Point the official ``openai`` client at it::

    with FakeOpenAI() as fake:
        fake.reply({"replies": []}, prompt_tokens=12, completion_tokens=3)
        client = OpenAI(api_key="sk-test", base_url=fake.url, max_retries=0, timeout=2)
        answer = client.chat.completions.create(model="gpt-4o-mini", messages=[...])
        assert fake.requests_to("/chat/completions")[0].json["model"] == "gpt-4o-mini"

Routes (everything else answers OpenAI's 404 "Invalid URL" error):

* ``POST /v1/chat/completions`` (any path ending in ``/chat/completions`` outside ``/openai/``);
* ``POST /openai/deployments/{deployment}/chat/completions?api-version=...`` -- the Azure OpenAI shape
  that ``AzureOpenAI(azure_endpoint=fake.azure_endpoint, ...)`` uses; recorded with ``deployment``.
  Without ``api-version`` it answers 404 "Resource not found", as Azure does. ``/openai/v1/chat/completions``
  (Azure's v1 surface) is served too;
* ``GET /v1/models``, ``GET /v1/models/{id}`` (and ``/openai/models``): the configured model names.

Chat completions are answered from a FIFO script, one step per request, in arrival order:
``reply``, ``error`` (and its shorthand ``rate_limit``), ``hang``, ``hold``, ``malformed``, ``reply_with_delay``.
When the script is empty the ``default`` answers: a fixed content, or a callable that receives the
request's JSON body and returns the content. The initial default is the content ``"{}"``.

Bodies follow the documented shapes: ``{"id": "chatcmpl-...", "object": "chat.completion", "created",
"model", "choices": [{"index": 0, "message": {"role": "assistant", "content"}, "finish_reason"}],
"usage": {"prompt_tokens", "completion_tokens", "total_tokens"}}``; errors are
``{"error": {"message", "type", "param", "code"}}``. ``"stream": true`` is answered with
``chat.completion.chunk`` server-sent events ending in ``data: [DONE]``.

Every request (any route) is recorded as a :class:`Request`.

``FakeOpenAI(kind=...)`` plays a real server family (tests/fakes/model_servers.py): llama-cpp-python's
500 on ``json_schema``, llama-server's ``/props`` and ``timings``, Ollama's native ``/api/*`` routes,
vLLM's ``max_model_len``. ``context_tokens`` is the context it reports and enforces (``max_tokens`` is
honoured too: a longer answer is cut off with ``finish_reason: "length"``); ``prompt_tokens_per_second``
makes it take that long over each prompt (the fake sleeps; tests assert outcomes, never durations);
``raw_newlines`` writes escaped newlines inside JSON answers raw, as llama.cpp's grammar allows.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from fakes import model_servers as servers
from fakes.loopback import LoopbackFake, LoopbackServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

__all__ = ["FakeOpenAI", "Request", "estimate_tokens", "fake_openai"]

Content = str | dict | list
DefaultAnswer = Content | Callable[[dict], Content]

_AZURE_DEPLOYMENT = re.compile(r"^/openai/deployments/([^/]+)/chat/completions/?$")
_DEFAULT_ERROR_TYPE = {
    400: "invalid_request_error",
    401: "invalid_request_error",  # OpenAI answers a bad key with invalid_request_error / invalid_api_key
    403: "permission_error",
    404: "invalid_request_error",
    409: "invalid_request_error",
    422: "invalid_request_error",
    429: "requests",  # OpenAI's rate-limit type ("requests" or "tokens"); quota errors use "insufficient_quota"
}
_DEFAULT_ERROR_CODE = {401: "invalid_api_key", 404: "model_not_found", 429: "rate_limit_exceeded"}


def estimate_tokens(text: str) -> int:
    """The rough token count the fake reports when a test gives none: about one token per 4 characters."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


@dataclass
class Request:
    """One request the fake received."""

    method: str
    path: str  # without the query string
    query: dict[str, str]
    headers: dict[str, str]  # lower-case names
    json: Any  # the decoded body; None when there was none or it was not JSON
    body: str
    at: float  # time.monotonic() on arrival
    deployment: str | None = None  # the Azure deployment in the URL, if any
    status: int | None = None  # the HTTP status answered (None while a hang is still pending)

    @property
    def api_key(self) -> str | None:
        """The key the client sent: ``Authorization: Bearer ...`` or Azure's ``api-key`` header."""
        auth = self.headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        return self.headers.get("api-key")

    @property
    def model(self) -> str | None:
        return self.json.get("model") if isinstance(self.json, dict) else None

    @property
    def messages(self) -> list[dict]:
        return list(self.json.get("messages") or []) if isinstance(self.json, dict) else []

    @property
    def response_format(self) -> dict | None:
        return self.json.get("response_format") if isinstance(self.json, dict) else None

    def text(self) -> str:
        """All message text of the request, joined by newlines (text parts of multi-part contents too)."""
        return "\n".join(_message_text(m) for m in self.messages)


@dataclass
class _Step:
    kind: str  # "reply" | "error" | "malformed"
    content: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str = "stop"
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    then_default: bool = False  # a hang: after the delay, answer what the default answers
    release: threading.Event | None = None  # a hold: answer once the test sets it


def _to_content(content: Content) -> str:
    if isinstance(content, (dict, list)):
        return json.dumps(content)
    if not isinstance(content, str):
        raise TypeError(f"content must be a str or a dict, not {type(content).__name__}")
    return content


def _message_text(message: Any) -> str:
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""




class _Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    server_version = "FakeOpenAI/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, http_method: str) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            fake = self.server.fake
            try:
                answer = fake._handle(http_method, self.path, headers, body)
            except Exception as exc:  # a bug in the fake: say so plainly rather than drop the connection
                answer = _error_answer(500, f"fake_openai bug: {type(exc).__name__}: {exc}", "server_error", None)
            if answer is None:  # closing while the request hung: drop the connection without an answer
                return
            status, out_headers, payload = answer
            self.send_response(status)
            for name, value in out_headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the client gave up (e.g. its timeout ran out while the request hung)


def _error_answer(status: int, message: str, type_: str | None, code: str | None, param: str | None = None,
                  headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    body = {"error": {"message": message, "type": type_, "param": param, "code": code}}
    out = {"Content-Type": "application/json"}
    out.update(headers or {})
    return status, out, json.dumps(body).encode()


class FakeOpenAI(LoopbackFake):
    """A fake OpenAI-compatible server. See the module docstring."""

    handler = _Handler

    def __init__(self, *, models: tuple[str, ...] | list[str] = ("gpt-4o-mini",),
                 api_key: str | None = None, kind: str = "openai", context_tokens: int = 0,
                 prompt_tokens_per_second: float = 0, raw_newlines: bool = False) -> None:
        self.models = list(models)
        self.api_key = api_key  # when set, requests with another key get 401 invalid_api_key
        self.kind = servers.KINDS[kind]
        self.context_tokens = context_tokens  # 0: no limit (and the family's discovery routes report 8192)
        self.prompt_tokens_per_second = prompt_tokens_per_second  # 0: prompts take no time
        self.raw_newlines = raw_newlines
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._init_loopback()
        self._ids = itertools.count(1)
        self._init_state()

    def _init_state(self) -> None:
        self._requests: list[Request] = []
        self._script: deque[_Step] = deque()
        self._default: DefaultAnswer = "{}"

    # ------------------------------------------------------------------ addresses

    @property
    def azure_endpoint(self) -> str:
        """For ``AzureOpenAI(azure_endpoint=...)``: the client appends ``/openai/deployments/...``."""
        return self.origin

    @property
    def url(self) -> str:
        """For ``OpenAI(base_url=...)`` / ``OPENAI_BASE_URL``."""
        return f"{self.azure_endpoint}/v1"

    # ------------------------------------------------------------------ recorded requests

    @property
    def requests(self) -> list[Request]:
        """A snapshot of every request so far, in arrival order."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path_suffix: str) -> list[Request]:
        """The requests whose path (without the query) ends with ``path_suffix``."""
        with self._lock:
            return [r for r in self._requests if r.path.endswith(path_suffix)]

    @property
    def completions(self) -> list[Request]:
        """The chat completion requests (OpenAI, Azure and Ollama's native routes)."""
        with self._lock:
            return [r for r in self._requests if r.path.endswith("/chat/completions") or r.path == "/api/chat"]

    def last(self) -> Request:
        found = self.completions
        if not found:
            raise AssertionError(f"no chat completion request; recorded: {self._listing()}")
        return found[-1]

    def wait_for(self, count: int = 1, timeout: float = 5.0, path_suffix: str = "/chat/completions") -> list[Request]:
        """Wait until at least ``count`` requests to ``path_suffix`` were recorded; answer them all."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [r for r in self._requests if r.path.endswith(path_suffix)]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"expected {count} request(s) to {path_suffix} within {timeout}s, "
                                         f"saw {len(found)}; recorded: {self._listing()}")
                self._changed.wait(remaining)

    def _listing(self) -> str:
        with self._lock:
            return ", ".join(f"{r.method} {r.path}[{r.status}]" for r in self._requests) or "(none)"

    def reset(self) -> None:
        """Forget requests, the script and the default answer."""
        with self._lock:
            self._init_state()

    # ------------------------------------------------------------------ scripting

    def pending(self) -> int:
        """How many scripted steps are still queued."""
        with self._lock:
            return len(self._script)

    def _push(self, step: _Step) -> FakeOpenAI:
        with self._lock:
            self._script.append(step)
        return self

    def reply(self, content: Content, prompt_tokens: int | None = None, completion_tokens: int | None = None,
              *, finish_reason: str = "stop") -> FakeOpenAI:
        """Answer the next completion with this content (dict -> JSON text). Usage is estimated if not given."""
        return self._push(_Step("reply", _to_content(content), prompt_tokens, completion_tokens, finish_reason))

    def reply_with_delay(self, content: Content, seconds: float, prompt_tokens: int | None = None,
                         completion_tokens: int | None = None) -> FakeOpenAI:
        """Answer the next completion normally, after ``seconds``."""
        return self._push(_Step("reply", _to_content(content), prompt_tokens, completion_tokens, delay=seconds))

    def error(self, status: int, message: str = "", code: str | None = None, type: str | None = None,
              headers: dict[str, str] | None = None, *, param: str | None = None) -> FakeOpenAI:
        """Answer the next completion with ``{"error": {...}}`` and this HTTP status.

        ``type`` and ``code`` default from the status as OpenAI sends them (401 -> invalid_api_key,
        404 -> model_not_found, 429 -> rate_limit_exceeded).
        """
        message = message or f"fake error {status}"
        type_ = type if type is not None else _DEFAULT_ERROR_TYPE.get(status, "server_error" if status >= 500 else None)
        code = code if code is not None else _DEFAULT_ERROR_CODE.get(status)
        status_, out, body = _error_answer(status, message, type_, code, param, headers)
        return self._push(_Step("error", status=status_, headers=out, body=body))

    def rate_limit(self, retry_after: float = 1, message: str = "Rate limit reached for requests") -> FakeOpenAI:
        """Shorthand: 429 rate_limit_exceeded with a ``retry-after`` header."""
        return self.error(429, message, headers={"retry-after": f"{retry_after:g}"})

    def hang(self, seconds: float = 30.0) -> FakeOpenAI:
        """Accept the next completion and answer nothing for ``seconds`` (then the default answer).

        ``close()`` wakes a hanging request and drops its connection, so it never delays teardown.
        """
        return self._push(_Step("reply", delay=seconds, then_default=True))

    def hold(self) -> threading.Event:
        """Accept the next completion and answer it (with the default answer) only once the returned
        event is set: the test decides when the model answers. ``close()`` drops it, as it drops a hang."""
        release = threading.Event()
        self._push(_Step("reply", then_default=True, release=release))
        return release

    def malformed(self, raw: str = '{"id": "chatcmpl-broken", "choices": [', *,
                  content_type: str = "application/json", status: int = 200) -> FakeOpenAI:
        """Answer the next completion with HTTP 200 and a body that is not valid JSON."""
        return self._push(_Step("malformed", status=status, headers={"Content-Type": content_type},
                                body=raw.encode("utf-8")))

    def default(self, content_or_callable: DefaultAnswer) -> FakeOpenAI:
        """What to answer when the script is empty: content, or ``f(request_json) -> content``."""
        if not callable(content_or_callable):
            _to_content(content_or_callable)  # fail now on a wrong type, not inside the server
        with self._lock:
            self._default = content_or_callable
        return self

    # ------------------------------------------------------------------ serving

    def _handle(self, method: str, raw_path: str, headers: dict[str, str], body: bytes
                ) -> tuple[int, dict[str, str], bytes] | None:
        split = urlsplit(raw_path)
        path = unquote(split.path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        text = body.decode("utf-8", "replace")
        try:
            payload = json.loads(text) if text.strip() else None
        except ValueError:
            payload = None
        deployment = None
        match = _AZURE_DEPLOYMENT.match(path)
        if match:
            deployment = match.group(1)
        request = Request(method, path, query, headers, payload, text, time.monotonic(), deployment)
        with self._changed:
            self._requests.append(request)
            self._changed.notify_all()
        try:
            answer = self._route(request, bool(text.strip()))
        finally:
            with self._changed:
                self._changed.notify_all()
        return answer

    def _finish(self, request: Request, answer: tuple[int, dict[str, str], bytes]) -> tuple[int, dict[str, str], bytes]:
        with self._changed:
            request.status = answer[0]
            self._changed.notify_all()
        out = dict(answer[1])
        out.setdefault("x-request-id", f"req_fake{next(self._ids):06d}")
        return answer[0], out, answer[2]

    def _route(self, request: Request, has_body: bool) -> tuple[int, dict[str, str], bytes] | None:
        path = request.path
        azure = path.startswith("/openai/")
        if azure and "api-version" not in request.query:
            return self._finish(request, _error_answer(404, "Resource not found", None, "404"))
        if self.api_key is not None and request.api_key != self.api_key:
            return self._finish(request, _error_answer(
                401, "Incorrect API key provided. You can find your API key at "
                     "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"))
        if path.endswith("/chat/completions") and (not azure or request.deployment or path.startswith("/openai/v1/")):
            if request.method != "POST":
                return self._finish(request, self._invalid_url(request))
            if not isinstance(request.json, dict):
                message = ("We could not parse the JSON body of your request." if has_body
                           else "you must provide a model parameter")
                return self._finish(request, _error_answer(400, message, "invalid_request_error", None))
            return self._chat(request)
        family = self._family_route(request)
        if family is not None:
            return family
        if request.method == "GET":
            trimmed = path.rstrip("/")
            if trimmed.endswith("/models"):
                return self._finish(request, self._json(200, {
                    "object": "list", "data": [self._model_object(m) for m in self.models]}))
            head, _, model_id = trimmed.rpartition("/")
            if head.endswith("/models") and model_id:
                if model_id in self.models:
                    return self._finish(request, self._json(200, self._model_object(model_id)))
                return self._finish(request, _error_answer(
                    404, f"The model '{model_id}' does not exist", "invalid_request_error", "model_not_found", "model"))
        return self._finish(request, self._invalid_url(request))

    @property
    def reported_context(self) -> int:
        return self.context_tokens or 8192

    def _family_route(self, request: Request) -> tuple[int, dict[str, str], bytes] | None:
        """The discovery and native routes of the server family this fake plays."""
        kind, path, model = self.kind, request.path.rstrip("/"), self.models[0] if self.models else "fake"
        if kind.props and request.method == "GET" and path == "/props":
            return self._finish(request, self._json(200, servers.props(self.reported_context, model)))
        if not kind.ollama or not path.startswith("/api/"):
            return None
        if request.method == "GET" and path == "/api/version":
            return self._finish(request, self._json(200, {"version": servers.OLLAMA_VERSION}))
        if request.method == "POST" and path == "/api/show":
            wanted = (request.json or {}).get("model") if isinstance(request.json, dict) else None
            if wanted not in self.models:
                return self._finish(request, self._json(404, {"error": f"model '{wanted}' not found"}))
            return self._finish(request, self._json(200, servers.ollama_show(self.reported_context, wanted)))
        if request.method == "POST" and path == "/api/chat" and isinstance(request.json, dict):
            return self._chat(request)
        return self._finish(request, self._json(404, {"error": "404 page not found"}))

    @staticmethod
    def _invalid_url(request: Request) -> tuple[int, dict[str, str], bytes]:
        return _error_answer(404, f"Invalid URL ({request.method} {request.path})", "invalid_request_error", None)

    def _model_object(self, model_id: str) -> dict:
        return servers.model_object(self.kind, model_id, self.reported_context)

    @staticmethod
    def _json(status: int, body: Any) -> tuple[int, dict[str, str], bytes]:
        return status, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _chat(self, request: Request) -> tuple[int, dict[str, str], bytes] | None:
        form = request.response_format or {}
        if self.kind.refuses_json_schema and form.get("type") == "json_schema":  # before the script: the server's own
            return self._finish(request, _error_answer(500, servers.JSON_SCHEMA_REFUSAL, "server_error", None))
        with self._lock:
            step = self._script.popleft() if self._script else None
            default = self._default
        if step is not None and step.delay > 0:
            if self._closing.wait(step.delay):
                return None  # close() during the wait: drop the connection
        if step is not None and step.release is not None and not self._released(step.release):
            return None
        if step is None or step.then_default:
            try:
                produced = default(request.json) if callable(default) else default
                step = _Step("reply", _to_content(produced))
            except Exception as exc:  # the test's callable failed: answer 500 and say why
                return self._finish(request, _error_answer(
                    500, f"fake_openai default callable raised {type(exc).__name__}: {exc}", "server_error", None))
        if step.kind in ("error", "malformed"):
            if request.path.startswith("/api/") and step.kind == "error":  # Ollama's native error shape
                said = json.loads(step.body)["error"]["message"]
                return self._finish(request, (step.status, step.headers, json.dumps({"error": said}).encode()))
            return self._finish(request, (step.status, step.headers, step.body))
        return self._finish(request, self._completion(request, step))

    def _limits(self, request: Request, prompt: int) -> tuple[int, tuple[int, dict[str, str], bytes] | None]:
        """How many tokens the answer may have, or the server's error when the request cannot fit."""
        body = request.json
        native = request.path.startswith("/api/")
        asked = (body.get("options") or {}).get("num_predict") if native else (
            body.get("max_completion_tokens") or body.get("max_tokens"))
        context = ((body.get("options") or {}).get("num_ctx") or self.context_tokens) if native else self.context_tokens
        if not context:
            return asked or 0, None
        if native:  # Ollama keeps the end of a prompt that does not fit and answers anyway
            return max(1, min(asked or context, context - min(prompt, context - 1))), None
        room = context - prompt
        overflow = self.kind.overflow.format(ctx=context, asked=prompt + (asked or 0))
        if room <= 0 or (asked and asked > room and not self.kind.fills_context):
            return 0, _error_answer(400, overflow, "invalid_request_error", "context_length_exceeded")
        return min(asked or room, room), None

    def _completion(self, request: Request, step: _Step) -> tuple[int, dict[str, str], bytes]:
        content = step.content or ""
        body = request.json
        model = body.get("model") or request.deployment or (self.models[0] if self.models else "fake")
        prompt = step.prompt_tokens if step.prompt_tokens is not None else (
            estimate_tokens(request.text()) + 3 * len(request.messages))
        limit, refusal = self._limits(request, prompt)
        if refusal is not None:
            return refusal
        content, was_cut = servers.cut(servers.raw_newlines(content) if self.raw_newlines else content, limit)
        finish = "length" if was_cut else step.finish_reason
        seconds = prompt / self.prompt_tokens_per_second if self.prompt_tokens_per_second else 0.0
        if seconds and self._closing.wait(seconds):
            return 503, {"Content-Type": "application/json"}, b"{}"  # closing: the client is gone anyway
        completion = step.completion_tokens if step.completion_tokens is not None else estimate_tokens(content)
        if request.path.startswith("/api/"):
            return self._json(200, servers.ollama_chat(model, content, finish, prompt, completion, seconds))
        usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
                 "prompt_tokens_details": {"cached_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0}}
        ident = f"chatcmpl-fake{next(self._ids):06d}"
        created = int(time.time())
        if body.get("stream"):
            return self._stream(ident, created, model, content, finish, usage, body)
        answer = {
            "id": ident,
            "object": "chat.completion",
            "created": created,
            "model": model,
            "system_fingerprint": "fp_fake",
            "choices": [{
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": None},
                "logprobs": None,
                "finish_reason": finish,
            }],
            "usage": usage,
        }
        if self.kind.timings:
            answer["timings"] = servers.llama_timings(prompt, completion, seconds)
        return self._json(200, answer)

    @staticmethod
    def _stream(ident: str, created: int, model: str, content: str, finish_reason: str, usage: dict,
                body: dict) -> tuple[int, dict[str, str], bytes]:
        def chunk(delta: dict, finish: str | None, extra: dict | None = None) -> str:
            data = {"id": ident, "object": "chat.completion.chunk", "created": created, "model": model,
                    "system_fingerprint": "fp_fake",
                    "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}
            if extra:
                data.update(extra)
            return f"data: {json.dumps(data)}\n\n"

        parts = [chunk({"role": "assistant", "content": ""}, None)]
        for i in range(0, len(content), 16):
            parts.append(chunk({"content": content[i:i + 16]}, None))
        parts.append(chunk({}, finish_reason))
        if (body.get("stream_options") or {}).get("include_usage"):
            parts.append(f"data: {json.dumps({'id': ident, 'object': 'chat.completion.chunk', 'created': created, 'model': model, 'choices': [], 'usage': usage})}\n\n")
        parts.append("data: [DONE]\n\n")
        return 200, {"Content-Type": "text/event-stream"}, "".join(parts).encode()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A started FakeOpenAI, closed after the test."""
    with FakeOpenAI() as fake:
        yield fake
