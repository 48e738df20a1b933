"""Slack's agent view end to end: the manifest declares it, the Messages tab gets the suggested prompts,
the Home tab keeps working, and every DM is answered in its own thread."""

from __future__ import annotations

import re
from pathlib import Path

from slack_harness import agent_slack  # noqa: F401  (fixture)

from bot.slack.prompts import CHECK, ESCALATION, MESSAGE, PASTE, SUGGESTED_PROMPTS, VIEWING, read_ask

MANIFEST = Path(__file__).resolve().parent.parent / "manifest.yml"


def _manifest_section(name: str) -> str:
    """The indented block under `name:` in manifest.yml (the test environment has no YAML parser)."""
    text = MANIFEST.read_text()
    m = re.search(rf"^(\s*){name}:\n((?:\1\s+.*\n|\s*#.*\n)+)", text, re.M)
    assert m, f"manifest.yml has no {name} section"
    return m.group(2)


def _unquote(value: str) -> str:
    value = value.split(" #")[0].strip()
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def test_manifest_declares_the_agent_view_with_the_prompts_the_app_sets():
    agent_view = _manifest_section("agent_view")
    titles = [_unquote(t) for t in re.findall(r"- title: (.+)", agent_view)]
    messages = [_unquote(m) for m in re.findall(r"^\s+message: (.+)", agent_view, re.M)]
    assert [{"title": t, "message": m} for t, m in zip(titles, messages)] == list(SUGGESTED_PROMPTS)
    assert re.search(r"agent_description: \".{20,300}\"", agent_view)
    assert "- assistant:write" in _manifest_section("bot")
    events = re.findall(r"- ([a-z_.]+)", _manifest_section("bot_events"))
    assert {"app_context_changed", "app_home_opened", "app_mention", "message.im"} <= set(events)
    assert "callback_id: check_reply" in _manifest_section("shortcuts")


def test_each_prompt_is_read_as_what_it_asks():
    assert [read_ask(p["message"]).kind for p in SUGGESTED_PROMPTS] == [VIEWING, CHECK, ESCALATION, PASTE]
    assert read_ask("what's going on here").kind == VIEWING
    assert read_ask("Check my reply: Hi Sam, calm down.") == read_ask("check my reply — Hi Sam, calm down.")
    assert read_ask("Check my reply: Hi Sam, calm down.").text == "Hi Sam, calm down."
    assert read_ask("Escalation check: my lawyer will call you").text == "my lawyer will call you"
    assert read_ask("What's going on with my refund? Third time asking.").kind == MESSAGE


def test_opening_the_messages_tab_sets_the_suggested_prompts_for_the_conversation(agent_slack):
    slack = agent_slack
    fake = slack.fake
    slack.event({"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "messages",
                 "event_ts": "1700000100.000100"})
    [call] = fake.wait_for("assistant.threads.setSuggestedPrompts")
    assert call.ok and call.params["channel_id"] == "DAGENT"
    assert "thread_ts" not in call.params  # under the agent view a thread_ts makes the call fail silently
    assert [p["title"] for p in call.params["prompts"]] == [p["title"] for p in SUGGESTED_PROMPTS]
    assert not fake.calls_to("views.publish")


def test_the_home_tab_keeps_working_beside_the_agent_view(agent_slack):
    slack = agent_slack
    fake = slack.fake
    slack.event({"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "home",
                 "event_ts": "1700000101.000100"})
    [publish] = fake.wait_for("views.publish")
    assert publish.ok and publish.params["user_id"] == "UAGENT"
    assert not fake.calls_to("assistant.threads.setSuggestedPrompts")


def test_a_dm_is_answered_in_its_own_thread_with_the_status_while_it_works(agent_slack):
    fake = agent_slack.fake
    event = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000110.000100",
             "text": "Where is my parcel? Ordered three weeks ago and nobody answers."}
    agent_slack.event(event)
    [answer] = fake.wait_for("chat.postMessage")
    [status] = fake.calls_to("assistant.threads.setStatus")
    assert status.ok and (status.params["channel_id"], status.params["thread_ts"]) == ("DAGENT", "1700000110.000100")
    assert status.params["loading_messages"]
    assert answer.params["thread_ts"] == "1700000110.000100" and "analysis" in {b.get("block_id") for b in answer.params["blocks"]}
    methods = fake.methods()
    assert methods.index("assistant.threads.setStatus") < methods.index("chat.postMessage")
    assert not fake.calls_to("chat.update")  # no placeholder to replace: the status said Composure was at work


def test_without_the_agent_view_a_dm_thread_reply_gets_a_placeholder_in_that_thread(slack):
    fake = slack.fake
    event = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000111.000300",
             "thread_ts": "1700000111.000100", "text": "And now they say they want a refund today."}
    slack.event(event)
    [update] = fake.wait_for("chat.update")
    [placeholder] = fake.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1700000111.000100" and update.params["ts"] == placeholder.response["ts"]
    assert [c.outcome for c in fake.calls_to("assistant.threads.setStatus")] == ["missing_scope"]
