"""The Slack app end to end: signed requests in, private suggestions out, nothing public."""

from __future__ import annotations

import json
import time

from slack_harness import all_text, shortcut_payload

ANGRY = "You idiots lost my parcel AGAIN. Refund me today or I'm calling my lawyer."


def public_posts(fake, allowed=()):
    """chat.postMessage calls to anything other than a DM (or an explicitly allowed channel)."""
    return [c for c in fake.calls_to("chat.postMessage")
            if not str(c.response.get("channel", "")).startswith("D") and c.params.get("channel") not in allowed]


def test_shortcut_acks_fast_then_replaces_the_placeholder_privately(slack):
    fake = slack.fake
    with fake.held():  # Slack answers nothing the work asks before the acknowledgement is in hand
        assert slack.interaction(shortcut_payload(fake, ANGRY)).status == 200
    bodies = [c.params for c in fake.wait_for("response_url:r1", count=2)]
    assert bodies[0]["response_type"] == "ephemeral" and "Reading the message" in all_text(bodies[0])
    final = bodies[1]
    assert final["replace_original"] is True and final["response_type"] == "ephemeral"
    ids = {b.get("block_id") for b in final["blocks"]}
    assert {"analysis", "draft_empathetic", "draft_concise", "draft_formal", "boundary", "questions", "next_steps",
            "actions_tone", "actions_feedback"} <= ids
    analysis = next(b for b in final["blocks"] if b.get("block_id") == "analysis")
    assert "lawyer" in all_text(analysis) and "threat_legal" in all_text(analysis)
    assert not public_posts(fake) and not fake.calls_to("chat.postEphemeral")


def test_dm_gets_a_placeholder_then_the_suggestion_in_place(slack):
    fake = slack.fake
    event = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000010.000100",
             "text": "My order #4411 still hasn't arrived and nobody replies. Fed up."}
    assert slack.event(event).status == 200
    [update] = fake.wait_for("chat.update")
    [placeholder] = fake.calls_to("chat.postMessage")
    assert placeholder.params["channel"] == "DAGENT" and "Reading the message" in all_text(placeholder.params)
    assert update.params["ts"] == placeholder.response["ts"]
    assert "4411" in all_text(update.params["blocks"])


def test_forwarded_message_in_a_dm_is_read_from_the_attachment(slack):
    fake = slack.fake
    event = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000011.000100",
             "text": "how do I answer this?",
             "attachments": [{"is_share": True, "author_id": "UCUST", "ts": "1699999999.000100",
                              "text": "I'm disputing the charge with my bank if this isn't fixed by Friday."}]}
    slack.event(event)
    [update] = fake.wait_for("chat.update")
    analysis = next(b for b in update.params["blocks"] if b.get("block_id") == "analysis")
    assert "threat_legal" in all_text(analysis)
    assert "how do I answer" not in all_text(update.params["blocks"])


def test_retried_and_duplicated_events_produce_one_suggestion(slack):
    fake = slack.fake
    event = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000012.000100",
             "text": "Third time asking: where is my refund?"}
    assert slack.event(event, event_id="EvSAME").status == 200
    fake.wait_for("chat.update")
    assert slack.event(event, event_id="EvSAME", retry_num=1).status == 200   # Slack's retry
    assert slack.event(event, event_id="EvOTHER").status == 200               # same message, new event id
    time.sleep(0.5)
    assert len(fake.calls_to("chat.update")) == 1
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_noise_is_ignored(slack):
    fake = slack.fake
    for event in ({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UBOT", "ts": "1.1", "text": "me"},
                  {"type": "message", "channel_type": "im", "channel": "DAGENT", "bot_id": "B2", "ts": "1.2", "text": "bot"},
                  {"type": "message", "channel_type": "im", "channel": "DAGENT", "subtype": "message_changed", "ts": "1.3",
                   "message": {"text": "edited"}},
                  {"type": "message", "channel_type": "im", "channel": "DAGENT", "subtype": "message_deleted", "ts": "1.4"},
                  {"type": "message", "channel_type": "channel", "channel": "C1", "user": "U5", "ts": "1.5", "text": "hi"}):
        assert slack.event(event).status == 200
    time.sleep(0.5)
    assert not [c for c in fake.calls if c.method.startswith("chat.")]


def test_mention_in_a_thread_answers_about_the_parent_ephemerally(slack):
    fake = slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000020.000100", "Your app charged my card twice. Fix it or I cancel my subscription.", user="UCUST")
    event = {"type": "app_mention", "channel": "C1", "user": "UAGENT", "ts": "1700000021.000100",
             "thread_ts": "1700000020.000100", "text": "<@UBOT> what should I say?"}
    with fake.held():  # acknowledged before the thread is even read
        assert slack.event(event).status == 200
    [ephemeral] = fake.wait_for("chat.postEphemeral")
    assert ephemeral.params["user"] == "UAGENT" and ephemeral.params["thread_ts"] == "1700000020.000100"
    assert "churn_risk" in all_text(ephemeral.params["blocks"])
    assert fake.calls_to("conversations.replies")[0].params["ts"] == "1700000020.000100"
    assert not public_posts(fake)


def test_when_ephemeral_is_impossible_it_says_so_and_uses_a_dm(slack):
    fake = slack.fake
    fake.fail("chat.postEphemeral", "not_in_channel")
    event = {"type": "app_mention", "channel": "C9", "user": "UAGENT", "ts": "1700000030.000100",
             "text": "<@UBOT> customer: this is the worst service ever, I'm leaving a 1 star review"}
    slack.event(event)
    [dm] = fake.wait_for("chat.postMessage")
    assert dm.response["channel"].startswith("D")
    assert "couldn't show this privately" in all_text(dm.params["blocks"])
    assert "public_exposure" in all_text(dm.params["blocks"])
    assert not public_posts(fake)


def test_rate_limited_web_api_is_retried(slack):
    fake = slack.fake
    fake.rate_limit("chat.postEphemeral", retry_after=0)
    slack.event({"type": "app_mention", "channel": "C1", "user": "UAGENT", "ts": "1700000031.000100",
                 "text": "<@UBOT> my refund still hasn't arrived"})
    calls = fake.wait_for("chat.postEphemeral", count=2)
    assert [c.outcome for c in calls] == ["ratelimited", "ok"]


def test_slack_failure_reaches_the_agent_as_a_sentence_with_a_reference(slack):
    fake = slack.fake
    fake.server_error("chat.update", status=500, times=5)
    slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                 "ts": "1700000040.000100", "text": "where is my parcel??"})
    notice = fake.wait_for("chat.postMessage", count=2)[-1]
    text = all_text(notice.params)
    assert "something went wrong" in text and "reference" in text
    assert "Traceback" not in text and "internal_error" not in text


