"""The fake Slack's agent-view methods and channels the bot is not in, each answered as Slack documents it
(docs.slack.dev/reference/methods: assistant.threads.setSuggestedPrompts, assistant.threads.setStatus,
chat.startStream, chat.appendStream, chat.stopStream), through the real slack_sdk client; a workspace without
the agent view (the fake's default) refuses them all."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from fakes.slack_api import FakeSlack

PROMPTS = [{"title": "Check my reply", "message": "Check my reply"}]


@pytest.fixture
def client(fake_slack: FakeSlack) -> WebClient:
    return WebClient(token="xoxb-test", base_url=fake_slack.url, timeout=5)


def _error(call) -> dict:
    with pytest.raises(SlackApiError) as err:
        call()
    assert err.value.response.status_code == 200
    return err.value.response.data


def test_suggested_prompts_need_the_agent_view(fake_slack: FakeSlack, client: WebClient) -> None:
    refused = _error(lambda: client.assistant_threads_setSuggestedPrompts(channel_id="DAGENT", prompts=PROMPTS))
    assert refused["error"] == "missing_scope" and refused["needed"] == "assistant:write"

    fake_slack.agent_view = True
    assert client.assistant_threads_setSuggestedPrompts(channel_id="DAGENT", prompts=PROMPTS, title="Try")["ok"]
    five = PROMPTS * 5
    assert _error(lambda: client.assistant_threads_setSuggestedPrompts(
        channel_id="DAGENT", prompts=five))["error"] == "invalid_arguments"
    assert _error(lambda: client.assistant_threads_setSuggestedPrompts(
        channel_id="C404", prompts=PROMPTS))["error"] == "channel_not_found"
    assert fake_slack.last("assistant.threads.setSuggestedPrompts").params["prompts"] == PROMPTS


def test_status_is_set_in_a_thread_and_cleared_with_an_empty_one(fake_slack: FakeSlack, client: WebClient) -> None:
    status = {"channel_id": "DAGENT", "thread_ts": "1700000000.000100", "status": "is working on it…"}
    assert _error(lambda: client.assistant_threads_setStatus(**status))["error"] == "missing_scope"

    fake_slack.agent_view = True
    assert client.assistant_threads_setStatus(**status, loading_messages=["Reading…", "Checking…"])["ok"]
    assert fake_slack.last("assistant.threads.setStatus").params["loading_messages"] == ["Reading…", "Checking…"]
    assert client.assistant_threads_setStatus(**{**status, "status": ""})["ok"]  # how a status is removed
    assert _error(lambda: client.api_call("assistant.threads.setStatus", json={
        "channel_id": "DAGENT", "status": "is working on it…"}))["error"] == "invalid_thread_ts"
    assert _error(lambda: client.assistant_threads_setStatus(
        **{**status, "channel_id": "C404"}))["error"] == "channel_not_found"


def test_streaming_needs_the_agent_view(fake_slack: FakeSlack, client: WebClient) -> None:
    """A classic workspace refuses to start a stream, as it refuses the assistant.* methods."""
    thread = {"channel": "DAGENT", "thread_ts": "1700000000.000100", "markdown_text": "drafts"}
    refused = _error(lambda: client.chat_startStream(**thread))
    assert refused["error"] == "missing_scope" and refused["needed"] == "assistant:write"
    assert fake_slack.messages("DAGENT") == []

    fake_slack.agent_view = True
    started = client.chat_startStream(**thread)
    fake_slack.agent_view = False  # turned off mid-stream: the rest is refused too
    for call in (lambda: client.chat_appendStream(channel="DAGENT", ts=started["ts"], markdown_text="x"),
                 lambda: client.chat_stopStream(channel="DAGENT", ts=started["ts"])):
        assert _error(call)["error"] == "missing_scope"


def test_a_stream_in_the_dm_grows_one_message_until_it_stops(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.agent_view = True
    stream = client.chat_stream(channel="DAGENT", thread_ts="1700000000.000100", buffer_size=1)
    stream.append(markdown_text="**Empathetic**: sorry ")
    stream.append(markdown_text="for the wait.")
    buttons = [{"type": "context_actions", "elements": []}]
    stopped = stream.stop(blocks=buttons)
    assert stopped["ts"] == stream.ts and stopped["message"]["streaming"] == "completed"
    [message] = fake_slack.messages("DAGENT")
    assert message["text"] == "**Empathetic**: sorry for the wait."
    assert message["thread_ts"] == "1700000000.000100" and message["blocks"] == buttons
    assert fake_slack.methods() == ["chat.startStream", "chat.appendStream", "chat.stopStream"]


def test_a_stream_answers_for_a_wrong_ts_a_stopped_stream_and_someone_elses_message(
        fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.agent_view = True
    started = client.chat_startStream(channel="DAGENT", thread_ts="1700000000.000100", markdown_text="Hi")
    assert _error(lambda: client.chat_appendStream(
        channel="DAGENT", ts="1.000001", markdown_text="x"))["error"] == "message_not_found"
    assert _error(lambda: client.chat_appendStream(
        channel="DAGENT", ts=started["ts"]))["error"] == "markdown_text_or_chunks_required"

    client.chat_stopStream(channel="DAGENT", ts=started["ts"])
    assert _error(lambda: client.chat_appendStream(
        channel="DAGENT", ts=started["ts"], markdown_text="late"))["error"] == "message_not_in_streaming_state"
    assert _error(lambda: client.chat_stopStream(
        channel="DAGENT", ts=started["ts"]))["error"] == "message_not_in_streaming_state"
    assert fake_slack.messages("DAGENT")[0]["text"] == "Hi"  # nothing was added after the stop

    agent = fake_slack.add_message("DAGENT", "1700000000.000100", "my draft", user="UAGENT")
    assert _error(lambda: client.chat_appendStream(
        channel="DAGENT", ts=agent["ts"], markdown_text="x"))["error"] == "message_not_owned_by_app"


def test_streaming_in_a_channel_needs_the_recipient_and_membership(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.agent_view = True
    fake_slack.add_channel("C1", "support")
    fake_slack.add_channel("CPRIV", "vip-support", member=False)
    thread = {"thread_ts": "1700000000.000100", "markdown_text": "drafts"}
    assert _error(lambda: client.chat_startStream(channel="C1", **thread))["error"] == "missing_recipient_user_id"
    assert _error(lambda: client.chat_startStream(
        channel="C1", recipient_user_id="UAGENT", **thread))["error"] == "missing_recipient_team_id"
    assert _error(lambda: client.chat_startStream(
        channel="CPRIV", recipient_user_id="UAGENT", recipient_team_id="T1", **thread))["error"] == "not_in_channel"
    # with both, Slack streams it: a thread reply every member of the channel sees (why Composure never does)
    assert client.chat_startStream(channel="C1", recipient_user_id="UAGENT", recipient_team_id="T1", **thread)["ok"]
    assert fake_slack.messages("CPRIV") == []


def test_a_channel_the_bot_is_not_in(fake_slack: FakeSlack, client: WebClient) -> None:
    fake_slack.add_channel("CPRIV", "vip-support", member=False)
    fake_slack.add_message("CPRIV", "1700000000.000100", "Where is my refund?")
    for read in (lambda: client.conversations_history(channel="CPRIV", latest="1700000000.000100", inclusive=True),
                 lambda: client.conversations_replies(channel="CPRIV", ts="1700000000.000100"),
                 lambda: client.chat_postMessage(channel="CPRIV", text="hello"),
                 lambda: client.chat_postEphemeral(channel="CPRIV", user="UAGENT", text="only you")):
        assert _error(read)["error"] == "not_in_channel"
    assert client.conversations_info(channel="CPRIV")["channel"]["is_member"] is False
    assert [m["text"] for m in fake_slack.messages("CPRIV")] == ["Where is my refund?"]

    fake_slack.add_channel("CPRIV", member=True)  # the bot was invited
    history = client.conversations_history(channel="CPRIV", latest="1700000000.000100", inclusive=True, limit=1)
    assert [m["text"] for m in history["messages"]] == ["Where is my refund?"]
    assert client.conversations_info(channel="CPRIV")["channel"]["is_member"] is True
