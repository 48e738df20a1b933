"""Situations read on real wording the cues missed: 595 more complaint-corpus tweets labelled by hand this round
(tests/data/labels/situations_7..10.jsonl) showed which way real customers put a problem the cues did not read."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages


@pytest.mark.parametrize("text", [
    "@united not happy with this delay from Newark to Manchester tonight :( only 30 mins free Wi-fi sucks ...",
    "Why is @AmericanAir 3177 to Nashville delayed tonight?",
    "@greateranglia why is the 1750 to Norwich slow running through Stratford? Any reason other than the standard congestion?",
    "Delayed over an hour on the outgoing Stanstead to Kraków flight with no updates and then left clueless",
])
def test_a_delay_to_a_journey_on_a_timetable_is_a_disruption_not_a_late_parcel(assistant, text):
    assert assistant.suggest(text).reading.situation.name == "flight_disrupted"


@pytest.mark.parametrize("text", [
    "@Uber_Support @Uber your app doesn't seem to work and there in no way I can send you a mail regarding the issue.",
    "@UconnectCares Iheart radio app doesn't work. Have opened 2 different tickets both were closed without being fixed.",
    "@washposthelp Scrolling in iOS app becomes very laggy/stutters on ~3rd article. Making the app very unpleasant - any fixes coming?",
    "@IRCTC_Ltd Why booking page for retiring room is not opening. Always shows your session expired. Resolve the issue.",
])
def test_an_app_or_a_website_that_fails_is_a_software_fault(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "software_fault"
    assert "replacement" not in drafts(s)  # not a device to send back


@pytest.mark.parametrize("text", [
    "My parcel is delayed again, it was due on Monday",          # still a parcel
    "@NikeSupport my new shoes are broken after one week",       # still a thing that broke
])
def test_the_same_cues_about_other_things_keep_their_situation(assistant, text):
    assert assistant.suggest(text).reading.situation.name in {"late", "not_working"}


@pytest.mark.parametrize("text", [
    "@TeamTurboTax how do you get a human on the phone, for a billing issues not tax help? #poorcustomerservice",
    "@KFC_UKI how do I get a reply from someone at your useless company??!!",
    "@DropboxSupport i need help! please reply to my messages!",
])
def test_asking_for_a_person_or_any_reply_is_no_answer_from_us(assistant, text):
    assert assistant.suggest(text).reading.situation.name == "unreachable"


@pytest.mark.parametrize("text", [
    # round 22: "legal is taking the case", yet the empathetic draft promised to keep it
    "I have had this issue more than once and have talked with every vice president of customer service and had "
    "discussions with the security department and even filed a complaint with the FCC and nothing happened at all.",
    "I was charged three times for the same order and nobody answers. My lawyer will be in touch if this is not refunded.",
])
def test_a_case_handed_to_the_colleagues_who_must_handle_it_is_not_kept_by_the_agent(assistant, text):
    s = assistant.suggest(text)
    assert "threat_legal" in s.analysis.signal_names
    written = drafts(s)
    assert "keeping this" not in written and "passed your message" in written


def test_an_ordinary_complaint_keeps_its_owner(assistant):
    s = assistant.suggest("My order 4411 arrived broken and this is the second time. Really disappointed.")
    assert "keeping this" in next(r.text for r in s.replies if r.style == "empathetic")


REAL = real_messages()

def test_the_customers_own_goodwill_is_no_ask_for_credit(assistant):
    """Round 23: a tenant's letter ("our goodwill stretches a little closer to breaking point") got $50 of credit."""
    s = assistant.suggest(REAL["web-s-08"])
    assert not s.reading.wants_("compensation") and "credit" not in drafts(s)
    assert assistant.suggest("As a gesture of goodwill, could you take the late fee off?").reading.wants_("compensation")


def test_a_fan_letter_that_mentions_cutting_rope_is_thanked_not_apologised_to(assistant):
    s = assistant.suggest(REAL["web-s-17"])  # "... from cutting rope to skinning a sheep and it works just great"
    assert s.reading.stance.name == "thanks" and "sarcasm" not in s.analysis.signal_names
    assert "sorry" not in drafts(s).lower()


def test_what_the_customer_asks_for_comes_before_what_the_situation_would_offer(assistant):
    """Round 23: "I want a refund now ... this app ... doesn't work on my phone" got troubleshooting for the phone."""
    s = assistant.suggest(REAL["web-s-10"])
    assert s.reading.situation.name == "software_fault" and "app" in s.reading.object  # the phone is where it runs
    concise = next(r.text for r in s.replies if r.style == "concise")
    # the fault's remedy is offered only where the situation model seconds it in a letter; the refund asked for always is
    fault = concise.find("technical team")
    assert "refund" in concise and (fault < 0 or concise.index("refund") < fault)
    first = assistant.suggest(REAL["web-l-30"])  # "I want a refund. This is not the feature I want. It doesn't work well."
    assert "refund" in next(r.text for r in first.replies if r.style == "concise")


