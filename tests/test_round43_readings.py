"""Readings fixed from review round 43 (40 real messages to software services, utilities, insurers, landlords and
cafés): each a general family, not the one sentence."""

from __future__ import annotations

import pytest
from draft_defects import drafts


@pytest.mark.parametrize("text", [
    "I bought a subscription in September and I thought I had cancelled it but it seems I have not and I have been "
    "charged for the past 2 months. Could I please have this cancelled and have the 2 months refunded if possible?",
    "I forgot to cancel my membership before the renewal and was charged again. Can you cancel it and refund me?",
])
def test_their_own_slip_is_no_error_of_ours_and_what_they_ask_is_offered(assistant, text):
    s = assistant.suggest(text)
    text_of_drafts = drafts(s)
    assert not s.reading.company_error and "our mistake" not in text_of_drafts.lower()
    assert "after you cancelled" not in text_of_drafts
    assert {"cancel", "refund"} <= {w.name for w in s.reading.wants}
    assert "cancel" in text_of_drafts and "refund" in text_of_drafts


def test_not_my_fault_is_no_slip_of_theirs(assistant):
    s = assistant.suggest("You charged me after I cancelled my subscription last month. It is not my fault, refund it.")
    assert s.reading.situation is not None and s.reading.situation.name == "charged_after_cancel"


def test_an_outage_told_as_over_gets_no_live_status(assistant):
    s = assistant.suggest("At 9:40 this morning my fiber connection stopped working. It was still down at 12:20 when I "
                          "called. The connection came back up at approximately 12:45 pm. It was scheduled maintenance "
                          "in the middle of the day with no notice to your customers.")
    assert not s.reading.live and s.reading.over
    assert "current status of the outage" not in drafts(s) and "within the hour" not in drafts(s)
    assert "stopped working" in drafts(s) and "isn't working" not in drafts(s)


@pytest.mark.parametrize("text", [
    "@bank your app is not letting people pay bills, how long until it's back up and running?",
    "The site is down again. When will it be back online? I need to file today.",
    "My power came back on for a minute this morning and now it is still out.",
])
def test_back_up_asked_for_or_undone_is_not_over(assistant, text):
    assert not assistant.suggest(text).reading.over


def test_no_call_is_offered_to_someone_complaining_of_our_calls(assistant):
    s = assistant.suggest(
        "Dear insurer, thank you for the renewal notice. Your quote is £20 more than last year, which is appalling, but "
        "I shall renew when it is due in two weeks. Despite that, you sent an email urging me to renew immediately, and "
        "then a couple of days later you telephoned at 6.50 IN THE EVENING to discuss renewing my policy. Stop it.")
    assert s.reading.pestered
    assert "I'll call you" not in drafts(s) and "phone number and a time" not in drafts(s)


@pytest.mark.parametrize("text", ["Well you can shove it up your a***.", "Stick your refund up your arse.",
                                  "You lot are a bunch of a**holes"])
def test_rude_dismissals_and_masked_swearing_are_abuse(assistant, text):
    assert "abusive" in assistant.suggest(text).analysis.signal_names


def test_going_to_a_named_rival_from_now_on_is_leaving(assistant):
    assert "churn_risk" in assistant.suggest("Not open on time again. I'll go to Wildblood's from now on.").analysis.signal_names
    assert "churn_risk" not in assistant.suggest("I will go to Paris next time, it was lovely.").analysis.signal_names


def test_do_you_remember_is_no_question_to_answer(assistant):
    s = assistant.suggest("You came along with your mother to see how your tenant was settling in and promised any "
                          "concerns would be resolved. Do you remember? That promise was put to the test when the drains "
                          "blocked and I had to cancel my granddaughter's party.")
    assert "[add the answer here]" not in drafts(s)


def test_a_device_someone_spoke_over_is_not_theirs(assistant):
    s = assistant.suggest("The lady came on the speaker to apologise. I shouldn't want to ride a faulty train anyway, "
                          "but getting up at 4 in the morning for nothing is too much.")
    assert s.reading.topic is None or s.reading.topic.words != "speaker"


def test_a_household_without_water_caring_for_someone_with_cancer_is_vulnerable_and_an_outage(assistant):
    s = assistant.suggest("I tried to get emergency help for my dad who has terminal cancer to be told you can't help "
                          "with bottled water so we just have to wait for the supply to return.")
    assert s.reading.vulnerable and s.reading.situation.name == "outage" and s.reading.understood
    assert any("vulnerable" in step for step in s.next_steps)


@pytest.mark.parametrize("text", [
    "@netflix you raised your prices again. $26 a month is too much for us now.",
    "My insurance premium went up from £300 to £420 this year with no claims. Why?",
])
def test_a_price_put_up_is_explained_with_the_options_never_a_credit(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "price_increase" and s.reading.understood
    assert "options and any offers that could bring the cost down" in drafts(s)
    assert "credit" not in drafts(s).lower() and "discount" not in drafts(s).lower()


def test_a_price_rise_to_beat_is_not_the_complaint(assistant):
    s = assistant.suggest("@energy hi I'm trying to give you my meter readings before the price increases. The website "
                          "isn't recognising my password.")
    assert s.reading.situation is None or s.reading.situation.name != "price_increase"
