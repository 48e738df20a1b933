"""A workspace without Slack's agent view, end to end: no app_context_changed ever arrives and every
assistant.* method answers an error, yet every surface works, with placeholders instead of the status."""

from __future__ import annotations

from slack_harness import all_text, shortcut_payload

DM = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT"}


def _dm(slack, ts: str, text: str) -> None:
    assert slack.event({**DM, "ts": ts, "text": text}).status == 200


def test_everything_works_without_the_agent_view(slack):
    fake = slack.fake
    assert fake.agent_view is False
    slack.event({"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "messages", "event_ts": "1.1"})
    slack.event({"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "home", "event_ts": "1.2"})
    fake.wait_for("views.publish")
    fake.wait_for("assistant.threads.setSuggestedPrompts")

    _dm(slack, "1700001000.000100", "You charged me twice and nobody answers. I want my money back today.")
    [suggestion] = fake.wait_for("chat.update")
    assert "analysis" in {b.get("block_id") for b in suggestion.params["blocks"]}

    _dm(slack, "1700001001.000100", "What's going on here?")  # no context was ever sent
    asked = fake.wait_for("chat.postMessage", count=2)[1]
    assert asked.params["thread_ts"] == "1700001001.000100" and "paste the message here" in all_text(asked.params)

    _dm(slack, "1700001002.000100", "Check my reply: Calm down, as I already explained it is user error.")
    review = fake.wait_for("chat.update", count=2)[1]
    assert any(str(b.get("block_id", "")).startswith("finding_") for b in review.params["blocks"])

    slack.interaction(shortcut_payload(fake, "My parcel is late and I'm annoyed."))
    assert "analysis" in {b.get("block_id") for b in fake.wait_for("response_url:r1", count=2)[1].params["blocks"]}

    refused = {c.outcome for c in fake.calls if c.method.startswith("assistant.")}
    assert refused == {"missing_scope"}  # asked, refused, and nothing else changed
    assert not [c for c in fake.calls_to("chat.postMessage") if "went wrong" in all_text(c.params)]
    assert all(c.response["channel"].startswith("D") for c in fake.calls_to("chat.postMessage"))
