"""The fake plays the real server families: what each accepts, reports and refuses."""

from __future__ import annotations

import json

import openai
import pytest
from fakes.openai_api import FakeOpenAI
from openai import OpenAI

MESSAGES = [{"role": "system", "content": "You draft replies."}, {"role": "user", "content": "Where is my parcel?"}]
SCHEMA = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}


def client(fake: FakeOpenAI) -> OpenAI:
    return OpenAI(api_key="sk-test", base_url=fake.url, max_retries=0, timeout=5)


def origin_get(fake: FakeOpenAI, path: str) -> dict:
    return client(fake).get(fake.origin + path, cast_to=object)


def test_llama_cpp_python_answers_500_to_json_schema_but_takes_a_schema_in_json_object():
    with FakeOpenAI(kind="llama-cpp-python") as fake:
        fake.reply({"text": "ok"})
        with pytest.raises(openai.InternalServerError, match="Input should be 'text' or 'json_object'"):
            client(fake).chat.completions.create(model="m", messages=MESSAGES, response_format={
                "type": "json_schema", "json_schema": {"name": "x", "schema": SCHEMA}})
        answer = client(fake).chat.completions.create(model="m", messages=MESSAGES,
                                                      response_format={"type": "json_object", "schema": SCHEMA})
        assert json.loads(answer.choices[0].message.content) == {"text": "ok"}  # the refusal did not use the script
        assert [m.owned_by for m in client(fake).models.list()] == ["me"]


def test_llama_server_reports_its_context_and_prompt_speed():
    with FakeOpenAI(kind="llama-server", context_tokens=4096, prompt_tokens_per_second=2000) as fake:
        assert origin_get(fake, "/props")["default_generation_settings"]["n_ctx"] == 4096
        assert client(fake).models.list().data[0].owned_by == "llamacpp"
        fake.reply({"text": "ok"})
        answer = client(fake).chat.completions.create(model="m", messages=MESSAGES)
        timings = answer.model_extra["timings"]
        assert timings["prompt_n"] == answer.usage.prompt_tokens and timings["prompt_per_second"] == pytest.approx(2000)


def test_ollama_native_chat_takes_a_format_and_reports_prompt_evaluation():
    with FakeOpenAI(kind="ollama", models=["smollm2:135m"], context_tokens=8192) as fake:
        c = client(fake)
        assert origin_get(fake, "/api/version")["version"]
        shown = c.post(fake.origin + "/api/show", body={"model": "smollm2:135m"}, cast_to=object)
        assert shown["model_info"]["llama.context_length"] == 8192
        with pytest.raises(openai.NotFoundError):
            c.post(fake.origin + "/api/show", body={"model": "nope"}, cast_to=object)
        fake.reply('{"text": "line one\\nline two"}')
        answer = c.post(fake.origin + "/api/chat", cast_to=object, body={
            "model": "smollm2:135m", "messages": MESSAGES, "stream": False, "format": SCHEMA,
            "options": {"num_ctx": 4096, "num_predict": 500}})
        assert answer["done_reason"] == "stop" and json.loads(answer["message"]["content"])["text"] == "line one\nline two"
        assert answer["prompt_eval_count"] > 0 and answer["prompt_eval_duration"] > 0
        assert fake.last().json["format"] == SCHEMA


def test_ollama_native_errors_have_its_own_shape():
    with FakeOpenAI(kind="ollama") as fake:
        fake.error(500, "llama runner process has terminated")
        with pytest.raises(openai.InternalServerError) as failed:
            client(fake).post(fake.origin + "/api/chat", cast_to=object, body={"model": "m", "messages": MESSAGES})
        assert failed.value.body == "llama runner process has terminated" or "terminated" in str(failed.value)


def test_vllm_reports_max_model_len():
    with FakeOpenAI(kind="vllm", context_tokens=2048) as fake:
        [model] = origin_get(fake, "/v1/models")["data"]
        assert model["owned_by"] == "vllm" and model["max_model_len"] == 2048


@pytest.mark.parametrize("kind", ["openai", "vllm", "llama-cpp-python"])
def test_a_request_beyond_the_context_is_refused_as_the_server_says(kind):
    with FakeOpenAI(kind=kind, context_tokens=300) as fake:
        fake.reply({"text": "ok"})
        with pytest.raises(openai.BadRequestError, match="context"):
            client(fake).chat.completions.create(model="m", messages=MESSAGES, max_tokens=400)


def test_llama_server_fills_the_context_and_cuts_the_answer_off():
    with FakeOpenAI(kind="llama-server", context_tokens=40) as fake:
        fake.reply({"text": "a long answer " * 40})
        answer = client(fake).chat.completions.create(model="m", messages=MESSAGES, max_tokens=1000)
        assert answer.choices[0].finish_reason == "length"
        assert answer.usage.prompt_tokens + answer.usage.completion_tokens <= 40


def test_max_tokens_cuts_an_answer_off(fake_openai):
    fake_openai.reply({"text": "a long answer " * 40})
    answer = client(fake_openai).chat.completions.create(model="m", messages=MESSAGES, max_tokens=20)
    assert answer.choices[0].finish_reason == "length" and answer.usage.completion_tokens <= 20


def test_raw_newlines_inside_json_strings():
    with FakeOpenAI(raw_newlines=True) as fake:
        fake.reply({"text": "Hi,\nwe are on it."})
        content = client(fake).chat.completions.create(model="m", messages=MESSAGES).choices[0].message.content
        assert "Hi,\nwe" in content
        with pytest.raises(json.JSONDecodeError):
            json.loads(content)
        assert json.loads(content, strict=False) == {"text": "Hi,\nwe are on it."}


def test_slow_prompt_processing_answers_a_short_prompt_before_a_long_one():
    """Ordering, not durations: sent together, the short prompt's answer comes back first."""
    from fakes.loopback import in_background

    with FakeOpenAI(prompt_tokens_per_second=400) as fake:
        fake.default({"text": "ok"})
        done: list[str] = []

        def ask(name: str, words: int):
            client(fake).chat.completions.create(model="m", messages=[{"role": "user", "content": "word " * words}])
            done.append(name)

        long, _ = in_background(lambda: ask("long", 800))   # ~1,000 tokens: about 2.5 s of prompt processing
        fake.wait_for(1)
        short, _ = in_background(lambda: ask("short", 10))
        long.join(10)
        short.join(10)
        assert done == ["short", "long"]
