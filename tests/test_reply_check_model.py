""""Check my reply" improved by the model: against the fake OpenAI-compatible server, the model's rewrite
replaces the offline one only when it passes the same check; a failing, slow or refused model leaves the
offline rewrite with a one-sentence note. Offline by default: no model configured, nothing is asked."""

from __future__ import annotations

import json

import pytest

from bot.llm.rewrite import ModelRewriter
from bot.reply_check import load_checker
from conftest import clean_env, run_cli
from slack_harness import SlackHarness, all_text, shortcut_payload
from test_llm_engine import on_the_fake

DRAFT = "As I already explained, you should have read the terms. Email me at jane.doe@example.com if you disagree."
CUSTOMER = "Why was I charged a cancellation fee? This is ridiculous."
GOOD = ("I'm sorry the cancellation fee came as a surprise. I'll go through your account today and email you at "
        "jane.doe@example.com by 5pm tomorrow with what I find.")
STILL_BAD = "Like I said before, you failed to cancel in time. I'll email you the terms today."


@pytest.fixture
def rewriting(fake_openai, config_copy):
    assistant = on_the_fake(fake_openai, config_copy)
    checker = load_checker(assistant.settings, assistant.playbook, assistant.rules)
    rewriter = ModelRewriter(assistant.model, checker, assistant.prompts_dir / "llm")
    return rewriter, checker, fake_openai


def _improve(rewriting, draft: str = DRAFT, customer: str | None = CUSTOMER):
    rewriter, checker, _ = rewriting
    offline = checker.check(draft, customer)
    return offline, rewriter.improve(draft, customer, offline)


def test_a_rewrite_that_passes_the_check_replaces_the_offline_one(rewriting):
    fake = rewriting[2]
    fake.reply(GOOD.replace("jane.doe@example.com", "[EMAIL_1]"))
    offline, better = _improve(rewriting)
    assert better.engine == "openai" and better.rewrite == GOOD and not better.notes
    assert better.findings == offline.findings  # the findings are the draft's; only the rewrite changes
    [request] = fake.completions
    assert "response_format" not in request.json  # prose, not the suggestion's JSON shape
    sent = json.dumps(request.json)
    assert "jane.doe@example.com" not in sent and "[EMAIL_1]" in sent
    prompt = request.json["messages"][1]["content"]
    assert "you should have read the terms" in prompt and offline.rewrite.split("\n")[0][:30] in prompt
    assert better.to_dict()["engine"] == "openai"


def test_a_lead_in_and_quotes_around_the_rewrite_are_taken_off(rewriting):
    rewriting[2].reply(f'Here is the improved reply:\n"{GOOD}"')
    assert _improve(rewriting)[1].rewrite == GOOD


def test_a_rewrite_that_fails_the_check_is_dropped_with_a_note(rewriting):
    rewriting[2].reply(STILL_BAD)
    offline, kept = _improve(rewriting)
    assert kept.rewrite == offline.rewrite and kept.engine == "offline-fallback"
    [note] = kept.notes
    assert note.startswith("The model's rewrite was not used") and "blames customer" in note and note.count(".") == 1


def test_an_empty_answer_is_not_a_rewrite(rewriting):
    rewriting[2].reply("   ")
    offline, kept = _improve(rewriting)
    assert kept.rewrite == offline.rewrite and "empty" in kept.notes[0]


def test_a_model_that_does_not_answer_in_time_leaves_the_offline_rewrite(rewriting):
    fake = rewriting[2]
    fake.hang(3600)
    offline, kept = _improve(rewriting)
    assert kept.rewrite == offline.rewrite and kept.engine == "offline-fallback"
    assert kept.notes[0].startswith("This is the offline rewrite: the model did not answer in time")


def test_a_refusing_server_is_named_in_the_note(rewriting):
    rewriting[2].error(401, "bad key", code="invalid_api_key")
    assert "OPENAI_API_KEY" in _improve(rewriting)[1].notes[0]


def test_a_draft_with_nothing_to_fix_is_not_sent_to_the_model(rewriting):
    rewriter, checker, fake = rewriting
    draft = "Thanks, Ana. I'll send the return label today."
    review = checker.check(draft)
    assert rewriter.improve(draft, None, review) is review and not fake.completions


def test_the_cli_uses_the_model_when_configured_and_stays_offline_by_default(fake_openai, config_copy):
    fake_openai.reply(GOOD)
    env = clean_env(COMPOSURE_CONFIG=str(config_copy), OPENAI_BASE_URL=fake_openai.url, OPENAI_API_KEY="sk-test")
    result = run_cli("check-reply", "--json", "--customer", CUSTOMER, DRAFT, env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "openai" and data["rewrite"] == GOOD and data["findings"]
    offline = json.loads(run_cli("check-reply", "--json", "--engine", "offline", DRAFT, env=env).stdout)
    assert set(offline) == {"findings", "rewrite", "ok"} and len(fake_openai.completions) == 1
    fake_openai.reply(STILL_BAD)
    text = run_cli("check-reply", DRAFT, env=env).stdout
    assert "Note: The model's rewrite was not used" in text and "Safer rewrite:" in text


def test_slack_shows_the_models_rewrite_in_place_of_the_offline_one(fake_slack, fake_openai, config_copy, tmp_path):
    assistant = on_the_fake(fake_openai, config_copy)
    slack = SlackHarness(fake_slack, assistant, tmp_path / "r.db")
    try:
        fake_openai.reply(GOOD)
        payload = shortcut_payload(fake_slack, DRAFT, user="UAGENT")
        payload["callback_id"] = "check_reply"
        payload["message"]["user"] = "UAGENT"
        slack.interaction(payload)
        placeholder, offline, better = (c.params for c in fake_slack.wait_for("response_url:r1", count=3, timeout=10))
        rewrite = lambda message: all_text(next(b for b in message["blocks"] if b.get("block_id") == "rewrite"))  # noqa: E731
        assert "improved by the model" not in rewrite(offline)
        assert better["replace_original"] and "improved by the model" in rewrite(better) and "5pm tomorrow" in rewrite(better)
    finally:
        slack.close()
