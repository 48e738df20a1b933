"""Message shortcuts: "Suggest a reply" on a customer's message."""

from __future__ import annotations

from bot.slack import blocks
from bot.slack.guard import reported_to
from bot.slack.intake import Intake, field, from_shortcut
from bot.slack.services import Services


def _teller(services: Services, body: dict):
    who = Intake(text="", user_id=field(body, "user", "id"), channel_id=field(body, "channel", "id"), message_ts="",
                 source="shortcut", response_url=field(body, "response_url") or None)
    return lambda sentence: services.delivery.tell(who, blocks.notice_blocks(sentence), sentence)


class Shortcuts:
    def __init__(self, services: Services) -> None:
        self.services = services

    def suggest_reply(self, body: dict) -> None:
        with reported_to(_teller(self.services, body), "suggest_reply"):
            self.services.suggest_privately(from_shortcut(body))
