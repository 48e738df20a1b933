"""Readings fixed from review round 48 (real messages to telecoms, cable and streaming companies, marketplaces and
retailers): a cancellation held over us or done by us is no request, an account we closed is a block to review, a run
of one symbol masks no swear word, idioms with "ass" insult nobody, a contract's dispute clause and "deceptive trade
practices" are legal steps, marketing asked to stop is unwanted marketing, a leaning pole is a utility hazard, and
furniture that fell is a safety incident."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "Please help me understand, before I cancel my membership, why I should pay for a catalogue with half the seasons "
    "missing and adverts on a paid plan.",
    "Sort the buffering out this week or I'll cancel my subscription.",
    "I've been a loyal customer for years and now you close my account over one return.",
])
def test_a_cancellation_held_over_us_or_done_by_us_is_not_confirmed(assistant, text):
    s = assistant.suggest(text)
    assert "cancel your" not in drafts(s).lower() and not s.reading.wants_("cancel")


@pytest.mark.parametrize("text", [
    "Can you close my account please, I have moved banks.",
    "I ask that you cancel my account effective immediately.",
    "I want to cancel my subscription before the next payment.",
])
def test_a_cancellation_asked_for_is_still_confirmed(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.wants_("cancel")


def test_an_account_the_company_closed_is_a_block_to_review(assistant):
    s = assistant.suggest("Three orders in six months and one pair of jeans sent back. This is a joke, I've been a "
                          "loyal customer for years and now you close my account.")
    assert s.reading.situation is not None and s.reading.situation.name == "account_suspended"


@pytest.mark.parametrize("text, abusive", [
    ("Your driver left the parcel at ######, which is not my address.", False),
    ("The repair quote came to $$$$$ for a cracked screen.", False),
    ("You @#$% useless lot, where is my order?", True),
    ("I work my ass off every week to sell on your site and you hold my payouts for no reason.", False),
    ("Your new app kicks ass, but the search is slow.", False),
])
def test_symbols_and_idioms_mask_no_insult_unless_they_do(assistant, text, abusive):
    s = assistant.suggest(text)
    assert ("abusive" in s.analysis.signal_names) is abusive


@pytest.mark.parametrize("text", [
    "I am contacting you pursuant to the Dispute Resolution section of the Terms and Conditions that govern my account.",
    "Dear Office of the General Counsel: I have been charged an early termination fee I do not owe, after months of "
    "trying to cancel.",
    "Charging a fee you never disclosed is an unfair and deceptive trade practice.",
])
def test_a_formal_dispute_is_a_legal_threat(assistant, text):
    s = assistant.suggest(text)
    assert "threat_legal" in s.analysis.signal_names and s.analysis.escalate.to == "legal"


def test_a_trial_the_customer_expected_to_be_warned_about_is_no_public_warning(assistant):
    s = assistant.suggest("When I signed up for the trial I was pretty sure I'd be warned when the trial period was "
                          "over, but I was charged £47.97 without an e-mail.")
    assert "public_exposure" not in s.analysis.signal_names
    s = assistant.suggest("Be warned, this shop keeps your deposit whatever happens.")
    assert "public_exposure" in s.analysis.signal_names


@pytest.mark.parametrize("text", [
    "I really wish you would stop sending me your catalogs. I don't like any of your products.",
    "Please stop emailing me these offers, I have unsubscribed three times.",
])
def test_marketing_asked_to_stop_is_unwanted_marketing(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == "unwanted_marketing"
    assert "call you" not in drafts(s) and "formal complaint" not in drafts(s)


@pytest.mark.parametrize("text", [
    "A utility pole is leaning about 30 degrees toward my house and I reported it in May.",
    "There are low hanging wires across our driveway since your engineers replaced the pole.",
])
def test_a_leaning_pole_or_low_wires_go_to_the_emergency_team(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.name == "utility_hazard"
    assert s.analysis.escalate.recommended


@pytest.mark.parametrize("text", [
    "My daughter pulled the handle to open it and the entire piece began to fall toward her.",
    "The bookcase on display toppled over onto my son while we were in your showroom.",
])
def test_furniture_that_fell_is_a_safety_incident(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.incident
    assert "put it right" not in drafts(s)


def test_a_shelf_that_fell_apart_is_no_incident(assistant):
    s = assistant.suggest("The shelf fell apart a week after I built it, the screws are too short.")
    assert s.reading.situation is None or not s.reading.situation.incident


@pytest.mark.parametrize("text", [
    "Rotating the wheels today I found one missing lug nut on the rear and two stripped lug nuts on the front, a week "
    "after your shop fitted the tyres. I am having the car towed.",
    "The wheel came off on the motorway two days after you changed my tyres.",
])
def test_a_car_sent_back_with_its_wheels_unsafe_is_a_safety_incident(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.incident
    assert s.analysis.escalate.recommended and "put it right" not in drafts(s)


def test_missing_screws_in_a_flatpack_are_no_incident(assistant):
    s = assistant.suggest("The wardrobe arrived with missing screws and a loose bolt in the bag, so I can't build it.")
    assert s.reading.situation is None or not s.reading.situation.incident


@pytest.mark.parametrize("text", [
    "Maybe @Comcast should extend #ComcastCaresDay so they actually care the other 364 days of the year?",
    "Perhaps @brand should try answering the phone once in a while?",
    "Could you hire more drivers so you actually deliver on the day you promise?",
])
def test_advice_asked_as_a_question_is_no_question_to_answer(assistant, text):
    s = assistant.suggest(text)
    assert "[add the answer here]" not in drafts(s) and "fair question" not in drafts(s)


def test_a_real_question_that_starts_with_maybe_is_still_answered(assistant):
    s = assistant.suggest("Maybe I missed it, but when does the new season come out on your app?")
    assert s.reading.wants_("answer")


@pytest.mark.parametrize("text", [
    "My internet has been down since the 14th. Two days ago I phoned to find out what was happening and was told "
    "someone would call within 24 hours.",
    "An engineer was booked, then nothing. It is now 48 hours and I have heard nothing.",
])
def test_a_customer_who_chased_and_heard_nothing_is_answered_the_same_day(assistant, text):
    s = assistant.suggest(text)
    assert "tomorrow" not in drafts(s)


def test_still_having_nothing_to_carry_things_in_is_no_chasing(assistant):
    s = assistant.suggest("The cashier refused me a bag and I still had nothing to put my items in.")
    assert "chase" not in drafts(s)


PRAISE_LETTER = ("Last month my father spent a week on your cardiac ward after a frightening night in which we thought we "
                 "would lose him. The nurse who looked after him, Amina, was patient, knowledgeable and calm, and she took "
                 "the time to explain every step to my mother, who was frightened and confused. I am truly thankful for "
                 "the care he received; it meant so much to all of us, and your team went over and above at every turn.")


def test_a_thank_you_letter_in_words_beyond_the_old_list_is_thanked(assistant):
    s = assistant.suggest(PRAISE_LETTER)
    assert s.reading.stance.name == "thanks" and "sorry" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "We booked your restaurant expecting great service and delicious food for our anniversary. Instead we waited an "
    "hour for cold starters, the waiter forgot our drinks twice and the bill charged us for a bottle we never ordered. "
    "Thank you for your time and consideration.",
    "I would first like to thank you for many years of good service. However, I am writing to convey some serious "
    "concerns about the new fees on my account, which were never explained and which I do not accept.",
])
def test_praise_that_was_only_expected_or_a_courtesy_makes_no_thank_you(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.stance.name != "thanks"


def test_nobody_listening_is_still_a_complaint(assistant):
    s = assistant.suggest("I called four times about the broken boiler and nobody listened to me. I was treated like a "
                          "criminal by your agent and the engineer never came. Three weeks without heating in winter.")
    assert s.reading.stance.name != "thanks"


def test_what_a_thank_you_thanks_us_for_doing_is_not_asked_again(assistant):
    s = assistant.suggest("Thank you for sending crews from three counties. Thank you for working through the night to "
                          "restore our power after the storm. A grateful customer.")
    assert not s.reading.wants_("service_restored") and s.reading.stance.name == "thanks"


def test_a_list_of_places_written_with_hashes_is_no_reference():
    from bot.facts import quoted_facts
    text = "The noise comes from the row of flats (#12, #22 and maybe #32) above the shop. My ticket is #A4471."
    refs = [f.text for f in quoted_facts(text) if f.kind == "reference"]
    assert refs == ["A4471"]


def test_a_concession_before_a_complaint_makes_no_thank_you(assistant):
    s = assistant.suggest(
        "I will give credit where credit is due: your stores are clean and your prices are fair, and that is a genuine "
        "compliment. Your delivery service, however, has now lost three of my orders in a row, your agents hang up on "
        "me, and nobody has refunded the forty pounds I paid for a sofa that never came.")
    assert s.reading.stance.name != "thanks"


@pytest.mark.parametrize("text", [
    "Oh sure, it's not like I took the day off work to play it (sarcasm). The servers were down all launch day.",
    "Great job on the launch, the previous statement was sarcasm. Nothing loads and support is silent.",
])
def test_sarcasm_the_customer_labels_as_such_is_sarcasm(assistant, text):
    s = assistant.suggest(text)
    assert "sarcasm" in s.analysis.signal_names


@pytest.mark.parametrize("text", [
    "Not me waiting 6 hours to get presale tickets and the website saying there is an error. @brand",
    "Been waiting 3 hours in the online queue for the concert and now the page won't load @brand",
])
def test_a_wait_in_an_online_queue_is_no_late_delivery(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation is None or s.reading.situation.name != "late"


def test_waiting_days_for_an_order_is_still_late(assistant):
    s = assistant.suggest("I've been waiting 9 days for my parcel and the tracking hasn't moved.")
    assert s.reading.situation is not None and s.reading.situation.name in {"late", "not_arrived"}
