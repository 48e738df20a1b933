"""Events: an @mention (in a thread: the thread's parent), messages sent to the bot in a DM (bot.slack.conversation),
and, under the agent view, what the agent is viewing (`app_context_changed`, remembered for "What's going on here?").

Slack's re-sends and the two events one DM mention makes are recognised before this runs (bot.slack.work)."""

from __future__ import annotations

import logging

from bot.slack import blocks
from bot.slack.conversation import Conversation
from bot.slack.guard import reported_to
from bot.slack.intake import Intake, from_direct_message, from_mention, shared_text, why_ignored
from bot.slack.services import Services

log = logging.getLogger("composure.slack")


class Events:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.conversation = Conversation(services)

    def _tell(self, event: dict, source: str):
        who = Intake(text="", user_id=str(event.get("user", "")), channel_id=str(event.get("channel", "")),
                     message_ts="", source=source, thread_ts=event.get("thread_ts") or event.get("ts"))
        return lambda sentence: self.services.delivery.tell(who, blocks.notice_blocks(sentence), sentence)

    def app_mention(self, event: dict) -> None:
        if why_ignored(event, self.services.bot_user_id):
            return
        with reported_to(self._tell(event, "mention"), "app_mention"):
            intake = from_mention(event, self.services.bot_user_id)
            self.services.suggest_privately(intake)

    def direct_message(self, event: dict) -> None:
        if event.get("channel_type") != "im":
            return
        reason = why_ignored(event, self.services.bot_user_id)
        if reason:
            log.debug("message ignored: %s", reason)
            return
        with reported_to(self._tell(event, "dm"), "message.im"):
            intake = from_direct_message(event)
            self.conversation.answer(intake, forwarded=bool(shared_text(event)))

    def context_changed(self, event: dict, body: dict) -> None:
        """Nothing is said to the agent: the view is only remembered (a failure is logged)."""
        with reported_to(lambda sentence: None, "app_context_changed"):
            self.conversation.viewed.remember(event, body)
