"""One request in one of the shapes servers accept, and what came back, whatever the shape."""

from __future__ import annotations

from dataclasses import dataclass

import openai

from bot.llm.pace import Timings
from bot.llm.schema import GRAMMAR_SCHEMA, response_format
from bot.llm.servers import OLLAMA_CONTEXT, ServerProfile


class ModelUnavailable(Exception):
    """The model could not give a usable answer; the message says why, for the agent's note."""


@dataclass(frozen=True)
class Answer:
    content: str
    prompt_tokens: int
    completion_tokens: int
    finish: str  # "stop", or "length" when the answer was cut off
    timings: Timings | None = None


def _ollama(client: openai.OpenAI, server: ServerProfile, model: str, messages: list[dict], max_tokens: int,
            temperature: float, timeout: float) -> Answer:
    """Ollama's native chat: `format` takes the schema (its grammar enforces it), and `num_ctx` is asked
    for, since its OpenAI route runs every model at the server's default context and cuts prompts silently."""
    body = {"model": model, "messages": messages, "stream": False, "format": GRAMMAR_SCHEMA,
            "options": {"temperature": temperature, "num_predict": max_tokens,
                        "num_ctx": server.context_tokens or OLLAMA_CONTEXT}}
    data = client.post(server.origin + "/api/chat", body=body, cast_to=object, options={"timeout": timeout})
    if not isinstance(data, dict) or not isinstance(data.get("message"), dict):
        raise ModelUnavailable("the model server's answer was not a chat answer (check OPENAI_BASE_URL)")

    def rate(count: str, nanoseconds: str) -> float:
        n, ns = data.get(count) or 0, data.get(nanoseconds) or 0
        return n / (ns / 1e9) if n and ns else 0.0

    return Answer(data["message"].get("content") or "", data.get("prompt_eval_count") or 0, data.get("eval_count") or 0,
                  data.get("done_reason") or "", Timings(rate("prompt_eval_count", "prompt_eval_duration"),
                                                         rate("eval_count", "eval_duration")))


def send(client: openai.OpenAI, server: ServerProfile, mode: str, model: str, messages: list[dict], max_tokens: int,
         temperature: float, timeout: float) -> Answer:
    if mode == "ollama_format":  # ("text" goes to every server's OpenAI route: prose needs no grammar)
        return _ollama(client, server, model, messages, max_tokens, temperature, timeout)
    shape = {} if mode == "text" else {"response_format": response_format(mode)}
    completion = client.chat.completions.create(model=model, messages=messages, **shape,
                                                temperature=temperature, max_tokens=max_tokens, timeout=timeout)
    if isinstance(completion, str) or not getattr(completion, "choices", None):
        raise ModelUnavailable("the model server's answer was not a chat completion (check OPENAI_BASE_URL)")
    usage = getattr(completion, "usage", None)
    timings = (getattr(completion, "model_extra", None) or {}).get("timings")  # llama-server
    speeds = Timings(float(timings.get("prompt_per_second") or 0), float(timings.get("predicted_per_second") or 0)) \
        if isinstance(timings, dict) else None
    return Answer(completion.choices[0].message.content or "", getattr(usage, "prompt_tokens", 0) or 0,
                  getattr(usage, "completion_tokens", 0) or 0, getattr(completion.choices[0], "finish_reason", "") or "",
                  speeds)
