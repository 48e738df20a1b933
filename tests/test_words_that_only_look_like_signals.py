"""Words that look like a signal's cue but, in the customer's sentence, are something else: "expedited shipping"
is a tier they paid for, not urgency; "we found out the news that..." tells a story, it is no threat to go
to the press."""

from __future__ import annotations


def test_expedited_shipping_is_a_tier_not_urgency(assistant):
    """Round 17: "expedited" in a refund request for a failed expedited delivery was read as urgency, and the
    drafts asked for the customer's deadline."""
    assert "urgency" not in assistant.analyze_text("I paid for expedited shipping and it still came a week late").signal_names
    assert "urgency" in assistant.analyze_text("Please expedite my order, I need it by Friday").signal_names


def test_the_news_in_a_story_is_no_threat_to_go_to_the_press(assistant):
    """Round 18: a love letter to a grocer ("we found out the news that they were permanently taken off the
    shelves") was read as a threat to go public and escalated."""
    assert "public_exposure" not in assistant.analyze_text("We found out the news that they were taken off the shelves").signal_names
    assert "public_exposure" in assistant.analyze_text("If this is not sorted by Friday I am going to the news").signal_names
