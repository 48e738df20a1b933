"""The dispatcher's voice in Slack: post a reminder where it belongs, or DM the owner and say why."""

from __future__ import annotations

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


class SlackReminderPoster:
    def __init__(self, client: WebClient, lead_channel: str) -> None:
        self.client = client
        self.lead_channel = lead_channel

    def post_reminder(self, followup: FollowUp, late: bool) -> Posted:
        blocks, text = reminder_blocks(followup, late), reminder_text(followup)
        try:
            answer = self.client.chat_postMessage(channel=followup.channel_id, text=text, blocks=blocks)
            return Posted(answer["channel"], answer["ts"], f"posted in {followup.channel_id}")
        except SlackApiError as exc:
            if is_transient(exc):
                raise TransientFailure(exc.response.get("error", "server error")) from None
            error = exc.response.get("error", "unknown_error")
        except (SlackClientError, OSError) as exc:
            raise TransientFailure(type(exc).__name__) from None
        return self._to_owner(followup, blocks, text, error)

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
        try:
            self.client.chat_postMessage(channel=self.lead_channel, blocks=overdue_blocks(followup, grace),
                                         text=f"Overdue follow-up for <@{followup.assignee_id}>: {followup.note[:200]}")
        except SlackApiError as exc:
            if is_transient(exc):
                raise TransientFailure(exc.response.get("error", "server error")) from None
            raise
        except (SlackClientError, OSError) as exc:
            raise TransientFailure(type(exc).__name__) from None
