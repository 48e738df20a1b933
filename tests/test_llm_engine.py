"""The model engine against a fake OpenAI-compatible server: grounded, private, resilient."""

from __future__ import annotations

import json

import pytest

from bot.assistant import Assistant
from bot.errors import BadInput

from conftest import REPO

STYLES = ("empathetic", "concise", "formal")
MESSAGE = ("My order 55512345 still hasn't arrived after 3 weeks!!! Email me at jane.doe@example.com or call "
           "+44 20 7946 0958. My card 4111 1111 1111 1111 was charged twice. Refund me today.")


# What sets each style's draft apart in a scripted answer (the guard refuses three copies of one draft). The
# scripted customers write about a late parcel or a charge, and an honest draft names it (the guard refuses
# one that does not say what the message is about).
STYLE_LEAD = {"empathetic": "I'm really sorry about your parcel and what you were charged, on top of everything else, and thank you "
                            "for bearing with us while we put it right for you. ",
              "concise": "Sorry about the parcel. ",
              "formal": "Thank you for contacting us about your parcel. We apologise for the inconvenience caused "
                        "and we have reviewed the details of your enquiry carefully. "}


def answer(text: str = "Hi, I'm sorry about [ORDER_1]. I'll check it today and update you tomorrow.", **extra) -> dict:
    data = {"replies": [{"style": s, "text": f"({s}) {STYLE_LEAD[s]}{text}"} for s in STYLES], "boundary": None,
            "questions": ["When did you place the order?", "Which address is on it?"],
            "next_steps": ["Check the courier's tracking", "Set a follow-up for tomorrow"],
            "sources": ["empathy.acknowledge", "root-causes.delivery"]}
    data.update(extra)
    return data


def on_the_fake(fake_openai, config_copy, **environ: str) -> Assistant:
    """The real assistant pointed at the fake server, with a short deadline so failures are quick."""
    llm = config_copy / "llm.toml"
    llm.write_text(llm.read_text().replace("deadline_seconds = 20", "deadline_seconds = 3")
                   .replace("request_timeout_seconds = 10", "request_timeout_seconds = 1"))
    return Assistant.load(environ={"COMPOSURE_CONFIG": str(config_copy), "OPENAI_BASE_URL": fake_openai.url,
                                   "OPENAI_API_KEY": "sk-test", "OPENAI_MODEL": "test-model", **environ},
                          dotenv_path=None)


@pytest.fixture
def model(fake_openai, config_copy):
    return on_the_fake(fake_openai, config_copy), fake_openai


def test_normal_answer_one_call_grounded_and_private(model):
    assistant, fake = model
    fake.reply(answer(), prompt_tokens=1234, completion_tokens=321)
    s = assistant.suggest_with(MESSAGE, engine="openai")
    assert s.engine == "openai" and [r.style for r in s.replies] == list(STYLES)
    assert s.usage["prompt_tokens"] == 1234 and s.usage["completion_tokens"] == 321
    assert "55512345" in s.replies[0].text  # restored for the agent
    [request] = fake.completions
    sent = json.dumps(request.json)
    for secret in ("55512345", "jane.doe@example.com", "7946 0958", "4111 1111 1111 1111"):
        assert secret not in sent
    assert request.json["model"] == "test-model"
    assert request.json["response_format"]["type"] == "json_schema"
    assert request.headers["authorization"] == "Bearer sk-test"
    system = request.json["messages"][0]["content"]
    cited = set(__import__("re").findall(r"^\[([a-z-]+\.[a-z0-9-]+)\]", system, __import__("re").M))
    assert "root-causes.delivery" in cited and "deescalation.legal-threats" not in cited
    assert all(assistant.playbook[i].signals == () or set(assistant.playbook[i].signals) & set(s.analysis.signal_names)
               or i in {"empathy.acknowledge", "empathy.ownership", "followup.commit", "root-causes.delivery"}
               for i in cited)
    assert (len(system) + len(request.json["messages"][1]["content"])) / 4 <= 2000


def test_unknown_sources_are_dropped(model):
    assistant, fake = model
    fake.reply(answer(sources=["empathy.acknowledge", "made-up.section", "boundaries.level-3-end-conversation"]))
    s = assistant.suggest_with("My parcel is late and I'm annoyed.", engine="openai")
    assert s.sources == ("empathy.acknowledge",)


def test_rate_limit_with_retry_after_then_success(model):
    assistant, fake = model
    fake.rate_limit(retry_after=1)
    fake.reply(answer())
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "openai"
    limited, retried = fake.completions
    assert (limited.status, retried.status) == (429, 200)
    # Retry-After was honoured: the engine's sleep can't be observed, so this stays a lower bound, on the
    # fake's own arrival times (a busy machine only makes the gap longer)
    assert retried.at - limited.at >= 1.0


def test_server_errors_until_the_deadline_fall_back_to_offline(fake_openai, config_copy):
    assistant = on_the_fake(fake_openai, config_copy, COMPOSURE_MODEL_ATTEMPTS="10")
    fake_openai.default(lambda body: (_ for _ in ()).throw(RuntimeError("boom")))  # every request answers 500
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback" and any("offline drafts" in n for n in s.notes)
    # retried, and stopped by the 3 s deadline: its backoff leaves room for three attempts, not ten
    assert 2 <= len(fake_openai.completions) < 10


