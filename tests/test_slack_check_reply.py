""""Check my reply" in Slack end to end: the message shortcut and the DM prompt, answered privately with the
findings (the agent's own words, the playbook section) and the rewrite, from the same core as the CLI; in the
DM the customer's message is the one pasted with the reply, else the one the agent is viewing, and the answer
says which."""

from __future__ import annotations

from slack_harness import agent_slack, all_text, shortcut_payload  # noqa: F401  (fixture)
from test_slack_viewing import _context, _viewing_message

from bot.slack.prompts import CHECK, MESSAGE, Pasted, read_ask, read_pasted

DRAFT = "Honestly this is our fault. Obviously I will refund the full $450 today."
ANGRY = "Idiots. Refund me or my lawyer will be in touch."
SORRY = "Hi, I'm sorry about this. That was our mistake, and I'll look into it today."  # liability only beside ANGRY


def _check_payload(fake, text: str, author: str = "UAGENT", **message) -> dict:
    payload = shortcut_payload(fake, text, user="UAGENT")
    payload["callback_id"] = "check_reply"
    payload["message"].update({"user": author, **message})
    return payload


def _findings(blocks: list[dict]) -> list[dict]:
    return [b for b in blocks if str(b.get("block_id", "")).startswith("finding_") and b["type"] == "section"]


def _checked_with(blocks: list[dict]) -> str:
    return all_text(next(b for b in blocks if b.get("block_id") == "review_context"))


def _dm(slack, ts: str, text: str) -> None:
    slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": ts, "text": text})


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
    assert "this thread starts with" in _checked_with(final["blocks"]) and "Idiots" in _checked_with(final["blocks"])


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


def test_the_pasted_form_is_read_with_either_label_order():
    both = "Customer: where is my refund?\nIt's been a month.\n*My reply:* It's on its way.\nReply: soon."
    assert read_pasted(both) == Pasted("where is my refund?\nIt's been a month.", "It's on its way.\nReply: soon.")
    assert read_pasted("Draft: Sorry.\nCustomer’s message: idiots") == Pasted("idiots", "Sorry.")
    assert read_ask(both).kind == CHECK and read_ask(f"Check my reply: {both}").text == both
    for one_part in ("Customer: where is my refund, third time asking", "Hi\nCustomer: x\nReply: y", "Customer:\nReply: y"):
        assert read_pasted(one_part) is None and read_ask(one_part).kind == MESSAGE


def test_the_dm_check_uses_the_message_the_agent_is_viewing(agent_slack):
    fake = agent_slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000230.000100", ANGRY, user="UCUST")
    _context(agent_slack, [_viewing_message("C1", "1700000230.000100")], ts="1700000231.000100")
    _dm(agent_slack, "1700000232.000100", f"Check my reply: {SORRY}")
    [review] = fake.wait_for("chat.postMessage")
    assert review.params["thread_ts"] == "1700000232.000100"
    assert "admits liability" in all_text(review.params["blocks"]).lower()
    assert "you're viewing in <#C1>" in _checked_with(review.params["blocks"])
    assert ANGRY in _checked_with(review.params["blocks"])


def test_a_customer_message_pasted_with_the_reply_is_its_context(slack):
    fake = slack.fake
    _dm(slack, "1700000240.000100", f"Customer: {ANGRY}\nMy reply: {SORRY}")
    [update] = fake.wait_for("chat.update")
    blocks = update.params["blocks"]
    assert "admits liability" in all_text(blocks).lower() and "Idiots" not in all_text(_findings(blocks))
    assert "you pasted" in _checked_with(blocks) and ANGRY in _checked_with(blocks)
    assert not fake.calls_to("conversations.history")


def test_without_a_readable_customer_message_the_check_says_so(agent_slack):
    fake = agent_slack.fake
    _dm(agent_slack, "1700000250.000100", f"Check my reply: {SORRY}")
    fake.wait_for("chat.postMessage")  # answered before anything is in view
    fake.add_channel("CPRIV", "vip-support", member=False)
    fake.add_message("CPRIV", "1700000251.000100", ANGRY, user="UCUST")
    _context(agent_slack, [_viewing_message("CPRIV", "1700000251.000100")], ts="1700000252.000100")
    _dm(agent_slack, "1700000253.000100", f"Check my reply: {SORRY}")
    nothing_in_view, unreadable = (c.params["blocks"] for c in fake.wait_for("chat.postMessage", count=2))
    assert "Checked without the customer's message" in _checked_with(nothing_in_view)
    assert "couldn't read the message you're viewing" in _checked_with(unreadable)
    for blocks in (nothing_in_view, unreadable):
        assert "admits liability" not in all_text(blocks).lower() and "Idiots" not in all_text(blocks)


def test_blame_on_a_colleague_is_reported_in_slack(slack):
    fake = slack.fake
    draft = "Apologies for the wait. The dispatch team botched your order. I'll send the right one tomorrow."
    slack.interaction(_check_payload(fake, draft))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    [shown] = [b for b in _findings(final["blocks"]) if "Blames others" in all_text(b)]
    assert "The dispatch team botched your order" in all_text(shown)
    assert "empathy.ownership" in all_text(final["blocks"])
