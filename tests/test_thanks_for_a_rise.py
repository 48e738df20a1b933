"""Thanks for a price rise or for a harm is sarcasm on its own, even with a plain "thank you" in it (round 38: a letter
thanking an insurer "for the 17% increase in my premium" was thanked back once it was no longer misread as a legal
threat). Thanks for explaining a rise, or for a fix, stays thanks."""

from __future__ import annotations

import pytest

from draft_defects import real_messages


def _sarcasm(assistant, text: str) -> bool:
    return "sarcasm" in assistant.analyze_text(text).signal_names


@pytest.mark.parametrize("text", [
    "I especially thank you for the 17% increase in my premium for 2010.",
    "Thanks for raising my rent again, really appreciate it.",
    "Thank you for ruining my holiday.",
    "Thanks for stealing my money.",
])
def test_thanks_for_a_rise_or_a_harm_is_sarcasm(assistant, text):
    assert _sarcasm(assistant, text)


@pytest.mark.parametrize("text", [
    "Thank you for explaining the price increase so clearly, it makes sense now.",
    "Thank you so much for fixing my boiler so quickly.",
    "Thank you for refusing to give up on my claim; your engineer was brilliant.",
])
def test_thanks_for_an_explanation_or_a_fix_is_not(assistant, text):
    assert not _sarcasm(assistant, text)


def test_the_insurers_letter_is_not_thanked_back(assistant):
    assert assistant.suggest(real_messages()["web-ak-07"]).reading.stance.name != "thanks"


def test_the_bounced_cheque_letter_is_not_thanked_back(assistant):
    """A real letter to a bank (web-ah-12): its thanks are for the harm."""
    assert assistant.suggest(real_messages()["web-ah-12"]).reading.stance.name != "thanks"