@pytest.mark.parametrize("text, thing", [
    ("@SamsungSupport heart rate monitor on my samsung watch is terribly inn accurate", "watch"),  # a part, not a platform
    ("My laptop keeps crashing and I have work to do", "laptop"),
    # the drivers install on the PC: what fails is the printer's software, not the PC (the Win10 PC was named before)
    ("@HPSupport Why won't the printer drivers install on my Win10 PC?#hppsdr #ijkhelp", "printer"),
])
def test_a_device_is_only_a_platform_when_something_runs_on_it(assistant, text, thing):
    assert thing in assistant.suggest(text).reading.object


@pytest.mark.parametrize("message_id", ["web-s-12", "web-s-05"])  # a clatter on a train; a banking app locking people out
def test_a_question_about_something_wrong_gets_one_draft_that_finds_the_answer(assistant, message_id):
    """Round 23: six of twenty outputs were three answer slots and nothing else."""
    s = assistant.suggest(REAL[message_id])
    empathetic, concise, formal = (r.text for r in s.replies)
    assert "[" not in empathetic and "checking this with the colleagues who know" in empathetic
    assert "[add the answer here]" in concise + formal  # for the agent who knows the answer
    assert any("set a reminder" in step for step in s.next_steps)


def test_a_plain_how_to_question_is_answered_now_in_every_draft(assistant):
    s = assistant.suggest(REAL["web-s-13"])  # how to contact the developers; how to upgrade to Pro
    assert all("[add the answer here]" in r.text and "come back to you" not in r.text for r in s.replies)


def test_anger_is_acknowledged_without_conceding_the_case(assistant):
    texts = ["This is the third time my order has been wrong and I am furious.", REAL["web-s-12"], REAL["web-s-03"]]
    for text in texts:
        for reply in assistant.suggest(text).replies:
            assert "every reason to be frustrated" not in reply.text and "come to this" not in reply.text


@pytest.mark.parametrize("message_id, name", [("web-s-16", "Sarah"), ("web-s-17", "Peter")])
def test_a_thank_you_letter_is_thanked_and_passed_to_whom_it_praises(assistant, message_id, name):
    """Round 23: "This really made my Valentine's Day!" read as sarcasm, "cutting rope" beside "great" as a failure;
    both letters were apologised to."""
    s = assistant.suggest(REAL[message_id])
    assert s.reading.stance.name == "thanks" and "sarcasm" not in s.analysis.signal_names
    written = drafts(s)
    assert "sorry" not in written.lower() and name in written


@pytest.mark.parametrize("text", [
    "Dear Mr. Check-out Guy, You have no idea how much you made my evening the other day.",
    "Thanks for cancelling my flight without telling me, made my day.",  # still sarcasm: praise beside a failure
])
def test_made_my_day_is_thanks_unless_it_sits_beside_a_failure(assistant, text):
    s = assistant.suggest(text)
    assert (s.reading.stance.name == "thanks") == ("cancelling" not in text)


def test_broadband_that_is_not_working_is_a_service_down(assistant):
    s = assistant.suggest(REAL["web-s-06"])  # "Broadband not working in London for the past hour."
    assert s.reading.situation.name == "outage" and s.reading.told  # they said since when
    assert not any("when did it start" in q for q in s.questions)


@pytest.mark.parametrize("message_id", [
    "web-t-15",  # a wedding thank-you to a supermarket: "changed my life forever ... the last 13 years"
    "web-t-04",  # an electricity bill letter: "We pay our bills on time every, single month ... $650"
])
def test_a_loyal_customers_history_is_no_unreasonable_demand(assistant, message_id):
    """Round 24: the years behind a customer, their own bills paid and a CEO's title were read as demands beyond
    policy, escalated to a lead with "Some of what you've asked for is beyond what I can approve"."""
    s = assistant.suggest(REAL[message_id])
    assert "unreasonable_demand" not in s.analysis.signal_names
    assert all("beyond what I can approve" not in r.text for r in s.replies)


@pytest.mark.parametrize("text", [
    "I want free delivery on every order for the next two years and the CEO to call me personally.",
    "You should pay our bills for the whole month after this mess.",
])
def test_demands_beyond_policy_are_still_read(assistant, text):
    assert "unreasonable_demand" in assistant.suggest(text).analysis.signal_names


@pytest.mark.parametrize("message_id", ["web-t-11", "web-a-03", "web-r-01"])  # Sophia (age 8), Luka (seven), Lily (3 1/2)
def test_a_childs_letter_is_answered_warmly_and_never_formally(assistant, message_id):
    """Rounds 22 and 24: children's letters got the adult template (a lead's review, an inconvenience apologised for)."""
    s = assistant.suggest(REAL[message_id])
    assert s.reading.child
    written = drafts(s)
    assert "your letter" in s.replies[0].text
    assert not any(line in written for line in ("reviewed by", "formal complaint", "inconvenience", "colleagues who know",
                                                 "keeping this"))


def test_an_age_limit_is_not_a_child_writing(assistant):
    assert not assistant.suggest("Is the set suitable for age 8 and over? My nephew loves it.").reading.child
