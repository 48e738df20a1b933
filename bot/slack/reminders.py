"""The dispatcher's voice in Slack: post a reminder where it belongs, or DM the owner and say why."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.followups.dispatcher import Posted, TransientFailure
from bot.followups.model import FollowUp
from bot.slack.blocks import notice_blocks
from bot.slack.client import is_transient
from bot.slack.reminder_blocks import (
    fallback_notice,
    overdue_blocks,
    reminder_blocks,
    reminder_text,
)


@contextmanager
def _trouble_is_transient():
    """Slack in trouble (429 / 5xx after slack_sdk's retries) or out of reach: a TransientFailure, which
    the dispatcher tries again later. Any other refusal (not_in_channel…) is left to the caller."""
    try:
        yield
    except SlackApiError as exc:
        if is_transient(exc):
            raise TransientFailure(exc.response.get("error", "server error")) from None
        raise
    except (SlackClientError, OSError) as exc:
        raise TransientFailure(type(exc).__name__) from None


EVENT_TYPE = "composure_followup"  # message metadata naming the follow-up a post is for
LOOK_BACK = 100                    # recent messages searched for an earlier post of the same reminder


class SlackReminderPoster:
    def __init__(self, client: WebClient, lead_channel: str) -> None:
        self.client = client
        self.lead_channel = lead_channel
        self._tried: set[str] = set()  # follow-ups whose last post failed without an answer

    def _earlier_post(self, followup: FollowUp) -> Posted | None:
        """A post a failed attempt made after all (Slack accepted it, the answer was lost)."""
        try:
            with _trouble_is_transient():
                answer = self.client.conversations_history(channel=followup.channel_id, limit=LOOK_BACK,
                                                           include_all_metadata=True)
        except SlackApiError:
            return None  # can't read the channel: posting is the only way to tell
        for message in answer.get("messages") or []:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == EVENT_TYPE and (meta.get("event_payload") or {}).get("followup_id") == followup.id:
                return Posted(followup.channel_id, message["ts"], "found the post an earlier attempt made")
        return None

    def post_reminder(self, followup: FollowUp, late: bool) -> Posted:
        """Posted with the follow-up's id in its metadata; a retry looks for that post before posting again,
        so a reminder whose answer was lost is not posted twice."""
        blocks, text = reminder_blocks(followup, late), reminder_text(followup)
        if followup.attempts > 1 or followup.id in self._tried:  # the claim counts this attempt: 1 is the first
            earlier = self._earlier_post(followup)
            if earlier is not None:
                self._tried.discard(followup.id)
                return earlier
        self._tried.add(followup.id)
        try:
            with _trouble_is_transient():
                answer = self.client.chat_postMessage(channel=followup.channel_id, text=text, blocks=blocks,
                                                      metadata={"event_type": EVENT_TYPE,
                                                                "event_payload": {"followup_id": followup.id}})
        except SlackApiError as exc:  # refused outright: nothing was posted
            self._tried.discard(followup.id)
            return self._to_owner(followup, blocks, text, exc.response.get("error", "unknown_error"))
        self._tried.discard(followup.id)
        return Posted(answer["channel"], answer["ts"], f"posted in {followup.channel_id}")

    def _to_owner(self, followup: FollowUp, blocks: list[dict], text: str, error: str) -> Posted:
        """The channel is out of reach: the owner still hears about it, and why."""
        try:
            dm = self.client.conversations_open(users=followup.owner_id)["channel"]["id"]
            answer = self.client.chat_postMessage(channel=dm, text=text,
                                                  blocks=notice_blocks(fallback_notice(followup, error)) + blocks)
            return Posted(answer["channel"], answer["ts"], f"DM to owner: {error}")
        except (SlackApiError, SlackClientError, OSError) as exc:
            raise TransientFailure(f"{error}, and the DM failed: {type(exc).__name__}") from None

    def escalate_overdue(self, followup: FollowUp, grace: timedelta) -> None:
        """Slack in trouble is a TransientFailure (the dispatcher tries again later), as for reminders."""
        with _trouble_is_transient():
            self.client.chat_postMessage(channel=self.lead_channel, blocks=overdue_blocks(followup, grace),
                                         text=f"Overdue follow-up for <@{followup.assignee_id}>: {followup.note[:200]}")
