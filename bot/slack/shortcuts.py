"""Message shortcuts: "Suggest a reply" on a customer's message, "Check my reply" on the agent's own."""

from __future__ import annotations

from bot.slack import blocks
from bot.slack.guard import reported_to
from bot.slack.intake import Intake, field, from_own_draft, from_shortcut
from bot.slack.services import Services


THREAD_PARENT = "Checked with the customer's message this thread starts with:"


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

    def check_reply(self, body: dict) -> None:
        """A draft posted in a customer's thread is checked with that customer's message as context."""
        with reported_to(_teller(self.services, body), "check_reply"):
            intake = from_own_draft(body)
            customer = self.services.thread_parent_text(intake, required=False) if intake.thread_ts else None
            self.services.check_privately(intake, customer, THREAD_PARENT if customer else "")
