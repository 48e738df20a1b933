"""Readings fixed from review round 44 (40 real messages to airlines, rail, hotels, deliveries, pharmacies, vets)."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "Please can you update us on what is happening on the train that stopped around Swindon? The train is dangerously "
    "over crowded. Absolute shambles, we are now going back to Swindon. We have now been stuck outside Swindon for over "
    "an hour.",
    "Our flight was diverted and we're now sat on the tarmac in Shannon with no information at all, two toddlers and no "
    "food. Nobody from the crew will tell us anything and the captain has not said a word since we landed here.",
])
def test_a_journey_going_wrong_right_now_is_live(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.live and "by this time tomorrow" not in drafts(s)


@pytest.mark.parametrize("text", [
    "I am now writing to you for the third time about the refund you promised me in March, which has still not arrived "
    "in my account. I have sent you the receipt twice and nobody has answered either of my emails so far.",
    "We are now going to take our business elsewhere, after ten years with you and three broken promises in a row.",
])
def test_now_with_something_else_is_not_live(assistant, text):
    assert not assistant.suggest(text).reading.live


@pytest.mark.parametrize("text, live", [
    ("Your service status says nothing is wrong with my suburb! Nothing [coverage wise] since Friday morning. Whats "
     "going on? A direct response would be nice.", True),   # round 45: promised an answer tomorrow
    ("No heating since last night and it's minus five outside. When will an engineer come?", True),
    ("I have been a loyal customer of your broadband service since 2009 and I have a question about my bill.", False),
])
def test_a_service_gone_since_a_day_this_week_is_live(assistant, text, live):
    s = assistant.suggest(text)
    assert s.reading.live is live
    if live:
        assert "by this time tomorrow" not in drafts(s)
