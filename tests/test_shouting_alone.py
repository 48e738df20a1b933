"""A signal read from shouting alone (capitals, "!!!", "sooo"), with no word of the feeling, weighs in the severity
only as the shouting does: it was counted twice, and banter ("AWWW SHUCKS", "MEEE"), a film title in capitals
and "[TYPE YOUR QUESTION HERE]" went to a lead as high severity. Of 28 such real texts, 20 were high or critical
with a lead; now 4 are (a piece of glass that cut a mouth, a car that turns itself off while driving...)."""

from __future__ import annotations

import pytest

from bot.severity import shouting_only


@pytest.mark.parametrize("text", [
    "@hulu_support Was DAVE MADE A MAZE added yet? I can't find it on @hulu",
    "@HPSupport [TYPE YOUR QUESTION HERE] #hppsdr #ijkhelp",
    "@juliamarrtin AWWW SHUCKS",
])
def test_shouting_alone_is_no_reason_for_a_lead(assistant, text):
    a = assistant.analyze_text(text)
    anger = a.hit("anger")
    assert anger is not None and shouting_only(anger)  # still shown: the agent sees the capitals
    assert a.severity in {"low", "medium"} and not a.escalate.recommended


def test_anger_in_words_still_counts(assistant):
    a = assistant.analyze_text("I am FURIOUS, this is the THIRD time you have lost my parcel, absolutely disgusting!!!")
    assert not shouting_only(a.hit("anger")) and a.severity in {"high", "critical"}


def test_harm_shouted_or_not_stays_critical(assistant):
    a = assistant.analyze_text("@ShockTop there was a piece of glass in one of your 16oz cans. It just sliced my mouth open.")
    assert a.severity == "critical"

