"""The case reading and what the drafts do with it: praise, threats, chargebacks, extortion,
safety incidents, cancellations, exact facts and situation-fit offers.

The wording comes from the real messages the lead's review quoted (issue 9), not from
sentences written to pass.
"""

from __future__ import annotations

import re

import pytest

from bot.facts import quoted_facts
from draft_defects import ADMISSION, APOLOGY, GOODWILL


def drafts(s) -> str:
    return "\n".join(r.text for r in s.replies)


@pytest.mark.parametrize("text, kind, value", [
    ("My order #4411 is late", "reference", "4411"),
    ("order number 112-3344556 never came", "reference", "112-3344556"),
    ("booking ref: XK29PL for 3 nights", "reference", "XK29PL"),
    ("I was charged $292.11 twice", "amount", "$292.11"),
    ("a refund of £1,250.50 please", "amount", "£1,250.50"),
    ("it was 40 dollars", "amount", "40 dollars"),
    ("delivered on 3rd March", "date", "3rd March"),
])
def test_facts_are_quoted_exactly(text, kind, value):
    assert (kind, value) in {(f.kind, f.text) for f in quoted_facts(text)}


@pytest.mark.parametrize("text", [
    "My order still hasn't come and I'm fed up", "I want to speak to a manager about my case",
    "I paid with my books voucher", "I'm in Mumbai and my case is urgent", "order in 2019 and again in 2021",
])
def test_words_without_a_digit_are_never_references(text):
    assert not [f for f in quoted_facts(text) if f.kind == "reference"]


def test_amounts_keep_their_decimals_in_drafts(assistant):
    s = assistant.suggest("You charged me twice for my subscription, $292.11 each time. Please fix this.")
    assert "$292.11" in s.replies[0].text and "$292." not in s.replies[0].text.replace("$292.11", "")


def test_praise_gets_thanks_without_apology_or_remedies(assistant):
    s = assistant.suggest("HUGE props to your team, after an incredibly frustrating week Sarah sorted my refund "
                          "in minutes. Thank you!")
    assert s.reading.stance.name == "thanks"
    for reply in s.replies:
        assert not APOLOGY.search(reply.text) and not GOODWILL.search(reply.text)
        assert "refund" not in reply.text and "I can" not in reply.text
        assert "thank" in reply.text.lower()
    assert not s.questions


def test_a_thanks_that_signs_off_a_request_is_not_praise(assistant):
    s = assistant.suggest("@DSGSupport can you dm me for why my order got canceled? Thanks")
    assert s.reading.stance.name != "thanks"


def test_legal_threat_gets_empathy_without_admission_or_goodwill(assistant):
    s = assistant.suggest("You charged me twice and nobody has fixed it in three weeks. "
                          "My solicitor will be in touch and I'm reporting you to trading standards.")
    assert s.analysis.has("threat_legal")
    for reply in s.replies:
        assert not ADMISSION.search(reply.text) and not GOODWILL.search(reply.text)
        assert APOLOGY.search(reply.text)
    assert any("no admissions" in step for step in s.next_steps)


def test_a_chargeback_already_filed_gets_no_refund_offer_and_a_note(assistant):
    s = assistant.suggest("The double charge is still on my card, so I've already notified my credit card company "
                          "and disputed it.")
    assert s.reading.chargeback_filed
    assert "refund" not in drafts(s).lower().replace("refunding", "")
    assert any("chargeback" in note for note in s.notes)


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


def test_a_lost_suitcase_gets_a_baggage_trace_not_a_courier(assistant):
    s = assistant.suggest("My suitcase never arrived on the Miami flight and I have nothing to wear for the wedding.")
    text = drafts(s)
    assert "your suitcase" in text and "trace" in text and "courier" not in text


def test_a_cancellation_letter_is_answered_about_cancelling(assistant):
    s = assistant.suggest("Dear team, please cancel my subscription at the end of this month. I no longer use it.")
    for reply in s.replies:
        assert "cancel" in reply.text and "no further charges" in reply.text
        assert "Sorry about" not in reply.text and "hasn't gone" not in reply.text and "fix this" not in reply.text


