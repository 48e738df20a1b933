"""Build the Bolt app and wire every Slack surface to its listener, in one table of contents."""

from __future__ import annotations

import inspect
import os
import re
import socket
import uuid
from datetime import timedelta

from slack_bolt import App
from slack_bolt.request.internals import extract_user_id
from slack_sdk import WebClient

from bot.assistant import Assistant
from bot.followups.store import FollowUpStore
from bot.reply_check import load_checker
from bot.slack.actions import Actions
from bot.slack.agent_view import AgentView
from bot.slack.commands import Commands
from bot.slack.delivery import Delivery, Respond
from bot.slack.events import Events
from bot.slack.followups import FollowUps
from bot.slack.home import Home
from bot.slack.intake import why_ignored
from bot.slack.people import People
from bot.slack.services import Services
from bot.slack.shortcuts import Shortcuts
from bot.slack.streaming import DraftStream
from bot.slack.views import Views, validate_escalate_form
from bot.slack.work import COMPOSE, QUICK, Job, Workers
from bot.storage.conversations import ConversationStore
from bot.storage.history import History
from bot.storage.inbox import Inbox


def _response_url(body: dict) -> str | None:
    """Where Slack lets us answer a command, shortcut or button; a form submission may carry one too."""
    urls = body.get("response_urls")
    if body.get("response_url"):
        return body["response_url"]
    if isinstance(urls, list) and urls and isinstance(urls[0], dict):
        return urls[0].get("response_url")
    return None


def job(services: Services, listener, lane: str = COMPOSE, relevant=lambda body: True) -> Job:
    """A listener as work done from its recorded body: its arguments are rebuilt from the body, as Bolt
    would have built them, so work taken over from a stopped instance runs exactly as the first would have."""
    wanted = list(inspect.signature(listener).parameters)

    def run(body: dict) -> None:
        given = {"body": body, "client": services.client, "event": body.get("event"), "command": body,
                 "view": body.get("view"),
                 "respond": Respond(services.delivery, _response_url(body), extract_user_id(body))}
        listener(**{name: given[name] for name in wanted})

    return Job(run=run, lane=lane, relevant=relevant)


def jobs_for(services: Services, followups: FollowUps) -> dict[str, Job]:
    """Every kind of work and its lane: forms, commands and buttons are quick; suggestions compose."""
    shortcuts, events, commands = Shortcuts(services), Events(services), Commands(services)
    actions, views, home = Actions(services), Views(services), Home(services)
    bot = services.bot_user_id

    def person_in(event_type: str):
        def relevant(body: dict) -> bool:
            event = body.get("event") if isinstance(body.get("event"), dict) else {}
            return (event_type != "im" or event.get("channel_type") == "im") and not why_ignored(event, bot)
        return relevant

    return {
        "suggest_reply": job(services, shortcuts.suggest_reply),
        "check_reply": job(services, shortcuts.check_reply),
        "app_mention": job(services, events.app_mention, relevant=person_in("mention")),
        "direct_message": job(services, events.direct_message, relevant=person_in("im")),
        "retone": job(services, actions.retone),
        "home": job(services, home.opened, QUICK),
        "context": job(services, events.context_changed, QUICK),
        "escalate": job(services, commands.escalate, QUICK),
        "escalate_form": job(services, views.escalate_submitted, QUICK),
        "feedback": job(services, actions.feedback, QUICK),
        "share_escalation": job(services, actions.share_escalation, QUICK),
        "followup": job(services, followups.command, QUICK),
        "followup_shortcut": job(services, followups.shortcut, QUICK),
        "followup_from_suggestion": job(services, followups.from_suggestion, QUICK),
        "followup_form": job(services, followups.form_submitted, QUICK),
        "followup_button": job(services, followups.button, QUICK),
    }


def register(app: App, workers: Workers, form_errors: dict) -> None:
    """Each surface's acknowledgement records its work (bot.slack.work) before Slack hears "received";
    a form is checked first, and one with errors stays open with nothing recorded."""
    def accept(kind: str):
        def listener(ack, body) -> None:
            workers.accept(kind, body)
            ack()
        return listener

    def accept_form(kind: str):
        def listener(ack, body, view) -> None:
            errors = form_errors[kind](body, view)
            if errors:
                ack(response_action="errors", errors=errors)
                return
            workers.accept(kind, body)
            ack()
        return listener

    app.shortcut("suggest_reply")(accept("suggest_reply"))
    app.shortcut("check_reply")(accept("check_reply"))
    app.event("app_mention")(accept("app_mention"))
    app.event("message")(accept("direct_message"))
    app.event("app_home_opened")(accept("home"))
    app.event("app_context_changed")(accept("context"))
    app.command("/escalate")(accept("escalate"))
    app.view("escalate_modal")(accept_form("escalate_form"))
    app.action(re.compile(r"^tone_(warmer|firmer|shorter)$"))(accept("retone"))
    app.action(re.compile(r"^feedback_(helpful|not_helpful)$"))(accept("feedback"))
    app.action("suggestion_feedback")(accept("feedback"))
    app.action("share_escalation")(accept("share_escalation"))
    app.command("/followup")(accept("followup"))
    app.shortcut("create_followup")(accept("followup_shortcut"))
    app.action("followup_from_suggestion")(accept("followup_from_suggestion"))
    app.view("followup_modal")(accept_form("followup_form"))
    app.action(re.compile(r"^followup_(done|cancel|snooze_1h|snooze_tomorrow|reassign)$"))(accept("followup_button"))


def instance_id() -> str:
    """Who holds a lease: this host and process, and a nonce so a restarted pid is someone new."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def build_app(assistant: Assistant, history: History, client: WebClient, bot_user_id: str = "",
              signing_secret: str = "") -> tuple[App, Services, Workers]:
    """The one Bolt app both Socket Mode and HTTP mode serve, and the workers doing what it accepts
    (started by the first accepted work, or by the caller to resume what a stopped instance left)."""
    assistant.rules.warm()  # ~0.6 s once, so the first burst of messages doesn't compile regexes under load
    app = App(client=client, signing_secret=signing_secret or "socket-mode-needs-no-secret",
              request_verification_enabled=bool(signing_secret),
              process_before_response=True,  # the acknowledgement goes out once the work is recorded
              name="composure")
    people = People(client, assistant.settings.contacts)
    settings = assistant.settings.work
    conversations = ConversationStore(history.engine, history.clock,
                                      viewing_for=timedelta(minutes=settings.viewing_minutes),
                                      awaiting_for=timedelta(minutes=settings.awaiting_minutes))
    services = Services(assistant=assistant, history=history, client=client, people=people,
                        delivery=Delivery(client), followups=FollowUpStore(history.engine, history.clock),
                        agent_view=AgentView(client),
                        checker=load_checker(assistant.settings, assistant.playbook, assistant.rules),
                        conversations=conversations, streams=DraftStream(client),
                        bot_user_id=bot_user_id)
    inbox = Inbox(history.engine, history.clock, lease=timedelta(seconds=settings.lease_seconds),
                  attempts=settings.attempts, keep=history.dedupe_ttl)
    followups = FollowUps(services)
    workers = Workers(inbox, jobs_for(services, followups), instance_id(), settings)
    register(app, workers, {"escalate_form": lambda body, view: validate_escalate_form(view),
                            "followup_form": followups.form_errors})
    return app, services, workers
