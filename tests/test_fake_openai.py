"""The fake OpenAI server, driven by the real `openai` client: shapes, scripting, errors, Azure."""

from __future__ import annotations

import json
import threading

import openai
import pytest
from fakes.loopback import in_background
from fakes.openai_api import FakeOpenAI, estimate_tokens, fake_openai  # noqa: F401  (fixture)
from fault_support import wait_until
from openai import AzureOpenAI, OpenAI

MESSAGES = [{"role": "system", "content": "You draft replies."},
            {"role": "user", "content": "Where is my parcel?"}]

SCHEMA = {
    "name": "suggestion",
    "strict": True,
    "schema": {"type": "object", "properties": {"text": {"type": "string"}},
               "required": ["text"], "additionalProperties": False},
}


def client(fake: FakeOpenAI, timeout: float = 2.0) -> OpenAI:
    return OpenAI(api_key="sk-test", base_url=fake.url, max_retries=0, timeout=timeout)


def test_reply_with_usage_and_documented_shape(fake_openai):
    fake_openai.reply("Sorry about the delay.", prompt_tokens=21, completion_tokens=5)
    answer = client(fake_openai).chat.completions.create(model="gpt-4o-mini", messages=MESSAGES)
    assert answer.object == "chat.completion"
    assert answer.id.startswith("chatcmpl-")
    assert isinstance(answer.created, int)
    assert answer.model == "gpt-4o-mini"
    assert answer.choices[0].message.role == "assistant"
    assert answer.choices[0].message.content == "Sorry about the delay."
    assert answer.choices[0].finish_reason == "stop"
    assert (answer.usage.prompt_tokens, answer.usage.completion_tokens, answer.usage.total_tokens) == (21, 5, 26)

    request = fake_openai.last()
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer sk-test"
    assert request.api_key == "sk-test"
    assert request.messages == MESSAGES
    assert request.status == 200


def test_dict_reply_is_json_and_usage_is_estimated(fake_openai):
    fake_openai.reply({"text": "hello"})
    answer = client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    content = answer.choices[0].message.content
    assert json.loads(content) == {"text": "hello"}
    assert answer.usage.completion_tokens == estimate_tokens(content)
    assert answer.usage.prompt_tokens >= estimate_tokens("You draft replies.Where is my parcel?")
    assert answer.usage.total_tokens == answer.usage.prompt_tokens + answer.usage.completion_tokens


def test_json_schema_request_is_recorded(fake_openai):
    fake_openai.reply({"text": "ok"})
    client(fake_openai).chat.completions.create(
        model="gpt-4o-mini", messages=MESSAGES, temperature=0.2,
        response_format={"type": "json_schema", "json_schema": SCHEMA})
    [request] = fake_openai.requests_to("/chat/completions")
    assert request.response_format == {"type": "json_schema", "json_schema": SCHEMA}
    assert request.json["temperature"] == 0.2
    assert request.headers["content-type"].startswith("application/json")


def test_script_is_fifo_then_default(fake_openai):
    fake_openai.reply("one").reply("two")
    c = client(fake_openai)
    got = [c.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content for _ in range(3)]
    assert got == ["one", "two", "{}"]
    fake_openai.default("fallback")
    assert c.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "fallback"


def test_default_callable_sees_the_request(fake_openai):
    fake_openai.default(lambda body: {"echo": body["messages"][-1]["content"], "model": body["model"]})
    answer = client(fake_openai).chat.completions.create(
        model="m", messages=MESSAGES, response_format={"type": "json_object"})
    assert json.loads(answer.choices[0].message.content) == {"echo": "Where is my parcel?", "model": "m"}


def test_default_callable_that_raises_answers_500(fake_openai):
    fake_openai.default(lambda body: 1 / 0)
    with pytest.raises(openai.InternalServerError, match="ZeroDivisionError"):
        client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)


def test_429_with_retry_after_is_a_rate_limit_error(fake_openai):
    fake_openai.error(429, "Rate limit reached", headers={"retry-after": "1"})
    with pytest.raises(openai.RateLimitError) as caught:
        client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "1"
    assert caught.value.code == "rate_limit_exceeded"
    assert caught.value.body == {"message": "Rate limit reached", "type": "requests", "param": None,
                                 "code": "rate_limit_exceeded"}


