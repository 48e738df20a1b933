"""Situations read on real wording the cues missed: 595 more complaint-corpus tweets labelled by hand this round
(tests/data/labels/situations_7..10.jsonl) showed which way real customers put a problem the cues did not read."""

from __future__ import annotations

import pytest


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
    assert "replacement" not in " ".join(r.text for r in s.replies)  # not a device to send back


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
    drafts = " ".join(r.text for r in s.replies)
    assert "keeping this" not in drafts and "passed your message" in drafts


def test_an_ordinary_complaint_keeps_its_owner(assistant):
    s = assistant.suggest("My order 4411 arrived broken and this is the second time. Really disappointed.")
    assert "keeping this" in next(r.text for r in s.replies if r.style == "empathetic")
