"""Someone still sitting in a waiting room for hours now is living the problem: the reply promises a short interval,
not "by this time tomorrow" (round 36: an 18-hour A&E wait, web-ag-20, still going on as the customer wrote)."""

from __future__ import annotations

from draft_defects import drafts, real_messages


def test_a_wait_still_going_on_for_hours_now_is_live(assistant):
    s = assistant.suggest(real_messages()["web-ag-20"])
    assert s.reading.live
    assert "tomorrow" not in drafts(s)


def test_a_thing_still_sitting_somewhere_in_a_letter_is_not_the_customer_waiting_now(assistant):
    text = ("I hired a car from your branch last month and returned it on time, as agreed with your staff. Nobody "
            "came to collect it from the drop-off point as they had promised, and I heard nothing more about it. "
            "As I write this email one week later your rental car is still sitting in front of my house, and I "
            "have been charged for seven more days of hire. I would like the extra charge removed please.")
    assert not assistant.suggest(text).reading.live