def test_tone_buttons_recompose_in_place_and_feedback_is_recorded(slack):
    fake = slack.fake
    slack.interaction(shortcut_payload(fake, "You charged me twice for my subscription and nobody answers."))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    suggestion_id = next(b for b in final["blocks"] if b.get("block_id") == "actions_tone")["elements"][0]["value"]
    first_draft = all_text(next(b for b in final["blocks"] if b.get("block_id") == "draft_concise"))

    def click(action_id: str, name: str) -> None:
        slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "trigger_id": "1.2",
                           "container": {"type": "message", "is_ephemeral": True}, "response_url": fake.response_url(name),
                           "channel": {"id": "C1"},
                           "actions": [{"action_id": action_id, "block_id": "x", "value": suggestion_id, "type": "button",
                                        "action_ts": "1.1"}]})

    click("tone_shorter", "r2")
    [shorter] = fake.wait_for("response_url:r2")
    assert shorter.params["replace_original"] is True
    assert len(all_text(next(b for b in shorter.params["blocks"] if b.get("block_id") == "draft_concise"))) < len(first_draft)
    new_id = next(b for b in shorter.params["blocks"] if b.get("block_id") == "actions_tone")["elements"][0]["value"]

    click_id = new_id
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": fake.response_url("r3"),
                       "actions": [{"action_id": "feedback_helpful", "value": click_id, "type": "button"}]})
    fake.wait_for("response_url:r3")
    [row] = slack.history.feedback_for(click_id)
    assert row["helpful"] is True and row["style"] == "shorter" and row["user_id"] == "UAGENT"


def _pressed_by_someone_else(slack, action_id: str, name: str) -> tuple[str, dict]:
    """UAGENT asks for a suggestion; UOTHER presses one of its buttons. (its id, the answer UOTHER got)"""
    fake = slack.fake
    slack.interaction(shortcut_payload(fake, "My parcel is late."))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    suggestion_id = next(b for b in final["blocks"] if b.get("block_id") == "actions_tone")["elements"][0]["value"]
    slack.interaction({"type": "block_actions", "user": {"id": "UOTHER"}, "response_url": fake.response_url(name),
                       "actions": [{"action_id": action_id, "value": suggestion_id, "type": "button"}]})
    [answer] = fake.wait_for(f"response_url:{name}")
    return suggestion_id, answer.params


def test_someone_elses_suggestion_cannot_be_recomposed(slack):
    _, answer = _pressed_by_someone_else(slack, "tone_warmer", "r9")
    assert "can't find that suggestion" in all_text(answer)


def test_escalate_is_for_leads_only(slack):
    fake = slack.fake
    slack.command("/escalate", "customer swore at the agent", "UAGENT", response_url=fake.response_url("c1"))
    [refusal] = fake.wait_for("response_url:c1")
    assert refusal.params["response_type"] == "ephemeral"
    assert "support-leads" in all_text(refusal.params)


