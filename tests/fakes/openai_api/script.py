"""What a test scripts the fake OpenAI API to answer: a FIFO of steps, one a chat completion
(``reply``, ``error``, ``rate_limit``, ``hang``, ``hold``, ``malformed``, ``reply_with_delay``), and the
``default`` answer once the script is empty."""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Self

from fakes.openai_api.wire import error_answer

Content = str | dict | list
DefaultAnswer = Content | Callable[[dict], Content]

DEFAULT_ERROR_TYPE = {
    400: "invalid_request_error",
    401: "invalid_request_error",  # OpenAI answers a bad key with invalid_request_error / invalid_api_key
    403: "permission_error",
    404: "invalid_request_error",
    409: "invalid_request_error",
    422: "invalid_request_error",
    429: "requests",  # OpenAI's rate-limit type ("requests" or "tokens"); quota errors use "insufficient_quota"
}
DEFAULT_ERROR_CODE = {401: "invalid_api_key", 404: "model_not_found", 429: "rate_limit_exceeded"}


@dataclass
class Step:
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


def to_content(content: Content) -> str:
    if isinstance(content, (dict, list)):
        return json.dumps(content)
    if not isinstance(content, str):
        raise TypeError(f"content must be a str or a dict, not {type(content).__name__}")
    return content


class Script:
    """The scripted steps still queued and the default answer."""

    _lock: threading.RLock

    def _init_script(self) -> None:
        self._script: deque[Step] = deque()
        self._default: DefaultAnswer = "{}"

    def _next_step(self) -> tuple[Step | None, DefaultAnswer]:
        """The next scripted step (None when the script is empty) and the default answer now."""
        with self._lock:
            return (self._script.popleft() if self._script else None), self._default

    def pending(self) -> int:
        """How many scripted steps are still queued."""
        with self._lock:
            return len(self._script)

    def _push(self, step: Step) -> Self:
        with self._lock:
            self._script.append(step)
        return self

    def reply(self, content: Content, prompt_tokens: int | None = None, completion_tokens: int | None = None,
              *, finish_reason: str = "stop") -> Self:
        """Answer the next completion with this content (dict -> JSON text). Usage is estimated if not given."""
        return self._push(Step("reply", to_content(content), prompt_tokens, completion_tokens, finish_reason))

    def reply_with_delay(self, content: Content, seconds: float, prompt_tokens: int | None = None,
                         completion_tokens: int | None = None) -> Self:
        """Answer the next completion normally, after ``seconds``."""
        return self._push(Step("reply", to_content(content), prompt_tokens, completion_tokens, delay=seconds))

    def error(self, status: int, message: str = "", code: str | None = None, type: str | None = None,
              headers: dict[str, str] | None = None, *, param: str | None = None) -> Self:
        """Answer the next completion with ``{"error": {...}}`` and this HTTP status.

        ``type`` and ``code`` default from the status as OpenAI sends them (401 -> invalid_api_key,
        404 -> model_not_found, 429 -> rate_limit_exceeded).
        """
        message = message or f"fake error {status}"
        type_ = type if type is not None else DEFAULT_ERROR_TYPE.get(status, "server_error" if status >= 500 else None)
        code = code if code is not None else DEFAULT_ERROR_CODE.get(status)
        status_, out, body = error_answer(status, message, type_, code, param, headers)
        return self._push(Step("error", status=status_, headers=out, body=body))

    def rate_limit(self, retry_after: float = 1, message: str = "Rate limit reached for requests") -> Self:
        """Shorthand: 429 rate_limit_exceeded with a ``retry-after`` header."""
        return self.error(429, message, headers={"retry-after": f"{retry_after:g}"})

    def hang(self, seconds: float = 30.0) -> Self:
        """Accept the next completion and answer nothing for ``seconds`` (then the default answer).

        ``close()`` wakes a hanging request and drops its connection, so it never delays teardown.
        """
        return self._push(Step("reply", delay=seconds, then_default=True))

    def hold(self) -> threading.Event:
        """Accept the next completion and answer it (with the default answer) only once the returned
        event is set: the test decides when the model answers. ``close()`` drops it, as it drops a hang."""
        release = threading.Event()
        self._push(Step("reply", then_default=True, release=release))
        return release

    def malformed(self, raw: str = '{"id": "chatcmpl-broken", "choices": [', *,
                  content_type: str = "application/json", status: int = 200) -> Self:
        """Answer the next completion with HTTP 200 and a body that is not valid JSON."""
        return self._push(Step("malformed", status=status, headers={"Content-Type": content_type},
                               body=raw.encode("utf-8")))

    def default(self, content_or_callable: DefaultAnswer) -> Self:
        """What to answer when the script is empty: content, or ``f(request_json) -> content``."""
        if not callable(content_or_callable):
            to_content(content_or_callable)  # fail now on a wrong type, not inside the server
        with self._lock:
            self._default = content_or_callable
        return self
