"""Messages that raise the stakes: legal threats, extortion and abuse (no admission, no goodwill, a
boundary), safety incidents and possible self-harm (the incident path, escalation), and how soon the
drafts promise to act on a problem happening as the customer writes.

The wording comes from the real messages the lead's review quoted (issue 9), not from
sentences written to pass.
"""

from __future__ import annotations

import pytest

from draft_defects import ADMISSION, APOLOGY, GOODWILL, drafts


def test_legal_threat_gets_empathy_without_admission_or_goodwill(assistant):
    s = assistant.suggest("You charged me twice and nobody has fixed it in three weeks. "
                          "My solicitor will be in touch and I'm reporting you to trading standards.")
    assert s.analysis.has("threat_legal")
    for reply in s.replies:
        assert not ADMISSION.search(reply.text) and not GOODWILL.search(reply.text)
        assert APOLOGY.search(reply.text)
    assert any("no admissions" in step for step in s.next_steps)


def test_review_extortion_gets_no_goodwill_and_a_boundary(assistant):
    s = assistant.suggest("Give me a full refund and a $100 voucher or I'll leave a 1-star review on every site I can find.")
    assert s.reading.stance.name == "extortion"
    for reply in s.replies:
        assert not GOODWILL.search(reply.text.replace(" voucher", ""))
        assert "review" in reply.text
    assert s.boundary is not None


def test_an_insult_at_the_agent_gets_no_goodwill(assistant):
    s = assistant.suggest("My parcel is two weeks late and you are stupid and useless, I'll have you fired.")
    assert not GOODWILL.search(drafts(s))
    assert s.boundary is not None


def test_a_safety_incident_takes_the_incident_path(assistant):
    s = assistant.suggest("Your driver was on his phone the whole time, ran a red light and nearly hit a cyclist. "
                          "I was terrified in the back seat.")
    assert s.reading.situation is not None and s.reading.situation.incident
    text = drafts(s)
    assert "seriously" in text and "anyone hurt" in text and s.boundary is None  # they report danger, not threaten
    assert all("Where and when" in r.text for r in s.replies)  # every draft asks for the incident's details
    assert not ADMISSION.search(text) and not GOODWILL.search(text)
    assert any("Preserve the evidence" in step for step in s.next_steps)
    assert "within the hour" in s.replies[1].text and "safety" in s.replies[2].text


def test_a_date_that_happens_to_be_today_is_not_urgency(assistant):
    s = assistant.suggest("I am writing to let you know my order arrived today with a cracked screen on the tablet.")
    assert not s.reading.live
    assert not any("time matters" in r.text for r in s.replies)


def test_a_live_outage_gets_a_short_interval(assistant):
    s = assistant.suggest("Our internet is down right now and I work from home, when will it be back?")
    assert s.reading.live
    assert "within the hour" in s.replies[0].text


def test_possible_self_harm_gets_care_not_policy(assistant):
    s = assistant.suggest("I can't cope with this anymore, I don't want to be here anymore. This bill is the last straw.")
    assert s.analysis.escalate.to == "lead"
    for reply in s.replies:
        assert "crisis line" in reply.text and "refund" not in reply.text and not GOODWILL.search(reply.text)


# Round 2 of the blind review (tests/data/review/round2): real wording the reviewers quoted.

def test_a_live_hazard_takes_the_incident_path(assistant):
    s = assistant.suggest("@GeorgiaPower please take care of these soon!!! Trees with a dangerous lean to the line")
    assert s.reading.situation.name == "safety_incident"
    assert "tomorrow" not in drafts(s)


# Round 3 (tests/data/review/round3): wording the reviewers quoted.

def test_being_kicked_out_of_a_website_is_not_an_assault(assistant):
    s = assistant.suggest("Dear @washingtonpost : I've been a print subscriber for 30 years. Now your website has "
                          "kicked me out and customer service hung up on me.")
    assert s.reading.situation is None or not s.reading.situation.incident
    assert "hurt" not in drafts(s)


@pytest.mark.parametrize("text", [
    "Thanks @unitedairlines for randomly canceling my miles booked ticket for tonight, not letting me rebook",
    "why is the 0654 Ipswich to Cambridge train shown as delayed? Couldn't see anything in journey check.",
    "We're about the only people in this store and still can't get anyone to help us, standing in the queue",
    "I haven't been able to work properly all day, what is going on with the network",
])
def test_what_is_happening_now_gets_no_promise_for_tomorrow(assistant, text):
    s = assistant.suggest(text)
    assert "tomorrow" not in drafts(s), text


def test_a_customer_left_without_money_or_food_is_answered_the_same_day(assistant):
    """Round 4: a bank glitch left a customer with 'no food in the house', and the drafts said tomorrow."""
    s = assistant.suggest("Your glitch means I have no access to my wages and there's no food in the house. Sort it out.")
    assert s.reading.live and "tomorrow" not in drafts(s)


def test_when_the_draft_asks_what_happened_it_promises_to_act_on_the_answer_and_the_steps_agree(assistant):
    """Round 4: "tell me more" and, in the same draft, "I'll check in by this time tomorrow"."""
    s = assistant.suggest("@TwitterSupport Hey I have a serious issue with my account. Could you help me please?")
    assert all("tell me a little more" in r.text for r in s.replies)
    assert "tomorrow" not in drafts(s) and not any("tomorrow" in step for step in s.next_steps)
    assert "explaining what's happening" not in drafts(s)  # they haven't explained anything yet


