"""Readings fixed after review round 58 (landlords and movers; schools, universities and courses), each worded apart
from the message it was found on: a weapon raised at someone is a safety incident, and a numbered statute the company
is said to have failed is a legal notice."""

from __future__ import annotations

import re

from draft_defects import drafts


def test_a_weapon_raised_at_a_child_is_a_safety_incident_sent_to_the_safety_team(assistant):
    text = ("Dear Mrs Okafor, on Tuesday at the after-school club another pupil went for our son with a pair of scissors "
            "while the supervisor was out of the room. We were promised a call on Wednesday and it never came. We want "
            "to know what the club is doing about it.")
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == "safety_incident"
    assert s.analysis.escalate.recommended and "tomorrow" not in drafts(s)


def test_threatened_with_legal_action_or_a_fee_is_no_weapon(assistant):
    cues = assistant.composer.vocab.situation("safety_incident").cues
    for words in ("Your agent threatened us with legal action over one late payment.",
                  "The school threatened me with a fine for the two days we took off.",
                  "They chased me with a letter demanding the full term's fees."):
        assert not cues.search(words), words
    assert cues.search("The caretaker came at him with a hammer.")


def test_a_numbered_statute_the_landlord_is_said_to_have_failed_is_a_legal_notice(assistant):
    text = ("To the letting agent: the flat at 14 Mill Lane has not been kept in repair in accordance with Section 11 "
            "of the Landlord and Tenant Act 1985. The boiler has failed four times since October and the bedroom wall "
            "is black with damp. An environmental health officer inspected it last week and her report is enclosed.")
    s = assistant.suggest(text)
    assert "threat_legal" in s.analysis.signal_names and s.analysis.escalate.recommended
    assert not re.search(r"our fault|we got (?:this|it) wrong|put (?:it|this) right|I take responsibility", drafts(s), re.I)


def test_thanks_for_a_cost_imposed_is_sarcasm_not_thanks(assistant):
    s = assistant.suggest("Thanks @CityArena for making us queue two hours in the rain, and the doors still opened late")
    assert "sarcasm" in s.analysis.signal_names and s.reading.stance.name != "thanks"
    assert not re.search(r"lovely message|kind words", drafts(s), re.I)
    kind = assistant.suggest("Thank you for making us feel so welcome on our first visit, the staff were wonderful.")
    assert kind.reading.stance.name == "thanks"
