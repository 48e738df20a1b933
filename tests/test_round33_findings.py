"""What reviewers of round 33 (20 real messages, tests/data/real_messages_26.jsonl) found, read generally; the
sentences are written for each mechanism, not copied from the review set."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "At 2am the night manager asked me if I'd prefer that she break down the door of the room next to mine.",
    "If I'd known you cared so much about my mother's last $20, I'd have let you check her purse as she lay in the "
    "coffin.",
])
def test_anothers_act_or_a_death_told_is_no_threat_of_the_customers(assistant, text):
    """Round 33: a hotel worker's sarcastic offer and a grieving son's bitter line went to security, with a level-3
    boundary ending the conversation."""
    s = assistant.suggest(text)
    assert "threat_safety" not in s.analysis.signal_names
    assert s.boundary is None or s.boundary.level < 3


@pytest.mark.parametrize("text", ["I'll break down your door if I have to.", "You'll end up in the ground, mate."])
def test_the_customers_own_threats_still_count(assistant, text):
    assert "threat_safety" in assistant.suggest(text).analysis.signal_names


def test_a_swear_word_in_a_letters_story_gets_no_boundary(assistant):
    """Round 33: "I was living in a shitty apartment" in a fifteen-year member's letter got "keep our language
    respectful" and a step to record the abuse."""
    s = assistant.suggest("I have been a member since 2010, the week you launched here. Back then I was living in a "
                          "shitty flat above a chip shop with a slow connection, and your service was the best thing "
                          "in it. Today I cancelled, because the price has doubled in two years and the catalogue has "
                          "shrunk. I wanted you to know why after all this time.")
    assert s.boundary is None


def test_a_customer_who_declines_credit_is_not_offered_it(assistant):
    """Round 33: "I want my money in my account not sat as credit in yours" was offered $50 of credit."""
    s = assistant.suggest("This is the third time my order has been late and I've been charged $45.99 for delivery I "
                          "never got. Sort it out or I'm leaving for good, and I don't want credit.")
    assert all("credit" not in r.text for r in s.replies)


def test_the_currency_of_an_email_they_quote_is_theirs(assistant):
    """Round 33: amounts in pounds, inside our own e-mail the customer pasted in, went unseen, and a UK customer was
    offered "$50 of credit"."""
    s = assistant.suggest("This is the third time my order has been late and I've been charged for delivery I never "
                          "got. Your e-mail said: \u201cWe are sorry your order is late, a delivery refund of \u00a34.99 "
                          "will be added to your account within ten working days of today.\u201d Sort it out or I'm "
                          "leaving for good.")
    assert all("$" not in r.text for r in s.replies)
    assert any("another currency" in note for note in s.notes)


def test_a_flight_months_ago_is_over(assistant):
    """Round 33: a complaint about a flight "2 months ago" that was never answered got rebooking and expenses "while
    you wait", and two questions for the same booking reference."""
    s = assistant.suggest("When I complained about a flight from Dublin to Stansted 2 months ago you never bothered "
                          "to reply. Delayed for 7 hours and given no information.")
    assert s.reading.afterwards and not s.reading.live
    for r in s.replies:
        assert "while you wait" not in r.text
        assert r.text.lower().count("reference") <= 1


def test_hours_of_it_so_far_is_live(assistant):
    s = assistant.suggest("I've been sitting on this train with no air conditioning for the last 2 hours. What are "
                          "you going to do about it?")
    assert s.reading.live


def test_one_word_of_thanks_in_a_letter_that_rejects_us_is_no_thank_you(assistant):
    """Round 33: "I REJECT THIS CHANGE ... the card is going into the shredder" with an "I appreciate" in it was
    thanked for its kind words."""
    s = assistant.suggest("Dear Bank, last year you raised the interest rate on my card; I complained but kept using "
                          "it. Now you have raised it again. Since I must reject this change in writing, here it is: I "
                          "REJECT THIS CHANGE. The card is going in the shredder and my bills have moved elsewhere. I "
                          "appreciate that you need to make money, but not from me.")
    assert s.reading.stance.name != "thanks"


@pytest.mark.parametrize("text", ["Our room overlooked the volleyball court, where the music played until 2am.",
                                  "We ate in the food court because the restaurant was closed."])
def test_a_court_you_play_or_eat_in_is_no_legal_threat(assistant, text):
    """Round 34: "volleyball court" in a funny cruise complaint sent it to legal."""
    assert "threat_legal" not in assistant.suggest(text).analysis.signal_names


def test_a_childs_letter_we_cannot_place_never_asks_for_account_details(assistant):
    """Round 34: a child's letter was asked for a phone number; an unplaced child's letter was asked for "the name or
    e-mail address on your account". It is passed on, decided in one place (bot.offers.young_letter)."""
    s = assistant.suggest("I am 7 years old. My favourite robot stopped talking yesterday and I am very sad. "
                          "Please can you help.")
    for r in s.replies:
        assert "e-mail address" not in r.text and "phone number" not in r.text
        assert "share your letter" in r.text


def test_a_child_who_says_so_in_passing_is_a_child(assistant):
    """Round 34: "I as an indignant eight-year-old girl ..." was offered a phone call and a formal complaint."""
    s = assistant.suggest("Dear toy company, I visited your store and I, as an indignant eight-year-old girl, noticed "
                          "that every doll is sold alone with no friend. I object!")
    assert s.reading.child
    assert not assistant.suggest("My 8-year-old girl loves your dolls but the hair fell out.").reading.child


def test_a_claim_headed_without_prejudice_is_a_legal_matter_with_no_credit(assistant):
    """Round 34: a holiday claim headed "WITHOUT PREJUDICE" was offered "$50 of credit for the trouble"."""
    s = assistant.suggest("WITHOUT PREJUDICE. Dear Sirs, your agent booked us into the wrong hotel in Phuket and we "
                          "paid for a second room for four nights. I set out our losses below and claim compensation.")
    assert "threat_legal" in s.analysis.signal_names
    assert all("of credit" not in r.text for r in s.replies)
