"""How the real OpenAI-compatible servers differ, played by the fake (``FakeOpenAI(kind=...)``).

Each family is described by what a client can observe of it, as measured on the real servers:

* ``openai``: the reference behaviour; ``/v1/models`` owned by ``system``; a prompt plus ``max_tokens``
  beyond the context is a 400 ``context_length_exceeded``.
* ``llama-cpp-python``: ``owned_by: "me"``; answers ``response_format: json_schema`` with HTTP 500
  ("Input should be 'text' or 'json_object'") but enforces ``{"type": "json_object", "schema": ...}``;
  no way to ask its context size.
* ``llama-server`` (llama.cpp): ``owned_by: "llamacpp"``, ``GET /props`` gives ``n_ctx``; answers carry
  ``timings`` (prompt tokens/s); a prompt longer than the context is a 400, a long answer is cut off
  (``finish_reason: "length"``) when the context fills.
* ``ollama``: ``GET /api/version``, ``POST /api/show`` (``model_info.*.context_length``), and the native
  ``POST /api/chat`` that takes ``format: <schema>`` and ``options.num_ctx``; its answer reports
  ``prompt_eval_count`` / ``prompt_eval_duration`` (nanoseconds).
* ``vllm``: ``owned_by: "vllm"`` and ``max_model_len`` on each model.

Grammar-constrained servers (llama.cpp, Ollama) let raw newlines into JSON strings: ``raw_newlines``.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ServerKind:
    name: str
    owned_by: str
    refuses_json_schema: bool = False  # HTTP 500 on response_format json_schema
    props: bool = False                # llama-server's GET /props
    ollama: bool = False               # /api/version, /api/show, /api/chat
    model_len: bool = False            # vLLM's max_model_len on /v1/models
    timings: bool = False              # llama-server's `timings` in each answer
    fills_context: bool = False        # generates until the context is full, then finish_reason "length"
    overflow: str = "This model's maximum context length is {ctx} tokens. However, you requested {asked} tokens."


KINDS = {k.name: k for k in (
    ServerKind("openai", "system"),
    ServerKind("llama-cpp-python", "me", refuses_json_schema=True,
               overflow="Requested tokens ({asked}) exceed context window of {ctx}"),
    ServerKind("llama-server", "llamacpp", props=True, timings=True, fills_context=True,
               overflow="the request exceeds the available context size, try increasing it"),
    ServerKind("ollama", "library", ollama=True, fills_context=True),
    ServerKind("vllm", "vllm", model_len=True),
)}

JSON_SCHEMA_REFUSAL = ("1 validation error for CreateChatCompletionRequest\nresponse_format.type\n"
                       "  Input should be 'text' or 'json_object' [type=literal_error, input_value='json_schema']")
OLLAMA_VERSION = "0.6.5"


def tokens(text: str) -> int:
    """About one token per 4 characters, as the fake counts everywhere."""
    return max(1, math.ceil(len(text) / 4)) if text else 0


def model_object(kind: ServerKind, model_id: str, context: int) -> dict:
    out = {"id": model_id, "object": "model", "created": 1_700_000_000, "owned_by": kind.owned_by}
    if kind.model_len:
        out["max_model_len"] = context
    return out


def props(context: int, model: str) -> dict:
    return {"default_generation_settings": {"n_ctx": context, "model": model}, "total_slots": 1,
            "model_path": f"/models/{model}.gguf"}


def ollama_show(context: int, model: str) -> dict:
    return {"modelfile": f"FROM {model}", "parameters": "stop \"<|im_end|>\"", "template": "{{ .Prompt }}",
            "details": {"format": "gguf", "family": "llama"},
            "model_info": {"general.architecture": "llama", "llama.context_length": context}}


def cut(content: str, limit: int) -> tuple[str, bool]:
    """The answer as a server that may write only `limit` tokens sends it."""
    if limit <= 0 or tokens(content) <= limit:
        return content, False
    return content[:limit * 4], True


def llama_timings(prompt: int, completion: int, prompt_seconds: float) -> dict:
    prompt_ms = max(prompt_seconds * 1000, 0.001)
    return {"prompt_n": prompt, "prompt_ms": prompt_ms, "prompt_per_second": prompt / (prompt_ms / 1000),
            "predicted_n": completion, "predicted_ms": completion * 20.0, "predicted_per_second": 50.0}


def ollama_chat(model: str, content: str, finish: str, prompt: int, completion: int, prompt_seconds: float) -> dict:
    return {"model": model, "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "message": {"role": "assistant", "content": content}, "done": True, "done_reason": finish,
            "total_duration": int((prompt_seconds + completion / 50) * 1e9), "load_duration": 1_000_000,
            "prompt_eval_count": prompt, "prompt_eval_duration": max(1, int(prompt_seconds * 1e9)),
            "eval_count": completion, "eval_duration": int(completion / 50 * 1e9)}


def raw_newlines(content: str) -> str:
    """Escaped newlines inside JSON strings written raw, as llama.cpp's grammar allows."""
    try:
        json.loads(content)
    except ValueError:
        return content
    return content.replace("\\n", "\n")
