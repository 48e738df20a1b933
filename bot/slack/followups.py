"""Follow-up surfaces: /followup, the "Follow up on this" shortcut, the Follow up… button, the
form, and the buttons on reminders and lists."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from datetime import time as clock_time

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.errors import BadInput
from bot.followups.store import NotAllowed
from bot.followups.when import Due, check_due, split_when_and_note, zone
from bot.slack import blocks
from bot.slack.delivery import Placeholder
from bot.slack.guard import reported_to
from bot.slack.intake import (
    BadPayload,
    Intake,
    field,
    first_action,
    metadata_channel,
    state_value,
    value_at,
)
from bot.slack.reminder_blocks import (
    HELP,
    closed_blocks,
    followup_modal,
    list_blocks,
    reminder_blocks,
)
from bot.slack.services import Services

SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,20}")  # a person's id; not a channel, a group or a broadcast


def _value(view: dict, block_id: str, key: str = "value") -> str:
    return state_value(view, block_id, key)


def _user(body: dict) -> str:
    return field(body, "user", "id")


class FollowUps:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.store = services.followups

    # --- /followup ----------------------------------------------------------------------
    def command(self, command: dict, respond) -> None:
        def tell(bks: list[dict], text: str) -> None:
            respond(blocks=bks, text=text, response_type="ephemeral", replace_original=False)

        user_id, text = field(command, "user_id"), field(command, "text").strip()
        with reported_to(lambda s: tell(blocks.notice_blocks(s), s), "/followup"):
            if text.lower() in {"", "help", "?"}:
                tell(blocks.notice_blocks(HELP), "How /followup works")
            elif text.lower() == "list":
                tell(list_blocks(self.store.open_for(user_id), self.store.clock()), "Your follow-ups")
            else:
                tz = self.services.people.timezone(user_id)
                due, note = split_when_and_note(text, self.store.clock(), tz)
                self._create_and_confirm(user_id, field(command, "channel_id"), due, note, tell)

    def _create_and_confirm(self, user_id: str, channel_id: str, due: Due, note: str, tell, link: str = "",
                            customer: str = ""):
        f = self.store.create(user_id, channel_id, due.at, note, message_link=link or None, customer=customer)
        tell(blocks.notice_blocks(f"Follow-up set for {due.shown()} in <#{channel_id}>: {note}"), "Follow-up set")
        return f

    # --- the form -----------------------------------------------------------------------
    def _open_form(self, client, trigger_id: str, user_id: str, channel_id: str, note: str = "", link: str = "",
                   due_in: timedelta | None = None) -> None:
        tz = zone(self.services.people.timezone(user_id))
        local_now = self.store.clock().astimezone(tz)
        due_local = (local_now + due_in) if due_in else datetime.combine(local_now.date() + timedelta(days=1),
                                                                         clock_time(9), tz)
        meta = json.dumps({"channel_id": channel_id})
        client.views_open(trigger_id=trigger_id, view=followup_modal(note=note, link=link, due_local=due_local,
                                                                     private_metadata=meta))

    def shortcut(self, body: dict, client) -> None:
        user_id, channel_id, message_ts = _user(body), field(body, "channel", "id"), field(body, "message", "ts")
        with reported_to(lambda s: self.services.delivery.tell(
                Intake("", user_id, channel_id, "", "shortcut", response_url=field(body, "response_url") or None),
                blocks.notice_blocks(s), s), "create_followup"):
            link = client.chat_getPermalink(channel=channel_id, message_ts=message_ts)["permalink"] if message_ts else ""
            self._open_form(client, field(body, "trigger_id"), user_id, channel_id, link=link)

    def from_suggestion(self, body: dict, client, respond) -> None:
        """Pre-filled from the suggestion: its follow-up step (the last next step) and a due time that fits its urgency."""
        user_id, suggestion_id = _user(body), field(first_action(body), "value")
        with reported_to(lambda s: respond(blocks=blocks.notice_blocks(s), text=s, replace_original=False), "followup_from_suggestion"):
            record = self.services.history.suggestion(suggestion_id)
            if record is None or record.user_id != user_id:
                raise BadPayload("I can't find that suggestion any more; use /followup instead.")
            # One suggestion gives both: its analysis (for the due time) and its steps (for the note).
            suggestion = self.services.assistant.suggest(record.customer_text) if record.customer_text else None
            analysis = suggestion.analysis if suggestion else None
            steps = suggestion.next_steps if suggestion else ()
            hours = 2 if analysis and analysis.has("urgency") else \
                4 if analysis and analysis.severity in {"high", "critical"} else \
                self.services.assistant.settings.voice.follow_up_hours
            link = ""
            if record.message_ts and record.channel_id:
                link = client.chat_getPermalink(channel=record.channel_id, message_ts=record.message_ts)["permalink"]
            self._open_form(client, field(body, "trigger_id"), user_id, record.channel_id or "",
                            note=steps[-1] if steps else "Get back to the customer", link=link, due_in=timedelta(hours=hours))

    def form_errors(self, body: dict, view: dict) -> dict[str, str]:
        """Checked in the acknowledgement, so Slack shows the problem next to the field."""
        if not _value(view, "note"):
            return {"note": "Say what to follow up on."}
        date_str, time_str = _value(view, "date", "selected_date"), _value(view, "time", "selected_time")
        if not date_str or not time_str:
            return {"date": "Pick a date and a time."}
        try:
            self._due_from_form(_user(body), date_str, time_str)
        except BadInput as exc:
            return {"date": str(exc)[:150]}
        except ValueError:
            return {"date": "That date or time is not valid."}
        except (SlackApiError, SlackClientError, OSError):
            # Slack could not tell us the user's timezone (this runs inside the acknowledgement, where an
            # exception would be a 500 and a generic Slack error): keep the form open and say so.
            return {"date": "I couldn't check your timezone with Slack just now. Please submit again."}
        return {}

    def _due_from_form(self, user_id: str, date_str: str, time_str: str) -> Due:
        tz = zone(self.services.people.timezone(user_id))
        local = datetime.strptime(f"{date_str} {time_str}", "%Y-%m-%d %H:%M").replace(tzinfo=tz)
        return check_due(Due(local.astimezone(timezone.utc), f"{date_str} {time_str}", local), self.store.clock())

    def form_submitted(self, body: dict, view: dict, client) -> None:
        if self.form_errors(body, view):
            return
        user_id = _user(body)
        channel_id = metadata_channel(view)
        delivery = self.services.delivery
        channel_id = channel_id or delivery.dm_channel(user_id)

        def tell(bks: list[dict], text: str) -> None:
            delivery.deliver(Intake("", user_id, channel_id, "", "command"), Placeholder("none"), bks, text,
                             "I couldn't confirm in that channel, so here it is in a direct message.")

        with reported_to(lambda s: tell(blocks.notice_blocks(s), s), "followup_modal"):
            due = self._due_from_form(user_id, _value(view, "date", "selected_date"), _value(view, "time", "selected_time"))
            self._create_and_confirm(user_id, channel_id, due, _value(view, "note"), tell,
                                     link=_value(view, "link"), customer=_value(view, "customer"))

    # --- buttons on reminders and lists -----------------------------------------------------
    def button(self, body: dict, respond) -> None:
        action = first_action(body)
        action_id, user_id = field(action, "action_id"), _user(body)
        followup_id = field(action, "value")
        if action_id == "followup_reassign":  # a users_select has no value; its block id names the follow-up
            followup_id = field(action, "block_id").split("_", 1)[-1]

        def notice(s: str) -> None:
            respond(blocks=blocks.notice_blocks(s), text=s, response_type="ephemeral", replace_original=False)

        with reported_to(notice, action_id):
            is_lead = self.services.people.is_lead(user_id)
            now = self.store.clock()
            try:
                if action_id == "followup_done":
                    f, verb = self.store.complete(followup_id, user_id, is_lead), "✅ Done"
                elif action_id == "followup_cancel":
                    f, verb = self.store.cancel(followup_id, user_id, is_lead), "Cancelled"
                elif action_id == "followup_snooze_1h":
                    f, verb = self.store.snooze(followup_id, user_id, now + timedelta(hours=1), is_lead), "😴 Snoozed for an hour"
                elif action_id == "followup_snooze_tomorrow":
                    tz = zone(self.services.people.timezone(user_id))
                    until = datetime.combine(now.astimezone(tz).date() + timedelta(days=1), clock_time(9), tz)
                    f, verb = self.store.snooze(followup_id, user_id, until, is_lead), "😴 Snoozed until tomorrow 9:00"
                elif action_id == "followup_reassign":
                    new = field(action, "selected_user")
                    if not SLACK_USER.fullmatch(new or ""):  # not "", not <!channel>: one person
                        raise BadPayload("Pick one person to reassign this follow-up to.")
                    f = self.store.reassign(followup_id, user_id, new, is_lead)
                    respond(blocks=reminder_blocks(f, late=f.late), text=f"Reassigned to <@{new}>", replace_original=True)
                    return
                else:
                    return
            except NotAllowed as exc:
                raise BadPayload(str(exc)) from None
            if value_at(body, "container", "is_ephemeral") is True:
                respond(blocks=list_blocks(self.store.open_for(user_id), now), text="Your follow-ups", replace_original=True)
            else:
                respond(blocks=closed_blocks(f, user_id, verb, now), text=verb, replace_original=True)
