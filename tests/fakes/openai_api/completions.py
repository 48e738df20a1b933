"""How the fake OpenAI API answers a chat completion: the next scripted step (or the default), cut to
the context and ``max_tokens`` limits of the server family it plays, with usage counted, as one
``chat.completion``, a stream of ``chat.completion.chunk`` events, or Ollama's native answer."""

from __future__ import annotations

import itertools
import json
import math
import threading
import time

from fakes import model_servers as servers
from fakes.openai_api.recording import Request
from fakes.openai_api.script import Step, to_content
from fakes.openai_api.wire import Answer, error_answer, json_answer


def estimate_tokens(text: str) -> int:
    """The rough token count the fake reports when a test gives none: about one token per 4 characters."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


class Completions:
    """Chat completion answers; the server family, limits and pace are the fake's settings."""

    kind: servers.ServerKind
    models: list[str]
    context_tokens: int
    prompt_tokens_per_second: float
    raw_newlines: bool
    _closing: threading.Event
    _ids: itertools.count

    def _chat(self, request: Request) -> Answer | None:
        form = request.response_format or {}
        if self.kind.refuses_json_schema and form.get("type") == "json_schema":  # before the script: the server's own
            return self._finish(request, error_answer(500, servers.JSON_SCHEMA_REFUSAL, "server_error", None))
        step, default = self._next_step()
        if step is not None and step.delay > 0:
            if self._closing.wait(step.delay):
                return None  # close() during the wait: drop the connection
        if step is not None and step.release is not None and not self._released(step.release):
            return None
        if step is None or step.then_default:
            try:
                produced = default(request.json) if callable(default) else default
                step = Step("reply", to_content(produced))
            except Exception as exc:  # the test's callable failed: answer 500 and say why
                return self._finish(request, error_answer(
                    500, f"fake_openai default callable raised {type(exc).__name__}: {exc}", "server_error", None))
        if step.kind in ("error", "malformed"):
            if request.path.startswith("/api/") and step.kind == "error":  # Ollama's native error shape
                said = json.loads(step.body)["error"]["message"]
                return self._finish(request, (step.status, step.headers, json.dumps({"error": said}).encode()))
            return self._finish(request, (step.status, step.headers, step.body))
        return self._finish(request, self._completion(request, step))

    def _limits(self, request: Request, prompt: int) -> tuple[int, Answer | None]:
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
            return 0, error_answer(400, overflow, "invalid_request_error", "context_length_exceeded")
        return min(asked or room, room), None

    def _completion(self, request: Request, step: Step) -> Answer:
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
            return json_answer(200, servers.ollama_chat(model, content, finish, prompt, completion, seconds))
        usage = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
                 "prompt_tokens_details": {"cached_tokens": 0},
                 "completion_tokens_details": {"reasoning_tokens": 0}}
        ident = f"chatcmpl-fake{next(self._ids):06d}"
        created = int(time.time())
        if body.get("stream"):
            return _stream(ident, created, model, content, finish, usage, body)
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
        return json_answer(200, answer)


def _stream(ident: str, created: int, model: str, content: str, finish_reason: str, usage: dict,
            body: dict) -> Answer:
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
