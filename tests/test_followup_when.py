"""Reading when a follow-up is due, in the user's own timezone, and refusing what can't be right."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.errors import BadInput
from bot.followups.when import parse_due, split_when_and_note

NOW = datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc)  # a Sunday, 16:00 in Paris


@pytest.mark.parametrize("text, expected_utc, note", [
    ("in 2 days check the refund for Acme", datetime(2026, 11, 24, 15, 0), "check the refund for Acme"),
    ("tomorrow 10am check the refund for Acme", datetime(2026, 11, 23, 9, 0), "check the refund for Acme"),
    ("tomorrow 9am call back", datetime(2026, 11, 23, 8, 0), "call back"),
    ("next Monday chase the courier", datetime(2026, 11, 23, 8, 0), "chase the courier"),
    ("on 3 Dec at 14:00 confirm the credit", datetime(2026, 12, 3, 13, 0), "confirm the credit"),
    ("in 90 minutes ping finance", datetime(2026, 11, 22, 16, 30), "ping finance"),
    ("tmrw send the replacement", datetime(2026, 11, 23, 8, 0), "send the replacement"),
])
def test_phrases_in_the_users_timezone(text, expected_utc, note):
    due, got_note = split_when_and_note(text, NOW, "Europe/Paris")
    assert due.at == expected_utc.replace(tzinfo=timezone.utc)
    assert got_note == note
    assert due.local.utcoffset() == timedelta(hours=1)


def test_same_words_mean_another_instant_elsewhere():
    paris, _ = split_when_and_note("tomorrow 9am x", NOW, "Europe/Paris")
    new_york, _ = split_when_and_note("tomorrow 9am x", NOW, "America/New_York")
    assert new_york.at - paris.at == timedelta(hours=6)


def test_unknown_timezone_falls_back_to_utc():
    due, _ = split_when_and_note("tomorrow 9am x", NOW, "Mars/Olympus")
    assert due.at == datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, message", [
    ("yesterday call them", "in the past"),
    ("in 2 years renew", "more than a year ahead"),
    ("whenever you like call", "couldn't find a time"),
    ("tomorrow", "no note"),
    ("   ", "Say when and what"),
])
def test_refusals_are_specific(text, message):
    with pytest.raises(BadInput, match=message):
        split_when_and_note(text, NOW, "Europe/Paris")


def test_past_refusal_says_what_it_understood():
    with pytest.raises(BadInput, match=r"Sat 21 Nov 2026, 09:00"):
        parse_due("yesterday", NOW, "Europe/Paris")
