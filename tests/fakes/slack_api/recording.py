"""What the fake Slack records (every call) and what a test scripts (failures, delays, holds)."""

from __future__ import annotations

import threading
import time
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Iterator

from fakes.slack_api.wire import RESPONSE_URL_PREFIX, WEBHOOK_ERROR_STATUS


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
class Scripted:
    status: int
    body: Any  # dict -> JSON, str/bytes -> sent as is
    headers: dict
    times: int


class Recorder:
    """The calls received and the answers scripted for the next ones; callers hold ``_lock``."""

    _lock: threading.RLock
    _changed: threading.Condition

    def _init_recording(self) -> None:
        self._calls: list[Call] = []
        self._scripts: dict[str, deque[Scripted]] = {}
        self._delays: dict[str, float] = {}
        self._holds: dict[str, threading.Event] = {}

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

    # ------------------------------------------------------------------ scripting

    def script(self, method: str, body: Any, status: int = 200, headers: dict | None = None,
               times: int = 1) -> None:
        """Answer the next `times` calls to `method` with this body (dict -> JSON; str/bytes as is)."""
        if times < 1:
            raise ValueError("times must be >= 1")
        with self._lock:
            self._scripts.setdefault(method, deque()).append(
                Scripted(status=status, body=body, headers=dict(headers or {}), times=times))

    def fail(self, method: str, error: str = "not_in_channel", times: int = 1, **extra: Any) -> None:
        """HTTP 200 {"ok": false, "error": error} (for a response_url: Slack's webhook status and a text body)."""
        if method.startswith(RESPONSE_URL_PREFIX):
            self.script(method, error, status=WEBHOOK_ERROR_STATUS.get(error, 400),
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

    def _take_script(self, method: str) -> Scripted | None:
        queue = self._scripts.get(method)
        if not queue:
            return None
        head = queue[0]
        head.times -= 1
        if head.times <= 0:
            queue.popleft()
        return head

