"""What the wording says about time and asking. A live cue ("tonight", "immediately", "this afternoon") in a sentence
told wholly in the past reports what is over: a letter about last night's cancelled class gets the usual interval,
not "I'll update you again within the hour" (round 27's reviewers on a gym letter: "the visit is over"). A wh-word
opening a clause ("When the dish was returned to us the sauce was...") asks nothing: no "[add the answer here]"."""

from __future__ import annotations

import re

import pytest
from draft_defects import drafts, real_messages

from bot.reading_wording import said_live, told_as_past_at

LETTERS = real_messages()
CUE = re.compile(r"\b(?:tonight|immediately|this afternoon|since 1pm|asap)\b", re.I)


@pytest.mark.parametrize("text", [
    "Tonight, we showed up again for class, and were AGAIN left alone and abandoned until someone actually went to the front desk.",
    "I sustained a severe head injury which resulted in 2 emergency brain surgeries.",
    "The Apple employee was super-courteous, pleasant and replaced my iPhone immediately.",
    "My boss told me that they were hosting a public open house this afternoon.",
])
def test_a_sentence_told_in_the_past_is_over(text):
    assert not said_live(CUE, text) and not said_live(re.compile(r"\bemergency\b"), text)


@pytest.mark.parametrize("text", [
    "It's ridiculous, haven't had a signal since 1pm.",                                # present perfect: still without
    "Thanks @unitedairlines for randomly canceling my miles booked ticket for tonight",  # booked for tonight: to come
    "In @premierinn hotel tonight but no clean towels, no cleaned room, no made bed.",    # "cleaned" describes the room
    "I expect my full $19 refund processed immediately to the original payment method.",
    "My flight is tonight and nobody answered the phone.",
])
def test_a_sentence_about_now_or_what_is_to_come_stays_live(text):
    match = CUE.search(text)
    assert match and not told_as_past_at(text, match.start(), match.end())
    assert said_live(CUE, text)


def test_a_letter_about_a_class_cancelled_tonight_gets_the_usual_interval(assistant):
    s = assistant.suggest(LETTERS["web-w-13"])
    assert not s.reading.live
    assert "within the hour" not in drafts(s)


def test_an_outage_since_this_afternoon_still_gets_the_short_interval(assistant):
    s = assistant.suggest("@O2 haven't had a signal since this afternoon, I work from home and can't do anything.")
    assert s.reading.live
    assert "within the hour" in drafts(s)


@pytest.mark.parametrize("text, asked", [
    ("When the dish was returned to us the sauce was adhering to the side of the dish in a blob.", False),  # web-i-14
    ("When my husband was scheduled to fly out of the airport on business, we ate out.", False),         # web-d-20
    ("How my order was handled is beyond me.", False),
    ("When will my order arrive", True),
    ("What time does the store open on Sundays", True),
    ("How long will the refund take to reach my card", True),
    ("Where is my parcel, it was due on Monday", True),
])
def test_a_wh_word_opening_a_clause_asks_nothing(text, asked):
    from bot.reading_wording import ASKED
    assert bool(ASKED.search(text)) is asked
