"""Which route of the fake OpenAI API answers a request: OpenAI's and Azure's chat completions and
model listings, the key check, and the discovery and native routes of the server family it plays
(llama-server's ``/props``, Ollama's ``/api/*``)."""

from __future__ import annotations

import json
import re
import threading
import time
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from fakes import model_servers as servers
from fakes.openai_api.recording import Request
from fakes.openai_api.wire import Answer, error_answer, json_answer

AZURE_DEPLOYMENT = re.compile(r"^/openai/deployments/([^/]+)/chat/completions/?$")


def invalid_url(request: Request) -> Answer:
    return error_answer(404, f"Invalid URL ({request.method} {request.path})", "invalid_request_error", None)


class Routes:
    """Reads each request, records it and sends it to the route that answers it."""

    api_key: str | None
    kind: servers.ServerKind
    models: list[str]
    context_tokens: int
    _changed: threading.Condition

    def _handle(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Answer | None:
        split = urlsplit(raw_path)
        path = unquote(split.path)
        query = dict(parse_qsl(split.query, keep_blank_values=True))
        text = body.decode("utf-8", "replace")
        try:
            payload = json.loads(text) if text.strip() else None
        except ValueError:
            payload = None
        deployment = None
        match = AZURE_DEPLOYMENT.match(path)
        if match:
            deployment = match.group(1)
        request = Request(method, path, query, headers, payload, text, time.monotonic(), deployment)
        self._record(request)
        try:
            answer = self._route(request, bool(text.strip()))
        finally:
            with self._changed:
                self._changed.notify_all()
        return answer

    def _route(self, request: Request, has_body: bool) -> Answer | None:
        path = request.path
        azure = path.startswith("/openai/")
        if azure and "api-version" not in request.query:
            return self._finish(request, error_answer(404, "Resource not found", None, "404"))
        if self.api_key is not None and request.api_key != self.api_key:
            return self._finish(request, error_answer(
                401, "Incorrect API key provided. You can find your API key at "
                     "https://platform.openai.com/account/api-keys.", "invalid_request_error", "invalid_api_key"))
        if path.endswith("/chat/completions") and (not azure or request.deployment or path.startswith("/openai/v1/")):
            if request.method != "POST":
                return self._finish(request, invalid_url(request))
            if not isinstance(request.json, dict):
                message = ("We could not parse the JSON body of your request." if has_body
                           else "you must provide a model parameter")
                return self._finish(request, error_answer(400, message, "invalid_request_error", None))
            return self._chat(request)
        family = self._family_route(request)
        if family is not None:
            return family
        if request.method == "GET":
            trimmed = path.rstrip("/")
            if trimmed.endswith("/models"):
                return self._finish(request, json_answer(200, {
                    "object": "list", "data": [self._model_object(m) for m in self.models]}))
            head, _, model_id = trimmed.rpartition("/")
            if head.endswith("/models") and model_id:
                if model_id in self.models:
                    return self._finish(request, json_answer(200, self._model_object(model_id)))
                return self._finish(request, error_answer(
                    404, f"The model '{model_id}' does not exist", "invalid_request_error", "model_not_found", "model"))
        return self._finish(request, invalid_url(request))

    @property
    def reported_context(self) -> int:
        return self.context_tokens or 8192

    def _family_route(self, request: Request) -> Answer | None:
        """The discovery and native routes of the server family this fake plays."""
        kind, path, model = self.kind, request.path.rstrip("/"), self.models[0] if self.models else "fake"
        if kind.props and request.method == "GET" and path == "/props":
            return self._finish(request, json_answer(200, servers.props(self.reported_context, model)))
        if not kind.ollama or not path.startswith("/api/"):
            return None
        if request.method == "GET" and path == "/api/version":
            return self._finish(request, json_answer(200, {"version": servers.OLLAMA_VERSION}))
        if request.method == "POST" and path == "/api/show":
            wanted = (request.json or {}).get("model") if isinstance(request.json, dict) else None
            if wanted not in self.models:
                return self._finish(request, json_answer(404, {"error": f"model '{wanted}' not found"}))
            return self._finish(request, json_answer(200, servers.ollama_show(self.reported_context, wanted)))
        if request.method == "POST" and path == "/api/chat" and isinstance(request.json, dict):
            return self._chat(request)
        return self._finish(request, json_answer(404, {"error": "404 page not found"}))

    def _model_object(self, model_id: str) -> dict[str, Any]:
        return servers.model_object(self.kind, model_id, self.reported_context)
