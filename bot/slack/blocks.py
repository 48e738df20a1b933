"""Block Kit for every Composure surface: pure functions from core values to dicts.

Nothing here calls Slack or writes prose of its own beyond labels. Every piece of text
that came from a customer, an agent or a model is escaped (`escape_mrkdwn`) and sent as
`verbatim` mrkdwn, so it can never become a mention such as <!channel>. Lengths and
counts are enforced only through `bot.slack.limits`.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.escalation import EscalationGuidance
from bot.slack import limits as L
from bot.slack.parts import (
    actions,
    bullets,
    button,
    context,
    date,
    divider,
    escape_keeping_refs,
    escape_mrkdwn,
    feedback_buttons,
    header,
    humanize,
    input,
    plain,
    sections,
    titled,
)
from bot.suggestion import Analysis, SignalHit, Suggestion

SEVERITY_EMOJI = {"low": "🟢", "medium": "🟡", "high": "🟠", "critical": "🔴"}
BOUNDARY_LEVELS = {1: "a first respectful request", 2: "a firm reminder with the consequence",
                   3: "ending the conversation politely"}
NATIVE_FEEDBACK = "suggestion_feedback"  # action_id of the feedback_buttons; values are "helpful:<id>" / "not_helpful:<id>"
TONE_BUTTONS = (("tone_warmer", "Warmer"), ("tone_firmer", "Firmer"), ("tone_shorter", "Shorter"))
RECENT_KINDS = {"suggestion": ("💬", "Suggestion"), "escalation": ("🚨", "Escalation"), "feedback": ("👍", "Feedback")}
RECENT_SHOWN = 20
EVIDENCE_SHOWN = 5
EVIDENCE_CHARS = 60
LEFT_OUT_LABELS = {
    "analysis": "the analysis", "notes": "the notes", "notice": "the notice", "boundary": "the boundary",
    "questions": "the questions", "next_steps": "the next steps", "sources": "the playbook sources",
    "verdict": "the verdict", "document": "what to document", "handoff": "the hand-off note",
    "tell_customer": "what to tell the customer", "letting_go": "the letting-go checklist",
    "alternatives": "the alternatives", "closing_message": "the closing message",
    "letting_go_document": "what to keep on record", "letting_go_reasons": "the reasons for letting go",
    "recent": "your recent activity",
}
_PART = re.compile(r"_\d+$")
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")


def _left_out_label(block_id: str) -> str:
    base = _PART.sub("", block_id.removesuffix("_label"))
    if base.startswith("draft_"):
        label = f"the {humanize(base.removeprefix('draft_'))} draft"
    else:
        label = LEFT_OUT_LABELS.get(base, "")
    return f"the rest of {label}" if label and base != block_id.removesuffix("_label") else label


def _left_out_note(dropped: list[dict], what: str) -> dict:
    labels = dict.fromkeys(_left_out_label(b.get("block_id", "")) for b in dropped)
    parts = ", ".join(label for label in labels if label) or "some content"
    return context([f"⚠️ Slack limits the size of {what}, so this was left out: {parts}."], "left_out")


def _fit_message(blocks: list[dict], keep_tail: int = 0) -> list[dict]:
    return L.cap_blocks(blocks, L.MESSAGE_BLOCKS, lambda d: _left_out_note(d, "one message"),
                        keep_tail=keep_tail, text_budget=L.MESSAGE_TEXT_BUDGET)


# --- suggestions -----------------------------------------------------------------

def _evidence(hit: SignalHit, confidence: float | None = None) -> str:
    """The signal's own words in quotes; the signals it was inferred from, in parentheses."""
    inferred = hit.inferred_from()
    line = ", ".join(f"“{escape_mrkdwn(L.clip(q, EVIDENCE_CHARS, '…'))}”" for q in hit.quotes()[:EVIDENCE_SHOWN])
    if inferred:
        line += f"{' ' if line else ''}(with {escape_mrkdwn(', '.join(humanize(n) for n in inferred))})"
    sure = f" ({confidence:.0%})" if confidence is not None else ""
    return f"• *{escape_mrkdwn(hit.name)}*{sure}: {line or '(no quote)'}"


