"""Readings fixed after review round 54 (the session's opening round: energy and water utilities, solar and plumbing,
landlords, councils and public transport), each worded apart from the message it was found on: a home's supply gone is
an outage now, a bus's number is the bus's, compensation asked with nothing named gets no sum, a tenant's notice is a
cancellation, thanks said with an adverb is thanks, bad press others get is no threat, and a
guess asked as a question is no question to answer."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "No gas again this morning on the whole estate. Do your engineers have any idea what they are doing?",
    "We have been without heating since yesterday and it is minus four outside. Sort it out.",
])
def test_a_homes_supply_gone_is_an_outage_now(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "outage" and s.reading.live
    assert "tomorrow" not in drafts(s) and "within the hour" in drafts(s)


def test_a_supply_told_as_restored_is_not_live(assistant):
    s = assistant.suggest("We had no water for two days last week; it came back on Friday. I'd like to know why it took so long.")
    assert not s.reading.live


def test_a_bus_number_is_noted_as_the_bus(assistant):
    s = assistant.suggest("The driver of Route 7 coach #4471 shut the doors on my daughter's arm at Elm Street this "
                          "morning. She is bruised and shaken.")
    assert "coach #4471" in drafts(s) and "reference #4471" not in drafts(s)


@pytest.mark.parametrize("text", [
    "That's a whole morning's wages lost because of you lot. Any chance of compensation? Thought not.",
    "Gonna take a lot of freebies to make up for this mess!",
])
def test_compensation_asked_with_nothing_named_gets_no_sum(assistant, text):
    s = assistant.suggest(text)
    assert "of credit" not in drafts(s) and "$" not in drafts(s)
    assert "what compensation applies" in drafts(s)


@pytest.mark.parametrize("text", [
    "Please take this letter as our formal 60-day notice to terminate the tenancy at 14 Mill Lane. The damp was never fixed.",
    "I am hereby giving my one month notice as required by the agreement, as the heating has been broken all winter.",
])
def test_a_tenants_notice_is_a_cancellation(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.wants_("cancel")
    assert "formal complaint" not in drafts(s)


def test_thanks_said_with_an_adverb_is_thanks(assistant):
    s = assistant.suggest("I wish to formally thank the crews who worked through the storm to restore power to our road. "
                          "Words cannot express my appreciation for their work in awful conditions; we were cold for "
                          "three days but never forgotten.")
    assert s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower()


def test_bad_press_others_get_is_no_press_threat(assistant):
    s = assistant.suggest("Plumbers get a lot of bad press, so I want to say the lad you sent on Tuesday was "
                          "excellent: on time, careful and fair.")
    assert "public_exposure" not in s.analysis.signal_names


def test_bad_press_threatened_still_is(assistant):
    s = assistant.suggest("Fix my boiler today or this will be bad press for you all over the local paper.")
    assert "public_exposure" in s.analysis.signal_names


@pytest.mark.parametrize("text", [
    "I challenge your chief executive to use our bus route for a week. Maybe then he will see why we are angry?",
    "Three cancelled trains this week. Perhaps the drivers are all on holiday?",
])
def test_a_guess_asked_as_a_question_is_no_question(assistant, text):
    s = assistant.suggest(text)
    assert "answer" not in {w.name for w in s.reading.wants}
    assert "[add the answer here]" not in drafts(s)


def test_maybe_you_can_still_asks(assistant):
    s = assistant.suggest("Maybe you can tell me why my meter reading was estimated again?")
    assert "answer" in {w.name for w in s.reading.wants}


def test_appreciation_conceded_before_the_point_is_no_thank_you(assistant):
    s = assistant.suggest("I appreciate that you replaced the boiler quickly; however, I am concerned that the new unit "
                          "costs twice as much to run and nobody told us before fitting it.")
    assert s.reading.stance.name != "thanks"


def test_what_they_are_expected_to_put_up_with_is_no_question(assistant):
    s = assistant.suggest("Am I really expected to boil kettles to wash my kids for another week?")
    assert "answer" not in {w.name for w in s.reading.wants}
    assert "fair question" not in drafts(s)


def test_what_am_i_supposed_to_do_still_asks(assistant):
    s = assistant.suggest("The app rejected my meter reading again. What am I supposed to do?")
    assert "answer" in {w.name for w in s.reading.wants}


@pytest.mark.parametrize("text", [
    "I was told by your adviser Marcus on 3 May that the early exit fee would be waived. Now I am billed £120 for it.",
    "We were promised over the phone that the new meter was free. You have charged us £85 for it.",
])
def test_who_said_it_told_is_not_asked_again(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "misinformed"
    assert not any(q.startswith("Who told you") for q in s.questions)


def test_who_said_it_untold_is_asked(assistant):
    s = assistant.suggest("I was told the early exit fee would be waived. Now I am billed £120 for it.")
    assert s.reading.situation.name == "misinformed"
    assert any(q.startswith("Who told you") for q in s.questions)
