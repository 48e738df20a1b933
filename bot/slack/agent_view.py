"""Slack's agent view: suggested prompts on the Messages tab, and "is reading…" while Composure works.

Both are courtesies. A workspace without the agent view answers these methods with an error
(missing_scope and the like); that is logged at DEBUG and the work goes on exactly as before,
with the placeholder message instead of the status.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.prompts import PROMPTS_TITLE, SUGGESTED_PROMPTS

log = logging.getLogger("composure.slack")

READING = ("Reading the message…", "Looking for what the customer needs…", "Checking the playbook…")
IMPROVING = ("Writing better drafts…", "Checking them against the policy…")
CHECKING = ("Reading your reply…", "Checking it against the playbook…")


class AgentView:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def offer_prompts(self, channel_id: str) -> bool:
        """Pin the suggested prompts on the agent's conversation with Composure. No thread_ts: under the
        agent view the prompts belong to the conversation, and a thread_ts makes the call fail silently."""
        return self._try("assistant.threads.setSuggestedPrompts", lambda: self.client.assistant_threads_setSuggestedPrompts(
            channel_id=channel_id, prompts=[dict(p) for p in SUGGESTED_PROMPTS], title=PROMPTS_TITLE))

    def show_status(self, channel_id: str, thread_ts: str | None, loading: tuple[str, ...]) -> bool:
        """The loading indicator under the agent's message, in its own DM thread only (never a channel);
        Slack clears it when Composure replies in the thread. False when the workspace has no such thing."""
        if not channel_id.startswith("D") or not thread_ts:
            return False
        return self._try("assistant.threads.setStatus", lambda: self.client.assistant_threads_setStatus(
            channel_id=channel_id, thread_ts=thread_ts, status="is working on it…", loading_messages=list(loading)))

    def clear_status(self, channel_id: str, thread_ts: str | None) -> None:
        """An empty status removes the indicator (for an answer that did not post in the thread)."""
        if channel_id.startswith("D") and thread_ts:
            self._try("assistant.threads.setStatus", lambda: self.client.assistant_threads_setStatus(
                channel_id=channel_id, thread_ts=thread_ts, status=""))

    @staticmethod
    def _try(method: str, call) -> bool:
        try:
            call()
            return True
        except SlackApiError as exc:
            log.debug("%s unavailable here (%s); carrying on without it", method, exc.response.get("error"))
        except SlackClientError as exc:
            log.debug("%s failed (%s); carrying on without it", method, type(exc).__name__)
        return False
