"""Block Kit primitives shared by every renderer: escaped text, sections, buttons, inputs.

Lengths go through `bot.slack.limits`, so every surface obeys Slack's limits the same way.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterable

from bot.slack import limits as L

_SAFE_REF = re.compile(r"<(?:#[CG][A-Z0-9]+(?:\|[^<>]*)?|@[UW][A-Z0-9]+)>")


def escape_mrkdwn(text: str) -> str:
    """Slack's three control characters, so user text stays text (no <!channel>, no links)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_keeping_refs(text: str) -> str:
    """Escape everything but plain channel and user references (<#C…>, <@U…>) that our own
    notices use; broadcasts such as <!channel> or <!here> are always escaped."""
    out, last = [], 0
    for m in _SAFE_REF.finditer(text):
        out += [escape_mrkdwn(text[last:m.start()]), m.group(0)]
        last = m.end()
    return "".join(out + [escape_mrkdwn(text[last:])])


def humanize(name: str) -> str:
    return name.replace("_", " ")


def bullets(items: Iterable[str], mark: str = "•") -> str:
    return "\n".join(f"{mark} {escape_mrkdwn(item)}" for item in items)


def titled(title: str, body: str) -> str:
    return f"*{title}*\n{body}" if body else f"*{title}*"


def date(when: datetime) -> str:
    """Slack renders this in the reader's own time zone; the fallback is UTC."""
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    fallback = when.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def mrkdwn(text: str, limit: int = L.TEXT_OBJECT) -> dict:
    return {"type": "mrkdwn", "text": L.clip(text, limit) or " ", "verbatim": True}


def plain(text: str, limit: int = L.TEXT_OBJECT) -> dict:
    return {"type": "plain_text", "text": L.clip(text, limit) or " ", "emoji": True}


def header(text: str, block_id: str | None = None) -> dict:
    block = {"type": "header", "text": plain(text, L.HEADER_TEXT)}
    return {**block, "block_id": L.require_within(block_id, L.BLOCK_ID, "block_id")} if block_id else block


def context(texts: Iterable[str], block_id: str | None = None) -> dict:
    elements = [mrkdwn(t, L.CONTEXT_TEXT) for t in texts if t][:L.CONTEXT_ELEMENTS]
    block = {"type": "context", "elements": elements or [mrkdwn(" ")]}
    return {**block, "block_id": L.require_within(block_id, L.BLOCK_ID, "block_id")} if block_id else block


def sections(text: str, block_id: str | None = None) -> list[dict]:
    """One section per chunk of `text` (already mrkdwn); ids `x`, `x_2`, `x_3`…"""
    blocks = []
    for i, chunk in enumerate(L.split_text(text, L.SECTION_TEXT) or [" "], start=1):
        block = {"type": "section", "text": mrkdwn(chunk, L.SECTION_TEXT)}
        if block_id:
            block["block_id"] = L.require_within(block_id if i == 1 else f"{block_id}_{i}", L.BLOCK_ID, "block_id")
        blocks.append(block)
    return blocks


def divider() -> dict:
    return {"type": "divider"}


def button(action_id: str, text: str, value: str, style: str | None = None) -> dict:
    button = {"type": "button", "action_id": L.require_within(action_id, L.ACTION_ID, "action_id"),
              "text": plain(text, L.BUTTON_TEXT), "value": L.require_within(value, L.BUTTON_VALUE, "button value")}
    return {**button, "style": style} if style else button


def actions(block_id: str, buttons: list[dict]) -> dict:
    return {"type": "actions", "block_id": block_id, "elements": buttons[:L.ACTIONS_ELEMENTS]}


def input(block_id: str, label: str, placeholder: str, *, multiline: bool, optional: bool,
           hint: str | None = None) -> dict:
    element = {"type": "plain_text_input", "action_id": "value", "multiline": multiline,
               "max_length": L.PLAIN_TEXT_INPUT_MAX, "placeholder": plain(placeholder, L.INPUT_PLACEHOLDER)}
    block = {"type": "input", "block_id": block_id, "optional": optional,
             "label": plain(label, L.INPUT_LABEL), "element": element}
    return {**block, "hint": plain(hint, L.INPUT_HINT)} if hint else block


def feedback_buttons(block_id: str, action_id: str, positive: tuple[str, str], negative: tuple[str, str]) -> dict:
    """Slack's native 👍 / 👎 (a feedback_buttons element in a context_actions block); each pair is (label, value)."""
    def one(label: str, value: str) -> dict:
        return {"text": plain(label, L.BUTTON_TEXT), "value": L.require_within(value, L.BUTTON_VALUE, "button value"),
                "accessibility_label": L.clip(label, L.BUTTON_TEXT)}
    return {"type": "context_actions", "block_id": block_id,
            "elements": [{"type": "feedback_buttons", "action_id": L.require_within(action_id, L.ACTION_ID, "action_id"),
                          "positive_button": one(*positive), "negative_button": one(*negative)}]}
