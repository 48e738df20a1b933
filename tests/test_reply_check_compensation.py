"""Compensation with no ceiling (a multiple of what was paid, cover with no end) is a promise beyond policy, in an
agent's draft and in any draft bot.policy checks; the rewrite offers what the policy allows instead."""

from __future__ import annotations

import pytest

from bot.policy import promises_beyond_policy
from bot.reply_check import load_checker
from reply_support import assert_rewrite


@pytest.fixture(scope="module")
def checker(assistant):
    return load_checker(assistant.settings, assistant.playbook, assistant.rules)


UNCAPPED = [
    "We're going to reimburse you three times what the tickets cost.",
    "I'll give you back twice your deposit for the hassle.",
    "You'll be paid double the fare as a goodwill gesture.",
    "We'll foot the bill for every expense from the trip.",
    "No matter how much it comes to, we'll cover your rebooking.",
    "Rest assured we'll reimburse you in full for the taxi, the hotel and the meals.",
    "Any costs you ran up because of the outage will be refunded.",
    "I'll see to it that you're compensated for everything that went wrong.",
    "You'll get your money back and then some: 5x the order value in vouchers.",
    "We'll add six months on the house to make up for it.",
    "We'll refund the order in full plus $90 for the inconvenience.",
]


@pytest.mark.parametrize("sentence", UNCAPPED)
def test_uncapped_or_multiplied_compensation_is_beyond_policy(checker, assistant, sentence):
    assert promises_beyond_policy(sentence, assistant.settings.policy), sentence
    draft = f"I'm sorry about the cancelled flight. {sentence}"
    review = checker.check(draft)
    found = [f for f in review.findings if f.kind == "promises_beyond_policy"]
    assert found and all(f.quote in draft for f in found), review.findings
    assert found[0].source in assistant.playbook


@pytest.mark.parametrize("sentence", UNCAPPED[:4])
def test_the_rewrite_offers_what_policy_allows_instead(checker, sentence):
    draft = f"Hi Lee,\n\nI'm sorry about the cancelled flight. {sentence}\n\nBest,\nAmi"
    assert_rewrite(checker, checker.check(draft), ["what we can offer", "I'm sorry about the cancelled flight."], [sentence])


@pytest.mark.parametrize("sentence", [
    "You were billed twice for the same order, and I've refunded the second charge.",
    "I've cancelled the duplicate booking and refunded the double payment of $40.",
    "We can't cover every cost of the trip, but I can refund the $20 booking fee today.",
    "I'll ask my team lead whether we could refund double what you paid, and come back to you by Friday.",
    "Your courier's tracking shows the parcel arrived twice as fast as last time.",
    "I've refunded your order in full; you'll see it within 5 days.",
    "All your travel expenses will be covered by your insurer once the claim is approved.",
    "I'll refund the $30 delivery charge plus the $80 item today.",
])
def test_ordinary_offers_and_refusals_are_not_beyond_policy(assistant, sentence):
    assert promises_beyond_policy(sentence, assistant.settings.policy) == []
