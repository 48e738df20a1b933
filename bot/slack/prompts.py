"""What an agent asks Composure in its conversation, read from the words of a DM.

The agent view offers four suggested prompts (the same ones manifest.yml declares, so a
workspace shows them before Composure has said anything); a prompt sends its `message` as an
ordinary DM. `read_ask` tells those, and "Check my reply: <draft>", from a customer's message
pasted in, which stays the default: anything unrecognised is analysed as before.
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


@dataclass(frozen=True)
class Ask:
    """What the DM asks for, and the text it carries after the prompt's words ('' when none)."""

    kind: str
    text: str = ""


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
    return Ask(MESSAGE, text)
