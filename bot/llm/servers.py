"""Which model server this is, asked once and cheaply, so the first request already has the shape
the server accepts and a completion cap that fits its context.

Each family tells on itself: llama-server's models are owned by "llamacpp" and `/props` gives its
`n_ctx`; llama-cpp-python's by "me"; vLLM gives `max_model_len`; Ollama answers `/api/version` and
`/api/show` gives the model's context length. OpenAI and Azure are known by their hosts. Anything
else is "openai-compatible" and starts with the strictest shape.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlparse

import openai

log = logging.getLogger("composure.llm")

# The request shapes each family accepts, best first; "auto" moves along on a refusal.
CHAINS = {
    "openai": ("json_schema", "json_object_schema", "json_object"),
    "openai-compatible": ("json_schema", "json_object_schema", "json_object"),
    "llama-server": ("json_schema", "json_object_schema", "json_object"),
    "vllm": ("json_schema", "json_object"),
    "llama-cpp-python": ("json_object_schema", "json_object"),
    "ollama": ("ollama_format", "json_schema", "json_object"),
}
LOCAL = {"llama-server", "llama-cpp-python", "ollama", "vllm", "openai-compatible"}  # timed as a CPU until measured
OLLAMA_CONTEXT = 4096  # the num_ctx asked of Ollama when the prompt and answer need no more (a change reloads the model)
PROBE_SECONDS = 2.0


@dataclass(frozen=True)
class ServerProfile:
    kind: str
    context_tokens: int = 0  # 0: not known
    origin: str = ""         # scheme://host:port, where Ollama's native /api routes live

    @property
    def local(self) -> bool:
        return self.kind in LOCAL

    def chain(self, configured: str) -> tuple[str, ...]:
        """The shapes to try in order; a configured format always wins, alone."""
        return CHAINS[self.kind] if configured == "auto" else (configured,)


def origin_of(base_url: str) -> str:
    parts = urlparse(base_url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


def _get(client: openai.OpenAI, url: str) -> dict | None:
    try:
        found = client.get(url, cast_to=object, options={"timeout": PROBE_SECONDS, "max_retries": 0})
    except (openai.OpenAIError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _post(client: openai.OpenAI, url: str, body: dict) -> dict | None:
    try:
        found = client.post(url, body=body, cast_to=object, options={"timeout": PROBE_SECONDS, "max_retries": 0})
    except (openai.OpenAIError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _ollama_context(shown: dict | None) -> int:
    info = (shown or {}).get("model_info") or {}
    lengths = [v for k, v in info.items() if k.endswith(".context_length") and isinstance(v, int)]
    return lengths[0] if lengths else 0


def identify(client: openai.OpenAI, base_url: str, model: str, wanted_context: int, azure: bool = False) -> ServerProfile:
    """At most three small requests of PROBE_SECONDS each; a server that answers none is
    "openai-compatible" with an unknown context (the fallback chain still finds its shape).
    `wanted_context` is what the prompt budget and the completion cap need (Ollama is asked for it)."""
    host = urlparse(base_url).hostname or ""
    if azure or not base_url or host == "api.openai.com":
        return ServerProfile("openai")
    origin = origin_of(base_url)
    listed = _get(client, base_url.rstrip("/") + "/models")
    models = [m for m in (listed or {}).get("data") or [] if isinstance(m, dict)]
    mine = next((m for m in models if m.get("id") == model), models[0] if models else {})
    owner = str(mine.get("owned_by", "")).lower()
    if owner == "llamacpp":
        settings = (_get(client, origin + "/props") or {}).get("default_generation_settings") or {}
        return ServerProfile("llama-server", int(settings.get("n_ctx") or 0), origin)
    if owner == "vllm":
        return ServerProfile("vllm", int(mine.get("max_model_len") or 0), origin)
    if owner == "me":
        return ServerProfile("llama-cpp-python", 0, origin)
    if owner in ("openai", "system", "openai-internal"):
        return ServerProfile("openai")
    if (_get(client, origin + "/api/version") or {}).get("version"):
        trained = _ollama_context(_post(client, origin + "/api/show", {"model": model}))
        asked = max(OLLAMA_CONTEXT, wanted_context)
        return ServerProfile("ollama", min(trained, asked) if trained else asked, origin)
    return ServerProfile("openai-compatible", 0, origin)
