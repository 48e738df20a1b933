"""The fake OpenAI API's HTTP side: the request handler, and the two shapes every answer takes
(a JSON body, or OpenAI's ``{"error": {...}}``)."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any

from fakes.loopback import LoopbackServer, write_answer

Answer = tuple[int, dict[str, str], bytes]  # HTTP status, headers, body


def json_answer(status: int, body: Any) -> Answer:
    return status, {"Content-Type": "application/json"}, json.dumps(body).encode()


def error_answer(status: int, message: str, type_: str | None, code: str | None, param: str | None = None,
                 headers: dict[str, str] | None = None) -> Answer:
    body = {"error": {"message": message, "type": type_, "param": param, "code": code}}
    out = {"Content-Type": "application/json"}
    out.update(headers or {})
    return status, out, json.dumps(body).encode()


class Handler(BaseHTTPRequestHandler):
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
                answer = error_answer(500, f"fake_openai bug: {type(exc).__name__}: {exc}", "server_error", None)
            if answer is None:  # closing while the request hung: drop the connection without an answer
                return
            write_answer(self, *answer)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the client gave up (e.g. its timeout ran out while the request hung)
