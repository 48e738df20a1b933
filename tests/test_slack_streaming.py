"""The model's drafts in Slack end to end: streamed into the agent's own DM thread (with the status while
the model works), chat.update where streaming is refused or breaks, and never a stream anywhere else."""

from __future__ import annotations

import pytest

from slack_harness import all_text, shortcut_payload
from test_llm_engine import answer
from test_slack_model import slack_with_model  # noqa: F401  (fixture)

MODEL_SAYS = "A calm, specific reply from the model."
DM = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000800.000100",
      "text": "My parcel is late again and I'm annoyed."}


def _stream_calls(fake) -> list:
    return [c for c in fake.calls if c.method in ("chat.startStream", "chat.appendStream", "chat.stopStream")]


def test_the_models_drafts_are_streamed_into_the_agents_dm_thread(slack_with_model):
    slack, model = slack_with_model
    slack.fake.agent_view = True
    model.default(answer(text=MODEL_SAYS))
    slack.event(DM)
    [stop] = slack.fake.wait_for("chat.stopStream", timeout=10)
    [start] = slack.fake.calls_to("chat.startStream")
    assert (start.params["channel"], start.params["thread_ts"]) == ("DAGENT", "1700000800.000100")
    assert stop.ok and {b["block_id"] for b in stop.params["blocks"]} >= {"actions_tone", "actions_feedback"}
    [offline] = slack.fake.calls_to("chat.postMessage")  # the offline suggestion came first, in the same thread
    assert offline.params["thread_ts"] == "1700000800.000100" and MODEL_SAYS not in all_text(offline.params)
    streamed = next(m for m in slack.fake.messages("DAGENT") if m["ts"] == start.response["ts"])
    assert MODEL_SAYS in streamed["text"] and streamed["streaming"] == "completed"
    statuses = [c.params["loading_messages"] for c in slack.fake.calls_to("assistant.threads.setStatus")]
    assert len(statuses) == 2 and statuses[0] != statuses[1]  # reading, then the model writing
    methods = slack.fake.methods()
    assert methods.index("chat.postMessage") < methods.index("assistant.threads.setStatus", 2) < methods.index("chat.startStream")
    assert not slack.fake.calls_to("chat.update")


@pytest.mark.parametrize("agent_view, refusal", [(False, "missing_scope"), (True, "not_allowed_token_type")],
                         ids=["classic workspace", "refused in the agent view"])
def test_where_streaming_is_refused_the_offline_suggestion_is_updated_in_place(slack_with_model, agent_view, refusal):
    """A classic workspace refuses every stream; one with the agent view may still refuse one. Either way the
    model's drafts replace the offline suggestion (posted at once, or over a placeholder where no status shows)."""
    slack, model = slack_with_model
    model.default(answer(text=MODEL_SAYS))
    slack.fake.agent_view = agent_view
    if agent_view:
        slack.fake.fail("chat.startStream", refusal)
    slack.event(DM)
    update = slack.fake.wait_for("chat.update", count=1 if agent_view else 2, timeout=10)[-1]
    [offline] = slack.fake.calls_to("chat.postMessage")
    assert update.params["ts"] == offline.response["ts"] and MODEL_SAYS in all_text(update.params["blocks"])
    assert [c.outcome for c in _stream_calls(slack.fake)] == [refusal]
    assert "feedback_native" in {b.get("block_id") for b in update.params["blocks"]}  # Slack's feedback buttons, in the DM


def test_a_stream_that_breaks_is_finished_with_chat_update_on_its_ts(slack_with_model):
    slack, model = slack_with_model
    slack.fake.agent_view = True
    model.default(answer(text=MODEL_SAYS))
    slack.fake.fail("chat.appendStream", "message_not_in_streaming_state")
    slack.event(DM)
    updates = slack.fake.wait_for("chat.update", timeout=10)
    [start] = slack.fake.calls_to("chat.startStream")
    assert updates[-1].params["ts"] == start.response["ts"] and MODEL_SAYS in all_text(updates[-1].params["blocks"])
    assert not slack.fake.calls_to("chat.stopStream")


def test_private_surfaces_keep_the_offline_first_replacement_and_never_stream(slack_with_model):
    slack, model = slack_with_model
    slack.fake.agent_view = True
    model.default(answer(text=MODEL_SAYS))
    slack.interaction(shortcut_payload(slack.fake, "My parcel is late again and I'm annoyed."))
    improved = slack.fake.wait_for("response_url:r1", count=3, timeout=10)[2].params
    assert improved["replace_original"] and MODEL_SAYS in all_text(improved)
    slack.event({"type": "app_mention", "channel": "C1", "user": "UAGENT", "ts": "1700000810.000100",
                 "text": "<@UBOT> my refund still hasn't arrived, this is a joke"})
    slack.fake.wait_for("chat.postEphemeral", count=2, timeout=10)
    assert not _stream_calls(slack.fake) and not slack.fake.calls_to("assistant.threads.setStatus")
