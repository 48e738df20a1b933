"""A draft tells the customer their case is still going on, or keeps happening, only when their own words say so; in a
letter that has told its story one such word is not enough (labelled real letters: "I'm sorry this is still going on"
was wrong in 35 of 80 letters it was said to, "I'm sorry this keeps happening" in 28 of 59)."""

from __future__ import annotations

from draft_defects import drafts

STORY = ("We booked the cottage for a week in August and paid the deposit in March. When we arrived the keys were not in "
         "the lockbox, and we waited outside with two tired children until the owner drove over from town. ")


def test_one_still_in_a_long_story_does_not_say_the_case_is_still_open(assistant):
    letter = STORY + "I still remember how cold it was that evening. The bathroom light was broken and the oven did not work."
    assert "still going on" not in drafts(assistant.suggest(letter)).lower()


def test_a_letter_that_says_twice_it_is_unresolved_is_told_so(assistant):
    letter = STORY + ("Six weeks later I am still waiting for the refund of the cleaning fee, and there has been no "
                      "response to my two e-mails.")
    text = drafts(assistant.suggest(letter)).lower()
    assert "still going on" in text or "had to chase" in text or "keep asking" in text


def test_a_short_message_still_needs_only_one_word(assistant):
    assert "still going on" in drafts(assistant.suggest("Still waiting for my refund from last month.")).lower()
