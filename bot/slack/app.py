"""Build the Bolt app and wire every Slack surface to its listener, in one table of contents."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from slack_bolt import App
from slack_sdk import WebClient

from bot.assistant import Assistant
from bot.followups.store import FollowUpStore
from bot.slack.actions import Actions
from bot.slack.commands import Commands
from bot.slack.delivery import Delivery, Respond
from bot.slack.events import Events
from bot.slack.followups import FollowUps
from bot.slack.home import Home
from bot.slack.people import People
from bot.slack.once import once
from bot.slack.services import Services
from bot.slack.shortcuts import Shortcuts
from bot.slack.views import Views, validate_escalate_form
from bot.storage.history import History

WORKERS = 2  # a bounded pool does the work after each acknowledgement (more threads only fight over the GIL)


def ack_now(ack) -> None:
    ack()


def ack_with_errors(ack, errors: dict[str, str]) -> None:
    """A modal's answer: field errors keep it open; none closes it."""
    if errors:
        ack(response_action="errors", errors=errors)
    else:
        ack()


def ack_escalate_form(ack, view) -> None:
    ack_with_errors(ack, validate_escalate_form(view))


def dependable_respond(delivery: Delivery):
    """A global middleware: listeners' `respond` retries and falls back to a DM (see delivery.Respond).
    Bolt hands the context's `respond` on to lazy listeners, so setting it here is enough."""
    def middleware(context, next):
        context["respond"] = Respond(delivery, context.response_url, context.user_id)
        return next()
    return middleware


def register(app: App, services: Services) -> None:
    app.use(dependable_respond(services.delivery))
    shortcuts, events, commands = Shortcuts(services), Events(services), Commands(services)
    actions, views, home, followups = Actions(services), Views(services), Home(services), FollowUps(services)
    def first(listener):
        return once(services.history, listener)

    app.shortcut("suggest_reply")(ack=ack_now, lazy=[first(shortcuts.suggest_reply)])
    app.event("app_mention")(ack=ack_now, lazy=[events.app_mention])
    app.event("message")(ack=ack_now, lazy=[events.direct_message])
    app.event("app_home_opened")(ack=ack_now, lazy=[home.opened])
    app.command("/escalate")(ack=ack_now, lazy=[first(commands.escalate)])
    app.view("escalate_modal")(ack=ack_escalate_form, lazy=[views.escalate_submitted])
    app.action(re.compile(r"^tone_(warmer|firmer|shorter)$"))(ack=ack_now, lazy=[first(actions.retone)])
    app.action(re.compile(r"^feedback_(helpful|not_helpful)$"))(ack=ack_now, lazy=[first(actions.feedback)])
    app.action("share_escalation")(ack=ack_now, lazy=[first(actions.share_escalation)])
    app.command("/followup")(ack=ack_now, lazy=[first(followups.command)])
    app.shortcut("create_followup")(ack=ack_now, lazy=[first(followups.shortcut)])
    app.action("followup_from_suggestion")(ack=ack_now, lazy=[first(followups.from_suggestion)])
    app.view("followup_modal")(ack=lambda ack, body, view: ack_with_errors(ack, followups.form_errors(body, view)),
                               lazy=[followups.form_submitted])
    app.action(re.compile(r"^followup_(done|cancel|snooze_1h|snooze_tomorrow|reassign)$"))(ack=ack_now, lazy=[first(followups.button)])


def build_app(assistant: Assistant, history: History, client: WebClient, bot_user_id: str = "",
              signing_secret: str = "") -> tuple[App, Services]:
    """The one Bolt app both Socket Mode and HTTP mode serve."""
    assistant.rules.warm()  # ~0.6 s once, so the first burst of messages doesn't compile regexes under load
    app = App(client=client, signing_secret=signing_secret or "socket-mode-needs-no-secret",
              request_verification_enabled=bool(signing_secret), process_before_response=True,  # ack at once; the lazy work runs in the pool
              listener_executor=ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="composure"),
              name="composure")
    people = People(client, assistant.settings.contacts)
    services = Services(assistant=assistant, history=history, client=client, people=people,
                        delivery=Delivery(client), followups=FollowUpStore(history.engine, history.clock),
                        bot_user_id=bot_user_id)
    register(app, services)
    return app, services