def _analysis_text(a: Analysis) -> str:
    cause = escape_mrkdwn(humanize(a.root_cause))
    if a.root_cause_evidence:
        cause += " (" + ", ".join(f"“{escape_mrkdwn(c)}”" for c in a.root_cause_evidence[:3]) + ")"
    esc = a.escalate
    verdict = f"⚠️ escalate to *{escape_mrkdwn(esc.to)}*" if esc.recommended else "✅ no escalation needed"
    lines = [f"*Severity:* {SEVERITY_EMOJI.get(a.severity, '⚪')} {escape_mrkdwn(a.severity)}    *Likely root cause:* {cause}",
             f"*Escalation:* {verdict}: {escape_mrkdwn(esc.reason)}",
             "*Signals*" if a.signals else "*Signals:* no difficult signals found"]
    return "\n".join(lines + [_evidence(hit, a.confidence.get(hit.name)) for hit in a.signals])


def _style_id(style: str, seen: set[str]) -> str:
    base = "draft_" + (re.sub(r"[^a-z0-9]+", "_", style.lower()).strip("_")[:40] or "reply")
    block_id, n = base, 2
    while block_id in seen:
        block_id, n = f"{base}{n}", n + 1
    seen.add(block_id)
    return block_id


def _draft_blocks(s: Suggestion) -> list[dict]:
    blocks, seen = [], set()
    for reply in s.replies:
        block_id = _style_id(reply.style, seen)
        parts = sections(escape_mrkdwn(reply.text) or "_(empty draft)_", block_id)
        more = f" · in {len(parts)} parts, copy each" if len(parts) > 1 else ""
        blocks.append(context([f"✍️ *{escape_mrkdwn(reply.style.capitalize())}* draft{more}"], f"{block_id}_label"))
        blocks += parts
        seen.update(p["block_id"] for p in parts)
    return blocks


def suggestion_blocks(s: Suggestion, suggestion_id: str, notice: str | None = None, native_feedback: bool = False) -> list[dict]:
    """The whole suggestion as one message of at most 50 blocks; the buttons always stay."""
    severity = s.analysis.severity
    blocks = [header(f"Suggested reply · {SEVERITY_EMOJI.get(severity, '⚪')} {severity.capitalize()}")]
    blocks += sections(_analysis_text(s.analysis), "analysis")
    if s.notes:
        blocks.append(context(["ℹ️ " + escape_mrkdwn(" ".join(s.notes))], "notes"))
    if notice:
        blocks.append(context([escape_keeping_refs(notice)], "notice"))
    blocks += [divider(), *_draft_blocks(s), divider()]
    if s.boundary:
        level = BOUNDARY_LEVELS.get(s.boundary.level, "")
        title = f"Boundary, level {s.boundary.level} of 3" + (f" ({level})" if level else "")
        blocks += sections(titled(title, escape_mrkdwn(s.boundary.text)), "boundary")
    if s.questions:
        blocks += sections(titled("Questions to ask", bullets(s.questions)), "questions")
    if s.next_steps:
        blocks += sections(titled("Next steps", bullets(s.next_steps, "☐")), "next_steps")
    if s.sources:
        blocks.append(context(["📚 Playbook: " + escape_mrkdwn(", ".join(s.sources))], "sources"))
    buttons = suggestion_buttons(suggestion_id, native_feedback)
    return _fit_message(blocks + buttons, keep_tail=len(buttons))


def suggestion_buttons(suggestion_id: str, native_feedback: bool = False) -> list[dict]:
    """Warmer / Firmer / Shorter, then Helpful / Not helpful and Follow up: under every suggestion, and under
    the model's drafts streamed into the agent's DM. `native_feedback` (the DM) uses Slack's feedback
    buttons for Helpful / Not helpful; ephemeral messages keep plain buttons."""
    tone = actions("actions_tone", [button(a, t, suggestion_id) for a, t in TONE_BUTTONS])
    follow_up = button("followup_from_suggestion", "Follow up…", suggestion_id)
    if native_feedback:
        return [tone, actions("actions_feedback", [follow_up]),
                feedback_buttons("feedback_native", NATIVE_FEEDBACK, ("👍 Helpful", f"helpful:{suggestion_id}"),
                                 ("👎 Not helpful", f"not_helpful:{suggestion_id}"))]
    return [tone, actions("actions_feedback", [
        button("feedback_helpful", "👍 Helpful", suggestion_id),
        button("feedback_not_helpful", "👎 Not helpful", suggestion_id),
        follow_up,
    ])]


