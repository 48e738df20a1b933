"""/followup, the Follow up shortcut and button, the form, and the reminder buttons, through the real app."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from slack_harness import all_text, shortcut_payload


def _command(slack, text: str, user: str = "UAGENT", name: str = "f1", channel: str = "C1"):
    slack.command("/followup", text, user, channel_id=channel, response_url=slack.fake.response_url(name))
    return slack.fake.wait_for(f"response_url:{name}")[-1].params


def test_followup_command_creates_in_the_users_timezone(slack):
    answer = _command(slack, "tomorrow 10am check the refund for Acme")
    assert answer["response_type"] == "ephemeral" and "check the refund for Acme" in all_text(answer)
    [f] = slack.services.followups.open_for("UAGENT")
    local = f.due_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))  # Ana's timezone in the fake
    assert (local.hour, local.minute) == (10, 0) and f.channel_id == "C1" and f.assignee_id == "UAGENT"


def test_followup_refusals_are_specific(slack):
    assert "in the past" in all_text(_command(slack, "yesterday call them", name="a"))
    assert "couldn't find a time" in all_text(_command(slack, "whenever works for you", name="b"))
    assert "no note" in all_text(_command(slack, "tomorrow 9am", name="c"))
    assert "more than a year" in all_text(_command(slack, "in 2 years renew", name="d"))
    assert slack.services.followups.open_for("UAGENT") == []


def test_followup_list_and_help(slack):
    _command(slack, "in 2 days chase courier", name="x")
    listing = _command(slack, "list", name="l")
    assert "chase courier" in all_text(listing)
    assert {"followup_done", "followup_cancel"} <= {e.get("action_id") for b in listing["blocks"] if b["type"] == "actions"
                                                    for e in b["elements"]}
    assert "/followup list" in all_text(_command(slack, "help", name="h"))


def test_list_buttons_refuse_strangers_and_let_the_owner_finish(slack):
    _command(slack, "in 2 days chase courier", name="x")
    [f] = slack.services.followups.open_for("UAGENT")

    def click(user, action, name):
        slack.interaction({"type": "block_actions", "user": {"id": user}, "response_url": slack.fake.response_url(name),
                           "container": {"type": "message", "is_ephemeral": True},
                           "actions": [{"action_id": action, "block_id": f"actions_{f.id}", "value": f.id, "type": "button"}]})
        return slack.fake.wait_for(f"response_url:{name}")[-1].params

    refusal = click("USTRANGER", "followup_done", "s")
    assert "Only" in all_text(refusal) and slack.services.followups.get(f.id).status == "pending"
    assert "UAGENT" not in all_text(refusal)  # a refusal names no one: anyone may press on any id
    click("UAGENT", "followup_done", "o")
    assert slack.services.followups.get(f.id).status == "done"


def test_shortcut_opens_a_prefilled_form_and_submission_creates(slack):
    fake = slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000001.000100", "Where is my parcel?", user="UCUST")
    payload = shortcut_payload(fake, "Where is my parcel?")
    payload["callback_id"] = "create_followup"
    slack.interaction(payload)
    [opened] = fake.wait_for("views.open")
    view = opened.params["view"]
    assert view["callback_id"] == "followup_modal"
    link = next(b for b in view["blocks"] if b["block_id"] == "link")["element"]["initial_value"]
    assert link.startswith("http")

    def submit(date: str, time: str, note: str):
        values = {"date": {"value": {"type": "datepicker", "selected_date": date}},
                  "time": {"value": {"type": "timepicker", "selected_time": time}},
                  "note": {"value": {"type": "plain_text_input", "value": note}},
                  "customer": {"value": {"type": "plain_text_input", "value": "Acme"}},
                  "link": {"value": {"type": "plain_text_input", "value": link}}}
        body = {"type": "view_submission", "user": {"id": "UAGENT"},
                "view": {"type": "modal", "callback_id": "followup_modal", "private_metadata": view["private_metadata"],
                         "state": {"values": values}}}
        return slack.interaction(body)

    past = submit("2020-01-01", "09:00", "call back")
    assert json.loads(past.body)["errors"]["date"].count("past") == 1
    empty = submit("2030-01-01", "09:00", "")
    assert "note" in json.loads(empty.body)["errors"]
    tomorrow = (datetime.now(timezone.utc) + timedelta(days=1)).strftime("%Y-%m-%d")
    assert submit(tomorrow, "11:30", "call back about the parcel").status == 200
    fake.wait_for("chat.postEphemeral")
    [f] = slack.services.followups.open_for("UAGENT")
    assert f.customer == "Acme" and f.message_link == link and f.channel_id == "C1"


def test_follow_up_button_on_a_suggestion_prefills_next_step_and_due(slack):
    fake = slack.fake
    slack.interaction(shortcut_payload(fake, "My refund still hasn't arrived, I need it today!"))
    final = fake.wait_for("response_url:r1", count=2)[1].params
    suggestion_id = next(b for b in final["blocks"] if b.get("block_id") == "actions_feedback")["elements"][-1]["value"]
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "trigger_id": "9.9",
                       "response_url": fake.response_url("fb"),
                       "actions": [{"action_id": "followup_from_suggestion", "value": suggestion_id, "type": "button"}]})
    [opened] = fake.wait_for("views.open")
    blocks = {b["block_id"]: b for b in opened.params["view"]["blocks"]}
    assert blocks["note"]["element"]["initial_value"]
    assert blocks["date"]["element"]["initial_date"] and blocks["time"]["element"]["initial_time"]


@pytest.mark.parametrize("text, says", [
    ("tomorrow at 25:99 call Dana", "isn't a time of day"),
    ("in -5 minutes call Dana", "in the past"),
    ("31 feb call Dana", "not '31 feb'"),
    ("tomorrow 9am " + "x" * 50_000, "keep it to 3,000"),
])
def test_time_phrases_are_read_correctly_or_refused_with_what_was_understood(slack, text, says):
    answer = _command(slack, text, name="t")
    assert says in all_text(answer) and len(all_text(answer)) < 3000
    assert slack.services.followups.open_for("UAGENT") == []


@pytest.mark.parametrize("target", ["", "<!channel>", "C0CHANNEL", "S0LEADS"])
def test_reassign_takes_one_person_only(slack, target):
    _command(slack, "in 2 days chase courier", name="x")
    [f] = slack.services.followups.open_for("UAGENT")
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": slack.fake.response_url("ra"),
                       "actions": [{"action_id": "followup_reassign", "block_id": f"reassign_{f.id}",
                                    "selected_user": target, "type": "users_select"}]})
    answer = slack.fake.wait_for("response_url:ra")[-1].params
    assert "one person" in all_text(answer) and slack.services.followups.get(f.id).assignee_id == "UAGENT"


def test_the_same_delivery_twice_is_handled_once(slack):
    """A proxy's retry or a double submit: the same /followup, the same button press, the same shortcut."""
    from fault_support import settle
    from slack_harness import shortcut_payload

    for _ in range(2):
        slack.command("/followup", "in 2 days chase courier", "UAGENT", response_url=slack.fake.response_url("d"),
                      trigger_id="77.42.abcd")
    slack.fake.wait_for("response_url:d")
    [f] = slack.services.followups.open_for("UAGENT")  # one follow-up, not two

    press = {"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": slack.fake.response_url("b"),
             "container": {"type": "message", "is_ephemeral": True},
             "actions": [{"action_id": "followup_snooze_1h", "block_id": f"actions_{f.id}", "value": f.id,
                          "type": "button", "action_ts": "1700000123.5"}]}
    slack.interaction(press)
    slack.interaction(press)
    slack.fake.wait_for("response_url:b")
    assert [c.action for c in slack.services.followups.history(f.id)].count("snoozed") == 1

    shortcut = shortcut_payload(slack.fake, "My parcel is late.", response_url="s", trigger_id="88.2.3")
    slack.interaction(shortcut)
    slack.interaction(shortcut)
    slack.fake.wait_for("response_url:s", count=2)
    settle(slack.fake, quiet=0.5)  # until Slack has been quiet a while: a second (wrong) answer would show up
    assert len(slack.fake.calls_to("response_url:s")) == 2  # placeholder and suggestion, once
