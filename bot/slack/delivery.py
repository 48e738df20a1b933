"""Private delivery: ephemeral to the agent where possible, a DM where not, never public.

Nothing here posts where the customer or the whole channel can see it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import notice_blocks
from bot.slack.client import webhook
from bot.slack.intake import Intake

log = logging.getLogger("composure.slack")
NOT_REACHABLE = {"not_in_channel", "channel_not_found", "is_archived", "user_not_in_channel", "restricted_action",
                 "ekm_access_denied", "cannot_dm_bot", "messages_tab_disabled"}


@dataclass
class Placeholder:
    """Where the "Reading the message…" note went, so the result can replace it."""

    kind: str                 # response_url | dm | thread (a DM thread, nothing posted yet: the status shows) | none
    channel: str = ""
    ts: str = ""
    response_url: str = ""


class Delivery:
    def __init__(self, client: WebClient) -> None:
        self.client = client

    def webhook(self, url: str):
        """A response_url client retried exactly like the Web API client (same handlers, same backoff)."""
        return webhook(url, self.client.retry_handlers)

    def dm_channel(self, user_id: str) -> str:
        return self.client.conversations_open(users=user_id)["channel"]["id"]

    def placeholder(self, intake: Intake, blocks: list[dict], text: str) -> Placeholder:
        if intake.source == "shortcut" and intake.response_url:
            self.webhook(intake.response_url).send(text=text, blocks=blocks, response_type="ephemeral")
            return Placeholder("response_url", response_url=intake.response_url)
        if intake.source == "dm":
            posted = self.client.chat_postMessage(channel=intake.channel_id, text=text, blocks=blocks,
                                                  thread_ts=intake.thread_ts)
            return Placeholder("dm", channel=posted["channel"], ts=posted["ts"])
        return Placeholder("none")  # an ephemeral in a channel cannot be replaced later; deliver once

    def deliver(self, intake: Intake, where: Placeholder, blocks: list[dict], text: str,
                fallback_notice: str) -> Placeholder:
        """Show the result to the agent only; returns where it now lives, so it can be replaced again.

        An ephemeral message in a channel comes back as kind "none": Slack cannot update it.
        """
        if where.kind == "response_url":
            response = self.webhook(where.response_url).send(text=text, blocks=blocks, response_type="ephemeral",
                                                         replace_original=True)
            if response.status_code < 300:
                return where
            log.warning("response_url answered %s; delivering by DM", response.status_code)
        elif where.kind == "dm":
            self.client.chat_update(channel=where.channel, ts=where.ts, text=text, blocks=blocks)
            return where
        elif where.kind == "thread":
            posted = self.client.chat_postMessage(channel=where.channel, thread_ts=where.ts, text=text, blocks=blocks)
            return Placeholder("dm", channel=posted["channel"], ts=posted["ts"])
        else:
            try:
                self.client.chat_postEphemeral(channel=intake.channel_id, user=intake.user_id, text=text,
                                               blocks=blocks, thread_ts=intake.thread_ts)
                return Placeholder("none")
            except SlackApiError as exc:
                if exc.response.get("error") not in NOT_REACHABLE:
                    raise
                log.info("ephemeral impossible (%s); delivering by DM", exc.response.get("error"))
        return self.by_dm(intake.user_id, fallback_notice, blocks, text)

    def by_dm(self, user_id: str, notice_text: str, blocks: list[dict], text: str) -> Placeholder:
        posted = self.client.chat_postMessage(channel=self.dm_channel(user_id), text=text,
                                              blocks=notice_blocks(notice_text) + blocks)
        return Placeholder("dm", channel=posted["channel"], ts=posted["ts"])

    def tell(self, intake: Intake, blocks: list[dict], text: str) -> None:
        """A short private note (an error, a refusal) wherever the request came from."""
        if intake.response_url:
            answer = self.webhook(intake.response_url).send(text=text, blocks=blocks, response_type="ephemeral",
                                                            replace_original=True)
            if answer.status_code >= 300:  # still unusable after the retries: the DM is the only way left
                log.warning("response_url answered %s; telling by DM", answer.status_code)
                self.client.chat_postMessage(channel=self.dm_channel(intake.user_id), text=text, blocks=blocks)
        elif intake.source == "dm":
            self.client.chat_postMessage(channel=intake.channel_id, text=text, blocks=blocks, thread_ts=intake.thread_ts)
        else:
            try:
                self.client.chat_postEphemeral(channel=intake.channel_id, user=intake.user_id, text=text,
                                               blocks=blocks, thread_ts=intake.thread_ts)
            except SlackApiError:
                self.client.chat_postMessage(channel=self.dm_channel(intake.user_id), text=text, blocks=blocks)


class NobodyToTell(Exception):
    """A payload with neither a response_url nor a user: there is no one to answer."""


class Respond:
    """Bolt's `respond()`, made as dependable as the rest of delivery.

    Bolt's own posts to the response_url once: a 429 or a 5xx is not retried, and the failure
    only shows in the status it returns, which nobody reads, so a rate-limited /escalate,
    /followup or button answer simply vanished. This one retries like the Web API client and,
    when the response_url stays unusable (or the payload had none), delivers by DM and says so.
    """

    NOTICE = "I couldn't answer where you asked (Slack refused the reply), so here it is in a direct message."

    def __init__(self, delivery: Delivery, response_url: str | None, user_id: str | None) -> None:
        self.delivery, self.response_url, self.user_id = delivery, response_url, user_id

    def __call__(self, text: str = "", blocks: list[dict] | None = None, response_type: str | None = None,
                 replace_original: bool | None = None, **extra):
        if self.response_url:
            answer = self.delivery.webhook(self.response_url).send(
                text=text, blocks=blocks, response_type=response_type, replace_original=replace_original, **extra)
            if answer.status_code < 300:
                return answer
            log.warning("response_url answered %s; delivering by DM", answer.status_code)
        if not self.user_id:
            raise NobodyToTell("no response_url and no user id in the payload")
        return self.delivery.by_dm(self.user_id, self.NOTICE, blocks or [], text or self.NOTICE)