def test_a_hanging_server_is_cut_off_at_the_deadline(model):
    assistant, fake = model
    for _ in range(5):
        fake.hang(3600)
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback" and any("did not answer" in n for n in s.notes)
    assert fake.completions and all(r.status is None for r in fake.completions)  # given up on while still hanging


@pytest.mark.parametrize("status, code, words", [
    (401, "invalid_api_key", "OPENAI_API_KEY"), (403, "forbidden", "permissions"),
    (404, "model_not_found", "OPENAI_MODEL"), (400, "bad_request", "refused the request"),
])
def test_client_errors_are_not_retried_and_name_the_cause(model, status, code, words):
    assistant, fake = model
    fake.error(status, "nope", code=code)
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback" and len(fake.completions) == 1
    assert any(words in n for n in s.notes)


def test_malformed_json_gets_one_repair_attempt(model):
    assistant, fake = model
    fake.reply("this is not json {")
    fake.reply(answer())
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "openai" and len(fake.completions) == 2
    assert "not valid JSON" in fake.completions[1].json["messages"][-1]["content"]


def test_json_that_breaks_the_schema_twice_falls_back(model):
    assistant, fake = model
    fake.reply({"replies": [{"style": "empathetic", "text": "hi"}], "sources": []})
    fake.reply({"drafts": "nope"})
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback" and len(fake.completions) == 2
    assert any("expected shape" in n for n in s.notes)


def test_a_non_json_body_from_the_server_falls_back(model):
    assistant, fake = model
    fake.malformed("<html>gateway error</html>")
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback"


def test_servers_without_structured_outputs_get_json_mode(model):
    assistant, fake = model
    fake.error(400, "response_format json_schema is not supported by this model", code="invalid_request_error")
    fake.reply(answer())
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "openai" and fake.completions[1].json["response_format"]["type"] == "json_object"
    assert "schema" in fake.completions[1].json["response_format"]  # llama-cpp-python's grammar-enforced shape


def test_a_server_that_answers_500_to_json_schema_gets_the_next_shape_without_retries(model):
    """llama-cpp-python: HTTP 500 "Input should be 'text' or 'json_object'" for json_schema."""
    assistant, fake = model
    fake.error(500, "1 validation error: response_format.type Input should be 'text' or 'json_object'")
    fake.reply(answer(text="From the small model."))
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "openai" and "From the small model." in s.replies[0].text
    assert len(fake.completions) == 2  # the refusal was not retried four times
    fake.reply(answer(text="Again from the small model."))
    s2 = assistant.suggest_with("My parcel is late again.", engine="openai")
    assert s2.engine == "openai" and fake.completions[2].json["response_format"]["type"] == "json_object"  # remembered


def test_replies_keyed_by_style_and_raw_newlines_inside_strings_are_read(model):
    assistant, fake = model
    keyed = ('{"replies": {"empathetic": "Hi,\nI am sorry.\nBest", "concise": "Sorry about the parcel; we are chasing the courier now.", '
             '"formal": "Dear customer,\nwe apologise."}, "boundary": null, "questions": ["When?", "Where?"], '
             '"next_steps": ["Check", "Update"], "sources": "not a list"}').replace("\\n", "\n")
    fake.reply(keyed)
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "openai" and s.replies[1].text == "Sorry about the parcel; we are chasing the courier now."
    assert "\n" in s.replies[0].text


def test_an_answer_cut_off_at_the_token_limit_says_so(model):
    assistant, fake = model
    fake.reply('{"replies": {"empathetic": "Hi, I am so', finish_reason="length")
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    assert s.engine == "offline-fallback" and any("cut off" in n and "max_completion_tokens" in n for n in s.notes)
    assert len(fake.completions) == 1  # no repair request for an answer that simply ran out of room


def test_a_full_refund_promise_is_replaced_by_the_offline_draft(model):
    assistant, fake = model
    data = answer()
    data["replies"][0]["text"] = "I'm so sorry. I've issued a 100% refund of $950 and added $300 credit."
    fake.reply(data)
    s = assistant.suggest_with("My parcel is late and I want my money back.", engine="openai")
    offline = assistant.suggest("My parcel is late and I want my money back.")
    assert s.replies[0].text == offline.replies[0].text and "$950" not in s.replies[0].text
    assert any("offline draft is shown instead" in n and ("already done" in n or "above the" in n) for n in s.notes)
    assert s.replies[1].text.startswith("(concise)")


def test_auto_engine_uses_the_model_only_when_configured(tmp_path, fake_openai):
    plain = Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), "COMPOSURE_ENGINE": "auto"}, dotenv_path=None)
    assert plain.model is None and plain.suggest_with("My parcel is late.").engine == "offline"
    offline = Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), "COMPOSURE_ENGINE": "offline",
                                      "OPENAI_BASE_URL": fake_openai.url}, dotenv_path=None)
    assert offline.suggest_with("My parcel is late.").engine == "offline" and not fake_openai.completions
    with pytest.raises(BadInput, match="OPENAI_API_KEY"):
        plain.suggest_with("hi", engine="openai")


