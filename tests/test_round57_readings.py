"""Readings fixed after review round 57 (fashion, toys and pet food; cinemas, clubs and software licences), each worded
apart from the message it was found on: "thanks to" that tells a cause is no thanks, and a letter opposing a move of
the company's is its views on a decision."""

from __future__ import annotations

import re

from draft_defects import drafts

from bot.praise_reading import causal_thanks

OPPOSED = ("To the board of Riverside Rowing Club,\n\nWe are the members who have kept this club afloat for thirty years. "
           "We coached the juniors, painted the boathouse every spring and raised the money for two new eights. Thanks to "
           "that effort, the club has become one of the best known on the river.\n\nThat is why the notice posted last "
           "week came as such a blow. From April the club intends to charge members for every outing on the water, a "
           "change made without asking a single one of us. We firmly object to this new policy, which ignores what the "
           "members have given.")


def test_thanks_to_a_cause_is_not_thanks():
    for cause in ("Thanks to the roadworks, the bus was forty minutes late and I missed my interview.",
                  "I had planned to renew, but thanks to your new checkout I gave up after an hour.",
                  "We arrived at two in the morning thanks to the strike."):
        assert causal_thanks(cause, cause.lower().index("thanks to")), cause
    for thanks in ("Thanks to Maria who found my wallet and handed it in.", "A big thanks to the night staff on ward 6.",
                   "Thanks to you, my daughter can read again.", "Thanks to the crew for looking after my father.",
                   "Thanks to the nurses, who never stopped smiling."):
        assert not causal_thanks(thanks, thanks.lower().index("thanks to")), thanks


def test_an_open_letter_that_praises_its_own_history_and_opposes_a_policy_is_not_thanked(assistant):
    s = assistant.suggest(OPPOSED)
    assert s.reading.stance.name != "thanks"
    assert s.reading.situation is not None and s.reading.situation.name == "company_decision"
    assert not re.search(r"thank you for your kind|lovely message|put (?:it|this) right", drafts(s), re.I)


def test_a_thank_you_that_credits_the_staff_for_an_outcome_is_still_thanks(assistant):
    text = ("Dear Riverside Rowing Club, thanks to your coaches, who gave up every Saturday morning for a year, our "
            "daughter rowed in her first regatta last weekend. Thank you all, you are wonderful.")
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and not re.search(r"\bsorry\b", drafts(s), re.I)
