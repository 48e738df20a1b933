"""Situations the cues missed or misplaced in 1,000 real messages labelled by hand
(tests/data/labels/situations_*.jsonl), each fixed as a class: software errors, disrupted journeys,
poor coverage, sold-out goods and missed home visits. The wording is the customers'."""

from __future__ import annotations

import pytest
from draft_defects import drafts


def _situation(assistant, text: str) -> str | None:
    reading = assistant.suggest(text).reading
    return reading.situation.name if reading.situation and not reading.learned else None


@pytest.mark.parametrize("text", [
    "@JetBlue Getting this error when attempting to manage my flight. We are sorry, an internal system error has occurred",
    "@UbisoftSupport When will u guys fix the jager glitch",
    "@XboxSupport hi I am getting following error code whilst trying set as home console",
    "@sho_help the Showtime Anytime app is the WORST. It stopped working 4 times and now it keeps crashing.",
])
def test_errors_bugs_and_glitches_are_software_faults_never_a_replacement(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "software_fault"
    assert "replacement" not in drafts(s) and "your computer" not in drafts(s)


@pytest.mark.parametrize("text", [
    "@RailMinIndia Train running late by more than 4 hours. U don't care about people time.",
    "@united my flight from Newark is delayed again, 3 hours now",
])
def test_a_late_or_delayed_journey_is_a_disruption_not_a_late_parcel(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "flight_disrupted"
    assert "courier" not in drafts(s)


@pytest.mark.parametrize("text", [
    "@EE On Rosneath Arial having good upload and download speeds but terrible latency 200ms. Why is this.",
    "Our broadband has been painfully slow all week",
    "I have daily dropped calls in parts of Boston",
    "Whyyyy is your WiFi so slow",
])
def test_a_connection_that_works_badly_gets_a_check_not_an_outage_status(assistant, text):
    s = assistant.suggest(text)
    assert _situation(assistant, text) == "poor_coverage"
    assert "status of the outage" not in drafts(s) and "run a check" in drafts(s)


def test_what_they_came_for_having_run_out_is_not_a_parcel_to_dispatch(assistant):
    text = ("After bombarding me with reminder emails I've just turned up for my flu jab & they've run out! "
            "Rubbish service @BootsUK")
    s = assistant.suggest(text)
    assert _situation(assistant, text) == "sold_out"
    assert "dispatch" not in drafts(s) and "due back in" in drafts(s)


def test_running_out_of_time_or_patience_is_not_a_stock_problem(assistant):
    assert _situation(assistant, "I've run out of patience with your app, it logs me out every day") != "sold_out"


@pytest.mark.parametrize("text", [
    "@GeorgiaPower why bother confirming you can be at my home at a specific time to meet the electrician "
    "& still not be here 2 hrs later? #fail",
    "The cable installer never showed up for the evening slot, second time this week. I took a day off for this.",
    "You missed two appointments in a row. I want someone here tomorrow.",
])
def test_a_missed_home_visit_gets_a_new_visit_with_a_firm_slot(assistant, text):
    s = assistant.suggest(text)
    assert _situation(assistant, text) == "missed_appointment"
    assert "new visit" in drafts(s) and "courier" not in drafts(s)


def test_a_parcel_that_never_came_is_still_a_parcel(assistant):
    assert _situation(assistant, "my parcel never arrived and the driver never showed up") != "missed_appointment"


def test_a_day_stayed_in_for_a_delivery_is_not_a_missed_visit(assistant):
    """A real tweet (round 15) was offered a new engineer's visit with a confirmed slot for a courier's failed attempt."""
    text = ("@BootsHelp someone has stayed home all day for my order but now #hermesUK are saying attempt was made "
            "this evening to deliver (1/2)")
    assert _situation(assistant, text) != "missed_appointment"
    assert "new visit" not in drafts(assistant.suggest(text))


def test_thanks_for_a_problem_now_fixed_is_thanks_even_when_read_as_sarcastic(assistant):
    """A real thank-you (web-e-43) the sarcasm reading had turned into a complaint with an apology."""
    s = assistant.suggest("OK this might be the best customer experience ever! \nThanks a lot, it's fine now. "
                          "Sorry about that.\nAlso super quick reply.  Hats off to you sir!")
    assert s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower() and "thank" in drafts(s).lower()


@pytest.mark.parametrize("text", ["Great, it is working now after 3 weeks of nothing. Thanks a lot.",
                                  "Thanks a lot for losing my bag"])
def test_sarcastic_thanks_beside_a_stated_problem_stays_a_complaint(assistant, text):
    assert assistant.suggest(text).reading.stance.name == "complaint"


def test_courtesy_around_asking_for_help_is_not_praise(assistant):
    """A licence never sent and a chargeback warned of (web-e-25), read as praise from its sign-off."""
    s = assistant.suggest("My credit card was charged, but there is no email with a license key. If I do not "
                          "receive my license, I will have the charge reversed on my credit card.\n\n"
                          "Any help is appreciated. Thank you.")
    assert s.reading.stance.name != "thanks" and "threat_legal" in s.analysis.signal_names
    assert "kind words" not in drafts(s)


@pytest.mark.parametrize("text", ["I really appreciate your help today, you fixed it in minutes.",
                                  "Thank you so much, Sam sorted my refund in minutes!"])
def test_praise_for_help_given_is_still_praise(assistant, text):
    assert assistant.suggest(text).reading.stance.name == "thanks"


def test_a_complaint_signed_off_with_thanks_is_a_complaint(assistant):
    s = assistant.suggest("The app logs me out every time I open the basket and I lose everything in it. Thank you.")
    assert s.reading.stance.name == "complaint"


@pytest.mark.parametrize("text", [
    "The app gave him dose after dose. MY first priority was to keep him conscious and stable. We were worried, "
    "in shock, and exhausted from the whole ordeal.",
    "My son had a seizure in your store and your staff just stood there.",
    "The driver braked so hard my mum passed out and we called an ambulance.",
])
def test_a_medical_emergency_in_the_customers_words_takes_the_incident_path(assistant, text):
    """A child's dangerous low from a dosing app (web-e-45) was answered 'I can hear how frustrating this has been'."""
    assert _situation(assistant, text) == "safety_incident"
    assert assistant.suggest(text).analysis.escalate.recommended


def test_a_figure_of_speech_about_fainting_is_no_incident(assistant):
    assert _situation(assistant, "the hold music made me want to pass out") != "safety_incident"


@pytest.mark.parametrize("text", ["I want to thank the driver, Sam, who waited for my mum in the rain.",
                                  "We would like to thank your team at the Leeds branch for their patience with my father.",
                                  "Writing to thank everyone at the front desk."])
def test_thanking_someone_by_the_verb_is_praise(assistant, text):
    """A letter 'written to acknowledge and thank the employees' (round 13) had no praise cue at all."""
    assert assistant.suggest(text).reading.stance.name == "thanks"


def test_thanking_staff_for_a_failure_stays_a_complaint(assistant):
    assert assistant.suggest("I'd like to thank your staff for losing my bag for the third time.").reading.stance.name == "complaint"


@pytest.mark.parametrize("text", [
    "Eventually I smelled smoke coming from the extruder, and realized it was getting too hot.",
    "One UPS PCB go to fire, one smoke and won't light up.",
    "The charger caught fire on my bedside table last night.",
])
def test_a_product_that_smoked_or_caught_fire_is_a_safety_incident(assistant, text):
    """A 3D printer at 548 degrees and a battery board that caught fire (round 13) got no safety path. A product
    that has become dangerous is the product-hazard incident (asked to stop using it first) where its cues say so."""
    assert _situation(assistant, text) in {"safety_incident", "product_hazard"}
    assert assistant.suggest(text).reading.situation.incident


@pytest.mark.parametrize("text", ["you're out of melted cheese and now the drive thru is closed 4 hours early",
                                  "This new album is on fire"])
def test_fire_as_a_figure_of_speech_is_no_incident(assistant, text):
    assert _situation(assistant, text) != "safety_incident"


@pytest.mark.parametrize("text", ["So I grabbed my bags and headed back to the room.",
                                  "We pushed our trolley to the till and waited 20 minutes."])
def test_what_the_customer_did_with_their_own_hands_is_no_assault(assistant, text):
    """A hotel guest who 'grabbed my bags' (round 13) was sent to the safety team and asked if anyone was hurt."""
    assert _situation(assistant, text) != "safety_incident"


@pytest.mark.parametrize("text", ["The security guard grabbed my arm and pushed me out.",
                                  "He punched me in the face at the counter."])
def test_an_assault_on_the_customer_stays_an_incident(assistant, text):
    assert _situation(assistant, text) == "safety_incident"



def test_a_praise_letter_telling_everyone_how_good_we_were_is_thanks(assistant):
    """Thank-you letters tell people how good we were ('Let everyone know how brilliant the staff are', a real
    letter to a hospital, was read as a public threat)."""
    s = assistant.suggest("I want to thank the nurses on ward 4 for the kindness they showed my mother during her "
                          "last week with you. They were wonderful, patient and always smiling, even at 3am when she "
                          "could not sleep and kept asking for her tea. I will tell everyone I know how good this "
                          "hospital is.")
    assert s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower() and "credit to your account" not in drafts(s)


def test_sarcastic_praise_of_a_failure_stays_a_complaint(assistant):
    s = assistant.suggest("Well done @brand, brilliant service as always: three weeks and still no parcel. Fantastic.")
    assert s.reading.stance.name == "complaint"


def test_a_short_sarcastic_promise_to_tell_everyone_stays_a_threat(assistant):
    s = assistant.suggest("Brilliant, well done, I will tell everyone I know how great you are at losing parcels.")
    assert s.reading.stance.name == "threat"


@pytest.mark.parametrize("text", ["I've never been down your lane before (and believe me I would have remembered)",
                                  "We had been down that road with your store before."])
def test_down_as_a_place_is_no_outage(assistant, text):
    """A letter about a cashier at a checkout lane (round 13) got outage drafts."""
    assert _situation(assistant, text) != "outage"


@pytest.mark.parametrize("text", ["your website is down", "the app has been down all day", "Netflix is down again",
                                  "the network is down in my area",
                                  "It has to be a joke that when I ring to check why my broadband is down the automated "
                                  "message says visit the website"])
def test_a_service_that_is_down_is_an_outage(assistant, text):
    assert _situation(assistant, text) in {"outage", "poor_coverage"}


@pytest.mark.parametrize("text", [
    "Found a mouse in the rice I bought from you. The house stinks of cooked mouse and my wife is uncontrollable vomiting.",
    "There was a cockroach in my salad from your Leeds branch.",
])
def test_vermin_in_food_or_a_customer_vomiting_is_a_safety_incident(assistant, text):
    """A mouse cooked in a bag of rice, a wife vomiting (round 14), was answered 'Thanks for asking; it's a fair question.'"""
    assert _situation(assistant, text) == "safety_incident"


def test_a_fly_in_a_match_box_is_no_food_incident(assistant):
    assert _situation(assistant, "I buried a fly in a match box after dousing it in holy water") != "safety_incident"


@pytest.mark.parametrize("text", ["@HarrodsService I have an assessment at HQ on Tuesday but still haven't received "
                                  "email with info? Can you help please?",
                                  "I never received the confirmation email for my booking"])
def test_an_email_that_never_came_is_sent_again_not_chased_with_a_courier(assistant, text):
    """A job applicant's missing e-mail (round 14) got a courier chase and a question about tracking."""
    s = assistant.suggest(text)
    assert s.reading.topic_name == "message" and "send the" in drafts(s) and "courier" not in drafts(s)
    assert not any("tracking" in q for q in s.questions) and not any("courier" in step for step in s.next_steps)


def test_a_room_at_home_is_not_a_hotel_booking(assistant):
    """Furniture for a room at home (an IKEA letter, round 14) got 'the reference for your room'."""
    s = assistant.suggest("I bought a sofa and a bookcase for my living room and the bookcase arrived in pieces.")
    assert s.reading.topic_name != "booking" and "your room" not in drafts(s)
    assert assistant.suggest("My hotel room was filthy when we arrived.").reading.topic_name == "booking"


def test_nothing_back_from_the_help_desk_is_no_answer_not_a_lost_parcel(assistant):
    """A real tweet (round 16): both versions offered to chase a courier for "still got nothing" from the help desk."""
    text = ("@walmarthelp Reached out to the help desk and still got nothing. Please let me know if you could assist. "
            "Thank you very much.")
    assert _situation(assistant, text) == "unreachable" and "courier" not in drafts(assistant.suggest(text))
    assert _situation(assistant, "I paid for the order two weeks ago and got nothing") == "not_arrived"