def test_azure_openai_endpoint(fake_openai, config_copy, monkeypatch):
    """An Azure endpoint is recognised by its host; here the fake stands in via a client built the same way."""
    from openai import AzureOpenAI

    from bot.llm.client import is_azure
    from bot.llm.engine import ModelEngine
    from bot.llm.prompt import PromptBuilder

    assert is_azure("https://my-resource.openai.azure.com/") and not is_azure("http://localhost:11434/v1")
    assistant = Assistant.load(environ={"COMPOSURE_CONFIG": str(config_copy), "OPENAI_MODEL": "my-deployment"},
                               dotenv_path=None)
    client = AzureOpenAI(azure_endpoint=fake_openai.azure_endpoint, api_key="azure-key", api_version="2024-10-21",
                         max_retries=0)
    engine = ModelEngine(assistant.settings, PromptBuilder(assistant.settings, assistant.playbook, REPO / "prompts" / "llm"),
                         client)
    fake_openai.reply(answer())
    s = engine.improve("My parcel is late.", assistant.suggest("My parcel is late."))
    assert s.engine == "openai" and fake_openai.completions[0].deployment == "my-deployment"
    assert fake_openai.completions[0].headers["api-key"] == "azure-key"


@pytest.mark.parametrize("drafts, why", [
    ({"empathetic": "I'm here to help you with your parcel.", "concise": "I'm here to help you with your parcel.",
      "formal": "I'm here to help you with your parcel."}, "nearly the same"),
    ({"empathetic": "Thank you for reaching out. We will look into your issue and get back to you soon.",
      "concise": "Sorry about the parcel; I'm chasing the courier now for you.",
      "formal": "Dear customer, we are checking the courier's tracking and will write again today."},
     "did not say what the customer's message is about"),
    ({"empathetic": "OK.", "concise": "Sorry about the parcel; I'm chasing the courier now for you.",
      "formal": "Dear customer, we are checking the courier's tracking and will write again today."}, "too short"),
    ({"empathetic": "You useless idiots is how you feel, and I understand. I'm sorry about the parcel.",
      "concise": "Sorry about the parcel; I'm chasing the courier now for you.",
      "formal": "Dear customer, we are checking the courier's tracking and will write again today."}, "insults"),
    ({"empathetic": "I want a full refund and compensation today, and I understand why. We're on it.",
      "concise": "Sorry about the parcel; I'm chasing the courier now for you.",
      "formal": "Dear customer, we are checking the courier's tracking and will write again today."}, "demand"),
])
def test_model_drafts_worse_than_the_offline_ones_are_not_kept(model, drafts, why):
    """A small model's answer can pass the schema and still be worse than the offline drafts."""
    assistant, fake = model
    fake.reply(answer(replies=drafts))
    text = "You useless idiots lost my parcel. I want a full refund and compensation today."
    s = assistant.suggest_with(text, engine="openai")
    offline = assistant.suggest(text)
    assert any(why in n and "offline draft is shown instead" in n for n in s.notes), s.notes
    assert any(r.text == o.text for r, o in zip(s.replies, offline.replies))


def test_the_prompt_budget_is_a_cap_even_for_a_very_long_message(model):
    assistant, fake = model
    fake.reply(answer())
    long = "My parcel is late. " + "I have been waiting and waiting for weeks now. " * 260 + "Please refund me."
    s = assistant.suggest_with(long, engine="openai")
    [request] = fake.completions
    sent = sum(len(m["content"]) for m in request.json["messages"])
    assert sent / 4 <= assistant.settings.model.max_prompt_tokens
    assert "Please refund me." in request.json["messages"][1]["content"]  # the end, where the ask usually is
    assert any("start and the end" in n for n in s.notes)


def test_an_empty_draft_or_a_junk_source_costs_only_itself(model):
    """SmolLM2 on llama-cpp-python sent an empty concise draft and a sentence as a source id."""
    assistant, fake = model
    data = answer(text="We are looking into the parcel with the courier today.", sources=["x" * 300, "empathy.acknowledge"])
    data["replies"][1]["text"] = ""
    fake.reply(data)
    s = assistant.suggest_with("My parcel is late.", engine="openai")
    offline = assistant.suggest("My parcel is late.")
    assert s.engine == "openai" and s.replies[1].text == offline.replies[1].text
    assert "courier today" in s.replies[0].text and "empathy.acknowledge" in s.sources


def test_the_interactive_assistant_uses_the_model_when_one_is_configured(model):
    import io

    from bot.interactive import run_interactive

    assistant, fake = model
    fake.reply(answer(text="We are chasing the courier for your parcel today."))
    out = io.StringIO()
    run_interactive(assistant, io.StringIO("My parcel is late again.\n.\n"), out)
    shown = out.getvalue()
    assert "drafts by the model at" in shown and "asking the model" in shown
    assert "The model's version" in shown and "chasing the courier for your parcel today" in shown
    assert shown.index("Reply drafts") < shown.index("asking the model")  # the offline suggestion came first
