"""Buttons: Warmer / Firmer / Shorter (re-compose in place), Helpful / Not helpful, Share escalation."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError

from bot.escalation import EscalationGuidance
from bot.slack import blocks
from bot.slack.delivery import NOT_REACHABLE
from bot.slack.guard import reported_to
from bot.slack.intake import BadPayload, Intake, field, first_action
from bot.slack.services import Services

TONE_ACTIONS = {"tone_warmer": "warmer", "tone_firmer": "firmer", "tone_shorter": "shorter"}


def _action(body: dict) -> tuple[str, str]:
    action = first_action(body)
    return field(action, "action_id"), field(action, "value")


class Actions:
    def __init__(self, services: Services) -> None:
        self.services = services

    @staticmethod
    def _notice(respond):
        return lambda s: respond(blocks=blocks.notice_blocks(s), text=s, response_type="ephemeral", replace_original=False)

    def retone(self, body: dict, respond) -> None:
        action_id, suggestion_id = _action(body)
        user_id = field(body, "user", "id")
        with reported_to(self._notice(respond), action_id):
            record = self.services.history.suggestion(suggestion_id)
            if record is None or record.user_id != user_id:
                raise BadPayload("I can't find that suggestion any more. Run “Suggest a reply” on the message again.")
            if record.customer_text is None:
                raise BadPayload("That suggestion is past its retention period, so its text is no longer kept. Run “Suggest a reply” again.")
            intake = Intake(text=record.customer_text, user_id=user_id, channel_id=record.channel_id,
                            message_ts=record.message_ts, source=record.source)
            tone = TONE_ACTIONS[action_id]
            native = record.source == "dm"  # a DM suggestion keeps Slack's feedback buttons when re-toned

            def show(suggestion) -> None:
                respond(blocks=blocks.suggestion_blocks(suggestion, new_id, native_feedback=native),
                        text=blocks.suggestion_text(suggestion), response_type="ephemeral", replace_original=True)

            new_id, suggestion = self.services.suggest(intake, tone=tone)
            show(suggestion)
            better = self.services.improved(intake, new_id, suggestion, tone)  # the model, when configured
            if better is not None:
                show(better)

    def feedback(self, body: dict, respond) -> None:
        """Helpful / Not helpful, from the plain buttons (value: the id) or Slack's feedback buttons in the DM
        (value: "helpful:<id>"); a later press replaces the agent's earlier vote."""
        action_id, suggestion_id = _action(body)
        if action_id == blocks.NATIVE_FEEDBACK:
            verdict, _, suggestion_id = suggestion_id.partition(":")
            action_id = f"feedback_{verdict}"
        user_id = field(body, "user", "id")
        with reported_to(self._notice(respond), action_id):
            if action_id not in ("feedback_helpful", "feedback_not_helpful"):
                raise BadPayload("I couldn't tell which button that was. Please press Helpful or Not helpful again.")
            record = self.services.history.suggestion(suggestion_id)
            if record is None or record.user_id != user_id:  # a suggestion is rated by the agent it was made for
                raise BadPayload("Only the person this suggestion was made for can rate it.")
            self.services.history.record_feedback(suggestion_id, user_id, helpful=action_id == "feedback_helpful")
            self._notice(respond)("Thanks, noted. Your feedback helps us tune the suggestions.")

    def share_escalation(self, body: dict, respond, client) -> None:
        _, guidance_id = _action(body)
        user_id = field(body, "user", "id")
        tell = self._notice(respond)
        with reported_to(tell, "share_escalation"):
            if not self.services.refuse_unless_lead(user_id, lambda bks, text: respond(blocks=bks, text=text, replace_original=False)):
                return
            stored = self.services.history.escalation(guidance_id)
            if stored is None or stored[0] != user_id:  # one lead can't post another's hand-off as their own
                raise BadPayload("I can't find that guidance for you. Run /escalate again.")
            channel = self.services.assistant.settings.contacts.lead_channel
            if not self.services.history.mark_shared(guidance_id):
                tell(f"This hand-off was already shared to {channel}.")
                return
            guidance = EscalationGuidance.from_dict(stored[1])
            try:
                client.chat_postMessage(channel=channel, text=blocks.handoff_message_text(guidance, user_id),
                                        blocks=blocks.handoff_message_blocks(guidance, user_id))
            except SlackApiError as exc:
                self.services.history.mark_shared(guidance_id, shared=False)
                if exc.response.get("error") in NOT_REACHABLE:
                    raise BadPayload(f"I can't post in {channel} ({exc.response.get('error')}). "
                                     "Invite me there with /invite, then press Share again.") from None
                raise
            tell(f"Shared the hand-off note to {channel}.")