def test_a_password_reset_gets_the_access_path_not_a_promise_to_write_again(assistant):
    s = assistant.suggest("I can't log in, the password reset link never arrives and I need my invoices today.")
    assert s.reading.situation.name == "cant_access"
    for reply in s.replies:
        assert "sign-in link" in reply.text
        assert not re.search(r"tomorrow|within the hour|update you", reply.text)
    assert not any("reminder" in step for step in s.next_steps)


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


def test_an_unclear_message_is_acknowledged_without_pretending(assistant):
    s = assistant.suggest("This is not what I expected at all.")
    assert not s.reading.understood
    assert "Could you tell me a little more" in drafts(s)


def test_reading_is_in_the_json(assistant):
    out = assistant.suggest("My order #4411 hasn't arrived, I want a refund.").to_dict()
    reading = out["reading"]
    assert reading["situation"]["name"] == "not_arrived" and {"name": "refund", "confidence": 0.8, "words": "refund"} in reading["wants"]
    assert {"kind": "reference", "text": "4411", "confidence": 0.9, "label": "order"} in reading["facts"]


# Round 2 of the blind review (tests/data/review/round2): real wording the reviewers quoted.

def test_a_stated_want_decides_between_situations(assistant):
    chat = ("Sorry; your chat thing broke the browser. Hello, I'd like to cancel my eFax account. "
            "I now get the service through a unified communication package, faxes are included.")
    s = assistant.suggest(chat)
    assert s.reading.situation.name == "cancellation"
    assert all("cancel" in r.text and "fault" not in r.text for r in s.replies)


def test_someone_refusing_to_cancel_is_not_a_cancellation_request(assistant):
    s = assistant.suggest("We wasted a total of $65 dollars to sit at home because they refused to cancel the tour.")
    assert s.reading.situation is None or s.reading.situation.name != "cancellation"


def test_a_customer_who_said_what_happened_is_not_asked_to_repeat_it(assistant):
    s = assistant.suggest("@KFC_UKI_Help Your Trowbridge branch is awful. Waited over 15 minutes for 3 things "
                          "and when we got in the car, the order was wrong not good!")
    assert s.reading.situation.name == "wrong_item"
    text = drafts(s) + " ".join(s.questions)
    assert "a little more about what happened" not in text
    vague = assistant.suggest("@Safaricom_Care If you cared to go through the thread of emails you will realize that i was not sorted")
    assert "a little more about what happened" not in drafts(vague)
    assert "[say what you will do about it" in drafts(vague)


def test_a_message_too_short_to_say_what_happened_gets_one_question(assistant):
    s = assistant.suggest("@united Thanks so now what?")
    assert s.reading.stance.name != "thanks"


def test_a_negated_praise_word_is_not_praise(assistant):
    s = assistant.suggest("@turbotax Used TT for over 10 yrs; not impressed w/ 2016. Felt less thorough.")
    assert s.reading.stance.name != "thanks"


def test_a_long_praise_letter_that_recounts_a_hard_trip_is_praise(assistant):
    letter = ("Dear Southwest Airlines: In recent memory, I cannot recall a flight experience so positive. "
              "Usually I write about the horrors of traveling with children and the awful things that befall us "
              "in airports. But our trip today was the most pleasant journey on record, and your pilots and crews "
              "made the difference. I am utterly impressed, and so grateful.")
    s = assistant.suggest(letter)
    assert s.reading.stance.name == "thanks"
    assert not APOLOGY.search(drafts(s)) and not GOODWILL.search(drafts(s))


def test_a_live_hazard_takes_the_incident_path(assistant):
    s = assistant.suggest("@GeorgiaPower please take care of these soon!!! Trees with a dangerous lean to the line")
    assert s.reading.situation.name == "safety_incident"
    assert "tomorrow" not in drafts(s)


def test_a_late_train_is_named_as_the_train(assistant):
    s = assistant.suggest("Train running late by more than 4 hours. U don't care about people time. PNR-6705392817")
    assert "your train" in drafts(s) and "your request" not in drafts(s)


def test_the_three_drafts_differ_in_what_they_do(assistant):
    s = assistant.suggest("I was charged twice for my subscription this month, $12.99 both times.")
    empathetic, concise, formal = (r.text for r in s.replies)
    assert "keeping this" in empathetic and "keeping this" not in concise + formal
    assert "reviewed by" in formal and "reviewed by" not in empathetic + concise
    assert "I'll refund" in concise and "I can refund" not in concise  # the concise draft acts


