"""The App Home tab: what the bot does, how to use it, and the user's own recent activity."""

from __future__ import annotations

from bot.slack import blocks
from bot.slack.guard import reported_to
from bot.slack.services import Services


class Home:
    def __init__(self, services: Services) -> None:
        self.services = services

    def opened(self, event: dict, client) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = str(event.get("user", ""))
        with reported_to(lambda s: None, "app_home_opened"):
            recent = self.services.history.recent_activity(user_id, limit=10)
            view = blocks.home_view(recent, is_lead=self.services.people.is_lead(user_id))
            client.views_publish(user_id=user_id, view=view)
