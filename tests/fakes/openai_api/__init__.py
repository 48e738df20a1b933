"""A fake OpenAI-compatible HTTP API: a real server on 127.0.0.1 that tests use instead of a model.

Point the official ``openai`` client at it::

    with FakeOpenAI() as fake:
        fake.reply({"replies": []}, prompt_tokens=12, completion_tokens=3)
        client = OpenAI(api_key="sk-test", base_url=fake.url, max_retries=0, timeout=2)
        answer = client.chat.completions.create(model="gpt-4o-mini", messages=[...])
        assert fake.requests_to("/chat/completions")[0].json["model"] == "gpt-4o-mini"

Routes (everything else answers OpenAI's 404 "Invalid URL" error):

* ``POST /v1/chat/completions`` (any path ending in ``/chat/completions`` outside ``/openai/``);
* ``POST /openai/deployments/{deployment}/chat/completions?api-version=...`` -- the Azure OpenAI shape
  that ``AzureOpenAI(azure_endpoint=fake.azure_endpoint, ...)`` uses; recorded with ``deployment``.
  Without ``api-version`` it answers 404 "Resource not found", as Azure does. ``/openai/v1/chat/completions``
  (Azure's v1 surface) is served too;
* ``GET /v1/models``, ``GET /v1/models/{id}`` (and ``/openai/models``): the configured model names.

Chat completions are answered from a FIFO script, one step per request, in arrival order:
``reply``, ``error`` (and its shorthand ``rate_limit``), ``hang``, ``hold``, ``malformed``, ``reply_with_delay``.
When the script is empty the ``default`` answers: a fixed content, or a callable that receives the
request's JSON body and returns the content. The initial default is the content ``"{}"``.

Bodies follow the documented shapes: ``{"id": "chatcmpl-...", "object": "chat.completion", "created",
"model", "choices": [{"index": 0, "message": {"role": "assistant", "content"}, "finish_reason"}],
"usage": {"prompt_tokens", "completion_tokens", "total_tokens"}}``; errors are
``{"error": {"message", "type", "param", "code"}}``. ``"stream": true`` is answered with
``chat.completion.chunk`` server-sent events ending in ``data: [DONE]``.

Every request (any route) is recorded as a :class:`Request`.

``FakeOpenAI(kind=...)`` plays a real server family (tests/fakes/model_servers.py): llama-cpp-python's
500 on ``json_schema``, llama-server's ``/props`` and ``timings``, Ollama's native ``/api/*`` routes,
vLLM's ``max_model_len``. ``context_tokens`` is the context it reports and enforces (``max_tokens`` is
honoured too: a longer answer is cut off with ``finish_reason: "length"``); ``prompt_tokens_per_second``
makes it take that long over each prompt (the fake sleeps; tests assert outcomes, never durations);
``raw_newlines`` writes escaped newlines inside JSON answers raw, as llama.cpp's grammar allows.

The package, one concept a module: ``wire`` (HTTP: the handler, JSON and error answers), ``recording``
(:class:`Request` and the requests received), ``script`` (the scripted steps and the default answer),
``routes`` (which route answers a request, the key check, the family's own routes), ``completions``
(chat completion bodies, limits, usage and streaming) and ``server`` (FakeOpenAI, which puts them
together, and the pytest fixture).
"""

from fakes.openai_api.completions import estimate_tokens
from fakes.openai_api.recording import Request
from fakes.openai_api.server import FakeOpenAI, fake_openai

__all__ = ["FakeOpenAI", "Request", "estimate_tokens", "fake_openai"]
