"""Cue families for what went wrong, written from the misses in the tune part of the labelled situations (a third
of the labelled messages held out, measured separately): each family is checked here on wording of its own, not on
the messages it was written from."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages

LETTERS = real_messages()


@pytest.mark.parametrize("text, situation", [
    ("Been on hold for an hour and transferred 4 times, still no answer.", "unreachable"),
    ("I've left 3 voicemails and nobody has gotten back to me.", "unreachable"),
    ("We've been without power for 3 days now in Leeds.", "outage"),
    ("Barely any signal at home, one bar at best since last month.", "poor_coverage"),
    ("My parcel is stuck in transit and the ETA keeps changing.", "late"),
    ("Been sitting on the tarmac for two hours with no information.", "flight_disrupted"),
    ("The 42 bus never came this morning and I was late for work.", "flight_disrupted"),
    ("Still no refund for the jacket I returned three weeks ago.", "refund_pending"),
    ("The cashier yelled at me in front of everyone.", "staff_conduct"),
    ("The delivery driver started abusing me when I asked for my change.", "staff_conduct"),
    ("You forgot to include the screws for the wardrobe.", "missing_item"),
    ("Is anyone else getting this? #VirginMediaDown since 7pm", "outage"),
    ("I was wrongly charged for a delivery I never booked.", "wrong_charge"),
])
def test_a_family_reads_wording_it_was_not_written_from(assistant, text, situation):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == situation


def test_a_childs_idea_is_passed_on_with_no_slot_left_to_fill(assistant):
    """A request situation only one cue in a letter reads ("I want you to make more Lego girls") made the case a
    request with nothing to offer: three '[say what you will do about it]' slots. Now the idea is passed on: as a
    suggestion when the learned model seconds the cue, as a child's letter to the designers when it does not."""
    s = assistant.suggest(LETTERS["web-a-11"])
    assert all("share your letter" in r.text or "pass your suggestion" in r.text for r in s.replies)
    assert "[" not in drafts(s)


def test_a_connection_lost_mid_game_is_an_outage_now_read_by_its_cue(assistant):
    """Round 24 had "should @SkyCricket be losing connection in the last 4 overs" read by no cue (the stance model
    decided); the outage family now reads it, and the drafts give the status rather than ask for details."""
    s = assistant.suggest(LETTERS["web-t-03"])
    assert s.reading.situation.name == "outage"
    assert "status of the outage" in drafts(s)