def test_with_two_remedies_the_empathetic_draft_lets_the_customer_choose(assistant):
    """Round 5: the reviewers found the three drafts the same template in three wordings."""
    s = assistant.suggest("My parcel #4411 never arrived and it's been two weeks. I want my money back.")
    empathetic, concise, formal = (r.text for r in s.replies)
    assert "Which would suit you better?" in empathetic and "Which would" not in concise + formal
    assert "I'll chase the courier" in concise and "I'll also" not in concise  # alternatives: it takes the first
    assert "?" in formal.split("\n\n")[2] and "Once we have this information" in formal  # it asks first


def test_pointless_questions_are_skipped(assistant):
    s = assistant.suggest("Our internet is down right now and I work from home. I want it fixed today.")
    assert not any("deadline" in q or "good outcome" in q for q in s.questions)


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


def test_a_traveller_stranded_at_the_airport_is_a_disrupted_flight(assistant):
    s = assistant.suggest("Stuck at Gatwick airport for 11 hours and nobody from your team answers my tweets")
    assert s.reading.situation.name == "flight_disrupted"


def test_a_request_we_have_no_remedy_for_still_gets_a_draft_with_something_in_it(assistant):
    """Round 4: "please get our service back online" once produced a draft that only said thanks."""
    s = assistant.suggest("please get my account unlocked so I can get my computer out of repair sometime soon")
    for reply in s.replies:
        body = reply.text.split("\n", 2)[-1]
        assert len(body.replace("Thanks for getting in touch.", "").strip()) > 60, reply.text


def test_a_customer_left_without_money_or_food_is_answered_the_same_day(assistant):
    """Round 4: a bank glitch left a customer with 'no food in the house', and the drafts said tomorrow."""
    s = assistant.suggest("Your glitch means I have no access to my wages and there's no food in the house. Sort it out.")
    assert s.reading.live and "tomorrow" not in drafts(s)


def test_a_statement_opening_with_a_wh_word_is_not_a_question(assistant):
    """Round 4: a public accusation got "Thanks for asking; it's a fair question. [add the answer here]"."""
    s = assistant.suggest('When a @yelp representative offers us "tools to improve" our rating, but those tools '
                          "require financial commitment, it's extortion.")
    assert not s.reading.open_question and "fair question" not in drafts(s) and "[add the answer here]" not in drafts(s)
    assert assistant.suggest("When will my refund arrive. It has been three weeks").reading.open_question