def drafts_markdown(s: Suggestion) -> list[str]:
    """The drafts as markdown, one piece per draft, for streaming into the agent's DM."""
    return [L.clip(f"**{escape_mrkdwn(r.style.capitalize())} draft**\n{escape_mrkdwn(r.text)}\n\n", L.STREAM_MARKDOWN)
            for r in s.replies]


def suggestion_text(s: Suggestion) -> str:
    """The notification fallback: severity, signals and the start of the first draft."""
    a = s.analysis
    signals = ", ".join(humanize(n) for n in a.signal_names) or "no difficult signals"
    text = f"Suggested reply ({a.severity}): {signals}"
    if s.replies:
        text += f". Draft: “{L.clip(' '.join(s.replies[0].text.split()), 200, '…')}”"
    return L.clip(escape_mrkdwn(text), L.FALLBACK_TEXT)


# --- small messages --------------------------------------------------------------

def placeholder_blocks(text: str = "Reading the message…") -> list[dict]:
    return [context([f"⏳ {escape_mrkdwn(text)}"], "placeholder")]


def notice_blocks(text: str) -> list[dict]:
    """One friendly sentence (an error with its reference id, a refusal). Channel and user
    references such as <#C123> are kept; anything else is shown as typed."""
    return sections(escape_keeping_refs(text), "notice")


def refusal_for_escalate(allowed_description: str) -> list[dict]:
    return notice_blocks(f"Sorry, /escalate is for {allowed_description}. "
                         "If you need a hand with a difficult customer, ask your team lead, "
                         "or use *Suggest a reply* on the message.")


# --- escalation guidance ---------------------------------------------------------

def _verdict_text(g: EscalationGuidance) -> str:
    if g.escalate:
        who = f" ({escape_mrkdwn(g.contact)})" if g.contact else ""
        head = f"🚨 *Escalate now* to *{escape_mrkdwn(g.to)}*{who}"
    else:
        head = "✅ *No escalation needed now*"
    signals = escape_mrkdwn(", ".join(humanize(n) for n in g.signals)) or "none"
    return "\n".join([head, f"*Why:* {escape_mrkdwn(g.reason)}",
                      f"*Severity:* {SEVERITY_EMOJI.get(g.severity, '⚪')} {escape_mrkdwn(g.severity)}    *Signals:* {signals}"])


def _letting_go_blocks(g: EscalationGuidance) -> list[dict]:
    lg = g.letting_go
    reasons = escape_mrkdwn("; ".join(lg.reasons))
    blocks = [divider(), header("Letting the customer go")]
    blocks += sections(f"Because of: *{reasons}*\n\n" + titled("Assess first", bullets(lg.checklist, "☐")), "letting_go")
    blocks += sections(titled("Try these alternatives before ending it", bullets(lg.alternatives)), "alternatives")
    blocks.append(context(["✉️ *A respectful closing message*, to adapt and send only once approved"], "closing_message_label"))
    blocks += sections(escape_mrkdwn(lg.closing_message), "closing_message")
    blocks += sections(titled("Keep on record", bullets(lg.document, "☐")), "letting_go_document")
    return blocks


def guidance_blocks(g: EscalationGuidance, guidance_id: str, shareable: bool = True) -> list[dict]:
    blocks = [header("Escalation guidance"), *sections(_verdict_text(g), "verdict")]
    blocks += sections(titled("What to document", bullets(g.document, "☐")), "document")
    blocks += sections(titled("Hand-off note", escape_mrkdwn(g.handoff_note)), "handoff")
    blocks += sections(titled("Tell the customer", escape_mrkdwn(g.tell_customer)), "tell_customer")
    if g.letting_go:
        blocks += _letting_go_blocks(g)
    if g.sources:
        blocks.append(context(["📚 Playbook: " + escape_mrkdwn(", ".join(g.sources))], "sources"))
    if shareable:
        blocks.append(actions("actions_escalation", [
            button("share_escalation", "Share to escalation channel", guidance_id, style="primary")]))
    return _fit_message(blocks, keep_tail=1 if shareable else 0)


def _lead_mention(lead_user_id: str) -> str:
    return f"<@{lead_user_id}>" if _USER_ID.fullmatch(lead_user_id) else escape_mrkdwn(lead_user_id)


