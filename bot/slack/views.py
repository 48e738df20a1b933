"""Modal submissions: the /escalate form."""

from __future__ import annotations

import json

from bot.escalation import Situation
from bot.slack import blocks
from bot.slack.delivery import Placeholder
from bot.slack.guard import reported_to
from bot.slack.intake import Intake
from bot.slack.services import Services


def _value(view: dict, block_id: str) -> str:
    state = ((view.get("state") or {}).get("values") or {}).get(block_id) or {}
    value = (state.get("value") or {}).get("value")
    return value.strip() if isinstance(value, str) else ""


def validate_escalate_form(view: dict) -> dict[str, str]:
    """Errors keyed by block id, shown in the modal by Slack; empty when the form is usable."""
    if not _value(view, "what_happened"):
        return {"what_happened": "Describe what happened, so the guidance fits the situation."}
    return {}


class Views:
    def __init__(self, services: Services) -> None:
        self.services = services

    def escalate_submitted(self, body: dict, view: dict) -> None:
        if validate_escalate_form(view):
            return  # the acknowledgement already showed the errors in the modal
        user_id = str((body.get("user") or {}).get("id", ""))
        try:
            channel_id = json.loads(view.get("private_metadata") or "{}").get("channel_id", "")
        except (json.JSONDecodeError, AttributeError):
            channel_id = ""
        who = Intake(text="", user_id=user_id, channel_id=channel_id, message_ts="", source="command")
        delivery = self.services.delivery

        def tell(bks: list[dict], text: str) -> None:
            if channel_id:
                delivery.deliver(who, Placeholder("none"), bks, text,
                                 "I couldn't show this privately in that channel, so here it is in a direct message.")
            else:
                delivery.client.chat_postMessage(channel=delivery.dm_channel(user_id), text=text, blocks=bks)

        with reported_to(lambda s: tell(blocks.notice_blocks(s), s), "escalate_modal"):
            if not self.services.refuse_unless_lead(user_id, tell):
                return
            situation = Situation(what_happened=_value(view, "what_happened"), customer=_value(view, "customer"),
                                  wants=_value(view, "wants"), history=_value(view, "history"))
            guidance_id, guidance = self.services.escalation(user_id, situation)
            tell(blocks.guidance_blocks(guidance, guidance_id), "Escalation guidance")
