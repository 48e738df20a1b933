"""A charge the customer did not expect is checked against what they were quoted and the difference refunded;
with a bill or an account named, every charge on it is gone through. A fee waiver ("any late fee this has
caused, up to $25") was offered to a real tweet about an Uber overcharge: it fits a bounced payment, not this."""

from __future__ import annotations


def _concise(assistant, text):
    return next(r.text for r in assistant.suggest(text).replies if r.style == "concise")


def test_an_overcharge_with_nothing_named_is_checked_and_the_difference_refunded(assistant):
    draft = _concise(assistant, "@Uber_Support after launching ubereats now its Uber cheats. No response from "
                                "customer service on my issue for being over charged.")  # a real tweet
    assert "refund the difference" in draft and "waive" not in draft and "go through every charge" not in draft


def test_an_overcharge_on_a_bill_goes_through_the_bill(assistant):
    draft = _concise(assistant, "I was overcharged on my bill this month")
    assert "go through every charge on your bill" in draft and "refund the difference" not in draft
