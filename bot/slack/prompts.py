"""What an agent asks Composure in its conversation, read from the words of a DM.

The agent view offers four suggested prompts (the same ones manifest.yml declares, so a
workspace shows them before Composure has said anything); a prompt sends its `message` as an
ordinary DM. `read_ask` tells those, "Check my reply: <draft>" and a pasted pair ("Customer: …"
then "Reply: …", read by `read_pasted`), from a customer's message pasted in, which stays the
default: anything unrecognised is analysed as before.
Pure functions over text; nothing here calls Slack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PROMPTS_TITLE = "What can I help with?"
SUGGESTED_PROMPTS = (
    {"title": "What's going on in the message I'm viewing?", "message": "What's going on here?"},
    {"title": "Check my reply", "message": "Check my reply"},
    {"title": "Escalation check", "message": "Escalation check"},
    {"title": "Paste a customer message", "message": "Paste a customer message"},
)

VIEWING, CHECK, ESCALATION, PASTE, MESSAGE = "viewing", "check", "escalation", "paste", "message"

_APOS = "['’]"
_VIEWING = re.compile(rf"^\s*what{_APOS}?s?\s*(?:is\s+)?going\s+on(?:\s+here|\s+in\s+the\s+message\s+i{_APOS}?m\s+viewing|\s+in\s+this(?:\s+message)?)?\s*\??\s*$", re.I)
_CHECK = re.compile(r"^\s*check\s+my\s+(?:reply|draft|answer)\b\s*[:\-–—]?\s*", re.I)
_ESCALATION = re.compile(r"^\s*escalation\s+check\b\s*[:\-–—]?\s*", re.I)
_PASTE = re.compile(r"^\s*paste\s+a\s+customer(?:'s)?\s+message\s*[.!]?\s*$", re.I)
# A label at the start of a line, bold or quoted or not: "Customer:", "Customer's message:", "My reply:", "Draft:".
_LABEL = re.compile(rf"^[ \t>*_]*(?:(?P<customer>(?:the\s+)?customer(?:{_APOS}s)?(?:\s+(?:message|said|wrote))?)"
                    r"|(?P<reply>(?:my\s+)?(?:reply|draft|answer)))[*_]*\s*:[*_]*[ \t]*", re.I | re.M)


@dataclass(frozen=True)
class Ask:
    """What the DM asks for, and the text it carries after the prompt's words ('' when none)."""

    kind: str
    text: str = ""


@dataclass(frozen=True)
class Pasted:
    """A customer's message and the agent's reply to it, pasted together for "Check my reply"."""

    customer: str
    reply: str


def read_pasted(text: str) -> Pasted | None:
    """Both parts, when the text opens with a "Customer:" or "Reply:" line and has the other too;
    None otherwise (a customer's message that merely mentions a reply stays a customer's message)."""
    first: dict[str, re.Match] = {}
    for label in _LABEL.finditer(text):  # only each part's first label splits: a later one is that part's text
        first.setdefault("customer" if label.group("customer") else "reply", label)
    if len(first) < 2 or text[:min(m.start() for m in first.values())].strip():
        return None
    one, two = sorted(first.values(), key=lambda m: m.start())
    parts = {k: text[m.end():two.start() if m is one else len(text)].strip() for k, m in first.items()}
    return Pasted(parts["customer"], parts["reply"]) if all(parts.values()) else None


def read_ask(text: str) -> Ask:
    """The kind of request a DM makes. A prompt followed by text ("Check my reply: Hi Sam, …")
    carries that text; the bare prompt carries none, and the next message is awaited."""
    if _VIEWING.match(text):
        return Ask(VIEWING)
    if _PASTE.match(text):
        return Ask(PASTE)
    for kind, pattern in ((CHECK, _CHECK), (ESCALATION, _ESCALATION)):
        m = pattern.match(text)
        if m:
            return Ask(kind, text[m.end():].strip())
    if read_pasted(text):
        return Ask(CHECK, text)
    return Ask(MESSAGE, text)
