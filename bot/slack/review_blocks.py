"""Block Kit for "Check my reply": a `ReplyReview` (bot.reply_check) as one private message.

Each finding quotes the agent's own words (escaped: their draft may hold anything), says why
and names the playbook section; then the safer rewrite. Under the header, the customer's message
the draft was checked against (or that there was none): findings such as an insult echoed back
depend on it, so the agent must know which one. Limits go through `bot.slack.limits`.
"""

from __future__ import annotations

from bot.reply_check import ReplyReview
from bot.slack import limits as L
from bot.slack.parts import context, divider, escape_mrkdwn, header, humanize, sections, titled

QUOTE_SHOWN = 300
CONTEXT_SHOWN = 200


def _finding_text(n: int, kind: str, quote: str, why: str) -> str:
    quoted = f"“{escape_mrkdwn(L.clip(quote, QUOTE_SHOWN, '…'))}”" if quote else "_(nothing in your reply)_"
    return f"*{n}. {escape_mrkdwn(humanize(kind).capitalize())}*: {quoted}\n{escape_mrkdwn(why)}"


def _checked_with(sentence: str, customer: str | None) -> list[dict]:
    """`sentence` is our own mrkdwn (it may link a channel); the customer's words are escaped and clipped."""
    if not sentence:
        return []
    quoted = f" “{escape_mrkdwn(L.clip(' '.join(customer.split()), CONTEXT_SHOWN, '…'))}”" if customer else ""
    return [context([f"💬 {sentence}{quoted}"], "review_context")]


def review_blocks(review: ReplyReview, checked_with: str = "", customer: str | None = None) -> list[dict]:
    """The findings in the order the draft reads, each with its section, then the rewrite to copy;
    `checked_with` says which customer message (`customer`) the draft was checked against, or that none was."""
    about = _checked_with(checked_with, customer)
    if review.ok:
        return [header("Your reply · ✅ nothing to change", "review_header"), *about,
                *sections("Nothing in this reply needs changing before it is sent.", "review_ok")]
    count = len(review.findings)
    blocks = [header(f"Your reply · {count} thing{'s' if count != 1 else ''} to change before sending", "review_header"),
              *about]
    for n, finding in enumerate(review.findings, 1):
        blocks += sections(_finding_text(n, finding.kind, finding.quote, finding.why), f"finding_{n}")
        blocks.append(context([f"📚 Playbook: {escape_mrkdwn(finding.source)}"], f"finding_{n}_source"))
    title = "A safer rewrite (improved by the model)" if review.engine == "openai" else "A safer rewrite"
    rewrite = [divider(), *sections(titled(title, escape_mrkdwn(review.rewrite)), "rewrite")]
    if review.notes:
        rewrite.append(context([f"ℹ️ {escape_mrkdwn(note)}" for note in review.notes], "rewrite_notes"))
    note = context(["⚠️ Some findings are not shown (Slack limits a message's size); the rewrite fixes them all."],
                   "review_cut")
    return L.cap_blocks(blocks + rewrite, L.MESSAGE_BLOCKS, note, keep_tail=len(rewrite), text_budget=L.MESSAGE_TEXT_BUDGET)


def review_text(review: ReplyReview) -> str:
    """The notification fallback: how many findings, and of which kinds."""
    if review.ok:
        return "Your reply: nothing to change before sending."
    kinds = ", ".join(humanize(k) for k in review.kinds)
    return L.clip(escape_mrkdwn(f"Your reply: {len(review.findings)} to change ({kinds})"), L.FALLBACK_TEXT)