def test_a_letter_of_abuse_at_a_colleague_is_not_answered_on_the_abusers_side(assistant):
    """Round 6 (real, abridged): a hate letter to a flight attendant got "I'm sorry about the way you were
    treated by a member of our team" and a request for her name."""
    s = assistant.suggest("You are nothing but a glorified MAID who needs to jump down off her high horse and learn "
                          "how to speak to people. You are a masknazi and if it wasn't for this job, you would be "
                          "cleaning motel rooms. A WASTE.\n\nWarm regards,\n\nA person who hates your guts")
    assert s.analysis.has("abusive") and s.boundary is not None
    text = drafts(s)
    assert "with a member of our team" not in text and "name or ID" not in text and "so clearly" not in text


def test_an_allegation_against_a_colleague_goes_to_the_lead(assistant):
    s = assistant.suggest('DO NOT STAY @HIExpress Troy Michigan. Bad service. Customers treated like prisoners and I was '
                          'called Racist by "Nicole" . Nothing was done!')
    assert s.analysis.escalate.recommended and s.analysis.escalate.to in {"lead", "legal"}
    assert "the way you were treated" not in drafts(s)


def test_a_report_of_dangerous_driving_reaches_the_safety_team(assistant):
    s = assistant.suggest("@Uber_Support my driver on Saturday was doing 52mph in a 20mph zone. I was terrified. "
                          "How can you allow this??")
    assert s.reading.situation.name == "safety_incident" and not s.reading.open_question
    assert s.analysis.escalate.to == "security" and s.analysis.severity in {"high", "critical"}


def test_a_report_of_harm_outweighs_the_faults_around_it(assistant):
    s = assistant.suggest("I am writing an open letter to you because you will not respond to my tweets, messages and "
                          "emails two days after I was assaulted and left crying by one of your drivers. Your app was "
                          "broken, the error kept coming back and the payment failed.")
    assert s.reading.situation.name == "safety_incident" and s.analysis.escalate.to == "security"


def test_insults_that_name_no_problem_get_no_apology_and_a_question(assistant):
    s = assistant.suggest("You are nothing but a glorified maid who needs to get off her high horse. You stupid "
                          "useless woman, nobody cares about your pathetic rules.")
    assert not any(APOLOGY.search(r.text) for r in s.replies)
    assert "what went wrong" in s.replies[1].text and "[" not in s.replies[1].text


# Round 8's reviewers (fresh real messages), each a general mechanism.
def test_a_draft_says_it_was_passed_on_only_when_the_analysis_passes_it_on(assistant):
    for text in ("I'm never buying cheese from @Tesco again, absolutely shocked by my purchase.",
                 "I'll take my business elsewhere if my order doesn't arrive by Friday."):
        s = assistant.suggest(text)
        if not s.analysis.escalate.recommended:
            assert "flagged this" not in drafts(s) and "I've passed this" not in drafts(s)


@pytest.mark.parametrize("text", ["You guys are a bunch of asshats, fix my account",
                                  "You people make me sick. You're are actually sub-human."])
def test_insults_round_9_missed_are_read_as_abuse(assistant, text):
    s = assistant.suggest(text)
    assert "abusive" in s.analysis.signal_names and s.boundary is not None and not s.reading.remark


def test_a_dangerous_allergy_refused_is_a_safety_incident_and_a_question_about_one_is_not(assistant):
    refused = assistant.suggest("My son has life-threatening food allergies and your manager refused to make him a safe meal.")
    asked = assistant.suggest("I have a mild nut allergy, do your cookies contain nuts?")
    assert refused.reading.situation.name == "safety_incident" and refused.analysis.escalate.to == "security"
    assert asked.reading.situation is None and not asked.analysis.escalate.recommended


def test_a_threat_to_report_to_the_financial_authorities_is_a_legal_threat(assistant):
    s = assistant.suggest("reverse immediately, i will report this now to the SA financial authorities")
    assert "threat_legal" in s.analysis.signal_names and s.analysis.escalate.recommended and not s.reading.remark


@pytest.mark.parametrize("text", [
    # round 9, a coeliac customer served gluten after asking three times (web-c-11)
    "On June 9th, however, I was not only flabbergasted by the lack of knowledge of your staff but was ultimately "
    "physically harmed by their poor training. I ordered the vegan Mac n' Cheese and asked for it to be prepared gluten free.",
    "The chicken burger made my son ill for two days and the manager just shrugged.",
])
def test_harm_from_what_we_served_is_a_safety_incident_with_no_credit(assistant, text):
    """Round 9: '$50 store credit' for a customer 'physically harmed' trivialises the harm."""
    s = assistant.suggest(text)
    assert s.reading.situation is not None and s.reading.situation.incident
    assert s.analysis.escalate.to == "security" and not GOODWILL.search(drafts(s)) and s.boundary is None


def test_figurative_sickness_is_not_an_incident(assistant):
    s = assistant.suggest("Your service makes me sick. Three weeks and still no refund.")
    assert s.reading.situation is None or not s.reading.situation.incident


@pytest.mark.parametrize("text", [
    "@United Airlines get your act together and find 4722 a gate. Been sitting on tarmac for nearly 30 minutes.",
    "@sho_help @showtime your arrive is terrible streaming is stop and start every couple mins. Get it together it's xmas",
])
def test_a_problem_going_on_as_they_write_gets_a_short_interval(assistant, text):
    """Round 9: 'been sitting on tarmac' and a stream that stops 'every couple mins' are happening now."""
    s = assistant.suggest(text)
    assert s.reading.live and all("by this time tomorrow" not in r.text for r in s.replies)
