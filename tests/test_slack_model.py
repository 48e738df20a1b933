"""Instant, then better: in Slack the offline suggestion appears at once and the model's drafts
replace it in place when they arrive; a failing model leaves the offline one with a note."""

from __future__ import annotations

import pytest

from bot.assistant import Assistant
from slack_harness import SlackHarness, all_text, engines_used, shortcut_payload
from test_llm_engine import answer


@pytest.fixture
def slack_with_model(fake_slack, fake_openai, config_copy, tmp_path):
    assistant = Assistant.load(environ={"COMPOSURE_CONFIG": str(config_copy), "OPENAI_BASE_URL": fake_openai.url,
                                        "OPENAI_API_KEY": "sk-test"}, dotenv_path=None)
    harness = SlackHarness(fake_slack, assistant, tmp_path / "m.db")
    yield harness, fake_openai
    harness.close()


def _draft(message: dict) -> str:
    return all_text(next(b for b in message["blocks"] if b.get("block_id") == "draft_empathetic"))


def test_offline_first_then_the_models_drafts_in_place(slack_with_model):
    slack, model = slack_with_model
    thinking = model.hold()  # the model answers when the test says so
    model.default(answer(text="A calm, specific reply from the model."))
    with slack.fake.held():  # acknowledged before Slack answers anything the work asks
        assert slack.interaction(shortcut_payload(slack.fake, "My parcel is late again and I'm annoyed.")).status == 200
    placeholder, offline = (c.params for c in slack.fake.wait_for("response_url:r1", count=2, timeout=10))
    assert "Reading the message" in all_text(placeholder)
    assert offline["replace_original"] and "from the model" not in _draft(offline)  # there while the model thinks
    thinking.set()
    improved = slack.fake.wait_for("response_url:r1", count=3, timeout=10)[2].params
    assert improved["replace_original"] and "A calm, specific reply from the model." in _draft(improved)
    [record] = [slack.history.suggestion(sid) for sid in [improved["blocks"][-1]["elements"][0]["value"]]]
    assert record.signals and engines_used(slack.history) == ["openai"]


def test_a_failing_model_leaves_the_offline_suggestion_with_a_note(slack_with_model):
    slack, model = slack_with_model
    model.error(401, "bad key", code="invalid_api_key")
    slack.interaction(shortcut_payload(slack.fake, "My parcel is late again and I'm annoyed."))
    final = slack.fake.wait_for("response_url:r1", count=3, timeout=10)[2].params
    assert "OPENAI_API_KEY" in all_text(final) and "offline drafts" in all_text(final)


def test_tone_buttons_use_the_model(slack_with_model):
    slack, model = slack_with_model
    model.default(lambda body: __import__("json").dumps(answer(text="tone: " + (
        "shorter" if "shorter version" in body["messages"][1]["content"] else "standard"))))
    slack.interaction(shortcut_payload(slack.fake, "You charged me twice for my subscription."))
    final = slack.fake.wait_for("response_url:r1", count=3, timeout=10)[2].params
    suggestion_id = next(b for b in final["blocks"] if b.get("block_id") == "actions_tone")["elements"][0]["value"]
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": slack.fake.response_url("t"),
                       "actions": [{"action_id": "tone_shorter", "value": suggestion_id, "type": "button"}]})
    shorter = slack.fake.wait_for("response_url:t", count=2, timeout=10)[1].params
    assert "tone: shorter" in _draft(shorter)


@pytest.mark.parametrize("attack", ["a09", "a13", "a44"])  # placeholder phone, card number in next steps, a link in a question
def test_an_attack_the_model_complies_with_never_reaches_slack(slack_with_model, attack):
    from test_guard import ATTACKS, scripted

    case = next(c for c in ATTACKS if c["id"] == attack)
    slack, model = slack_with_model
    model.reply(scripted(case["field"], case["payload"]))
    slack.interaction(shortcut_payload(slack.fake, case["customer"]))
    final = slack.fake.wait_for("response_url:r1", count=3, timeout=10)[2].params
    shown = all_text(final)
    assert not any(bad in shown for bad in case["must_not_reach"]), shown
    assert "instead" in shown or "left out" in shown  # the agent is told what was removed and why