def test_escalate_with_text_then_share_to_the_escalation_channel(slack):
    fake = slack.fake
    with fake.held():  # acknowledged before the guidance is sent
        assert slack.command("/escalate", "Customer swore at two agents again and says his lawyer will call.", "ULEAD",
                             response_url=fake.response_url("c2")).status == 200
    [guidance] = fake.wait_for("response_url:c2")
    assert guidance.params["response_type"] == "ephemeral"
    assert {"handoff", "tell_customer", "actions_escalation"} <= {b.get("block_id") for b in guidance.params["blocks"]}
    share = next(b for b in guidance.params["blocks"] if b.get("block_id") == "actions_escalation")["elements"][0]
    slack.interaction({"type": "block_actions", "user": {"id": "ULEAD"}, "response_url": fake.response_url("c3"),
                       "actions": [{"action_id": "share_escalation", "value": share["value"], "type": "button"}]})
    [posted] = fake.wait_for("chat.postMessage")
    assert posted.params["channel"] == "#support-escalations"
    assert "<@ULEAD>" in all_text(posted.params)
    fake.wait_for("response_url:c3")
    slack.interaction({"type": "block_actions", "user": {"id": "ULEAD"}, "response_url": fake.response_url("c4"),
                       "actions": [{"action_id": "share_escalation", "value": share["value"], "type": "button"}]})
    [again] = fake.wait_for("response_url:c4")
    assert "already shared" in all_text(again.params)
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_escalate_alone_opens_a_modal_and_answers_after_submission(slack):
    fake = slack.fake
    slack.command("/escalate", "", "ULEAD", channel_id="C7", trigger_id="1337.42.abcd")
    [opened] = fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "escalate_modal" and opened.params["trigger_id"] == "1337.42.abcd"
    empty = {"type": "view_submission", "user": {"id": "ULEAD"},
             "view": {"type": "modal", "callback_id": "escalate_modal", "private_metadata": view["private_metadata"],
                      "state": {"values": {"what_happened": {"value": {"type": "plain_text_input", "value": "  "}}}}}}
    answer = slack.interaction(empty)
    assert answer.status == 200 and json.loads(answer.body)["response_action"] == "errors"
    filled = json.loads(json.dumps(empty))
    filled["view"]["state"]["values"] = {
        "customer": {"value": {"value": "Northwind Ltd"}},
        "what_happened": {"value": {"value": "Unpaid invoices for months; payments failed again."}},
        "wants": {"value": {"value": "More time"}}, "history": {"value": {"value": "Third warning"}}}
    assert slack.interaction(filled).status == 200
    [ephemeral] = fake.wait_for("chat.postEphemeral")
    assert ephemeral.params["channel"] == "C7" and ephemeral.params["user"] == "ULEAD"
    assert "Northwind Ltd" in all_text(ephemeral.params["blocks"]) and "closing_message" in {
        b.get("block_id") for b in ephemeral.params["blocks"]}


def test_app_home_shows_help_and_recent_activity(slack):
    fake = slack.fake
    slack.interaction(shortcut_payload(fake, "My parcel is late and I'm annoyed."))
    fake.wait_for("response_url:r1", count=2)
    slack.event({"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "home"})
    [published] = fake.wait_for("views.publish")
    assert published.params["user_id"] == "UAGENT"
    text = all_text(published.params["view"])
    assert "Suggest a reply" in text and "/escalate" in text and "shortcut" in text


def test_signatures_are_verified_and_health_reveals_nothing(slack):
    body = json.dumps({"type": "event_callback", "event_id": "EvX", "event": {"type": "app_mention"}})
    assert slack.post(body, "application/json", signature="v0=deadbeef").status == 401
    assert slack.post(body, "application/json", timestamp=int(time.time()) - 6 * 60).status == 401
    health = slack.get("/healthz")
    assert health.status == 200 and health.body == "ok"
    assert slack.get("/nothing").status == 404


def test_url_verification_challenge(slack):
    answer = slack.post(json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"}), "application/json")
    assert answer.status == 200 and "c-123" in answer.body


def test_only_the_agent_a_suggestion_was_made_for_can_rate_it(slack):
    suggestion_id, answer = _pressed_by_someone_else(slack, "feedback_not_helpful", "f1")
    assert "Only the person" in all_text(answer) and slack.history.feedback_for(suggestion_id) == []


def test_a_lead_cannot_share_another_leads_hand_off_as_their_own(slack):
    fake = slack.fake
    fake.add_usergroup("support-leads", "S0LEADS", ["ULEAD", "ULEAD2"])
    slack.command("/escalate", "Customer swore at two agents again.", "ULEAD", response_url=fake.response_url("e1"))
    [guidance] = fake.wait_for("response_url:e1")
    share = next(b for b in guidance.params["blocks"] if b.get("block_id") == "actions_escalation")["elements"][0]
    slack.interaction({"type": "block_actions", "user": {"id": "ULEAD2"}, "response_url": fake.response_url("e2"),
                       "actions": [{"action_id": "share_escalation", "value": share["value"], "type": "button"}]})
    [refused] = fake.wait_for("response_url:e2")
    assert "can't find that guidance for you" in all_text(refused.params) and not fake.calls_to("chat.postMessage")
