"""Leaving, in the words real letters use (issue 10: churn_risk was missed in 70 of 135 labelled letters). Each
sentence below is quoted from a labelled real letter we hold; the rules read them by classes of wording, not by
sentence: custom withheld for good, "no longer" with a verb of custom, a vow never to buy, never going back, a
break-up letter, a boycott, and an adverb between "never" and the verb ("never voluntarily use")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import analyze
from bot.plaintext import prepare
from bot.rules import load_rules

REPO = Path(__file__).resolve().parent.parent
RULES = load_rules(REPO / "config" / "analysis.toml")


def _churn(text: str) -> bool:
    return "churn_risk" in analyze(prepare(text), RULES, model=None).signal_names


@pytest.mark.parametrize("text", [
    "This Hilton will not be getting my business again.",                       # web-x-18
    "I must inform you that I will no longer be requiring your services.",      # web-d-01
    "I will no longer support your business.",                                  # web-p-13
    "I vow never to buy that cereal, or any cereal made by Kellogg's.",          # web-j-40
    "I will never voluntarily use FedEx again.",                                 # web-d-02
    "I won't go back there because of this.",                                    # web-e-38, spelt right
    "I am officially breaking up with you.",                                     # web-ac-15
    "After six years as a customer, I have decided to end our relationship.",    # web-j-02
    "I'm afraid our relationship has to end.",                                   # web-j-08
    "We've drifted apart and I feel like I want to see other people.",          # web-ab-03
    "Best Buy incurred my wrath years ago and I've boycotted them ever since.",  # web-h-48
    "I will be finding another insurance carrier.",                              # web-x-16
])
def test_leaving_in_a_letters_words_is_read(text):
    assert _churn(text)


@pytest.mark.parametrize("text", [
    "My daughter broke up with her boyfriend the week we flew.",          # someone else's break-up
    "I will never forget how kindly your staff treated my mother.",        # "never" and praise
    "I hope this never happens to another passenger.",
    "We have had a long relationship with your branch and it has been a good one.",
    "The engineer said he would get back to me by Friday.",               # a reply promised, no leaving
    "I no longer need the replacement, the original arrived this morning.",
])
def test_words_near_those_that_do_not_leave_are_not_read_as_leaving(text):
    assert not _churn(text)
