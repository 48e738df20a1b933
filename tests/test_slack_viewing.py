""""What's going on here?" end to end: app_context_changed names the message the agent is viewing, and the
prompt analyses it without forwarding; what Composure cannot read, it says why and how to fix, and asks."""

from __future__ import annotations

import time

from slack_harness import agent_slack, all_text  # noqa: F401  (fixture)

from bot.slack.viewed import viewing_from
from bot.storage.conversations import Viewing

CUSTOMER = "Your app charged my card twice. Fix it today or I cancel my subscription and tell everyone on Twitter."


def _context(slack, entities: list[dict], ts: str = "1700000300.000100") -> None:
    """Send the event and wait until its work is done (it runs on another lane than the DM that follows)."""
    done = slack.workers.inbox.counts().get("done", 0)
    assert slack.event({"type": "app_context_changed", "user": "UAGENT", "channel": "DAGENT", "event_ts": ts,
                        "context": {"entities": entities} if entities else {}}).status == 200
    deadline = time.monotonic() + 5
    while slack.workers.inbox.counts().get("done", 0) <= done:
        assert time.monotonic() < deadline, "the app_context_changed work was not done"
        time.sleep(0.01)


def _viewing_message(channel: str, ts: str, **extra) -> dict:
    return {"type": "slack#/types/message_context", "value": {"channel_id": channel, "message_ts": ts, **extra},
            "team_id": "T1"}


def _ask(slack, ts: str = "1700000310.000100", text: str = "What's going on here?"):
    return slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": ts,
                        "text": text})


def _answers(fake, count: int = 1) -> list[dict]:
    return [c.params for c in fake.wait_for("chat.postMessage", count=count)]


def test_the_entities_name_a_message_a_thread_or_only_a_channel():
    assert viewing_from({"context": {"entities": [{"type": "slack#/types/channel_id", "value": "C1"},
                                                  _viewing_message("C2", "1.2")]}}) == Viewing("C2", "1.2")
    assert viewing_from({"context": {"entities": [{"type": "slack#/types/channel_id", "value": "C1"},
                                                  {"type": "slack#/types/thread_ts", "value": "1.1"}]}}) == Viewing("C1", "1.1", "1.1")
    assert viewing_from({"context": {"entities": [{"type": "slack#/types/channel_id", "value": "C1"}]}}) == Viewing("C1")
    assert viewing_from({"context": {}}) is None
    assert viewing_from({"context": {"entities": "junk"}}) is None


def test_the_viewed_message_is_read_and_analysed_without_forwarding(agent_slack):
    fake = agent_slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000290.000100", CUSTOMER)
    fake.add_message("C1", "1700000295.000100", "unrelated later message")
    _context(agent_slack, [{"type": "slack#/types/channel_id", "value": "C1"}, _viewing_message("C1", "1700000290.000100")])
    _ask(agent_slack)
    [answer] = _answers(fake)
    [history] = fake.calls_to("conversations.history")
    assert history.params["latest"] == "1700000290.000100" and str(history.params["limit"]) == "1"
    assert str(history.params["inclusive"]).lower() in ("1", "true")
    assert answer["thread_ts"] == "1700000310.000100"
    analysis = next(b for b in answer["blocks"] if b.get("block_id") == "analysis")
    assert "churn_risk" in all_text(analysis) and "public_exposure" in all_text(analysis)


def test_a_viewed_reply_in_a_thread_is_read_from_its_thread(agent_slack):
    fake = agent_slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000400.000100", "Hi, question about my order")
    fake.add_message("C1", "1700000401.000100", CUSTOMER, thread_ts="1700000400.000100")
    _context(agent_slack, [_viewing_message("C1", "1700000401.000100", thread_ts="1700000400.000100")])
    _ask(agent_slack, "1700000410.000100")
    [answer] = _answers(fake)
    [replies] = fake.calls_to("conversations.replies")
    assert replies.params["ts"] == "1700000400.000100" and replies.params["oldest"] == "1700000401.000100"
    assert "churn_risk" in all_text(answer["blocks"])


def test_a_channel_composure_is_not_in_gets_the_fix_and_a_request_for_the_text(agent_slack):
    fake = agent_slack.fake
    fake.add_channel("CPRIV", "vip-support", member=False)
    fake.add_message("CPRIV", "1700000500.000100", CUSTOMER)
    _context(agent_slack, [_viewing_message("CPRIV", "1700000500.000100")])
    _ask(agent_slack, "1700000510.000100")
    [answer] = _answers(fake)
    text = all_text(answer["blocks"])
    assert "/invite @Composure" in text and "paste the message here" in text and "<#CPRIV>" in text
    assert "analysis" not in {b.get("block_id") for b in answer["blocks"]}


def test_a_dm_or_group_dm_composure_is_not_in_gets_advice_that_works_there(agent_slack):
    """Nobody can /invite an app into someone's DM: forward, use the shortcut, or paste."""
    fake = agent_slack.fake
    fake.add_channel("DCUST", member=False)
    fake.add_message("DCUST", "1700000520.000100", CUSTOMER, user="UCUST")
    fake.add_channel("GGROUP", member=False)
    fake.add_message("GGROUP", "1700000530.000100", CUSTOMER, user="UCUST")
    _context(agent_slack, [_viewing_message("DCUST", "1700000520.000100")], ts="1700000521.000100")
    _ask(agent_slack, "1700000522.000100")
    _context(agent_slack, [_viewing_message("GGROUP", "1700000530.000100")], ts="1700000531.000100")
    _ask(agent_slack, "1700000532.000100")
    in_dm, in_group = (all_text(a["blocks"]) for a in _answers(fake, count=2))
    for text in (in_dm, in_group):
        assert "Forward it to me" in text or "forward the message to me" in text
        assert "“Suggest a reply” shortcut" in text and "paste it here" in text
    assert "/invite" not in in_dm and "direct message" in in_dm
    assert "group DM" in in_group and "private channel, /invite @Composure" in in_group


def test_a_missing_scope_says_to_reinstall(agent_slack):
    fake = agent_slack.fake
    fake.add_channel("G1", "private")
    fake.fail("conversations.history", "missing_scope", needed="groups:history", provided="chat:write")
    _context(agent_slack, [_viewing_message("G1", "1700000600.000100")])
    _ask(agent_slack, "1700000610.000100")
    [answer] = _answers(fake)
    assert "groups:history" in all_text(answer["blocks"]) and "reinstall" in all_text(answer["blocks"])


def test_without_a_viewed_message_it_asks_to_open_or_paste_it(agent_slack):
    fake = agent_slack.fake
    _context(agent_slack, [{"type": "slack#/types/channel_id", "value": "C1"}])  # a channel, no message
    _ask(agent_slack, "1700000710.000100", "Escalation check")
    [answer] = _answers(fake)
    assert "open the customer's message" in all_text(answer["blocks"])
    assert not fake.calls_to("conversations.history")
