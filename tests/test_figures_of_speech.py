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
