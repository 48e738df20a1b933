"""Readings fixed from review round 46 (real messages to banks, insurers, utilities, hotels, restaurants, cinemas):
a remark answered in its own temperature, praise with nothing bad beside it is no sarcasm, a statute named as broken
is a legal threat, and a danger from the supply goes to the emergency team."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "Elon musk, please buy @brand so they can deliver on time. #brand",
])
def test_a_remark_in_no_warm_words_is_not_told_it_is_good_to_hear_from_them(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.remark and "good to hear from you" not in drafts(s).lower()


def test_a_jibe_at_a_political_stance_is_an_objection_to_pass_on(assistant):
    # round 50 made a stance taken by the company a decision to object to (config/situations.toml company_decision)
    s = assistant.suggest("Way to align yourself with a political party, @brand. Probably should have just been silent.")
    assert s.reading.situation is not None and s.reading.situation.name == "company_decision"
    assert "good to hear from you" not in drafts(s).lower()


def test_a_warm_remark_still_gets_the_friendly_line(assistant):
    s = assistant.suggest("@brand happy Friday everyone!")
    assert s.reading.remark and "good to hear from you" in drafts(s).lower()


@pytest.mark.parametrize("text", ["F--- you @Dominos", "f---ing useless the lot of you @brand"])
def test_the_f_word_masked_with_dashes_is_abuse(assistant, text):
    s = assistant.suggest(text)
    assert "abusive" in s.analysis.signal_names and "good to hear from you" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "Thanks so much for this plugin. Really comprehensive and well thought-out. It's just what I need to get me over "
    "the line for a complicated site I've just built. Kudos!",
    "Thank you so much for the quick reply, well done to the whole team. Bravo!",
])
def test_praise_with_nothing_bad_beside_it_is_no_sarcasm(assistant, text):
    s = assistant.suggest(text)
    assert "sarcasm" not in s.analysis.signal_names and s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower()


def test_praise_beside_something_bad_can_still_be_sarcasm(assistant):
    s = assistant.suggest("Thanks so much for losing my suitcase for the third time this year. Kudos!")
    assert "sarcasm" in s.analysis.signal_names


@pytest.mark.parametrize("text, legal", [
    ("Your treatment of me and my service dog violated the Americans with Disabilities Act. Staff may not ask for "
     "documentation, and yours did.", True),
    ("You are in breach of the Consumer Rights Act 2015 by refusing to repair a laptop that failed after two months.", True),
    ("Keeping my data after I asked you to delete it is a violation of GDPR.", True),
    ("The act of kindness by your driver broke my heart in the best way.", False),
])
def test_a_statute_named_as_broken_is_a_legal_threat(assistant, text, legal):
    s = assistant.suggest(text)
    assert ("threat_legal" in s.analysis.signal_names) is legal
    if legal:
        assert "shouldn't have" not in drafts(s) and "our fault" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "There is a strong smell of gas in the street outside our building and it has been there for hours. Please help.",
    "Brown water is coming out of all our taps this morning. Is it safe to drink?",
    "A tree brought down power lines on our road and the wires are lying on the pavement sparking.",
])
def test_a_danger_from_the_supply_goes_to_the_emergency_team(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.name == "utility_hazard"
    assert "emergency team" in drafts(s) and "by this time tomorrow" not in drafts(s)
    assert "which branch" not in drafts(s).lower() and "credit" not in drafts(s).lower()


def test_where_the_hazard_is_said_is_not_asked_again(assistant):
    s = assistant.suggest("We seem to have brown water coming from the mains in B12 9QB. Help, I want a drink!")
    assert "address" not in " ".join(s.questions).lower()


@pytest.mark.parametrize("text", [
    "My pharmacy refused to refill my son's inhaler early even though we leave on holiday Saturday and will run out "
    "before we're back.",
    "@pharmacy my prescription still isn't ready after 5 days and I have 2 tablets left. What is going on?",
    "You have told me three times that my repeat prescription is out of stock and I am running out of my insulin.",
])
def test_a_prescription_not_filled_gets_a_pharmacist_not_a_parcel_chase(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.name == "medication_supply"
    assert "pharmacist" in drafts(s) and "credit" not in drafts(s).lower() and "reference for" not in drafts(s)


def test_running_out_of_patience_is_no_prescription(assistant):
    s = assistant.suggest("We will run out of patience soon if the engineer does not turn up tomorrow as promised.")
    assert s.reading.situation is None or s.reading.situation.name != "medication_supply"


@pytest.mark.parametrize("text", [
    "Please take me off your mailing list. I get junk mail from you every week and I have never been a customer.",
    "@bank stop sending me credit card offers in the post, I have told you three times already",
])
def test_marketing_never_asked_for_is_stopped_without_an_offer_or_a_call(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.name == "unwanted_marketing"
    assert "remove you from these messages" in drafts(s)
    assert "phone number" not in drafts(s) and "credit" not in drafts(s).lower().replace("credit card", "")


def test_a_customer_written_to_every_week_is_not_offered_a_call(assistant):
    letter = ("Dear Bank, thank you so much for continuing your correspondence. Somehow you got my name, and you feel "
              "that gives you permission to write me every week, sometimes twice a week, with your generous offers. "
              "If I wasn't interested the first, second or 100th time you wrote me, what gives you the hope that the "
              "101st might interest me? I have never asked for any of it and I shred every one of them unopened.")
    assert "phone number" not in drafts(assistant.suggest(letter))


@pytest.mark.parametrize("text, thing", [
    ("My boiler was 'fixed' by your engineer on Monday and it is still not heating. Same problem as before. I paid "
     "£180 for that visit.", "boiler"),
    ("The mechanic replaced the brake pads last week but my car is still making the same noise after the repair.", "car"),
    ("Your plumber's botched installation has left the new shower leaking into the kitchen ceiling.", ""),
])
def test_work_that_did_not_fix_it_is_checked_and_put_right_not_replaced(assistant, text, thing):
    s = assistant.suggest(text)
    assert s.reading.understood and s.reading.situation.name == "repair_failed"
    assert "have the work checked" in drafts(s) and thing in drafts(s)
    assert "warranty" not in drafts(s).lower() and "replacement" not in drafts(s).lower()


def test_poor_service_is_no_failed_repair(assistant):
    s = assistant.suggest("I have had nothing but poor service and substandard service from your call centre for months.")
    assert s.reading.situation is None or s.reading.situation.name != "repair_failed"


@pytest.mark.parametrize("text", [
    "If such charges are not refunded, I will contest any and all credit charges as fraudulent with the appropriate "
    "financial institutions.",
    "Refund the deposit this week or I will dispute the payments with my credit card company.",
])
def test_charges_contested_with_the_bank_or_as_fraud_are_a_legal_threat(assistant, text):
    assert "threat_legal" in assistant.suggest(text).analysis.signal_names


def test_a_threat_of_violence_quoted_from_a_driver_is_a_safety_incident(assistant):
    s = assistant.suggest("We had been stuck on the coach for six hours. I went to open the luggage door. \"You break "
                          "that door and I'll break you,\" the driver shouted at me in front of my children.")
    assert s.reading.understood and s.reading.situation.incident
    assert "formal incident" in drafts(s) and "by this time tomorrow" not in drafts(s)


def test_the_call_offered_beside_a_legal_threat_concedes_nothing(assistant):
    letter = ("I have been a member of your gym for six years. For the last three months the showers have been broken, "
              "the changing rooms are filthy and the manager ignores every complaint I make at the desk. I have taken "
              "photographs of all of it, and I am reporting the club to the Health Department and the Better Business "
              "Bureau this week unless the membership fees for those three months are refunded to me in full.")
    s = assistant.suggest(letter)
    assert "threat_legal" in s.analysis.signal_names
    assert "put it right" not in drafts(s) and "put right" not in drafts(s)


def test_a_fall_that_ended_in_an_injury_is_a_safety_incident(assistant):
    s = assistant.suggest("A trainer keeps leaving her clipboard in front of the weight rack. Two weeks ago, as I tried "
                          "to avoid stepping on it, I lost my balance, fell forward with the weights into the rack and "
                          "smashed my thumb between the weights and the rack. I am 70 and I have told her five times.")
    assert s.reading.understood and s.reading.situation.incident
    assert "reference for your order" not in drafts(s)


@pytest.mark.parametrize("text", [
    "My wife twisted her ankle while hiking last week, so we could not use the hotel night we had booked with you. "
    "Could you refund it, or move it to next month?",
    "A single missed delivery yesterday meant I could not get pain relief for my toddler when he split his lip. Where "
    "is my parcel now, and why did the driver not knock?",
])
def test_an_injury_the_company_had_no_part_in_is_no_incident(assistant, text):
    s = assistant.suggest(text)
    assert not (s.reading.understood and s.reading.situation.name == "safety_incident")


def test_a_policy_that_treats_customers_like_criminals_is_no_member_of_staff(assistant):
    s = assistant.suggest("I have had @streamer since 1997 and your new password policies requiring monthly log-ins "
                          "and travel codes (treating customers like criminals) AND cancelling every new series after "
                          "one season have me genuinely considering canceling my subscription.")
    assert not (s.reading.situation and s.reading.situation.name == "staff_conduct")
    assert "member of our team" not in drafts(s)
    assert "I'll cancel your subscription" not in drafts(s) and "churn_risk" in s.analysis.signal_names


def test_a_cancellation_asked_for_is_still_confirmed(assistant):
    s = assistant.suggest("Please cancel my subscription from the end of this month, I'm moving abroad.")
    assert s.reading.understood and s.reading.situation.name == "cancellation"
