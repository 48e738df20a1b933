"""Two readings reviewers found wrong in rounds 29-31 (tests/data/real_messages_22..24), read generally: somebody
else's ignorance is no confusion of the customer's, and a word like "emergency room" alone in a long letter places
no safety incident. The sentences here are written for the mechanism, not copied from the review set."""

from __future__ import annotations

import pytest

LETTER = ("Dear Sir or Madam, I am writing about the invoice we received after my father's visit to your clinic on "
          "the 3rd of May. He was seen in your emergency room for about forty minutes, given a leaflet and sent home. "
          "The invoice lists charges of $1,240 for services we cannot identify, and nobody at the billing office has "
          "been able to explain them in two phone calls. I would like an itemised statement and a review of these "
          "charges before anything is paid, as the amount seems out of all proportion to the care he received.")


@pytest.mark.parametrize("text", [
    "You really have no idea what your customers go through.",
    "Your staff had no clue what they were doing at the counter.",
    "The driver had no idea how to get to the station, and they're clueless about the timetable too.",
])
def test_somebody_elses_ignorance_is_not_the_customers_confusion(assistant, text):
    """Round 31: "You really have no idea." made a hostile post a question, answered with "[add the answer here]"."""
    assert "confusion" not in assistant.suggest(text).analysis.signal_names


@pytest.mark.parametrize("text", ["I have no idea how to reset my password.", "We haven't a clue which plan to pick."])
def test_the_customers_own_ignorance_is_still_confusion(assistant, text):
    assert "confusion" in assistant.suggest(text).analysis.signal_names


def test_an_emergency_room_alone_in_a_letter_is_no_safety_incident(assistant):
    """Round 29: a hospital bill disputed in a long letter got the incident path ("Was anyone hurt, and do you need
    medical help?") and security, from "brought to your emergency room"."""
    s = assistant.suggest(LETTER)
    assert not (s.reading.understood and s.reading.situation.incident)
    assert all("anyone hurt" not in r.text for r in s.replies)


@pytest.mark.parametrize("text", [
    "My son was taken to the emergency room after your escalator trapped his foot.",   # short: it counts
    LETTER.replace("given a leaflet and sent home", "and while waiting he was pushed over by one of your porters "
                   "and his wrist was injured"),                                    # beside a strong cue: it counts
])
def test_an_emergency_room_with_harm_still_is(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.incident
