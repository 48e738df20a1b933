"""Slash commands: /escalate for team leads (with text: guidance now; alone: a modal)."""

from __future__ import annotations

import json

from bot.escalation import Situation
from bot.slack import blocks
from bot.slack.guard import reported_to
from bot.slack.intake import field
from bot.slack.services import Services


class Commands:
    def __init__(self, services: Services) -> None:
        self.services = services

    def escalate(self, command: dict, respond, client) -> None:
        def tell_blocks(bks: list[dict], text: str) -> None:
            respond(blocks=bks, text=text, response_type="ephemeral", replace_original=False)

        user_id = field(command, "user_id")
        with reported_to(lambda s: tell_blocks(blocks.notice_blocks(s), s), "/escalate"):
            if not self.services.refuse_unless_lead(user_id, tell_blocks):
                return
            text = field(command, "text").strip()
            if not text:
                meta = json.dumps({"channel_id": field(command, "channel_id")})
                client.views_open(trigger_id=field(command, "trigger_id"), view=blocks.escalate_modal(meta))
                return
            guidance_id, guidance = self.services.escalation(user_id, Situation(what_happened=text))
            tell_blocks(blocks.guidance_blocks(guidance, guidance_id), "Escalation guidance")
