"""What every listener needs, passed explicitly, and the one suggestion flow they share."""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.assistant import Assistant
from bot.escalation import EscalationGuidance, Situation
from bot.reply_check import ReplyChecker
from bot.followups.store import FollowUpStore
from bot.slack import blocks
from bot.slack.agent_view import CHECKING, IMPROVING, READING, AgentView
from bot.slack.delivery import Delivery, Placeholder
from bot.slack.intake import BadPayload, Intake, message_text
from bot.slack.people import People
from bot.slack.review_blocks import review_blocks, review_text
from bot.slack.streaming import DraftStream, may_stream
from bot.storage.conversations import ConversationStore
from bot.storage.history import History
from bot.suggestion import Suggestion

PLACEHOLDER = "Reading the message…"
CHECKING_PLACEHOLDER = "Reading your reply…"


@dataclass
class Services:
    assistant: Assistant
    history: History
    client: WebClient
    people: People
    delivery: Delivery
    followups: FollowUpStore
    agent_view: AgentView
    checker: ReplyChecker
    conversations: ConversationStore
    streams: DraftStream
    bot_user_id: str = ""
    # Composing is pure Python: with the interpreter lock, two threads composing at once only slow each
    # other and every acknowledgement. One at a time; the many compose threads are for waiting on Slack.
    thinking: threading.Semaphore = field(default_factory=lambda: threading.BoundedSemaphore(1))

    def thread_parent_text(self, intake: Intake, required: bool = True) -> str | None:
        """The customer's message a mention (or a draft) in a thread refers to: the thread's parent.
        Not `required` (context for "Check my reply"), a parent Composure cannot read is simply None."""
        try:
            reply = self.client.conversations_replies(channel=intake.channel_id, ts=intake.thread_ts, limit=1, inclusive=True)
        except SlackApiError:
            if required:
                raise
            return None
        messages = reply.get("messages") or []
        parent = next((m for m in messages if m.get("ts") == intake.thread_ts), messages[0] if messages else None)
        text = message_text(parent) if parent else ""
        if not text and required:
            raise BadPayload("I couldn't read the message this thread starts with. Use “Suggest a reply” on it instead.")
        return text or None

    def suggest(self, intake: Intake, tone: str | None = None) -> tuple[str, Suggestion]:
        """The offline suggestion, at once (a model, if any, improves it afterwards)."""
        names = self.people.names_for(intake.mentioned_users)
        with self.thinking:
            suggestion = self.assistant.suggest(intake.text, user_names=names, tone=tone)
        suggestion_id = uuid.uuid4().hex[:16]
        self.history.save_suggestion(suggestion_id, intake.user_id, intake.channel_id, intake.source, intake.text,
                                     suggestion, tone or "", intake.message_ts)
        return suggestion_id, suggestion

    def improved(self, intake: Intake, suggestion_id: str, offline: Suggestion, tone: str | None = None) -> Suggestion | None:
        """The model's drafts over the offline ones, or None when no model is configured."""
        if self.assistant.model is None:
            return None
        names = self.people.names_for(intake.mentioned_users)
        better = self.assistant.improve(intake.text, offline, names, tone)
        self.history.record_engine(suggestion_id, better.engine, better.usage)
        return better

    def begin(self, intake: Intake, loading: tuple[str, ...], placeholder: str) -> Placeholder:
        """Show the agent that work has started: in their DM thread under the agent view, Slack's status
        (cleared by the answer); anywhere else, or where the status is refused, a placeholder to replace."""
        if intake.source == "dm" and self.agent_view.show_status(intake.channel_id, intake.thread_ts, loading):
            return Placeholder("thread", channel=intake.channel_id, ts=intake.thread_ts or "")
        return self.delivery.placeholder(intake, blocks.placeholder_blocks(placeholder), placeholder)

    def suggest_privately(self, intake: Intake) -> Placeholder:
        """Placeholder at once, the offline suggestion in its place, then the model's drafts if configured."""
        where = self.begin(intake, READING, PLACEHOLDER)
        if intake.needs_thread_parent:
            intake = Intake(**{**intake.__dict__, "text": self.thread_parent_text(intake), "needs_thread_parent": False})
        suggestion_id, suggestion = self.suggest(intake)
        notice = (f"I couldn't show this privately in <#{intake.channel_id}> (I may not be a member there), "
                  "so here it is in a direct message.")
        native = intake.source == "dm"  # Slack's feedback buttons in the agent's DM; plain buttons on ephemeral messages
        where = self.delivery.deliver(intake, where, blocks.suggestion_blocks(suggestion, suggestion_id, native_feedback=native),
                                      blocks.suggestion_text(suggestion), notice)
        if self.assistant.model is None:
            return where
        if may_stream(intake, where):
            return self._stream_improved(intake, where, suggestion_id, suggestion)
        better = self.improved(intake, suggestion_id, suggestion)
        update = None if where.kind != "none" else "The model's drafts (Slack can't update the earlier message here)."
        return self.delivery.deliver(intake, where, blocks.suggestion_blocks(better, suggestion_id, notice=update,
                                                                             native_feedback=intake.source == "dm"),
                                     blocks.suggestion_text(better), notice)

    def _stream_improved(self, intake: Intake, where: Placeholder, suggestion_id: str, offline: Suggestion) -> Placeholder:
        """In the agent's own DM: the status while the model works, then its drafts streamed below the offline ones."""
        shown = self.agent_view.show_status(intake.channel_id, intake.thread_ts, IMPROVING)
        better = self.improved(intake, suggestion_id, offline)
        if better.engine == "openai":
            landed = self.streams.deliver(intake, where, better, suggestion_id)
        else:  # the model failed: the offline drafts stay, with the note saying so, in place
            landed = self.delivery.deliver(intake, where, blocks.suggestion_blocks(better, suggestion_id, native_feedback=True),
                                           blocks.suggestion_text(better), "")
        if shown and landed.ts == where.ts:  # updated in place, nothing new in the thread to clear the status
            self.agent_view.clear_status(intake.channel_id, intake.thread_ts)
        return landed

    def check_privately(self, intake: Intake, customer: str | None = None, checked_with: str = "") -> Placeholder:
        """"Check my reply": the review of the agent's own draft (the CLI's core, offline), shown only to them,
        saying (`checked_with`) which customer message it was checked against."""
        where = self.begin(intake, CHECKING, CHECKING_PLACEHOLDER)
        with self.thinking:
            review = self.checker.check(intake.text, customer)
        notice = "I couldn't show this privately where you asked, so here it is in a direct message."

        def show(review, where: Placeholder) -> Placeholder:
            return self.delivery.deliver(intake, where, review_blocks(review, checked_with, customer),
                                         review_text(review), notice)

        where = show(review, where)
        if review.ok or self.assistant.model is None:
            return where
        from bot.llm.rewrite import ModelRewriter  # the model's rewrite replaces the offline one, if it passes

        return show(ModelRewriter(self.assistant.model, self.checker, self.assistant.prompts_dir / "llm").improve(
            intake.text, customer, review), where)

    def escalation(self, user_id: str, situation: Situation) -> tuple[str, EscalationGuidance]:
        guidance = self.assistant.escalate(situation)
        guidance_id = uuid.uuid4().hex[:16]
        self.history.save_escalation(guidance_id, user_id, guidance.to_dict())
        return guidance_id, guidance

    def refuse_unless_lead(self, user_id: str, tell) -> bool:
        """True for a lead; anyone else is told politely who may use /escalate."""
        if self.people.is_lead(user_id):
            return True
        tell(blocks.refusal_for_escalate(self.people.who_leads()), "Only team leads can use /escalate.")
        return False
