"""Whose message it is: the first name the customer gives for themselves, so a draft can greet them by it.

Reviewers asked for it in every round with children's letters ("Write to Luka by name"), and a letter signed
"Emily" answered "Hi there," reads as unread. Only a name the writer gives as theirs counts: a sign-off at the end
("Regards,\\nEmily", "Love from Lily Robinson age 3 1/2", "From Sophia (age 8)", "– Luka") or "My name is
Charlotte". A capitalised word that is not a first name ("Thanks", "Disappointed", "Sainsbury's") is never one.
"""

from __future__ import annotations

import re

from bot.thanked import NOT_NAMES

_FIRST = r"(?P<name>[A-Z][a-z]{1,19})"
_SURNAME = r"(?:\s+[A-Z][a-z'’-]{1,25})?"
_AGE = r"(?:\s*[,(]?\s*(?i:aged?)\s*\d[\d ½/]*\)?)?"
_SIGN_OFF = (r"(?i:thanks|thank you|many thanks|regards|kind regards|best regards|warm regards|best wishes|best|"
             r"cheers|sincerely|yours sincerely|yours truly|yours faithfully|yours|love|lots of love|with love|"
             r"love from|from|all the best)")
# the last line: "Regards,\nEmily", "Love from Lily Robinson age 3 1/2", "From Sophia (age 8)", "– Luka"
_SIGNED = re.compile(rf"(?:(?:^|\n)\s*{_SIGN_OFF}[,.!]?\s*|(?:^|\n)[ \t]*[-–—~][ \t]*|(?:[.!?]|\n)[ \t]*(?i:love\s+)?(?i:from)[ \t]+)"
                     rf"{_FIRST}{_SURNAME}{_AGE}[ \t]*[.!]?\s*$")
_INTRODUCED = re.compile(rf"\b(?i:my\s+name\s+is|my\s+name's)\s+{_FIRST}\b")


def writer_name(text: str) -> str:
    """The writer's first name as they give it, or "" when they give none."""
    for pattern in (_SIGNED, _INTRODUCED):
        match = pattern.search(text.strip())
        if match and match.group("name") not in NOT_NAMES:
            return match.group("name")
    return ""
