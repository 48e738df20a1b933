"""Readings fixed after review round 53 (the session's closing round: software, games, streaming, hosting, hotels,
holiday lets, car hire, tickets and venues), each worded apart from the message it was found on: a demand to stop our
messages gets no phone call, "no service obligation" is no outage, and sending people "to their death" is a danger
named, not a bereavement."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "This is my cease and desist demand: I closed my account last spring and you keep sending me renewal notices.",
    "I have told you twice that I am not a customer. Stop the unsolicited emails now or I report you.",
])
def test_a_demand_to_stop_our_messages_gets_no_call(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.pestered and "I'll call you" not in drafts(s)


def test_no_service_obligation_is_no_outage(assistant):
    s = assistant.suggest("I cancelled a year ago, so you have no service obligation to me and no reason to email me.")
    assert not s.reading.situation or s.reading.situation.name != "outage"


def test_no_service_is_still_an_outage(assistant):
    s = assistant.suggest("We have had no service at all since 6am and nobody can tell us why.")
    assert s.reading.situation.name == "outage"


def test_sent_to_their_death_is_no_bereavement(assistant):
    s = assistant.suggest("Your app routes drivers over a closed mountain pass in a storm. You are sending people to "
                          "their death. Fix it.")
    assert not s.reading.bereaved and "sorry for your loss" not in drafts(s).lower()


def test_a_death_told_is_still_a_bereavement(assistant):
    s = assistant.suggest("After his death in March the bills kept coming in my father's name, month after month.")
    assert s.reading.bereaved
