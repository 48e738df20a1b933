"""Readings fixed from review round 45 and after (real letters to telecoms, retailers, utilities): a service still out
however long it has been, an essential needed now, a delivery running late today."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "Our cable modem has been out for nearly a month, with no hope of restoration in sight. The situation has left my "
    "wife in tears and I work from home.",
    "We have been without heat since Tuesday and there are two small children in the house. Nobody has come out.",
    "It's the middle of January and we need heat here. What is your company doing about the thermostats?",
    "You texted to say deliveries are running up to 2 hours late, so now I have to stay in until 2pm. I paid for a one "
    "hour slot.",
    "The 8.15 is running 40 minutes late again and I will miss my connection at Reading.",
])
def test_a_service_still_out_or_a_delivery_running_late_is_live(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.live and "by this time tomorrow" not in drafts(s)


@pytest.mark.parametrize("text", [
    "My broadband was down after a lightning strike in the area, so I was left without broadband from the 31st of "
    "January until the 6th of February. I would like a credit for those days on my next bill.",
    "The parcel was running two days late last month, which I accept happens. This time I'd like to ask about changing "
    "the delivery address on my account for future orders.",
    "We need to change the name on the account after my father passed away. What documents do you need from us?",
])
def test_an_outage_told_as_over_or_a_need_that_is_no_essential_is_not_live(assistant, text):
    assert not assistant.suggest(text).reading.live
