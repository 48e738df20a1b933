"""A customer who may be vulnerable, or who acts for someone who is (round 31: a carer for a 79-year-old mother with
dementia; a bed-bound patient): at least medium severity, a step for the vulnerable-customer procedure, and a draft
that notes their circumstances once. Written for the mechanism, not copied from the review set."""

from __future__ import annotations

import pytest

STEP = "vulnerable-customer procedure"


@pytest.mark.parametrize("text", [
    "My father is 84 and housebound. Your engineer has missed three appointments to fix his heating and nobody calls.",
    "I care for my wife, who has dementia. Her bank card was blocked and I can't get through to anyone to sort it.",
    "I am 78 and not good with computers, and your new app has locked me out of my account for a week.",
])
def test_a_vulnerable_customer_is_noted_and_never_routine(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.vulnerable
    assert s.analysis.severity in {"medium", "high", "critical"}
    assert any(STEP in step for step in s.next_steps)
    assert any("circumstances you describe" in r.text for r in s.replies)


@pytest.mark.parametrize("text", [
    "I bought a disability insurance policy from you and the renewal price doubled.",        # a product's name
    "My mother died of Alzheimer's last year and your ads about memory are in poor taste.",   # a loss, not care now
    "Thank you to the lovely staff who helped my 90-year-old mum to her seat. So kind!",      # thanks: nothing to flag
    "The parcel was 75 minutes late and the driver was rude.",                                 # a number, not an age
])
def test_no_flag_where_nobody_is_vulnerable_now(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.vulnerable
    assert not any(STEP in step for step in s.next_steps)
