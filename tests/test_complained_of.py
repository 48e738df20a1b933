"""Where no situation is read, the drafts name what the customer says was wrong with a thing, in a sentence built
from parts we control (bot/complained_of.py): "I'm sorry the ribs were lukewarm", "I'm sorry about the wait"."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages

from bot.complained_of import complained_of

LETTERS = real_messages()


@pytest.fixture(scope="module")
def wording(assistant):
    return assistant.composer.vocab.complaints


@pytest.mark.parametrize("text, said", [
    ("The food was okay but the wait was terrible", "about the wait"),                          # web-b-19: a verdict
    ("I was told that the ribs were lukewarm because they were a special.", "the ribs were lukewarm"),  # a state said back
    ("My pizza was bland and overpriced.", "your pizza was bland"),                              # theirs, said as theirs
    ("@neimanmarcus, your online delivery services are subpar.", "about the online delivery services"),
    ("Honestly the cheesecake itself was bland.", "the cheesecake was bland"),
    ("Our roomette was so completely broken that we moved.", "your roomette was broken"),
    # six of their words in a row would be their sentence pasted back (round 58): the thing is named instead
    ("Since March the kitchen tap handle got stuck every time we used it.", "about the kitchen tap handle"),
    ("Since March my kitchen tap handle got stuck every time we used it.", "your kitchen tap handle got stuck"),
])
def test_what_they_say_was_wrong_is_said_back_in_our_words(wording, text, said):
    assert complained_of(text, wording) == said


@pytest.mark.parametrize("text", [
    "this app are broken",                             # their grammar is not ours to repeat
    "The waiter was rude and the manager was worse.",  # a person: staff conduct, not a thing
    "The storm was awful but the crews were great.",   # nobody's doing
    "If the food is cold again I will not be back.",   # what might happen
    "The food was not cold at all.",                   # negated: nothing said to be wrong
    "The one I got was broken.",                       # no plain name for the thing
    "The staff were terrible to us.",
])
def test_nothing_is_said_back_that_we_cannot_say_correctly(wording, text):
    assert complained_of(text, wording) == ""


def test_a_letter_with_no_situation_names_the_thing_in_every_draft(assistant):
    s = assistant.suggest(LETTERS["web-i-14"])  # "... the ribs were lukewarm ..." at a restaurant on March 5
    assert s.reading.situation is None
    assert all("the ribs were lukewarm" in r.text for r in s.replies)
    assert "hasn't gone the way you expected" not in drafts(s)


def test_what_happened_names_the_trouble_better_than_a_situations_summary(assistant):
    s = assistant.suggest("My flight was delayed by six hours and nobody told us anything. Booking ref ABC123.")
    assert s.reading.understood
    assert all("your flight was delayed" in r.text for r in s.replies)


def test_a_situation_keeps_its_summary_over_a_thing_it_is_not_about(assistant):
    """Only what happened to them, or to the thing the message is about, replaces the summary."""
    s = assistant.suggest("You charged me £12.99 after I cancelled my subscription last month. The system is broken.")
    assert s.reading.understood and s.reading.complained == "the system is broken"
    assert "system is broken" not in drafts(s)


def test_an_abusive_message_about_a_problem_we_can_name_gets_it_addressed_with_a_boundary(assistant):
    # labellers call most insults around a named problem a complaint (35 of 57 messages the cues read as abuse, round
    # 52), and reviewers want the problem named and a boundary set ("Fing Assholes" over damaged returns)
    s = assistant.suggest("The food was cold you useless idiots, what a bunch of morons.")
    assert s.reading.stance.name == "complaint" and s.boundary is not None
    assert "which branch" in drafts(s).lower() and "credit" not in drafts(s).lower()


def test_insults_with_no_problem_named_get_no_apology(assistant):
    s = assistant.suggest("You useless idiots, what a bunch of morons.")
    assert s.reading.stance.name == "abuse" and "sorry" not in drafts(s).lower()


@pytest.mark.parametrize("text, said", [
    ("Ordered a pizza and noticed a $2 delivery charge was added to the bill. Where does it go?",
     "about the $2 delivery charge"),
    ("They charged me a fee of $79.50 for a membership I had already cancelled.", "about the fee of $79.50"),
    ("You just took me 300chf because I returned the car ten minutes late.", "about the 300chf charge"),
    ("What is this outrageous $40 fee on my statement?", "about the $40 fee"),   # the verdict is not said back
])
def test_a_charge_they_quote_is_named_with_its_amount_exactly(wording, text, said):
    """Rounds 28-29: "the drafts must name the $30 administrative fee", "the $2 delivery charge"."""
    assert complained_of(text, wording) == said


@pytest.mark.parametrize("text", [
    "If you charge me $20 for this I will leave.",       # what might be, not what was
    "I paid $30 for the meal and it was lovely.",          # an amount, but no charge complained of
])
def test_no_charge_is_named_that_was_not_made(wording, text):
    assert complained_of(text, wording) == ""


@pytest.mark.parametrize("text, said", [
    ("My parcel still hasn't arrived and it's been 3 weeks.", "your parcel hasn't arrived"),
    ("our parcels never came", "your parcels haven't arrived"),             # ours agree with their thing
    ("My headphones dont work", "your headphones aren't working"),          # their spelling, our grammar
    ("the app keeps crashing every time I open it", "the app keeps crashing"),
    ("I was on hold for 48 minutes just to get hung up on.", "you were left on hold for 48 minutes"),
    ("Been on hold for over an hour!", "you were left on hold for over an hour"),
    ("Still waiting for my refund since last Monday.", "you've been waiting for your refund since last Monday"),
    ("@tesco I still haven't received my order.", "you haven't received your order"),
    ("We were charged twice for our order", "you were charged twice for your order"),
    ("I can\u2019t log into my account", "you can't get into your account"),  # a curly apostrophe
    ("I have not heard back for two weeks", "you haven't had a reply for two weeks"),
    ("our flight got cancelled", "your flight got cancelled"),
    ("They lost my suitcase on the way to Rome", "your suitcase was lost"),           # what we did, said of the thing
    ("you guys cancelled my order without telling me", "your order was cancelled"),
    ("You sent me the wrong size shoes.", "you were sent the wrong size shoes"),
    ("My parcel arrived damaged.", "your parcel arrived damaged"),
    ("Been waiting since 7pm for the engineer", "you've been waiting since 7pm"),
])
def test_what_happened_is_said_back_in_our_words(wording, text, said):
    assert complained_of(text, wording) == said


@pytest.mark.parametrize("text", [
    "If my parcel doesn't arrive by Friday I'll cancel.",                     # what might happen
    "Please confirm once the subscription has been cancelled.",              # what is awaited
    "I cancelled the internet. Your position is that my service was cancelled.",  # their own doing
    "I waited ten minutes before I approached her.",                         # the story, not the trouble
    "I've been waiting",                                                     # nothing said of what or how long
    "Been waiting since 7",                                                  # since 7 what?
    "I haven't received my 12 items",                                        # no plain name for the thing
    "the passengers got cold",                                               # people, not a thing of theirs
])
def test_nothing_is_said_of_what_did_not_happen_to_them(wording, text):
    assert complained_of(text, wording) == ""
