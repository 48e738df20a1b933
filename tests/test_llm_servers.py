"""Each real server family, played by the fake: identified once, asked in the shape it accepts, given
a completion cap that fits its context and a timeout that fits its speed."""

from __future__ import annotations

import pytest
from fakes.openai_api import FakeOpenAI
from test_llm_engine import answer, on_the_fake

from bot.llm.pace import MARGIN, Pace, Timings, budget, completion_cap, prompt_budget

MESSAGE = "My parcel is late and nobody answers my emails. Order 55512345."


def suggest(fake: FakeOpenAI, config_copy, text: str = MESSAGE, **environ: str):
    assistant = on_the_fake(fake, config_copy, **environ)
    fake.reply(answer(text="We are chasing the courier for [ORDER_1] today and will write tomorrow."))
    return assistant, assistant.suggest_with(text, engine="openai")


@pytest.mark.parametrize("kind, shape", [("openai", "json_schema"), ("llama-server", "json_schema"),
                                         ("vllm", "json_schema"), ("llama-cpp-python", "json_object")])
def test_the_first_request_already_has_the_shape_the_server_accepts(kind, shape, config_copy):
    with FakeOpenAI(kind=kind, models=["test-model"], context_tokens=8192) as fake:
        _, s = suggest(fake, config_copy)
        assert s.engine == "openai" and s.usage["server"] == kind
        [request] = fake.completions  # no refused first attempt
        assert request.response_format["type"] == shape and request.status == 200


def test_llama_cpp_python_gets_its_schema_inside_json_object(config_copy):
    with FakeOpenAI(kind="llama-cpp-python", models=["test-model"]) as fake:
        _, s = suggest(fake, config_copy)
        assert "replies" in fake.last().response_format["schema"]["properties"]


def test_ollama_is_asked_through_its_native_chat_with_the_schema_as_format(config_copy):
    with FakeOpenAI(kind="ollama", models=["test-model"], context_tokens=32768) as fake:
        assistant, s = suggest(fake, config_copy)
        assert s.engine == "openai" and s.usage["request_shape"] == "ollama_format"
        [request] = fake.completions
        assert request.path == "/api/chat" and request.json["stream"] is False
        assert set(request.json["format"]["required"]) >= {"replies", "questions"}
        # a context that fits the prompt and the answer, not the model's 32k (every change reloads the model)
        assert request.json["options"]["num_ctx"] == 4096
        assert request.json["options"]["num_predict"] <= 4096 - s.usage["estimated_prompt_tokens"]
        assert "55512345" in s.replies[0].text


def test_an_ollama_that_refuses_a_schema_format_gets_the_openai_route(config_copy):
    with FakeOpenAI(kind="ollama", models=["test-model"]) as fake:
        assistant = on_the_fake(fake, config_copy)
        fake.error(400, "json: cannot unmarshal object into Go struct field ChatRequest.format of type string")
        fake.reply(answer())
        s = assistant.suggest_with(MESSAGE, engine="openai")
        assert s.engine == "openai"
        first, second = fake.completions
        assert first.path == "/api/chat" and second.path == "/v1/chat/completions"
        assert second.response_format["type"] == "json_schema"


def test_the_server_is_identified_once(config_copy):
    with FakeOpenAI(kind="llama-server", models=["test-model"], context_tokens=4096) as fake:
        assistant, _ = suggest(fake, config_copy)
        fake.reply(answer())
        assistant.suggest_with("Where is my refund?", engine="openai")
        assert len(fake.requests_to("/models")) == 1 and len(fake.requests_to("/props")) == 1


def test_a_configured_format_wins_over_what_the_server_says(config_copy):
    with FakeOpenAI(kind="llama-server", models=["test-model"]) as fake:
        _, s = suggest(fake, config_copy, COMPOSURE_MODEL_FORMAT="json_object")
        assert fake.last().response_format == {"type": "json_object"}


def test_a_small_context_lowers_the_prompt_cap_and_the_completion_cap(config_copy):
    """llama-cpp-python's default context is 2,048 tokens; it cannot say so, the team sets it."""
    with FakeOpenAI(kind="llama-cpp-python", models=["test-model"], context_tokens=2048) as fake:
        long = "My parcel is late. " + "I have waited for weeks and nobody tells me anything. " * 60 + "Refund me."
        _, s = suggest(fake, config_copy, long, COMPOSURE_MODEL_CONTEXT="2048")
        request = fake.last()
        assert request.status == 200 and s.engine == "openai"
        assert s.usage["estimated_prompt_tokens"] <= 2048 - 600 - MARGIN
        assert request.json["max_tokens"] <= 2048 - s.usage["estimated_prompt_tokens"] - MARGIN + 1
        assert any("start and the end" in n for n in s.notes)


def test_a_server_reported_context_caps_the_completion(config_copy):
    with FakeOpenAI(kind="vllm", models=["test-model"], context_tokens=2000) as fake:
        _, s = suggest(fake, config_copy)
        assert fake.last().json["max_tokens"] < 1400 and s.engine == "openai"


def test_a_slow_prompt_gets_the_time_it_needs(config_copy):
    """The configured request timeout is 1 s; this server takes longer than that over the prompt alone,
    and the budget grows by the assumed prompt speed, so the answer is waited for."""
    with FakeOpenAI(kind="llama-server", models=["test-model"], prompt_tokens_per_second=1200) as fake:
        _, s = suggest(fake, config_copy)
        assert fake.last().status == 200 and s.engine == "openai"
        assert s.usage["prompt_tokens"] / 1200 > 1  # the fake spent more than the configured timeout on it


