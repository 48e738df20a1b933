"""The App Home: the Home tab (what the bot does, how to use it, the user's own recent activity), and the
Messages tab opening, where the agent view shows the suggested prompts."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack import blocks
from bot.slack.guard import reported_to
from bot.slack.reminder_blocks import home_followup_blocks
from bot.slack.services import Services


class Home:
    def __init__(self, services: Services) -> None:
        self.services = services

    def opened(self, event: dict, client) -> None:
        """The Home tab is drawn for everyone; under the agent view, opening the Messages tab (the
        conversation with Composure) is the moment to offer the suggested prompts."""
        if event.get("tab") == "messages":
            channel = event.get("channel")
            if isinstance(channel, str) and channel:
                self.services.agent_view.offer_prompts(channel)
            return
        if event.get("tab", "home") != "home":
            return
        user_id = str(event.get("user", ""))
        with reported_to(lambda s: None, "app_home_opened"):
            recent = self.services.history.recent_activity(user_id, limit=10)
            try:
                is_lead = self.services.people.is_lead(user_id)
            except (SlackApiError, SlackClientError, OSError):
                is_lead = False  # Slack could not say: the tab still shows, the team's view waits for the next visit
            store = self.services.followups
            extra = home_followup_blocks(store.open_for(user_id), store.team_overdue() if is_lead else None, store.clock())
            view = blocks.home_view(recent, is_lead=is_lead, extra_blocks=extra)
            client.views_publish(user_id=user_id, view=view)
