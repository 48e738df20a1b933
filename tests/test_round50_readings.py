"""Readings fixed from review round 50 (real messages to banks, insurers and payment apps, restaurants, grocers and
coffee shops): an adverb on a decision insults nobody, attention never received is no parcel, a taste is a verdict on
the food, "on the phone" is a call, a keyed-in number or a refund that "hit my account" is no assault, money moved
without consent is a break-in to the account, a service that "is back" was an outage, and one "I'd like to help" is
enough."""

from __future__ import annotations

import pytest
from draft_defects import drafts


def _situation(s) -> str | None:
    return s.reading.situation.name if s.reading.situation else None


@pytest.mark.parametrize("text, abusive", [
    ("You foolishly decided to scrap the only plan that suited me.", False),
    ("Honestly you stupidly priced the new range out of reach.", False),
    ("you stupid clowns lost my parcel again", True),
])
def test_an_adverb_on_a_decision_is_no_insult(assistant, text, abusive):
    assert ("abusive" in assistant.suggest(text).analysis.signal_names) is abusive


@pytest.mark.parametrize("text", [
    "I stood at the counter for ten minutes and never received any help from the three people working there.",
    "Rang twice last week and I have not received a call back.",
])
def test_attention_never_received_is_no_missing_parcel(assistant, text):
    s = assistant.suggest(text)
    assert _situation(s) != "not_arrived" and not s.reading.wants_("delivery")
    assert "tracking" not in drafts(s).lower()


def test_a_parcel_never_received_is_still_one(assistant):
    s = assistant.suggest("I never received my parcel and the tracking says delivered.")
    assert _situation(s) == "not_arrived"


def test_a_taste_is_a_verdict_on_the_food(assistant):
    s = assistant.suggest("Third visit this month and the smoothie tasted absolutely awful again.")
    assert _situation(s) == "quality"


def test_on_the_phone_is_a_call_not_a_device(assistant):
    s = assistant.suggest("The girl at the till spent the whole time on the phone while serving me.")
    assert "which model" not in drafts(s).lower() and s.reading.topic_name != "device"


@pytest.mark.parametrize("text", [
    "The refund still hasn't hit my account and it's been ten days.",
    "They pushed my appointment back three times without telling me.",
    "The cashier punched in the wrong numbers and charged me twice.",
])
def test_everyday_verbs_are_no_assault(assistant, text):
    s = assistant.suggest(text)
    assert _situation(s) != "safety_incident" and s.analysis.escalate.to != "security"


@pytest.mark.parametrize("text", [
    "The driver punched my son in the face when he asked for his bag.",
    "Your guard shoved me against the door on the way out.",
])
def test_an_assault_is_still_an_incident(assistant, text):
    assert _situation(assistant.suggest(text)) == "safety_incident"


@pytest.mark.parametrize("text", [
    "£600 was withdrawn from my savings last night without my permission.",
    "Somebody broke into my online banking and moved everything out.",
])
def test_money_moved_without_consent_is_a_break_in(assistant, text):
    assert _situation(assistant.suggest(text)) == "account_compromised"


def test_charges_after_cancelling_stay_a_billing_dispute(assistant):
    s = assistant.suggest("There have been 3 unauthorized charges on my card since I cancelled my subscription in March.")
    assert _situation(s) != "account_compromised"


def test_a_service_that_is_back_was_an_outage(assistant):
    s = assistant.suggest("Mobile banking is finally back! Only two days without it. Shocking.")
    assert _situation(s) == "outage" and not s.reading.live
    assert "what date or time were you given" not in drafts(s).lower()


@pytest.mark.parametrize("text, situation", [
    ("Please quit sending me catalogues, I have never ordered anything from you.", "unwanted_marketing"),
    ("I want access to my accounts back today, this is not acceptable.", "cant_access"),
    ("We were made to vacate our table halfway through the meal because we hadn't ordered mains.", "staff_conduct"),
])
def test_more_ways_of_saying_it(assistant, text, situation):
    assert _situation(assistant.suggest(text)) == situation


def test_urine_in_an_order_is_a_safety_incident(assistant):
    s = assistant.suggest("There was a bottle of what I can only assume is urine inside my grocery delivery bag.")
    assert _situation(s) == "safety_incident"


def test_one_offer_of_help_in_the_opening(assistant):
    s = assistant.suggest("@PizzaPlace my pizza was cold AGAIN, I am so angry, this is ridiculous")
    empathetic = next(r.text for r in s.replies if r.style == "empathetic")
    assert empathetic.count("I'd like to help") + empathetic.count("I'd still like to") <= 1


@pytest.mark.parametrize("text", [
    "I have shopped with you for thirty years, but your decision to sponsor that senator's campaign means I am now "
    "boycotting your stores. I cannot support a company that funds politicians who deny science.",
    "Way to align yourselves with a political party. I used to love your coffee; I won't be back.",
])
def test_an_objection_to_a_company_decision_is_passed_on_not_put_right(assistant, text):
    s = assistant.suggest(text)
    assert _situation(s) == "company_decision"
    text_of_drafts = drafts(s).lower()
    assert "put it right" not in text_of_drafts and "put right" not in text_of_drafts
    assert "people who made this decision" in text_of_drafts


@pytest.mark.parametrize("text", [
    "Your decision to close my account after one late payment is outrageous.",
    "Best Buy lost my order years ago and I've boycotted them ever since; you on the other hand delivered in a day.",
])
def test_a_decision_about_their_own_case_or_a_rival_is_no_company_decision(assistant, text):
    assert _situation(assistant.suggest(text)) != "company_decision"


def test_a_customer_who_has_decided_to_leave_is_promised_nothing_unknown(assistant):
    s = assistant.suggest("I will no longer be using your bank. Two years of mistakes on my statements is enough.")
    assert "put right what i can" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "@SkyJet there's a bomb on flight 212 and I put it there",
    "I have a gun and I'm coming to your store tomorrow.",
])
def test_a_threat_of_violence_gets_no_apology_and_no_questions(assistant, text):
    s = assistant.suggest(text)
    text_of_drafts = drafts(s).lower()
    assert s.reading.menace and "sorry" not in text_of_drafts and "security team" in text_of_drafts
    assert not s.questions and s.analysis.escalate.to == "security"


def test_a_threat_beside_a_case_keeps_the_case(assistant):
    s = assistant.suggest("Refund my £80 deposit for the cancelled booking by Friday or I'll come down and smash your "
                          "shop window.")
    assert "security team" not in drafts(s).lower()


def test_a_parking_ticket_is_no_booking(assistant):
    s = assistant.suggest("I lost my parking ticket and your machine charged me the 24-hour maximum.")
    assert "reference for your ticket" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "Thank you to everyone at the surgery. We had to put him down on Friday after fourteen years, and you made it gentle.",
    "Our old cat went to heaven this morning. Thank you for all the years of care you gave her.",
])
def test_a_pets_death_is_a_bereavement(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.bereaved and "sorry for your loss" in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "Our son was left asleep on the school bus and nobody checked it at the depot.",
    "Your driver forgot my 4-year-old daughter on the coach at the end of the trip.",
])
def test_a_child_left_on_a_vehicle_is_a_safety_incident(assistant, text):
    assert _situation(assistant.suggest(text)) == "safety_incident"
