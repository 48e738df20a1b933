"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that the bot's tests use instead of slack.com.

Point a real client at it::

    with FakeSlack() as fake:
        client = WebClient(token="xoxb-test", base_url=fake.url)
        client.chat_postMessage(channel="C1", text="hi")
        assert fake.calls_to("chat.postMessage")[0].params["text"] == "hi"

Every request is recorded as a :class:`Call` (method, decoded params, bearer token, monotonic time,
HTTP status, outcome, the body answered). Answers follow the shapes of Slack's documented responses
(auth.test, chat.*, conversations.*, users.*, usergroups.*, views.*, assistant.threads.*, apps.connections.open), backed by
small registries the test fills (``add_user``, ``add_usergroup``, ``add_message``, ``add_channel``).
Messages the bot posts, updates or deletes change the same registry, so a later conversations.replies
sees them.

Failures are scripted per method and consumed in order: ``fail``, ``rate_limit``, ``server_error``,
``script``; ``delay`` makes a method slow, and ``held`` keeps its answers back until the test lets them go
(to prove what the app did before Slack answered). ``response_url(name)`` gives a webhook URL whose POSTs
are recorded as ``Call(method="response_url:<name>")``.

The package, one concept a module: ``wire`` (HTTP: reading requests, writing answers), ``recording``
(calls and scripted failures), ``state`` (registries, ids, timestamps), ``messages`` (chat.*),
``conversations``, ``people`` (users, groups, auth), ``views``, ``assistant`` (assistant.threads.*,
chat.*Stream) and ``server`` (FakeSlack, which puts them together, and the pytest fixture).
"""

from fakes.slack_api.recording import Call
from fakes.slack_api.server import FakeSlack, fake_slack

__all__ = ["Call", "FakeSlack", "fake_slack"]
