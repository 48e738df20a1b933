"""Block Kit for follow-ups: the reminder, the list, the modal, the lead's overdue note, Home."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.followups.model import FollowUp
from bot.slack import limits as L
from bot.slack.parts import (
    actions,
    button,
    context,
    date,
    escape_mrkdwn,
    header,
    input,
    plain,
    sections,
)

HELP = ("*Follow-up reminders*\n"
        "• `/followup in 2 days check the refund for Acme`: when first, then the note. Times read in your timezone: "
        "`in 90 minutes`, `tomorrow 9am`, `next Monday`, `on 3 Dec at 14:00`.\n"
        "• `/followup list`: your upcoming and overdue follow-ups, with buttons.\n"
        "• *Follow up on this* on a customer's message, or *Follow up…* under a suggestion: a form with the link filled in.\n"
        "The reminder appears in the channel where you created it (your DM if you created it in a DM), mentions "
        "whoever it is assigned to, and has Done / Snooze / Reassign. If nobody marks it done, the team lead hears about it.")


def _summary(f: FollowUp) -> str:
    parts = [f"*{escape_mrkdwn(L.clip(f.note, 600, '…'))}*"]
    if f.customer:
        parts.append(f"Customer: {escape_mrkdwn(f.customer)}")
    if f.message_link:
        parts.append(f"<{f.message_link}|The customer's message>")
    return "\n".join(parts)


def _controls(f: FollowUp, block_id: str) -> dict:
    return actions(block_id, [
        button("followup_done", "✅ Done", f.id, "primary"),
        button("followup_snooze_1h", "Snooze 1 h", f.id),
        button("followup_snooze_tomorrow", "Snooze until tomorrow 9:00", f.id),
        {"type": "users_select", "action_id": "followup_reassign", "placeholder": plain("Reassign…", L.INPUT_PLACEHOLDER)},
    ])


def reminder_blocks(f: FollowUp, late: bool) -> list[dict]:
    lead = f"⏰ <@{f.assignee_id}>, follow-up due {date(f.due_at)}"
    notes = [f"Set by <@{f.owner_id}>" + (f", assigned to <@{f.assignee_id}>" if f.assignee_id != f.owner_id else "")]
    if late:
        notes.append(f"⚠️ Late: this was due {date(f.due_at)}; Composure was offline and delivered it as soon as it was back.")
    return [*sections(f"{lead}\n{_summary(f)}", "reminder"), context(notes, "reminder_meta"),
            _controls(f, f"followup_{f.id}")]


def reminder_text(f: FollowUp) -> str:
    return L.clip(f"Follow-up for <@{f.assignee_id}>: {f.note}", L.FALLBACK_TEXT)


def fallback_notice(f: FollowUp, error: str) -> str:
    reasons = {"not_in_channel": "I'm not a member of that channel", "channel_not_found": "that channel no longer exists "
               "or I can't see it", "is_archived": "that channel is archived"}
    return (f"I couldn't post this follow-up in <#{f.channel_id}> ({reasons.get(error, error)}), so here it is in a "
            "direct message.")


def closed_blocks(f: FollowUp, actor: str, verb: str, when: datetime) -> list[dict]:
    """What the reminder turns into once it is done, snoozed or reassigned: no buttons left to misclick."""
    return [*sections(f"{verb} by <@{actor}> {date(when)}\n{_summary(f)}", "reminder")]


def overdue_blocks(f: FollowUp, grace: timedelta) -> list[dict]:
    hours = int(grace.total_seconds() // 3600)
    return [*sections(f"🚨 *Overdue follow-up*: assigned to <@{f.assignee_id}> (set by <@{f.owner_id}>), due "
                      f"{date(f.due_at)}, delivered {date(f.delivered_at or f.due_at)} and not marked done within "
                      f"{hours} h.\n{_summary(f)}", "overdue"), _controls(f, f"overdue_{f.id}")]


def list_blocks(items: list[FollowUp], now: datetime) -> list[dict]:
    if not items:
        return [*sections("You have no open follow-ups. Create one with `/followup in 2 days check the refund for Acme`.", "empty")]
    blocks = [header(f"Your follow-ups ({len(items)})")]
    for f in items:
        state = "🔴 overdue" if f.overdue(now) else ("📬 delivered" if f.status == "delivered" else "🕒 upcoming")
        blocks += [*sections(f"{state} · due {date(f.due_at)}\n{_summary(f)}", f"item_{f.id}"),
                   actions(f"actions_{f.id}", [button("followup_done", "Done", f.id, "primary"),
                                               button("followup_snooze_1h", "Snooze 1 h", f.id),
                                               button("followup_cancel", "Cancel", f.id)])]
    return L.cap_blocks(blocks, L.MESSAGE_BLOCKS, context(["⚠️ More follow-ups than fit in one message; the oldest are shown."],
                                                         "left_out"))


def followup_modal(note: str = "", link: str = "", customer: str = "", due_local: datetime | None = None,
                   private_metadata: str = "") -> dict:
    """The create form: date and time pickers (in the user's timezone), the note, the customer, the link."""
    date_el = {"type": "datepicker", "action_id": "value"}
    time_el = {"type": "timepicker", "action_id": "value"}
    if due_local:
        date_el["initial_date"] = due_local.strftime("%Y-%m-%d")
        time_el["initial_time"] = due_local.strftime("%H:%M")
    note_input = input("note", "What to follow up on", "Check the refund for Acme", multiline=True, optional=False)
    if note:
        note_input["element"]["initial_value"] = L.clip(note, L.PLAIN_TEXT_INPUT_MAX)
    customer_input = input("customer", "Customer", "Acme Ltd", multiline=False, optional=True)
    if customer:
        customer_input["element"]["initial_value"] = L.clip(customer, 200)
    link_input = input("link", "Link to the customer's message", "https://…", multiline=False, optional=True)
    if link:
        link_input["element"]["initial_value"] = link
    return {
        "type": "modal", "callback_id": "followup_modal", "private_metadata": L.require_within(private_metadata, L.PRIVATE_METADATA, "private_metadata"),
        "title": plain("Follow up", L.MODAL_TITLE), "submit": plain("Create", L.MODAL_BUTTON),
        "close": plain("Cancel", L.MODAL_BUTTON),
        "blocks": [{"type": "input", "block_id": "date", "label": plain("Date"), "element": date_el},
                   {"type": "input", "block_id": "time", "label": plain("Time (your timezone)"), "element": time_el},
                   note_input, customer_input, link_input],
    }


def home_followup_blocks(mine: list[FollowUp], team_overdue: list[FollowUp] | None, now: datetime) -> list[dict]:
    def lines(items: list[FollowUp]) -> str:
        return "\n".join(("🔴 " if f.overdue(now) else "🕒 ") + f"{date(f.due_at)} · <@{f.assignee_id}> · "
                         + escape_mrkdwn(L.clip(f.note, 150, "…")) for f in items[:15])
    blocks = [header("Your follow-ups"), *sections(lines(mine) or "_None open._ `/followup help` shows how.", "home_followups")]
    if team_overdue is not None:
        blocks += [header("Team: overdue follow-ups"), *sections(lines(team_overdue) or "_Nothing overdue._", "home_team_overdue")]
    return blocks
