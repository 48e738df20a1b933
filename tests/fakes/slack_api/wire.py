"""The fake Slack's HTTP side: the request handler, how requests are read and answers written."""

from __future__ import annotations

import email.parser
import email.policy
import json
import re
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from fakes.loopback import LoopbackServer, write_answer

# Parameters Slack takes as "a JSON-based array/object, presented as a URL-encoded string" in form data.
JSON_PARAMS = ("blocks", "attachments", "view", "metadata", "user_auth_blocks", "unfurls", "chunks", "prompts",
               "loading_messages")

# Methods Slack answers without a token.
NO_AUTH_METHODS = {"api.test"}

RESPONSE_URL_PREFIX = "response_url:"

# The HTTP status Slack's webhooks (incoming webhooks, response_url) answer a given error with.
WEBHOOK_ERROR_STATUS = {
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


class Handler(BaseHTTPRequestHandler):
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
            write_answer(self, status, headers, payload)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up (e.g. its timeout ran out while the method was delayed)


def read_request(raw_path: str, headers: dict[str, str], body: bytes) -> tuple[str, bool, dict, str | None] | None:
    """(method, whether it is a response_url post, decoded params, bearer token), or None for an unknown path."""
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
        return None

    params = decode(parts.query, lower_headers.get("content-type", ""), body, webhook)
    token = None
    auth = lower_headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        token = auth[7:].strip() or None
    if not webhook and "token" in params:
        body_token = params.pop("token")
        token = token or (body_token if isinstance(body_token, str) else None)
    return method, webhook, params, token


def outcome(status: int, answer: Any) -> str:
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


def encode(answer: Any, headers: dict[str, str]) -> tuple[dict[str, str], bytes]:
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


def decode(query: str, content_type: str, body: bytes, webhook: bool) -> dict:
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