def test_rate_limit_shorthand(fake_openai):
    fake_openai.rate_limit(retry_after=2)
    with pytest.raises(openai.RateLimitError) as caught:
        client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert caught.value.response.headers["retry-after"] == "2"


def test_401_404_400_map_to_the_client_errors(fake_openai):
    fake_openai.error(401, "Incorrect API key provided")
    fake_openai.error(404, "The model `nope` does not exist or you do not have access to it.")
    fake_openai.error(400, "Invalid schema for response_format", code="invalid_json_schema", param="response_format")
    c = client(fake_openai)
    with pytest.raises(openai.AuthenticationError) as auth:
        c.chat.completions.create(model="m", messages=MESSAGES)
    assert auth.value.code == "invalid_api_key"
    with pytest.raises(openai.NotFoundError) as missing:
        c.chat.completions.create(model="nope", messages=MESSAGES)
    assert missing.value.code == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad:
        c.chat.completions.create(model="m", messages=MESSAGES)
    assert (bad.value.code, bad.value.param, bad.value.type) == ("invalid_json_schema", "response_format",
                                                                 "invalid_request_error")
    assert [r.status for r in fake_openai.requests] == [401, 404, 400]


def test_required_api_key_is_checked():
    with FakeOpenAI(api_key="sk-right") as fake:
        with pytest.raises(openai.AuthenticationError):
            OpenAI(api_key="sk-wrong", base_url=fake.url, max_retries=0).chat.completions.create(
                model="m", messages=MESSAGES)
        ok = OpenAI(api_key="sk-right", base_url=fake.url, max_retries=0).chat.completions.create(
            model="m", messages=MESSAGES)
        assert ok.choices[0].message.content == "{}"


def test_hang_times_out_the_client(fake_openai):
    fake_openai.hang(3600)
    with pytest.raises(openai.APITimeoutError):
        client(fake_openai, timeout=0.5).chat.completions.create(model="m", messages=MESSAGES)
    [request] = fake_openai.requests  # the request did arrive and was recorded...
    assert request.status is None  # ...and the client gave up while it still hung


def test_short_hang_then_answers_the_default(fake_openai):
    fake_openai.default("late but fine").hang(0.1)
    answer = client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert answer.choices[0].message.content == "late but fine"


def test_close_does_not_wait_for_a_hanging_request():
    fake = FakeOpenAI().start()
    fake.hang(3600)
    worker, outcome = in_background(
        lambda: client(fake, timeout=7200).chat.completions.create(model="m", messages=MESSAGES))
    fake.wait_for(1)
    closing, _ = in_background(fake.close)
    # close() takes about a second at most; had it waited for the hanging request, an hour
    closing.join(timeout=60)
    assert not closing.is_alive(), "close() waited for the hanging request"
    worker.join(timeout=60)
    assert outcome and isinstance(outcome[0], openai.APIConnectionError)  # dropped, not answered


def test_malformed_body_raises_json_decode_error(fake_openai):
    # The openai client parses a 200 application/json body with json.loads and does NOT wrap the failure:
    # callers see json.JSONDecodeError (a ValueError), not an openai.APIError.
    fake_openai.malformed('{"id": "chatcmpl-1", "choices": [')
    with pytest.raises(json.JSONDecodeError):
        client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert fake_openai.last().status == 200


def test_malformed_non_json_content_type_comes_back_as_a_plain_string(fake_openai):
    # With a non-JSON content type the client returns the raw text instead of a ChatCompletion.
    fake_openai.malformed("<html>gateway</html>", content_type="text/html")
    answer = client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert answer == "<html>gateway</html>"


def test_reply_with_delay(fake_openai):
    fake_openai.reply_with_delay("slow", 5).default("fast")
    c = client(fake_openai, timeout=60)
    slow, outcome = in_background(lambda: c.chat.completions.create(model="m", messages=MESSAGES))
    wait_until(lambda: fake_openai.pending() == 0, what="the delayed reply taken by the first request")
    # a request without a delay is answered while the delayed one waits (a loopback answer takes milliseconds)
    assert c.chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "fast"
    assert slow.is_alive() and not outcome
    slow.join(timeout=60)
    assert [a.choices[0].message.content for a in outcome] == ["slow"]