def handoff_message_blocks(g: EscalationGuidance, lead_user_id: str) -> list[dict]:
    """What goes to the escalation channel: the hand-off note, attributed; never the
    customer-facing closing message, only the reasons when letting go is in play."""
    blocks = sections(f"🚨 *Escalation hand-off* ({escape_mrkdwn(g.severity)})\nShared by {_lead_mention(lead_user_id)}",
                       "shared_by")
    blocks += sections(escape_mrkdwn(g.handoff_note), "handoff")
    if g.letting_go:
        blocks += sections(titled("Ending the relationship is being considered because of",
                                    bullets(g.letting_go.reasons)), "letting_go_reasons")
    return _fit_message(blocks)


def handoff_message_text(g: EscalationGuidance, lead_user_id: str) -> str:
    first = g.handoff_note.strip().splitlines()[0] if g.handoff_note.strip() else "Escalation hand-off"
    return L.clip(f"Shared by {_lead_mention(lead_user_id)}: {escape_mrkdwn(first)}", L.FALLBACK_TEXT)


def escalate_modal(private_metadata: str = "") -> dict:
    return {
        "type": "modal",
        "callback_id": "escalate_modal",
        "title": plain("Escalation guidance", L.MODAL_TITLE),
        "submit": plain("Get guidance", L.MODAL_BUTTON),
        "close": plain("Cancel", L.MODAL_BUTTON),
        "private_metadata": L.require_within(private_metadata, L.PRIVATE_METADATA, "private_metadata"),
        "blocks": [
            input("customer", "Customer", "Name, company or account (optional)", multiline=False, optional=True),
            input("what_happened", "What happened?", "What the customer said or did, in a few sentences",
                   multiline=True, optional=False, hint="Quote abusive or threatening words exactly."),
            input("wants", "What does the customer want?", "A refund, an exception, an apology…",
                   multiline=True, optional=True),
            input("history", "History so far", "Earlier contacts, offers made, warnings given",
                   multiline=True, optional=True),
        ],
    }


# --- App Home --------------------------------------------------------------------

def _how_to_text(is_lead: bool) -> str:
    escalate = ("you're a team lead, so it's yours to use" if is_lead else "for team leads")
    return titled("How to use it", "\n".join([
        "• *Suggest a reply*: on any customer message, open the ⋯ menu and choose *Suggest a reply*. "
        "Only you see the result.",
        "• *Direct message*: send me the customer's words, or forward / share their message to me.",
        "• *Mention me in a thread*: `@Composure` in a thread gives suggestions for its first message.",
        f"• */escalate*: escalation guidance for a situation you describe ({escalate}).",
        "• */followup* and the *Follow up on this* shortcut: a reminder to get back to a customer, "
        "e.g. `/followup in 2 days check the refund for Acme`; `/followup list` shows yours.",
    ]))


def _recent_text(recent: list[dict]) -> str:
    if not recent:
        return "_Nothing yet._ Try *Suggest a reply* on a customer message and it will show up here."
    lines = []
    for item in recent[:RECENT_SHOWN]:
        emoji, label = RECENT_KINDS.get(item.get("kind", ""), ("•", humanize(str(item.get("kind", "activity"))).capitalize()))
        when = date(item["when"]) if isinstance(item.get("when"), datetime) else ""
        summary = escape_mrkdwn(L.clip(" ".join(str(item.get("summary", "")).split()), 200, "…"))
        lines.append(f"{emoji} {when} · *{label}*" + (f": {summary}" if summary else ""))
    if len(recent) > RECENT_SHOWN:
        lines.append(f"_…and {len(recent) - RECENT_SHOWN} earlier._")
    return "\n".join(lines)


def home_view(recent: list[dict], is_lead: bool, extra_blocks: list[dict] | None = None) -> dict:
    blocks = [
        header("Composure: calm replies to difficult customers"),
        *sections("I read a difficult customer message and suggest what to say: three reply drafts "
                   "(empathetic, concise, formal), a boundary when one is needed, questions to ask, "
                   "next steps and whether to escalate. Nothing is sent to the customer; you choose.", "about"),
        *sections(_how_to_text(is_lead), "how_to"),
        divider(),
        header("Your recent activity"),
        *sections(_recent_text(recent), "recent"),
        *(extra_blocks or []),
    ]
    return {"type": "home",
            "blocks": L.cap_blocks(blocks, L.VIEW_BLOCKS, lambda d: _left_out_note(d, "the Home tab"))}
