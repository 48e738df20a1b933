"""A reply under a public post (a tweet to the company) is read by everyone: what it may ask there, and how.

The details that find a customer's case (an e-mail address, an account or order number) are asked for by direct
message, never in the open thread; only our own phrasing is changed, so every sentence stays grammatical.
"""

from __future__ import annotations

import re

_PRIVATE_DETAIL = re.compile(r"\b(?:e-mail|email|number|reference|account|postcode|address|username|receipt)\b")


def in_private(question: str) -> str:
    """"Could you send me the e-mail address on your account?" asked in public asks them to post it: the same
    question by direct message; any other question for a private detail ("Which e-mail address or order number
    did you write about?") says where to answer it. Only our own phrasing is changed, so it stays grammatical."""
    if "Could you send me the " in question:
        return question.replace("Could you send me the ", "Could you send me a direct message with the ")
    if _PRIVATE_DETAIL.search(question) and "direct message" not in question:
        return f"{question} Please reply by direct message rather than here."
    return question
