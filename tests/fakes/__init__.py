"""Test doubles for the services Composure talks to (Slack's Web API, response_url webhooks)."""

from .slack_api import Call, FakeSlack, fake_slack

__all__ = ["Call", "FakeSlack", "fake_slack"]
