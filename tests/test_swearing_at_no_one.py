"""Swearing at a product or a situation is not insulting a person: the round-15 reviewer found profanity aimed at a
product escalated to a lead with a firm boundary. Swearing that names no one weighs only through the anger it shows
([severity] unaimed_abuse_points) and is no reason on its own for a lead; insults at people still are."""

from __future__ import annotations

import pytest

from bot.boundary import boundary_level, insults_in


@pytest.mark.parametrize("text", [
    # real complaint tweets (complaints corpus, training rows)
    "I don't know what's going on with BT but this internet service at the moment is fucking terrible.",
    "I swear @neimanmarcus has some of the worst customer service on this fucking planet",
    "@ASOS_HeretoHelp @ASOS my order number is 309749735 where is my shit?",
])
def test_swearing_at_a_product_is_not_taken_over_by_a_lead(assistant, text):
    s = assistant.suggest(text)
    assert s.analysis.has("abusive")
    assert s.analysis.escalate.to == "none", s.analysis.escalate.reason
    assert s.analysis.severity == "medium"
    assert boundary_level(s.analysis, text) <= 1


@pytest.mark.parametrize("text", [
    "@WhirlpoolCare I wasted three months with you idiots, letters phone calls and you denied the claim.",
    "@turbotax fuck you",
    "@TheBenSwain Jealous bitch.",
    "your agent is a useless moron",
])
def test_insults_at_people_still_go_to_a_lead(assistant, text):
    s = assistant.suggest(text)
    assert s.analysis.escalate.to == "lead", s.analysis.escalate.reason
    assert s.analysis.severity in {"high", "critical"}


def test_sworn_at_the_reader_from_behind_is_aimed(assistant):
    """'fuck you' names the reader after the swear word, not before it."""
    text = "@turbotax fuck you"
    analysis = assistant.suggest(text).analysis
    assert insults_in(analysis.hit("abusive"), text) == (1, 1)
    assert boundary_level(analysis, text) >= 1
