""""What's going on here?": the message the agent has in view (Slack's agent view tells us which, through
`app_context_changed`), read and analysed as if it had been forwarded.

When Composure cannot read it (not a member of that channel, or a scope it was not given), the agent
is told so in one sentence with the fix, and asked for the text instead. The fix depends on the place:
a channel takes /invite, but nobody can invite an app into someone's DM or group DM, so there the
message is forwarded, run through the "Suggest a reply" shortcut, or pasted.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone

from slack_sdk.errors import SlackApiError

from bot.slack import blocks
from bot.slack.intake import Intake, field, message_text, value_at
from bot.slack.services import Services
from bot.storage.conversations import Viewing

log = logging.getLogger("composure.slack")

MESSAGE_CONTEXT, CHANNEL, THREAD = "slack#/types/message_context", "slack#/types/channel_id", "slack#/types/thread_ts"
NOT_A_MEMBER = {"not_in_channel", "channel_not_found"}
NO_CONTEXT = ("I don't know which message you're looking at: open the customer's message with me beside it and "
              "ask again, or paste the message here.")
NOT_IN_CHANNEL = ("I can't read the message you're viewing because I'm not in <#{channel}>: invite me there with "
                  "/invite @Composure and ask again, or paste the message here.")
MISSING_SCOPE = ("I can't read the message you're viewing because I wasn't given the permission for it ({needed}): "
                 "ask whoever manages Composure to reinstall it from manifest.yml, or paste the message here.")
IN_A_DM = ("I can't read the message you're viewing: it's in a direct message I'm not part of, and an app can't be "
            "invited into someone's DM. Forward it to me, use the “Suggest a reply” shortcut on it, or paste it here.")
IN_A_GROUP = ("I can't read the message you're viewing: it's in a group DM or a private channel I'm not in. A group DM "
              "can't take an app: forward the message to me, use the “Suggest a reply” shortcut on it, or paste it "
              "here. In a private channel, /invite @Composure and ask again.")
GONE = "I can't find the message you're viewing any more (deleted?): paste it here instead."
NO_TEXT = "The message you're viewing has no text I can read (only files or images?): paste the customer's words here."
AS_CONTEXT = "Checked with the message you're viewing{place} as the customer's:"
UNREADABLE_CONTEXT = ("I couldn't read the message you're viewing, so this was checked without it: paste both parts, "
                      "“Customer: …” then “Reply: …”, for a closer check.")


def viewing_from(event: dict) -> Viewing | None:
    """The most relevant place in an app_context_changed event (its entities come ordered by relevance):
    a message when one is named, else a thread or a channel; None for an empty context."""
    entities = [e for e in (value_at(event, "context", "entities") or []) if isinstance(e, dict)]
    for entity in entities:
        if entity.get("type") == MESSAGE_CONTEXT and field(entity, "value", "channel_id") and field(entity, "value", "message_ts"):
            return Viewing(field(entity, "value", "channel_id"), field(entity, "value", "message_ts"),
                           field(entity, "value", "thread_ts"))
    channel = next((field(e, "value") for e in entities if e.get("type") == CHANNEL and field(e, "value")), "")
    thread = next((field(e, "value") for e in entities if e.get("type") == THREAD and field(e, "value")), "")
    channel = channel or field(event, "channel")
    if not channel or channel.startswith("D"):  # the agent's own DM with Composure is no customer's message
        return None
    return Viewing(channel, thread, thread)  # a thread in view: its parent is the message


def event_time(event: dict, body: dict, now: datetime) -> datetime:
    """When the context changed, from the event's own ts (to order late deliveries), else the envelope's."""
    for raw in (field(event, "event_ts"), body.get("event_time")):
        try:
            return datetime.fromtimestamp(float(raw), timezone.utc)
        except (TypeError, ValueError, OverflowError, OSError):
            continue
    return now


def why_unreadable(channel_id: str, response) -> str | None:
    """The sentence for a failed read, with the fix that fits the place, or None for an error to raise.
    DMs' ids start with D; a G id is a group DM or an older private channel, which Slack will not tell
    apart for a conversation Composure is not in, so that advice covers both."""
    error, needed = response.get("error"), response.get("needed") or ""
    if channel_id.startswith("D") and (error in NOT_A_MEMBER or error == "missing_scope"):
        return IN_A_DM
    if channel_id.startswith("G") and (error in NOT_A_MEMBER or needed.startswith("mpim:")):
        return IN_A_GROUP
    if error in NOT_A_MEMBER:
        return NOT_IN_CHANNEL.format(channel=channel_id)
    if error == "missing_scope":
        return MISSING_SCOPE.format(needed=needed or "a history scope")
    if error in ("thread_not_found", "message_not_found"):
        return GONE
    return None


class ViewedMessage:
    def __init__(self, services: Services) -> None:
        self.services = services

    def remember(self, event: dict, body: dict) -> None:
        user_id = field(event, "user")
        if not user_id:
            return
        store = self.services.conversations
        where, at = viewing_from(event), event_time(event, body, store.clock())
        if where is None:
            store.forget_viewing(user_id, at)
        else:
            store.remember_viewing(user_id, where, at)

    def suggest(self, intake: Intake) -> None:
        """Analyse the viewed message in the agent's DM thread, or say why not and ask for the text."""
        where = self.services.conversations.viewing(intake.user_id)
        if where is None or not where.message_ts:
            return self._tell(intake, NO_CONTEXT)
        try:
            text = self.read(where)
        except SlackApiError as exc:
            why = why_unreadable(where.channel_id, exc.response)
            if why is None:
                raise
            return self._tell(intake, why)
        if text is None:
            return self._tell(intake, GONE)
        if not text:
            return self._tell(intake, NO_TEXT)
        self.services.suggest_privately(Intake(**{**intake.__dict__, "text": text}))

    def as_context(self, user_id: str) -> tuple[str | None, str]:
        """The viewed message as the customer's words for "Check my reply", with the sentence saying which it
        was: (None, "") when nothing is in view, (None, why) when it cannot be read, for the check goes on."""
        where = self.services.conversations.viewing(user_id)
        if where is None or not where.message_ts:
            return None, ""
        try:
            text = self.read(where)
        except SlackApiError as exc:
            log.info("the viewed message is not readable (%s); checking without it", exc.response.get("error"))
            text = None
        if not text:
            return None, UNREADABLE_CONTEXT
        return text, AS_CONTEXT.format(place="" if where.channel_id.startswith("D") else f" in <#{where.channel_id}>")

    def read(self, where: Viewing) -> str | None:
        """The message's text ('' when it has none), from the channel's history or, for a reply, from its
        thread; None when Slack no longer has it."""
        found = None
        if not where.thread_ts or where.thread_ts == where.message_ts:
            history = self.services.client.conversations_history(channel=where.channel_id, latest=where.message_ts,
                                                                 inclusive=True, limit=1)
            found = self._find(history.get("messages"), where)
        if found is None:  # a reply in a thread is not in the channel's history
            replies = self.services.client.conversations_replies(
                channel=where.channel_id, ts=where.thread_ts or where.message_ts, oldest=where.message_ts,
                latest=where.message_ts, inclusive=True, limit=2)
            found = self._find(replies.get("messages"), where)
        return None if found is None else message_text(found)

    @staticmethod
    def _find(messages, where: Viewing) -> dict | None:
        return next((m for m in messages or [] if isinstance(m, dict) and m.get("ts") == where.message_ts), None)

    def _tell(self, intake: Intake, sentence: str) -> None:
        self.services.delivery.tell(intake, blocks.notice_blocks(sentence), sentence)
