"""A figure of speech is not the thing it names (round 35's reviewers): an explosion is a safety incident only when a
thing that can explode exploded, and a "customer journey" is no trip to rebook. Written in our own words."""

from __future__ import annotations

import pytest


def _signals(assistant, text: str) -> set[str]:
    return set(assistant.analyze_text(text).signal_names)


@pytest.mark.parametrize("text", [
    "My inbox exploded with messages from friends asking why the album isn't on your service.",
    "When the news broke my phone exploded with notifications, and I still can't stream it.",
    "Honestly my head exploded when I saw the new price.",
])
def test_a_figurative_explosion_is_no_safety_incident(assistant, text):
    assert "threat_safety" not in _signals(assistant, text)


@pytest.mark.parametrize("text", [
    "The charger you sold me exploded while it was plugged in next to my bed.",
    "My phone battery exploded last night and scorched the desk.",
    "The boiler exploded this morning and the kitchen is wrecked.",
])
def test_a_thing_that_exploded_is_a_safety_incident(assistant, text):
    assert "threat_safety" in _signals(assistant, text)


@pytest.mark.parametrize("text", [
    "I have had one excuse after another about the failure of my customer journey, and now five more days "
    "without broadband at my new address.",
    "Your sales team sent me on a guilt trip for not upgrading, and my broadband is still down.",
])
def test_a_journey_in_a_figure_is_no_trip(assistant, text):
    reading = assistant.suggest(text).reading
    assert reading.topic is None or reading.topic.name != "journey"
    assert "booking reference" not in " ".join(r.text for r in assistant.suggest(text).replies)


def test_a_journey_that_is_travel_is_still_one(assistant):
    reading = assistant.suggest("My train journey from Leeds was cancelled and nobody told us why.").reading
    assert reading.topic is not None and reading.topic.name == "journey"


@pytest.mark.parametrize("text", [
    "The update turned my phone into a brick for the whole afternoon, and nobody at your store could help.",
    "My laptop was a brick for four hours after your firmware update.",
])
def test_a_dead_device_called_a_brick_is_no_threat(assistant, text):
    assert "threat_safety" not in _signals(assistant, text)
    situation = assistant.suggest(text).reading.situation
    assert situation is None or situation.name != "safety_incident"


def test_a_brick_thrown_is_still_a_threat(assistant):
    assert "threat_safety" in _signals(assistant, "I'm going to throw a brick at your shop window if this isn't sorted.")


def test_a_letdown_that_hurt_me_in_my_soul_is_no_injury_but_a_hurt_hand_is(assistant):
    hurt = "I love your products, which is why it hurt me in my soul that you let me down today with this update."
    situation = assistant.suggest(hurt).reading.situation
    assert situation is None or situation.name != "safety_incident"
    injured = assistant.suggest("Your driver slammed the van door and hurt my hand, I had to go to A&E.")
    assert "threat_safety" in set(injured.analysis.signal_names)


@pytest.mark.parametrize("text", [
    "It was my favourite ship, so I was already a little sad at saying goodbye, but the crew made it easier.",  # web-ak-12
    "I just wanted to say goodbye to the team who looked after my mum on the ward.",
    "I said goodbye to my old phone and bought one of yours.",
])
def test_a_goodbye_to_a_ship_a_team_or_a_phone_is_no_self_harm(assistant, text):
    analysis = assistant.analyze_text(text)
    assert "threat_safety" not in analysis.signal_names
    assert not analysis.escalate.reason.startswith("possible self-harm")


@pytest.mark.parametrize("text", [
    "I just wanted to say goodbye. I can't do this anymore.",
    "Time to say my goodbyes.",
    "I'm saying goodbye to my family tonight.",
])
def test_a_goodbye_note_is_still_read_as_possible_self_harm(assistant, text):
    assert assistant.analyze_text(text).escalate.reason.startswith("possible self-harm")


def test_soap_scum_is_dirt_and_scum_said_of_people_an_insult(assistant):
    fan = "You are just the man to come up with a little shower-bot to get all that icky mold and soap scum off the tiles."
    assert "abusive" not in _signals(assistant, fan)
    assert "abusive" in _signals(assistant, "You are scum, the lot of you.")
