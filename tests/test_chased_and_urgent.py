"""Whether the customer has chased us, and whether anything is due within the hour, read on real wording.

Both decide what the drafts promise: a chase is owned and answered the same day ("Sorry you've had to chase this");
only something failing now or due within about a day gets "within the hour". Reviewers found both wrong on real
letters ("find your earlier message" to someone who never wrote before; "within the hour" for a complaint about last
year's dinner). The floors below hold the reading to helper labels on 828 real messages
(tests/data/labels/CONTACT_GUIDE.md); the examples test the mechanism in our own words.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from draft_defects import real_messages

from bot.composer import Composer
from bot.draft_tags import reading_tags

LABELS = Path(__file__).parent / "data" / "labels" / "contact_urgency.jsonl"


def _tags(assistant, text: str):
    s = assistant.suggest(text)
    return s, reading_tags(s.reading, s.analysis)


@pytest.mark.parametrize("text", [
    "I've emailed your support twice about the missing headset and nobody has answered.",
    "I rang up the helpline again on Tuesday and was promised a call back that never came.",
    "Still no reply to my ticket about the broken kettle.",
    "Thanks for your reply, but the form you sent me doesn't open.",
    "This is my third email about the same invoice.",
    "I have been trying to get through to your billing team for a week.",
])
def test_a_chase_is_read(assistant, text):
    assert "chased" in _tags(assistant, text)[1]


@pytest.mark.parametrize("text", [
    "I called the restaurant to book a table for six and when we arrived there was no table.",  # the booking itself
    "I've been a customer for 12 years and this is the first time I've had to write.",
    "The heater broke again, the third time this winter.",                                       # recurs, never reported
    "If nobody answers my email by Friday I will go elsewhere.",                                  # what might happen
])
def test_what_is_not_a_chase(assistant, text):
    assert "chased" not in _tags(assistant, text)[1]


@pytest.mark.parametrize("text", [
    "I cannot send text messages. Is your network down?",
    "Are there still problems with the online banking app? I cannot log in.",
    "Currently stuck in a queue at the gate, boarding closes in 20 minutes.",
    "I land in two hours and my hire car booking has vanished from the app.",
])
def test_what_is_failing_now_is_answered_within_the_hour(assistant, text):
    s, tags = _tags(assistant, text)
    assert Composer._urgent(s.reading, tags)


@pytest.mark.parametrize("text", [
    "Refund my money asap, the product is useless.",     # a demand for speed, nothing due
    "Reverse this charge immediately.",
    # a letter about a past visit: one "tonight" deep in the story is not tonight's trouble
    "Dear Manager, I am writing about our meal at your Leeds branch last month. We booked a table for eight weeks "
    "in advance for my mother's seventieth birthday and were seated forty minutes late. The starters arrived cold "
    "and the waiter forgot two of the mains entirely. When we asked for the bill we were charged for a bottle of "
    "wine we never ordered. I still think about it tonight as I write, and I would like an explanation.",
])
def test_a_demand_or_a_story_is_not_due_within_the_hour(assistant, text):
    s, tags = _tags(assistant, text)
    assert not Composer._urgent(s.reading, tags)


def test_an_incident_told_afterwards_is_answered_the_same_day_not_within_the_hour(assistant):
    s = assistant.suggest("Dear Sirs, I am writing about an incident on the 15.37 train from Epsom yesterday. The doors "
                          "closed on my son while he was boarding and the guard did not react, although he saw it. My "
                          "son was not badly hurt but was very shaken, and I want to know what will be done about it.")
    assert s.reading.understood and s.reading.situation.incident
    drafts = " ".join(r.text for r in s.replies)
    assert "within the hour" not in drafts and "within 4 hours" in drafts


@pytest.fixture(scope="module")
def labelled():
    texts = real_messages()
    return [(texts[row["id"]], row) for row in map(json.loads, LABELS.read_text(encoding="utf-8").splitlines())]


def _scores(pairs):
    tp = sum(1 for ours, gold in pairs if ours and gold)
    return tp / max(1, sum(1 for ours, _ in pairs if ours)), tp / max(1, sum(1 for _, gold in pairs if gold))


def test_the_reading_holds_on_labelled_real_messages(assistant, labelled):
    """Session start (2026-12-06): chased precision 0.69, recall 0.27; within the hour 0.31 and 0.50. Now 0.82 and
    0.42; 0.65 and 0.58."""
    chased, urgent = [], []
    for text, row in labelled:
        s, tags = _tags(assistant, text)
        chased.append(("chased" in tags, row["chased"]))
        urgent.append((Composer._urgent(s.reading, tags), row["urgent_now"]))
    precision, recall = _scores(chased)
    assert precision >= 0.78 and recall >= 0.38, (precision, recall)
    precision, recall = _scores(urgent)
    assert precision >= 0.6 and recall >= 0.52, (precision, recall)