def test_hold_answers_the_default_once_released(fake_openai):
    release = fake_openai.hold()
    fake_openai.default("released")
    held, outcome = in_background(lambda: client(fake_openai, timeout=60).chat.completions.create(
        model="m", messages=MESSAGES))
    wait_until(lambda: fake_openai.pending() == 0, what="the hold taken by the first request")
    [request] = fake_openai.requests
    unheld = client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert unheld.choices[0].message.content == "released"  # only the next request was held
    assert request.status is None and not outcome
    release.set()
    held.join(timeout=60)
    assert [a.choices[0].message.content for a in outcome] == ["released"]


def test_concurrent_requests_are_all_served(fake_openai):
    fake_openai.default(lambda body: body["messages"][0]["content"])
    c = client(fake_openai)
    results: dict[int, str] = {}

    def call(i: int) -> None:
        results[i] = c.chat.completions.create(
            model="m", messages=[{"role": "user", "content": f"n{i}"}]).choices[0].message.content

    threads = [threading.Thread(target=call, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    assert results == {i: f"n{i}" for i in range(20)}
    assert len(fake_openai.wait_for(20)) == 20


def test_azure_route_records_the_deployment(fake_openai):
    fake_openai.reply({"text": "from azure"})
    azure = AzureOpenAI(azure_endpoint=fake_openai.azure_endpoint, api_version="2024-10-21", api_key="k",
                        max_retries=0, timeout=2)
    answer = azure.chat.completions.create(model="my-deployment", messages=MESSAGES,
                                           response_format={"type": "json_object"})
    assert json.loads(answer.choices[0].message.content) == {"text": "from azure"}
    [request] = fake_openai.requests_to("/chat/completions")
    assert request.path == "/openai/deployments/my-deployment/chat/completions"
    assert request.deployment == "my-deployment"
    assert request.query["api-version"] == "2024-10-21"
    assert request.headers["api-key"] == "k"
    assert request.api_key == "k"


def test_azure_route_without_api_version_is_not_found(fake_openai):
    import httpx2

    response = httpx2.post(f"{fake_openai.azure_endpoint}/openai/deployments/d/chat/completions",
                           json={"messages": MESSAGES})
    assert response.status_code == 404
    assert fake_openai.last().deployment == "d"


def test_models_list(fake_openai):
    fake_openai.models = ["gpt-4o-mini", "llama3.1"]
    c = client(fake_openai)
    assert [m.id for m in c.models.list()] == ["gpt-4o-mini", "llama3.1"]
    assert c.models.retrieve("llama3.1").id == "llama3.1"
    with pytest.raises(openai.NotFoundError):
        c.models.retrieve("nope")
    assert len(fake_openai.requests_to("/models")) == 1


def test_unknown_route_is_openai_404(fake_openai):
    with pytest.raises(openai.NotFoundError, match="Invalid URL"):
        client(fake_openai).embeddings.create(model="m", input="x")


def test_streaming(fake_openai):
    fake_openai.reply("a streamed answer that spans several chunks", completion_tokens=9)
    stream = client(fake_openai).chat.completions.create(
        model="m", messages=MESSAGES, stream=True, stream_options={"include_usage": True})
    chunks = list(stream)
    text = "".join(ch.choices[0].delta.content or "" for ch in chunks if ch.choices)
    assert text == "a streamed answer that spans several chunks"
    assert chunks[-1].usage.completion_tokens == 9


def test_wait_for_and_reset(fake_openai):
    with pytest.raises(AssertionError, match="expected 1 request"):
        fake_openai.wait_for(1, timeout=0.05)
    fake_openai.reply("x")
    client(fake_openai).chat.completions.create(model="m", messages=MESSAGES)
    assert len(fake_openai.wait_for(1, timeout=1)) == 1
    fake_openai.reply("queued")
    fake_openai.default("d")
    fake_openai.reset()
    assert fake_openai.requests == [] and fake_openai.pending() == 0
    assert client(fake_openai).chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content == "{}"
