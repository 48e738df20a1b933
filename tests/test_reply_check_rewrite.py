"""The rewrite never drops the agent's apology with the sentence it shared with a finding: the apology's clause is
kept, or, when it cannot be told apart from the finding, the rewrite apologises in the configuration's words."""

from __future__ import annotations

import pytest

from bot.reply_check import load_checker
from bot.reply_sentences import Sentence, as_sentence, clauses
from reply_support import assert_rewrite

THREAT = "This is a disgrace. I'll be taking you to court over the ruined carpet."


@pytest.fixture(scope="module")
def checker(assistant):
    return load_checker(assistant.settings, assistant.playbook, assistant.rules)


@pytest.mark.parametrize("draft, customer, apology, gone", [
    ("So sorry, this one is entirely our fault, and we'll pay you back three times the fare.", None,
     "So sorry.", ["our fault", "three times"]),
    ("Apologies for the mess — we were negligent with the fitting. The fitter will ring you on Thursday.", None,
     "Apologies for the mess.", ["negligent"]),
    ("I do apologise, that was a mistake on our part. Someone from our claims team will call you tomorrow.", THREAT,
     "I do apologise.", ["mistake on our part"]),
    ("Hi Jo,\n\nThat was our error and I'm truly sorry. I'll arrange the repair this week.\n\nKind regards,\nPat", THREAT,
     "I'm truly sorry.", ["our error"]),
    ("Thank you for your patience, but you should have checked the size chart first. I'll send a label today.", None,
     "Thank you for your patience.", ["size chart"]),
])
def test_the_apology_in_a_sentence_with_a_finding_is_kept(checker, draft, customer, apology, gone):
    review = checker.check(draft, customer)
    assert not review.ok
    assert_rewrite(checker, review, [apology], gone, customer)


def test_an_apology_that_is_part_of_the_admission_is_said_again_neutrally(checker):
    draft = "We're sorry we were negligent with your booking. The hotel will email you the new dates."
    review = checker.check(draft)
    assert_rewrite(checker, review, ["I'm sorry for the trouble this has caused."], ["negligent"])


def test_words_in_a_sentence_that_insults_are_not_kept_as_thanks(checker):
    review = checker.check("Cheers for the business, you muppet. The order ships on Monday.")
    assert_rewrite(checker, review, ["The order ships on Monday."], ["Cheers", "muppet"])


def test_clauses_split_where_a_new_thought_starts_and_keep_their_place():
    text = "Sorry, it was late; the driver had $1,250 of stock and we'll refund you today."
    sentence = Sentence(10, 10 + len(text), text)
    parts = clauses(sentence)
    assert [p.text for p in parts] == ["Sorry,", "it was late;", "the driver had $1,250 of stock", "and we'll refund you today."]
    draft = " " * 10 + text
    assert all(draft[p.start:p.end] == p.text for p in parts)
    assert [as_sentence(p.text) for p in parts][::3] == ["Sorry.", "We'll refund you today."]
