""""Check my reply" in Slack end to end: the message shortcut and the DM prompt, answered privately with the
findings (the agent's own words, the playbook section) and the rewrite, from the same core as the CLI."""

from __future__ import annotations

from slack_harness import agent_slack, all_text, shortcut_payload  # noqa: F401  (fixture)

DRAFT = "Honestly this is our fault. Obviously I will refund the full $450 today."


def _check_payload(fake, text: str, author: str = "UAGENT", **message) -> dict:
    payload = shortcut_payload(fake, text, user="UAGENT")
    payload["callback_id"] = "check_reply"
    payload["message"].update({"user": author, **message})
    return payload


def _findings(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if str(b.get("block_id", "")).startswith("finding_") and b["type"] == "section"]


def test_the_shortcut_reviews_the_agents_own_draft_privately(slack):
    fake = slack.fake
    review = slack.services.checker.check(DRAFT)
    assert slack.interaction(_check_payload(fake, DRAFT)).status == 200
    placeholder, final = [c.params for c in fake.wait_for("response_url:r1", count=2)]
    assert placeholder["response_type"] == "ephemeral" and "Reading your reply" in all_text(placeholder)
    assert final["replace_original"] is True and final["response_type"] == "ephemeral"
    shown = _findings(final["blocks"])
    assert len(shown) == len(review.findings) > 0
    for block, finding in zip(shown, review.findings):
        assert finding.quote in all_text(block)  # the agent's words, quoted exactly
    sources = " ".join(all_text(b) for b in final["blocks"] if str(b.get("block_id", "")).endswith("_source"))
    assert all(f.source in sources for f in review.findings)
    rewrite = next(b for b in final["blocks"] if b.get("block_id") == "rewrite")
    assert review.rewrite.split("\n")[0][:40] in all_text(rewrite)
    assert not fake.calls_to("chat.postMessage") and not fake.calls_to("chat.postEphemeral")


def test_the_shortcut_on_a_customers_message_says_what_to_use_instead(slack):
    fake = slack.fake
    slack.interaction(_check_payload(fake, "You lost my parcel again.", author="UCUST"))
    [answer] = fake.wait_for("response_url:r1")
    assert "Suggest a reply" in all_text(answer.params) and not _findings(answer.params.get("blocks", []))


def test_a_draft_in_a_customers_thread_is_checked_with_their_message(slack):
    fake = slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000200.000100", "Idiots. Refund me or my lawyer will be in touch.", user="UCUST")
    draft = "Hi, I'm sorry about this. That was our mistake, and I'll look into it today."
    with_customer = slack.services.checker.check(draft, "Idiots. Refund me or my lawyer will be in touch.")
    assert "admits_liability" in with_customer.kinds and "admits_liability" not in slack.services.checker.check(draft).kinds
    slack.interaction(_check_payload(fake, draft, ts="1700000201.000100", thread_ts="1700000200.000100"))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    assert "admits liability" in all_text(final["blocks"]).lower()
    assert fake.calls_to("conversations.replies")[0].params["ts"] == "1700000200.000100"


def test_the_dm_prompt_with_the_draft_is_answered_in_its_thread(slack):
    fake = slack.fake
    slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                 "ts": "1700000210.000100", "text": f"Check my reply: {DRAFT}"})
    [update] = fake.wait_for("chat.update")
    [placeholder] = fake.calls_to("chat.postMessage")
    assert placeholder.params["thread_ts"] == "1700000210.000100"
    assert _findings(update.params["blocks"]) and "Obviously" in all_text(update.params["blocks"])
    assert "analysis" not in {b.get("block_id") for b in update.params["blocks"]}  # a review, not a suggestion


def test_the_bare_prompt_waits_for_the_draft_in_the_next_message(agent_slack):
    fake = agent_slack.fake
    agent_slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                       "ts": "1700000220.000100", "text": "Check my reply"})
    [ask] = fake.wait_for("chat.postMessage")
    assert "Paste the reply" in all_text(ask.params) and ask.params["thread_ts"] == "1700000220.000100"
    agent_slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                       "ts": "1700000221.000100", "text": DRAFT})
    review = fake.wait_for("chat.postMessage", count=2)[1]
    assert review.params["thread_ts"] == "1700000221.000100" and _findings(review.params["blocks"])
    statuses = fake.calls_to("assistant.threads.setStatus")
    assert [s.params["thread_ts"] for s in statuses] == ["1700000221.000100"]  # the status only while it works
    agent_slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                       "ts": "1700000222.000100", "text": "Customer: where is my refund, third time asking"})
    suggestion = fake.wait_for("chat.postMessage", count=3)[2]
    assert "analysis" in {b.get("block_id") for b in suggestion.params["blocks"]}  # awaited once, then as before


def test_a_repeated_shortcut_delivery_is_checked_once(slack):
    fake = slack.fake
    payload = _check_payload(fake, DRAFT)
    assert slack.interaction(payload).status == 200
    fake.wait_for("response_url:r1", count=2)
    assert slack.interaction(payload).status == 200  # Slack's retry: the same trigger_id
    slack.workers.drain(seconds=5)
    assert len(fake.calls_to("response_url:r1")) == 2
    assert slack.workers.inbox.counts().get("done") == 1


def test_blame_on_a_colleague_is_reported_in_slack(slack):
    fake = slack.fake
    draft = "Apologies for the wait. The dispatch team botched your order. I'll send the right one tomorrow."
    slack.interaction(_check_payload(fake, draft))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    [shown] = [b for b in _findings(final["blocks"]) if "Blames others" in all_text(b)]
    assert "The dispatch team botched your order" in all_text(shown)
    assert "empathy.ownership" in all_text(final["blocks"])