def test_the_budget_follows_the_speed_the_server_reports(config_copy):
    with FakeOpenAI(kind="llama-server", models=["test-model"], prompt_tokens_per_second=5000) as fake:
        assistant, first = suggest(fake, config_copy)
        fake.reply(answer())
        second = assistant.suggest_with(MESSAGE, engine="openai")
        assert assistant.model.pace.prompt_tps == pytest.approx(5000)  # from llama-server's timings
        assert second.usage["budget_seconds"] < first.usage["budget_seconds"]


def test_without_timings_the_pace_is_learned_on_the_injected_clock(config_copy):
    with FakeOpenAI(kind="llama-cpp-python", models=["test-model"]) as fake:
        assistant = on_the_fake(fake, config_copy)
        ticks = iter(range(0, 10_000, 10))  # every reading of the clock is 10 s after the last
        assistant.model.clock = lambda: float(next(ticks))
        fake.reply(answer())
        s = assistant.suggest_with(MESSAGE, engine="openai")
        pace = assistant.model.pace
        assert pace.measured and pace.expected_completion == max(600, s.usage["completion_tokens"])
        # one request between two readings: it "took" 10 s, and the speeds were scaled to say so
        assert pace.seconds_for(s.usage["prompt_tokens"], s.usage["completion_tokens"]) == pytest.approx(10)


def test_pace_and_budget_arithmetic(config_copy):
    from bot.settings import load_model_settings

    cfg = load_model_settings(config_copy / "llm.toml")
    pace = Pace.assumed(cfg, local=True)
    small, large = budget(cfg, pace, 500, 0), budget(cfg, pace, 2000, 0)
    assert small.request_seconds == pytest.approx(cfg.request_timeout_seconds + 500 / 100 + 600 / 20)
    assert large.request_seconds > small.request_seconds and large.deadline_seconds >= large.request_seconds
    assert budget(cfg, Pace(1, 1), 100_000, 0).deadline_seconds == cfg.longest_wait_seconds
    pace.observe(1000, 300, 99, Timings(prompt_tps=250, completion_tps=30))
    assert (pace.prompt_tps, pace.completion_tps, pace.expected_completion) == (250, 30, 600)  # never under 600
    pace.observe(1000, 900, 99, Timings(prompt_tps=250, completion_tps=30))
    pace.observe(1000, 200, 99, Timings(prompt_tps=250, completion_tps=30))
    assert pace.expected_completion == 900  # the longest answer yet
    before = budget(cfg, pace, 1000, 0).request_seconds
    pace.timed_out()
    assert budget(cfg, pace, 1000, 0).request_seconds > before
    hosted = Pace.assumed(cfg, local=False)
    assert budget(cfg, hosted, 2000, 0).request_seconds == cfg.request_timeout_seconds
    assert completion_cap(cfg, 0, 1800) == cfg.max_completion_tokens
    assert completion_cap(cfg, 4096, 1800) == min(cfg.max_completion_tokens, 4096 - 1800 - MARGIN)
    assert prompt_budget(cfg, 2048) == 2048 - 600 - MARGIN and prompt_budget(cfg, 0) == cfg.max_prompt_tokens


def test_a_context_too_small_for_the_instructions_names_the_setting(config_copy):
    with FakeOpenAI(kind="llama-cpp-python", models=["test-model"], context_tokens=900) as fake:
        _, s = suggest(fake, config_copy)
        assert s.engine == "offline-fallback" and len(fake.completions) == 1
        assert any("COMPOSURE_MODEL_CONTEXT" in n and "larger context" in n for n in s.notes), s.notes


def test_a_timed_out_request_gives_the_next_suggestion_more_time(config_copy):
    with FakeOpenAI(kind="llama-cpp-python", models=["test-model"]) as fake:
        assistant = on_the_fake(fake, config_copy, COMPOSURE_MODEL_LONGEST_WAIT="1")  # 1 s, whatever the pace
        fake.hang(60)
        first = assistant.suggest_with(MESSAGE, engine="openai")
        assert first.engine == "offline-fallback"
        assert assistant.model.pace.prompt_tps == assistant.settings.model.prompt_tokens_per_second / 2


def test_the_person_waiting_is_told_the_time_this_server_gets_not_the_configured_deadline(config_copy):
    """On a slow local server the fitted budget is far beyond `deadline_seconds`; the interactive assistant
    (and the CLI on a terminal) says the wait it will really allow."""
    import io
    import re

    from bot.interactive import run_interactive

    with FakeOpenAI(kind="llama-server", models=["test-model"]) as fake:
        assistant = on_the_fake(fake, config_copy)
        offline = assistant.suggest(MESSAGE)
        wait = assistant.model_wait(MESSAGE, offline)
        assert wait > assistant.settings.model.deadline_seconds  # a local server's assumed pace adds the work
        fake.reply(answer(text="We are chasing the courier for [ORDER_1] today and will write tomorrow."))
        out = io.StringIO()
        run_interactive(assistant, io.StringIO(MESSAGE + "\n.\n"), out)
        shown = re.search(r"up to (\d+) s", out.getvalue())
        assert shown and int(shown.group(1)) == round(wait)
        assert fake.last().status == 200
