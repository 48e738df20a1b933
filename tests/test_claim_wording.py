"""A claim is a legal threat when it is legal, made against us or held over us; a claim made with us is our own
process (round 38: a customer of a health insurer, writing "if I ever actually file a claim for something", was sent
to formal disputes; a lost-bag claim filed at the counter was read as a threat in a labelled letter)."""

from __future__ import annotations

import pytest


def _legal(assistant, text: str) -> bool:
    return "threat_legal" in assistant.analyze_text(text).signal_names


@pytest.mark.parametrize("text", [
    "I sleep secure knowing I can be dropped like a bad habit if I ever actually file a claim for something.",
    "When I returned to the baggage counter I filed a claim and was told my bag should turn up in a few days.",
    "How do I make a claim on my travel insurance for the cancelled hotel?",
])
def test_a_claim_made_with_us_is_no_legal_threat(assistant, text):
    assert not _legal(assistant, text)


@pytest.mark.parametrize("text", [
    "I want a refund, I never got 1 call, I will file a claim if u don't refund, this is outright blackmail",
    "Refund me by Friday or I will file a claim.",
    "I'm filing a legal claim against you this week.",
    "I have opened a dispute with PayPal.",
    "Submitted a claim for diminished value over 2 weeks ago, no response. Trying not to involve attorneys. Please advise",
])
def test_a_claim_held_over_us_or_made_against_us_is_one(assistant, text):
    assert _legal(assistant, text)
