"""What each of the three drafts *does*: one approach per style, never the same one twice when the
case allows another.

Reviewers on real messages scored "three drafts distinct" near zero while every draft made the same
offer in a different voice. A lead reading three drafts wants three ways to handle the case: put it
right now, involve the customer (let them choose, or ask the one question that decides the fix
first), or hand it to the person who can decide. Each style has an order of preference; an
approach the case cannot support (a choice needs two remedies, a question needs a specific one, a
hand-over needs an escalation) is skipped, and one already taken goes to the next style only when
nothing else is left.

A long complaint letter we cannot place has no remedy to choose and no question worth asking (it has
told its story), so it has two more ways: the empathetic draft offers a call, where a conversation finds
what a form can't, and the formal one records it as a formal complaint with a written answer.
"""

from __future__ import annotations

from dataclasses import dataclass

# concise resolves in a line; empathetic involves the person; formal sets out options or hands over
PREFERENCES = {
    "concise": ("act", "ask", "choose", "handover"),
    "empathetic": ("choose", "ask", "call", "act"),  # it keeps the case ("I'm keeping this with me"): never hands it over
    "formal": ("handover", "ask", "choose", "record", "act"),
}


@dataclass(frozen=True)
class Available:
    offers: int        # remedies the plan allows
    alternatives: bool  # the first two remedies are alternatives the customer may choose between
    question: bool     # a specific question whose answer decides the fix
    handover: bool     # the analysis escalates: someone else decides part of it
    call: bool = False    # a long letter we cannot place: talking it through is a way forward
    record: bool = False  # ... and it may be recorded as a formal complaint, answered in writing


def assign(styles: tuple[str, ...], available: Available) -> dict[str, str]:
    """style -> approach, each approach used once while unused ones the case supports remain."""
    possible = {"act": available.offers >= 1, "choose": available.offers >= 2 and available.alternatives,
                "ask": available.question, "handover": available.handover, "call": available.call,
                "record": available.record}
    taken: set[str] = set()
    chosen: dict[str, str] = {}
    for style in sorted(styles, key=list(PREFERENCES).index):  # concise picks first: it resolves if it can
        order = [a for a in PREFERENCES[style] if possible[a]] or ["act"]  # nothing to do yet: the slots and the ask
        fresh = [a for a in order if a not in taken]
        chosen[style] = (fresh or order)[0]
        taken.add(chosen[style])
    return chosen