@pytest.mark.parametrize("text", [
    "@TwitterSupport Hey I have a serious issue with my account. Could you help me please?",  # round 4
    "Hey @GEICO I switched to @joinroot and saved 50%  How about them apples?",                 # round 4: a jibe
])
def test_a_call_for_help_or_a_jibe_is_not_answered_as_a_question(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.open_question and "[add the answer here]" not in drafts(s)


def test_when_the_draft_asks_what_happened_it_promises_to_act_on_the_answer_and_the_steps_agree(assistant):
    """Round 4: "tell me more" and, in the same draft, "I'll check in by this time tomorrow"."""
    s = assistant.suggest("@TwitterSupport Hey I have a serious issue with my account. Could you help me please?")
    assert all("tell me a little more" in r.text for r in s.replies)
    assert "tomorrow" not in drafts(s) and not any("tomorrow" in step for step in s.next_steps)
    assert "explaining what's happening" not in drafts(s)  # they haven't explained anything yet


def test_no_goodwill_credit_for_a_failure_guessed_from_a_phrase(assistant):
    """Round 4: a political tweet ("Still waiting for you to call it like it is") was offered $50 of credit."""
    s = assistant.suggest("@realDonaldTrump Another white terrorist committing ACTS OF TERROR. Still waiting for you "
                          "to call it like it is, si… https://t.co/jdXDug1vbg")
    assert not GOODWILL.search(drafts(s))


def test_a_customer_who_cannot_get_their_money_out_gets_that_named_and_a_same_day_remedy(assistant):
    s = assistant.suggest("There's no food in the house and no money.. and can't get any money out. natwest buck "
                          "your f***ing ideas up!")
    assert s.reading.situation is not None and s.reading.situation.name == "funds_blocked"
    assert "your money" in drafts(s) and "[add the answer here]" not in drafts(s) and "tomorrow" not in drafts(s)


def test_what_the_company_refused_to_do_is_not_what_the_customer_asks_for_now(assistant):
    """Round 4: "they refused to cancel the tour" produced an offer to cancel with no further charges."""
    s = assistant.suggest("We wasted a total of $65 dollars to sit at home because they refused to cancel the tour.")
    assert not s.reading.wants_("cancel") and "no further charges" not in drafts(s)


@pytest.mark.parametrize("text", [
    # round 5 (real): praise that names no "thank you" or "great service"
    "Recently I was rushed to the gate just in time for boarding. Capt. Greising asked me what my favorite sandwich "
    "was, returned with a delicious sandwich for me and refused to accept any money. This was totally a surprise and "
    "one that I won't forget. He is another reason why I continue to fly Southwest Airlines for all my travel needs.",
    "So happy that @McDonalds finally has the Eggnog milkshake out. Yummy! https://t.co/F7lMre4VEz",
])
def test_praise_in_the_customers_own_words_gets_thanks_not_an_apology(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and not APOLOGY.search(drafts(s)) and not GOODWILL.search(drafts(s))


@pytest.mark.parametrize("text", [
    "@kiramcfadden1 I think they just jealous TBH",                       # round 5 (real): banter
    "Just landed in Denver with the family, first snow of the year!",
])
def test_a_remark_that_asks_nothing_gets_a_friendly_line_not_a_case(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.remark and not APOLOGY.search(drafts(s)) and "tell me a little more" not in drafts(s)
    assert "tomorrow" not in drafts(s) and any("don't open a case" in step for step in s.next_steps)


@pytest.mark.parametrize("text", ["help", "@BurberryService 8141606222 i need this", "This is not what I expected at all.",
                                  "I have an issue with my account", "my order"])
def test_a_need_a_problem_or_a_thing_named_is_never_a_passing_remark(assistant, text):
    assert not assistant.suggest(text).reading.remark


def test_history_is_told_back_only_from_the_customers_words(assistant):
    """Round 5: a first crash report got "Having to come back to us about this is exhausting" because the
    learned model alone guessed repeat contact; the analysis may show it, the drafts don't claim it."""
    s = assistant.suggest("Hey hey @Lightroom users, anyone else finding it is continually crashing since latest "
                          "Mac update? Ugh!")
    assert "keep asking" not in drafts(s) and "chase it" not in drafts(s)
    said = assistant.suggest("@Topman still waiting for order 316778282, tracking says it's been delivered but it "
                             "hasn't arrived. Third time I've asked.")
    assert re.search(r"keep asking|chase|come back to us", drafts(said))


def test_a_message_the_analysis_cannot_read_gets_drafts_that_do_not_pretend(assistant):
    """Issue 13: a German legal threat got severity LOW and drafts for a question; now the drafts only
    acknowledge it, the severity is not 'low', and the note and next step say to have it translated."""
    s = assistant.suggest("Ich werde meinen Anwalt einschalten, wenn Sie mir das Geld nicht zurückerstatten. "
                          "Bestellung 4411 kam nie an.")
    assert s.analysis.severity != "low" and any("translated" in n for n in s.notes)
    assert any("translated" in step for step in s.next_steps)
    assert not APOLOGY.search(drafts(s)) and not GOODWILL.search(drafts(s)) and "4411" not in drafts(s)
    assert all(r.text.count("\n\n") <= 2 and "Thank you for your message" in r.text for r in s.replies)


def test_remedies_that_go_together_are_both_offered_not_a_choice_and_no_credit_to_someone_leaving(assistant):
    """Round 6: 'refund the charge … or, if you'd rather, confirm the cancellation. Which would suit you better?'
    and $50 of store credit offered on a subscription the customer had just cancelled."""
    s = assistant.suggest("I've cancelled my subscription yet you've charged Again. You commercial support is pathetic.")
    assert "Which would suit you better" not in drafts(s) and "I'll also confirm" in s.replies[1].text
    assert not GOODWILL.search(drafts(s))


def test_a_phone_call_is_not_a_phone(assistant):
    """Round 6: "3 unanswered emails & 1 phone call" got a courier chase for "your phone"."""
    s = assistant.suggest("@NYTsupport 3 unanswered emails &amp; 1 phone call to you. I still haven't received a "
                          "paper since the end of May. What is the problem?!")
    assert "your phone" not in drafts(s)


def test_a_letter_of_abuse_at_a_colleague_is_not_answered_on_the_abusers_side(assistant):
    """Round 6 (real, abridged): a hate letter to a flight attendant got "I'm sorry about the way you were
    treated by a member of our team" and a request for her name."""
    s = assistant.suggest("You are nothing but a glorified MAID who needs to jump down off her high horse and learn "
                          "how to speak to people. You are a masknazi and if it wasn't for this job, you would be "
                          "cleaning motel rooms. A WASTE.\n\nWarm regards,\n\nA person who hates your guts")
    assert s.analysis.has("abusive") and s.boundary is not None
    text = drafts(s)
    assert "with a member of our team" not in text and "name or ID" not in text and "so clearly" not in text


def test_a_thank_you_letter_that_recounts_a_bad_trip_is_not_escalated(assistant):
    """Round 5 (real, abridged): an enthusiastic letter read as anger, severity HIGH, 'escalate to lead'."""
    s = assistant.suggest("Dear Southwest Airlines: In recent memory, I cannot recall a flight experience so positive "
                          "that I've been moved enough to write a note. After the horrors of an awful week of "
                          "delays elsewhere, your crew was wonderful and I was so impressed. Thank you!")
    assert s.reading.stance.name == "thanks"
    assert not s.analysis.escalate.recommended and s.analysis.severity == "low"
    assert not any("breath" in step or "earlier tickets" in step for step in s.next_steps)


def test_when_only_the_thing_is_clear_the_regret_names_it(assistant):
    """Round 6: drafts that were an empty frame around a slot; the customer's own thing is named at least."""
    s = assistant.suggest("@KenyaPower_Care kindly send me tokens for account number 37167475088. Been waiting since 7")
    assert "your account 37167475088" in s.replies[0].text


# Round 7's reviewers: adverts (giveaways, sponsored posts, a study recruiting) were answered as questions.
# Wording from the complaints corpus's non-complaint training tweets.
@pytest.mark.parametrize("text", [
    "Diagnosed with Non-Hodgkin Lymphoma? You may be eligible to participate in a research study. Find out. #NHL #sp https://t.co/LGEGcp7wvE",
    "Enter @xmastreemarket's #TreemendousChristmas #Giveaway and win a $70 gift card, wreath or Christmas tree! https://t.co/xO9ROydzcG",
    "GoGo squeeZ is a great snack for on the go #GoGosqueeZsquad #sponsored https://t.co/DYe57aKchq",
    "Join noosa's Cream of the Crop fan club! Fun games and free swag til the cows come home! Click here to sign up https://t.co/X19t4y37PR",
])
def test_adverts_need_no_reply(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.advert
    assert s.analysis.severity == "low" and not s.analysis.escalate.recommended
    assert not s.questions and s.next_steps[0].startswith("No reply is needed")
    assert all("[" not in r.text and not APOLOGY.search(r.text) for r in s.replies)


def test_a_complaint_that_mentions_a_discount_is_not_an_advert(assistant):
    s = assistant.suggest('@DICKS tried to buy this today. Above the rack said 40% off apparel. Was told hats are not '
                          'considered "apparel" https://t.co/vxtNI1Frm7')
    assert not s.reading.advert and s.replies[0].text.count("[") <= 1


@pytest.mark.parametrize("text", [
    "@RailMinIndia l had checked account but the refunded amount is not shown in discription",
    "I was refunded last week but it still isn't showing on my card",
])
def test_a_refund_already_made_is_chased_not_checked_for_eligibility(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.wants_("refund")
    assert s.reading.situation is not None and s.reading.situation.name == "refund_pending"
    assert "eligib" not in drafts(s)


def test_asking_to_be_refunded_is_still_a_refund_want(assistant):
    assert assistant.suggest("The blender broke after two days and I want to be refunded.").reading.wants_("refund")


def test_a_quoted_question_is_not_the_customers_question(assistant):
    s = assistant.suggest('"Do you know who I am?" - Donald Trump at top volume, all the time.')
    assert not s.reading.open_question and "[add the answer here]" not in drafts(s)


@pytest.mark.parametrize("text", [
    "@AmazonHelp It was .Co.UK and no reason given. See attached email. https://t.co/oIWhNMJ2rJ",
    "@TMobileHelp still the same problem, screenshot attached",
])
def test_what_the_customer_attached_is_read_not_asked_for_again(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.attached and "a little more" not in drafts(s)
    assert "attached" in s.replies[0].text


def test_an_allegation_against_a_colleague_goes_to_the_lead(assistant):
    s = assistant.suggest('DO NOT STAY @HIExpress Troy Michigan. Bad service. Customers treated like prisoners and I was '
                          'called Racist by "Nicole" . Nothing was done!')
    assert s.analysis.escalate.recommended and s.analysis.escalate.to in {"lead", "legal"}
    assert "the way you were treated" not in drafts(s)


# Failures real customers name without our stock phrases (complaints corpus, training rows).
@pytest.mark.parametrize("text, situation", [
    ("@HPSupport my hp 520-1030a wifi wont connect to any network for some reason", "not_working"),
    ("@FitbitSupport my Charge 2 isn't syncing from 20 Nov. Bluetooth and Location service is on yet no luck", "not_working"),
    ("Had to stop using the news app because it won't take my subscription password. Oh well.", "cant_access"),
    ("@AOLSupportHelp They do not reply, just automated email", "unreachable"),
    ("@Walmart I've been waiting for over an hour for my layaway to be found in the back.", "late"),
    ("@AdobeCare I have been waiting for over four hours to talk to someone from support", "unreachable"),
    ("3 hours trying to submit my payment info and it's declined because my bank is not from US. Help", "funds_blocked"),
    ("@BTCare broadband gone off again", "outage"),
])
def test_failures_in_customers_own_wording_are_understood(assistant, text, situation):
    case = assistant.suggest(text).reading
    assert case.understood and case.situation.name == situation


@pytest.mark.parametrize("text", [
    "@ZARA_Care I placed an order on 26th and it still has not been dispatched?",
    "can you update me on my order as it still says being prepared even though I ordered 7 days ago",
])
def test_an_order_that_has_not_left_is_checked_with_the_warehouse_not_chased_with_a_courier(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "not_dispatched" and "courier" not in drafts(s)


def test_only_contacting_us_again_is_a_chase(assistant):
    recurring = assistant.suggest("@nationalgridus My street just lost power... once again. Please fix.")
    chased = assistant.suggest("I have called three times about my broken fridge and nobody has called back")
    assert "chase" not in drafts(recurring) and "earlier contacts" not in " ".join(recurring.questions)
    assert "chase" in chased.replies[0].text


def test_a_problem_with_a_parcel_asks_for_its_reference_and_waits_for_it(assistant):
    s = assistant.suggest("@UPS Package was held up, sent to the wrong state, and then left in the snow. #UPSDeliveryFail")
    concise = s.replies[1].text
    assert "reference for your package" in concise and "as soon as you reply" in concise
    assert "by this time tomorrow" not in drafts(s) and "[" not in concise


def test_a_broken_promise_by_our_agent_is_a_mix_up_to_honour(assistant):
    s = assistant.suggest("The agent I chatted with told me to order the item anyway and when I received it to contact "
                          "them back and I would be issued a $50 refund. They said I would receive the refund. So I want "
                          "the promise they gave me.")
    assert s.reading.situation.name == "misinformed" and "charge on your item" not in drafts(s)


@pytest.mark.parametrize("text", [
    "@GEICO Businesses reporting claims can only fax because the e-upload never works. You need a claims email address.",
    "@Yelp @yelpsupport can you add a filter to show which businesses have changing tables?! #nycbabyproblems",
    "Dear @Arbys please bring back loaded potato cakes. I have been craving them since 2009.",
])
def test_a_suggestion_is_thanked_and_passed_on(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "suggestion"
    assert "suggestion" in s.replies[1].text and "sorry" not in s.replies[1].text.lower()


def test_a_report_of_dangerous_driving_reaches_the_safety_team(assistant):
    s = assistant.suggest("@Uber_Support my driver on Saturday was doing 52mph in a 20mph zone. I was terrified. "
                          "How can you allow this??")
    assert s.reading.situation.name == "safety_incident" and not s.reading.open_question
    assert s.analysis.escalate.to == "security" and s.analysis.severity in {"high", "critical"}


def test_a_problem_asked_as_a_question_is_understood_or_met_with_sorry(assistant):
    arrived = assistant.suggest("@TopmanAskUs I placed an order on the 5th of December have had details to say it has "
                                "been dispatched and delivered however have got nothing?")
    down = assistant.suggest("@nvidiacc Is Geforce Now currently down for maintenance? Have been unable to start any "
                             "game for 2+ hrs on Mac OS client.")
    bottle = assistant.suggest("Hey @StellaArtois , got this in my 12 Pack. Sealed bottle, half empty and looks like a "
                               "burn on it. Wut? pic.twitter.com/qPc0bFxq2S")
    assert arrived.reading.situation.name == "not_arrived" and down.reading.situation.name == "outage"
    assert "sorry" in bottle.replies[1].text.lower() or bottle.reading.understood


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


@pytest.mark.parametrize("text, guess", [
    ("@americanair It's time for some answers. This thing isn't working for me. Bad start to vacation", "your product"),
    ("I was told it would be free and then they charged me anyway", "with your account"),
])
def test_a_situation_whose_thing_is_not_named_is_not_given_a_guessed_one(assistant, text, guess):
    s = assistant.suggest(text)
    assert s.reading.understood and guess not in drafts(s)


# Round 8's reviewers (fresh real messages), each a general mechanism.
def test_a_room_or_seat_number_is_not_a_reference_to_look_up(assistant):
    assert not [f for f in quoted_facts("he gave me a key to room #116 and my seat #11E was broken") if f.kind == "reference"]


def test_fraud_as_a_figure_of_speech_is_not_a_hacked_account(assistant):
    rant = assistant.suggest("The service on this flight was awful. Thanks for reminding me why marketing without "
                             "great product is simply fraud.")
    hacked = assistant.suggest("There are fraudulent charges on my card from your site that I never made.")
    assert not (rant.reading.situation and rant.reading.situation.name == "account_compromised")
    assert hacked.reading.situation.name == "account_compromised"


def test_a_charge_after_asking_to_cancel_outranks_the_cancellation(assistant):
    s = assistant.suggest("Guys, I told you to cancel my account some time ago after it refused to do so in your Web "
                          "interface. Now I find an invoice over $10 in my inbox. Cancel my subscription IMMEDIATELY.")
    assert s.reading.situation.name == "charged_after_cancel" and "refund" in drafts(s)


def test_electronic_goods_are_reissued_not_chased_with_a_courier(assistant):
    s = assistant.suggest("@KenyaPower_Care Send tokens for 54400506587 I received the mpesa message code MB41KKU7RR "
                          "but I haven't received the tokens")
    assert "courier" not in drafts(s) and "issue your tokens again" in s.replies[1].text


def test_a_verb_is_not_the_thing_the_message_is_about(assistant):
    s = assistant.suggest("Hey @JetBlue, thanks for ruining my morning! Now I can't watch the Arsenal game")
    assert s.reading.topic is None or s.reading.topic.words != "watch"
    assert s.reading.live and "by this time tomorrow" not in drafts(s)


def test_a_draft_says_it_was_passed_on_only_when_the_analysis_passes_it_on(assistant):
    for text in ("I'm never buying cheese from @Tesco again, absolutely shocked by my purchase.",
                 "I'll take my business elsewhere if my order doesn't arrive by Friday."):
        s = assistant.suggest(text)
        if not s.analysis.escalate.recommended:
            assert "flagged this" not in drafts(s) and "I've passed this" not in drafts(s)


def test_which_option_is_asked_only_when_there_are_options(assistant):
    s = assistant.suggest("I want a full refund for this, it was a complete waste of money.")
    if len([line for line in s.replies[2].text.splitlines() if line[:2] in {"1.", "2."}]) < 2:
        assert "Which of the options" not in " ".join(s.questions)


def test_whom_a_letter_is_addressed_to_is_not_what_it_asks_for(assistant):
    s = assistant.suggest("Dear Mr Parker, Chairman & CEO of US Airways:\n\nI'm writing to thank you and your team for "
                          "making yesterday's travel stress-free. Our departure was delayed due to a wind advisory, and "
                          "the gate agent re-booked everyone at once. Brilliant. The crew were wonderful. Thank you!")
    assert s.reading.stance.name == "thanks" and not s.reading.wants_("manager")
    assert not any(APOLOGY.search(r.text) for r in s.replies)


def test_calling_the_bank_to_block_a_card_is_not_a_chargeback(assistant):
    blocked = assistant.suggest("I did not authorise these invoices. As a precaution, I have already contacted my bank "
                                "and blocked my credit card.")
    disputed = assistant.suggest("I've already notified my credit card company about these charges.")
    assert not blocked.reading.chargeback_filed and disputed.reading.chargeback_filed
    assert "unauthorised access to" not in drafts(blocked)


@pytest.mark.parametrize("text", [
    "The food was okay but the wait was terrible",
    "I think @lightroom must be the most unreliable 'paid for' 'professional' software I have ever used.....",
])
def test_a_problem_we_cannot_place_still_gets_drafts_that_act(assistant, text):
    s = assistant.suggest(text)
    empathetic, concise, formal = (r.text for r in s.replies)
    assert "look into what went wrong" in concise and "[" not in concise and "[" not in formal
    assert "[say what you will do" in empathetic  # the agent's own words, where they matter most


def test_only_what_charges_again_is_cancelled_with_a_no_further_charges_promise(assistant):
    s = assistant.suggest("I paid twice in June and want my money back or I will cancel and do a chargeback")
    assert "cancel your request" not in drafts(s) and "no further charges" not in drafts(s)
    assert "no further charges" in assistant.suggest("please cancel my subscription").replies[1].text


@pytest.mark.parametrize("text", [
    "You charged me twice for my subscription, I want a refund!",
    "I cancelled my subscription last month and you charged me again. Refund me now.",
])
def test_money_plainly_owed_is_refunded_not_checked_against_the_refund_window(assistant, text):
    s = assistant.suggest(text)
    assert "refund" in s.replies[1].text and "-day refund policy" not in drafts(s)


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


@pytest.mark.parametrize("text, topic", [
    # round 9 (tw-942234254112468997): a passenger on a running train
    ("@RailMinIndia train no 12840,coach no S2 all the fans of the coach not running since it departed from mas yesterday.",
     "journey"),
    ("The heating in our room has been broken for two nights and reception keeps saying someone will come.", "booking"),
])
def test_something_on_board_or_on_site_that_does_not_work_is_fixed_there_and_now(assistant, text, topic):
    """Round 9: a broken fan on a running train got 'I'll update you by this time tomorrow', when the journey is over."""
    s = assistant.suggest(text)
    assert s.reading.situation.name == "amenity_fault" and s.reading.topic.name == topic
    assert all("by this time tomorrow" not in r.text for r in s.replies)
    assert "I'll ask the team on board or on site to fix it now" in s.replies[1].text
    assert "As soon as I have that" not in drafts(s)  # what is happening now is acted on before they answer


@pytest.mark.parametrize("text", [
    "@United Airlines get your act together and find 4722 a gate. Been sitting on tarmac for nearly 30 minutes.",
    "@sho_help @showtime your arrive is terrible streaming is stop and start every couple mins. Get it together it's xmas",
])
def test_a_problem_going_on_as_they_write_gets_a_short_interval(assistant, text):
    """Round 9: 'been sitting on tarmac' and a stream that stops 'every couple mins' are happening now."""
    s = assistant.suggest(text)
    assert s.reading.live and all("by this time tomorrow" not in r.text for r in s.replies)


def test_praise_marked_not_an_advert_is_praise(assistant):
    """Round 9: '#notanad' read as the complaint hashtag '#not…', so the praise got an apology."""
    s = assistant.suggest("Ok @JetBlue , I'm in love with you. #efficient #clean #ontime #goodfood #funnycrew #notanad")
    assert s.reading.stance.name == "thanks" and not APOLOGY.search(drafts(s)) and not s.analysis.signals
