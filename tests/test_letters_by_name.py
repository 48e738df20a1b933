"""Real letters answered as a lead would (rounds 22-24): the writer greeted by the name they give, a child's idea
passed on to the people it is for, and a message the cues read nothing in answered from the stance model's best
reading instead of with three slots."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages

from bot.composer import ACTION_SLOT
from bot.writer import writer_name

LETTERS = real_messages()


@pytest.mark.parametrize("text, name", [
    ("Why is tiger bread called tiger bread? It should be called giraffe bread.\n\nLove from Lily Robinson age 3 1/2", "Lily"),
    ("I think that other girls might as well. From Sophia (age 8)", "Sophia"),
    ("I promise I won't take him to the shop again if you can.\n\n– Luka", "Luka"),
    ("Dear Lego company:\n\nMy name is Charlotte. I am 7 years old and I love legos", "Charlotte"),
    ("So no – I don't need help packing.\n\nYours sincerely,\nPatrick Whittaker", "Patrick"),
    ("Can you explain this?\n\nSincerely,\n\nJerry", "Jerry"),
])
def test_the_writer_is_named_as_they_sign(text, name):
    assert writer_name(text) == name


@pytest.mark.parametrize("text", [
    "My order never came.\n\nRegards,\nDisappointed",                  # a feeling, not a name
    "Thanks for nothing.\n\nFrom Sainsbury's",                       # a company
    "my name is on the account but I can't log in",                  # not a name at all
    "@British_Airways I wish I could just be patient but I have medication in my luggage.",
])
def test_no_name_is_made_up(text):
    assert writer_name(text) == ""


def test_a_letter_is_answered_to_its_writer(assistant):
    replies = assistant.suggest(LETTERS["web-e-23"]).replies  # "Hello, My name is Zilolakhon. I subscribed to Clawy ..."
    assert [r.text.splitlines()[0] for r in replies] == ["Hi Zilolakhon,", "Hi Zilolakhon,", "Dear Zilolakhon,"]


@pytest.mark.parametrize("key", ["web-a-11", "web-t-11", "web-r-01"])
def test_a_childs_idea_goes_to_the_designers_without_an_apology_or_a_deadline(assistant, key):
    """Charlotte (7) wants more Lego girls on adventures; Sophia (8) asks why girls can't have dinosaur shoes; Lily
    (3 1/2) thinks tiger bread should be giraffe bread. Round 24's reviewers: thank them by name, say it is going to
    the designers, no "sorry for the inconvenience", no answer promised by tomorrow."""
    s = assistant.suggest(LETTERS[key])
    text = drafts(s).lower()
    assert all(r.text.splitlines()[0].endswith(writer_name(LETTERS[key]) + ",") for r in s.replies)
    assert all("share your letter with" in r.text for r in s.replies)
    assert "sorry" not in text and "tomorrow" not in text and ACTION_SLOT.lower() not in text
    assert not any("reminder" in step.lower() for step in s.next_steps)


def test_a_child_who_asks_for_something_gets_it_without_being_told_what_they_went_through(assistant):
    s = assistant.suggest(LETTERS["web-t-13"])  # Luka (7) lost a Ninjago figure and asks for another
    text = drafts(s).lower()
    assert "replacement" in text and "what you've been through" not in text and "tomorrow" not in text


@pytest.mark.parametrize("key, topic", [
    ("web-t-01", "luggage"),     # "I have medication in my luggage. You shouldn't have taken off."
])
def test_a_complaint_the_cues_read_nothing_in_asks_what_finds_it(assistant, key, topic):
    """Round 24: three drafts of "[say what you will do about it, and by when]" for a bag left behind with medication
    in it and a stream lost at the end of a match. The stance model's best reading (a complaint) shapes the drafts:
    sorry, the one detail that finds it on our side, and what happens then."""
    s = assistant.suggest(LETTERS[key])
    assert s.reading.stance.name == "complaint" and s.reading.topic.name == topic
    text = drafts(s).lower()
    assert ACTION_SLOT.lower() not in text
    assert "sorry" in text and "direct message" in text  # a tweet: the details come privately


def test_praise_the_cues_read_nothing_in_is_thanked(assistant):
    """'I would like to call your attention to two of your employees: Conductor C. L. Bozeman and Flagman ...'"""
    s = assistant.suggest(LETTERS["web-g-07"])
    assert s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower() and ACTION_SLOT.lower() not in drafts(s).lower()


def test_very_pleased_is_praise(assistant):
    s = assistant.suggest("@McDonalds Tried app order w/app coupon, Apple Pay and curbside pickup. Very pleased. "
                          "4 minute wait was much faster than long drivethru.")
    assert s.reading.stance.name == "thanks"


def test_a_tweet_to_someone_else_stays_a_remark(assistant):
    s = assistant.suggest("@notyurmamacita wheres the part where u run towards me hunched over struggling in the water")
    assert s.reading.remark and ACTION_SLOT.lower() not in drafts(s)


def test_a_critical_letter_the_model_is_unsure_of_is_not_thanked(assistant):
    """Round 25: "another grouchy customer"'s list (a snagged sweater, no Thousand Island dressing, "Work on better
    music too") was thanked as "a lovely message": the stance model read thanks 0.64 against complaint 0.54."""
    s = assistant.suggest(LETTERS["web-u-16"])
    assert s.reading.stance.name == "complaint"
    assert "lovely message" not in drafts(s)


def test_one_thank_you_in_a_letters_opening(assistant):
    text = drafts(assistant.suggest(LETTERS["web-u-16"])).split("\n\n")[1]
    assert text.lower().count("thank") <= 1
