"""What the fake OpenAI API records: every request it received (a :class:`Request`), with the status
answered, and the ways a test reads or waits for them."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from typing import Any

from fakes.openai_api.wire import Answer


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


def _message_text(message: Any) -> str:
    if not isinstance(message, dict):
        return ""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return ""


class Recorder:
    """The requests received, in arrival order, and the status each was answered with."""

    _lock: threading.RLock
    _changed: threading.Condition
    _ids: itertools.count  # request and completion ids

    def _init_recording(self) -> None:
        self._requests: list[Request] = []

    def _record(self, request: Request) -> None:
        with self._changed:
            self._requests.append(request)
            self._changed.notify_all()

    def _finish(self, request: Request, answer: Answer) -> Answer:
        """Record the status answered, and give the answer its ``x-request-id``."""
        with self._changed:
            request.status = answer[0]
            self._changed.notify_all()
        out = dict(answer[1])
        out.setdefault("x-request-id", f"req_fake{next(self._ids):06d}")
        return answer[0], out, answer[2]

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
