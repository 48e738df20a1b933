"""Does a model's draft say what the message is about, where the offline draft of the same style does?

A small model passes every safety check with "Thank you for reaching out; we will look into your
issue" while the offline draft names the customer's suitcase, the $157.69 refund and what happens
next. When the offline draft names something the reading found (a reference or amount the customer
quoted, the customer's own word for the thing that went wrong), the model's draft must name one of
them too: the thing by any of its names, or the issue in one of the customer's own content words
("the cheese you bought").

Measured (tests/test_llm_specificity.py): word overlap with the offline draft refused 10 of 72 honest
answers and was removed; this refuses none of the 50 honest drafts in tests/data/guard and none of
42 written for real messages, and 138 of 252 generic ones: every one that faces an offline draft
naming something (the rest face offline drafts as unspecific as they are). Two more measures were tried and dropped: a length floor against the offline
draft (refused 3 of 50 honest, short answers that answer a question) and requiring a greeting or
sign-off (42 of 50: honest drafts often leave those to the agent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

RESTATED = 1  # the customer's own content words a draft must share to have restated the issue
_PLACEHOLDER = re.compile(r"\[[^\]]*\]")
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


# Words any reply may use whatever the message said: sharing them with the customer shows nothing.
_COMMON = frozenset("""about again always apologise apologize appreciate being believe better cause caused contact
contacting could customer customers email experience further happen happened having hear help issue issues least
looking message never other please problem problems really reach reaching right service should sorry still support
thank thanks their there these thing things think today tomorrow trouble understand update what when where which while
would write writing yours hello great value valued services department received receive working concern concerns
priority inconvenience apologies sincerely regards feedback request possible""".split())


@dataclass(frozen=True)
class Specifics:
    """What a draft can name to show the message was read: the facts the customer quoted, their word for the
    thing that went wrong (and the same thing's other names), and their own content words."""

    facts: tuple[str, ...]
    things: tuple[str, ...]
    said: frozenset[str] = frozenset()

    @classmethod
    def of(cls, reading, customer_text: str = "", synonyms: dict[str, tuple[str, ...]] | None = None) -> "Specifics":
        if reading is None:
            return cls((), ())
        facts = tuple(f.text for f in reading.facts if f.kind in ("reference", "amount"))
        topic, things = reading.topic, set()
        if topic and topic.words and re.search(rf"\b{re.escape(topic.words)}", customer_text, re.I):
            things = {topic.words.lower(), *((synonyms or {}).get(topic.name, ()))}  # not a topic the reading assumed
        said = frozenset(w for w in _WORD.findall(customer_text.lower()) if len(w) >= 5 and w not in _COMMON)
        return cls(facts, tuple(sorted(things)), said)

    def named_in(self, text: str) -> set[str]:
        found = set()
        digits = {re.sub(r"\D", "", token) for token in re.findall(r"\S+", text)}
        for fact in self.facts:
            fact_digits = re.sub(r"\D", "", fact)
            if fact.lower() in text.lower() or (len(fact_digits) >= 2 and fact_digits in digits):
                found.add(fact)
        for thing in self.things:
            stem = thing[:max(4, len(thing) - 2)]  # "suitcase" names "suitcases", "order" names "ordered"
            # a short name is a whole word: "rep" is not the start of "reply", nor "car" of "care"
            pattern = rf"\b{re.escape(thing)}s?\b" if len(thing) <= 4 else rf"\b{re.escape(stem)}"
            if re.search(pattern, text, re.I):
                found.add(thing)
        return found

    def restated_in(self, text: str) -> bool:
        """Named a fact or the thing, or restated the issue in the customer's own content words."""
        return bool(self.named_in(text)) or len(self.said & set(_WORD.findall(text.lower()))) >= RESTATED


def less_than_offline(text: str, offline_text: str, specifics: Specifics) -> str | None:
    """Why the model's draft falls short of the offline one (None when it does not), as a plain clause."""
    if specifics.named_in(_PLACEHOLDER.sub(" ", offline_text)) and not specifics.restated_in(text):
        return "did not say what the customer's message is about, which the offline draft does"
    return None
