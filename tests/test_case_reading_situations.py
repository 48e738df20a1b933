"""The situation a real customer message describes (a lost parcel, a cancellation, a double charge, a
chargeback, something broken on site ...) and the remedies and offers each draft makes for it.

The wording comes from the real messages the lead's review quoted (issue 9), not from
sentences written to pass.
"""

from __future__ import annotations

import re

import pytest

from draft_defects import GOODWILL, drafts, real_messages


def test_a_chargeback_already_filed_gets_no_refund_offer_and_a_note(assistant):
    s = assistant.suggest("The double charge is still on my card, so I've already notified my credit card company "
                          "and disputed it.")
    assert s.reading.chargeback_filed
    assert "refund" not in drafts(s).lower().replace("refunding", "")
    assert any("chargeback" in note for note in s.notes)


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
    assert "find this on our side" in drafts(vague)  # what finds the thread, not the story again


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

def test_a_traveller_stranded_at_the_airport_is_a_disrupted_flight(assistant):
    s = assistant.suggest("Stuck at Gatwick airport for 11 hours and nobody from your team answers my tweets")
    assert s.reading.situation.name == "flight_disrupted"


def test_a_request_we_have_no_remedy_for_still_gets_a_draft_with_something_in_it(assistant):
    """Round 4: "please get our service back online" once produced a draft that only said thanks."""
    s = assistant.suggest("please get my account unlocked so I can get my computer out of repair sometime soon")
    for reply in s.replies:
        body = reply.text.split("\n", 2)[-1]
        assert len(body.replace("Thanks for getting in touch.", "").strip()) > 60, reply.text


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


def test_remedies_that_go_together_are_both_offered_not_a_choice_and_no_credit_to_someone_leaving(assistant):
    """Round 6: 'refund the charge … or, if you'd rather, confirm the cancellation. Which would suit you better?'
    and $50 of store credit offered on a subscription the customer had just cancelled."""
    s = assistant.suggest("I've cancelled my subscription yet you've charged Again. You commercial support is pathetic.")
    assert "Which would suit you better" not in drafts(s) and "I'll also confirm" in s.replies[1].text
    assert not GOODWILL.search(drafts(s))


@pytest.mark.parametrize("text", [
    "@RailMinIndia l had checked account but the refunded amount is not shown in discription",
    "I was refunded last week but it still isn't showing on my card",
])
def test_a_refund_already_made_is_chased_not_checked_for_eligibility(assistant, text):
    s = assistant.suggest(text)
    assert not s.reading.wants_("refund")
    assert s.reading.situation is not None and s.reading.situation.name == "refund_pending"
    assert "eligib" not in drafts(s)


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


def test_a_problem_with_a_parcel_asks_for_its_reference_and_waits_for_it(assistant):
    s = assistant.suggest("@UPS Package was held up, sent to the wrong state, and then left in the snow. #UPSDeliveryFail")
    concise = s.replies[1].text
    # with nothing understood the drafts ask for the reference and act on the reply; since the situation model reads
    # the misdelivery (retrained 2026-12-07) they also offer to raise it with the courier, with a same-day update
    assert "reference for your package" in concise
    assert "as soon as you reply" in concise or (s.reading.understood and "courier" in concise)
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


def test_a_problem_asked_as_a_question_is_understood_or_met_with_sorry(assistant):
    arrived = assistant.suggest("@TopmanAskUs I placed an order on the 5th of December have had details to say it has "
                                "been dispatched and delivered however have got nothing?")
    down = assistant.suggest("@nvidiacc Is Geforce Now currently down for maintenance? Have been unable to start any "
                             "game for 2+ hrs on Mac OS client.")
    bottle = assistant.suggest("Hey @StellaArtois , got this in my 12 Pack. Sealed bottle, half empty and looks like a "
                               "burn on it. Wut? pic.twitter.com/qPc0bFxq2S")
    assert arrived.reading.situation.name == "not_arrived" and down.reading.situation.name == "outage"
    assert "sorry" in bottle.replies[1].text.lower() or bottle.reading.understood


# Round 8's reviewers (fresh real messages), each a general mechanism.
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


def test_which_option_is_asked_only_when_there_are_options(assistant):
    s = assistant.suggest("I want a full refund for this, it was a complete waste of money.")
    if len([line for line in s.replies[2].text.splitlines() if line[:2] in {"1.", "2."}]) < 2:
        assert "Which of the options" not in " ".join(s.questions)


def test_calling_the_bank_to_block_a_card_is_not_a_chargeback(assistant):
    blocked = assistant.suggest("I did not authorise these invoices. As a precaution, I have already contacted my bank "
                                "and blocked my credit card.")
    disputed = assistant.suggest("I've already notified my credit card company about these charges.")
    assert not blocked.reading.chargeback_filed and disputed.reading.chargeback_filed
    assert "unauthorised access to" not in drafts(blocked)


@pytest.mark.parametrize("text", [
    "The food was okay but the wait was terrible",
    "@DSGSupport worst customer service ever. Waste of time. It was supposed to be a gift to someone and now what..?",
])
def test_a_problem_we_cannot_place_still_gets_drafts_that_act(assistant, text):
    s = assistant.suggest(text)
    empathetic, concise, formal = (r.text for r in s.replies)
    assert "look into what went wrong" in concise and "[" not in concise and "[" not in formal
    # the drafts that involve the customer ask what finds it on our side, then look into it: no slot to fill
    # ("Which branch was it, and roughly when" for the wait at a restaurant, the account or a reference otherwise)
    assert s.reading.situation is None and "?" in empathetic and "look into what went wrong" in empathetic
    assert "[" not in empathetic


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


def test_a_thing_mentioned_once_in_passing_in_a_letter_does_not_turn_a_broken_phone_into_an_outage(assistant):
    # round 41 (real): a phone whose screen broke, in a letter that mentions "the coverage" once in passing
    s = assistant.suggest(real_messages()["web-aq-01"])
    assert s.reading.situation.name == "not_working"
    assert "without your service" not in " ".join(r.text for r in s.replies)
    # a connection named as theirs still makes the fault an outage
    assert assistant.suggest("My broadband is broken again, nothing loads at all.").reading.situation.name == "outage"


def test_almost_fainting_is_a_figure_of_speech_not_a_safety_incident(assistant):
    # round 42 (real): "I almost fainted when I found that you dumped the bins" in a letter about a removal firm's packing
    s = assistant.suggest("I almost fainted when I found that you had dumped the bins and wrapped every toy separately.")
    assert s.reading.situation is None or s.reading.situation.name != "safety_incident"
    assert assistant.suggest("My son fainted on the ride and hit his head.").reading.situation.name == "safety_incident"
    assert assistant.suggest("A passenger passed out in the heat on your train.").reading.situation.name == "safety_incident"
