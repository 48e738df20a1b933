"""Modal submissions: the /escalate form."""

from __future__ import annotations

from bot.escalation import Situation
from bot.slack import blocks
from bot.slack.delivery import Placeholder
from bot.slack.guard import reported_to
from bot.slack.intake import Intake, field, metadata_channel, state_value
from bot.slack.services import Services


def validate_escalate_form(view: dict) -> dict[str, str]:
    """Errors keyed by block id, shown in the modal by Slack; empty when the form is usable."""
    if not state_value(view, "what_happened"):
        return {"what_happened": "Describe what happened, so the guidance fits the situation."}
    return {}


class Views:
    def __init__(self, services: Services) -> None:
        self.services = services

    def escalate_submitted(self, body: dict, view: dict) -> None:
        if validate_escalate_form(view):
            return  # the acknowledgement already showed the errors in the modal
        user_id, channel_id = field(body, "user", "id"), metadata_channel(view)
        who = Intake(text="", user_id=user_id, channel_id=channel_id, message_ts="", source="command")
        delivery = self.services.delivery

        def tell(bks: list[dict], text: str) -> None:
            if channel_id:
                delivery.deliver(who, Placeholder("none"), bks, text,
                                 "I couldn't show this privately in that channel, so here it is in a direct message.")
            else:
                delivery.client.chat_postMessage(channel=delivery.dm_channel(user_id), text=text, blocks=bks)

        # A failure is told the way Delivery.tell does: privately in the channel, else by DM.
        with reported_to(lambda s: delivery.tell(who, blocks.notice_blocks(s), s), "escalate_modal"):
            if not self.services.refuse_unless_lead(user_id, tell):
                return
            situation = Situation(what_happened=state_value(view, "what_happened"), customer=state_value(view, "customer"),
                                  wants=state_value(view, "wants"), history=state_value(view, "history"))
            guidance_id, guidance = self.services.escalation(user_id, situation)
            tell(blocks.guidance_blocks(guidance, guidance_id), "Escalation guidance")
