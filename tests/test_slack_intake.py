"""Payload parsing: shortcuts, DMs with shared messages, mentions, and the noise we ignore."""

from __future__ import annotations

import pytest

from bot.slack.intake import BadPayload, from_direct_message, from_mention, from_shortcut, shared_text, why_ignored


def test_shortcut_takes_the_message_text_and_response_url():
    body = {"type": "message_action", "callback_id": "suggest_reply", "user": {"id": "UAGENT"},
            "channel": {"id": "C1"}, "response_url": "https://hooks.example/r",
            "message": {"type": "message", "user": "UCUST", "ts": "1700.1", "text": "Where is my refund <@U2>?"}}
    intake = from_shortcut(body)
    assert (intake.text, intake.user_id, intake.channel_id, intake.message_ts) == ("Where is my refund <@U2>?", "UAGENT", "C1", "1700.1")
    assert intake.response_url == "https://hooks.example/r" and intake.mentioned_users == ("U2",)


@pytest.mark.parametrize("body", [{}, {"user": {"id": "U1"}}, {"user": "x", "channel": 3, "message": []},
                                  {"user": {"id": "U1"}, "channel": {"id": "C1"}, "message": {"text": "", "files": [{}]}}])
def test_malformed_shortcuts_are_explained(body):
    with pytest.raises(BadPayload):
        from_shortcut(body)


def test_shared_message_text_comes_from_the_attachment_not_the_wrapper():
    event = {"type": "message", "channel_type": "im", "user": "UAGENT", "channel": "D1", "ts": "2.0",
             "text": "what do I say to this?",
             "attachments": [{"is_share": True, "text": "Your courier threw my parcel over the fence!", "author_id": "UCUST"}]}
    assert from_direct_message(event).text == "Your courier threw my parcel over the fence!"


def test_forwarded_message_with_blocks_only():
    attachment = {"is_msg_unfurl": True, "text": "", "message_blocks": [{"message": {"blocks": [
        {"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [
            {"type": "text", "text": "Refund me now "}, {"type": "emoji", "name": "rage"}]}]}]}}]}
    assert shared_text({"attachments": [attachment]}) == "Refund me now :rage:"


def test_link_unfurls_are_not_customer_text():
    assert shared_text({"attachments": [{"title": "Acme", "text": "Homepage", "from_url": "https://acme.example"}]}) == ""


@pytest.mark.parametrize("event, reason", [
    ({"bot_id": "B1", "user": "U1", "text": "hi"}, "from a bot"),
    ({"subtype": "message_changed", "message": {"text": "x"}}, "subtype message_changed"),
    ({"subtype": "message_deleted"}, "subtype message_deleted"),
    ({"subtype": "channel_join", "user": "U1"}, "subtype channel_join"),
    ({"user": "UBOT", "text": "echo"}, "our own message"),
])
def test_noise_is_ignored(event, reason):
    assert why_ignored(event, bot_user_id="UBOT") == reason


def test_person_messages_are_not_ignored():
    assert why_ignored({"user": "U1", "text": "hello"}, "UBOT") is None
    assert why_ignored({"user": "U1", "subtype": "file_share", "text": "see attached"}, "UBOT") is None


def test_mention_in_a_thread_points_at_the_parent():
    event = {"type": "app_mention", "user": "UAGENT", "channel": "C1", "ts": "5.5", "thread_ts": "5.0",
             "text": "<@UBOT> help with this one"}
    intake = from_mention(event, "UBOT")
    assert intake.needs_thread_parent and intake.message_ts == "5.0" and intake.thread_ts == "5.0"


def test_mention_outside_a_thread_uses_its_own_text_without_the_mention():
    event = {"type": "app_mention", "user": "UAGENT", "channel": "C1", "ts": "6.0",
             "text": "<@UBOT> customer says: you people are useless"}
    intake = from_mention(event, "UBOT")
    assert not intake.needs_thread_parent and intake.text == "customer says: you people are useless"
    assert intake.thread_ts == "6.0"


def test_bare_mention_outside_a_thread_is_explained():
    with pytest.raises(BadPayload, match="thread"):
        from_mention({"user": "U1", "channel": "C1", "ts": "1.0", "text": "<@UBOT>"}, "UBOT")
