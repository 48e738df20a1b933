"""Native feedback end to end: Slack's feedback buttons on suggestions in the agent's DM (the tone buttons
stay), and one vote per agent per suggestion, the latest, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import delete, insert

from slack_harness import all_text, shortcut_payload
from bot.storage.database import migrate, open_engine
from bot.storage.history import History
from bot.storage.schema import feedback, feedback_one_vote, schema_migrations


def _press(slack, value: str, action_ts: str, name: str) -> None:
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": slack.fake.response_url(name),
                       "container": {"type": "message", "channel_id": "DAGENT", "message_ts": "1.1"},
                       "actions": [{"type": "feedback_buttons", "action_id": "suggestion_feedback",
                                    "block_id": "feedback_native", "value": value, "action_ts": action_ts,
                                    "text": {"type": "plain_text", "text": "👍"}}]})
    slack.fake.wait_for(f"response_url:{name}")


def test_dm_suggestions_carry_slacks_feedback_buttons_and_keep_the_latest_vote(slack):
    fake = slack.fake
    slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                 "ts": "1700000900.000100", "text": "Third time asking: where is my refund?"})
    [update] = fake.wait_for("chat.update")
    by_id = {b.get("block_id"): b for b in update.params["blocks"]}
    native = by_id["feedback_native"]
    assert native["type"] == "context_actions" and native["elements"][0]["type"] == "feedback_buttons"
    helpful, not_helpful = native["elements"][0]["positive_button"]["value"], native["elements"][0]["negative_button"]["value"]
    suggestion_id = helpful.partition(":")[2]
    assert helpful.startswith("helpful:") and not_helpful == f"not_helpful:{suggestion_id}"
    assert [e["action_id"] for e in by_id["actions_tone"]["elements"]] == ["tone_warmer", "tone_firmer", "tone_shorter"]
    assert "Helpful" not in all_text(by_id["actions_feedback"])  # the plain buttons gave way to Slack's

    _press(slack, helpful, "1700000901.000100", "v1")
    _press(slack, not_helpful, "1700000902.000100", "v2")
    [vote] = slack.history.feedback_for(suggestion_id)
    assert vote["helpful"] is False and vote["user_id"] == "UAGENT"
    assert "Thanks" in all_text(fake.responses("v2")[0])


def test_a_dm_suggestion_re_toned_keeps_slacks_feedback_buttons(slack):
    fake = slack.fake
    slack.event({"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                 "ts": "1700000910.000100", "text": "Third time asking: where is my refund?"})
    [update] = fake.wait_for("chat.update")
    warmer = next(b for b in update.params["blocks"] if b.get("block_id") == "actions_tone")["elements"][0]
    slack.interaction({"type": "block_actions", "user": {"id": "UAGENT"}, "response_url": fake.response_url("t1"),
                       "container": {"type": "message", "channel_id": "DAGENT", "message_ts": update.params["ts"]},
                       "actions": [{"type": "button", "action_id": warmer["action_id"], "value": warmer["value"],
                                    "block_id": "actions_tone", "action_ts": "1700000911.000100"}]})
    [retoned] = fake.wait_for("response_url:t1")
    by_id = {b.get("block_id"): b for b in retoned.params["blocks"]}
    assert retoned.params["replace_original"] is True
    assert by_id["feedback_native"]["elements"][0]["type"] == "feedback_buttons"
    assert "actions_tone" in by_id and "Helpful" not in all_text(by_id.get("actions_feedback", {}))


def test_ephemeral_suggestions_keep_the_plain_buttons(slack):
    slack.interaction(shortcut_payload(slack.fake, "My parcel is late."))
    final = slack.fake.wait_for("response_url:r1", count=2)[1].params
    ids = {b.get("block_id") for b in final["blocks"]}
    assert "feedback_native" not in ids and {"actions_tone", "actions_feedback"} <= ids


def test_a_nonsense_feedback_value_is_explained(slack):
    _press(slack, "maybe:abc", "1700000903.000100", "v3")
    assert "press Helpful or Not helpful again" in all_text(slack.fake.responses("v3")[0])


def test_the_migration_keeps_each_agents_latest_vote(database_url):
    engine = open_engine(database_url)
    migrate(engine)
    with engine.begin() as conn:  # a database from before migration 5, holding repeated votes
        feedback_one_vote.drop(conn)
        conn.execute(delete(schema_migrations).where(schema_migrations.c.version == 5))
        for user, helpful in [("U1", True), ("U1", False), ("U2", True), ("U1", True)]:
            conn.execute(insert(feedback).values(suggestion_id="s1", user_id=user, helpful=helpful, style="standard",
                                                 signals="", created_at=History(engine).clock()))
    assert migrate(engine) == [5]
    history = History(engine)
    assert sorted((v["user_id"], v["helpful"]) for v in history.feedback_for("s1")) == [("U1", True), ("U2", True)]
    history.record_feedback("s1", "U2", helpful=False)
    assert sorted((v["user_id"], v["helpful"]) for v in history.feedback_for("s1")) == [("U1", True), ("U2", False)]
