"""What round 18's reviewers found in real letters (tests/data/real_messages_12.jsonl), fixed as mechanisms:
someone else's words quoted at length are not the customer's; cancelling they cannot find is a cancellation;
a refund already promised is chased, not checked against the refund policy; everyday words are not threats;
a thank-you letter's formulas ("my thanks once again") are not sarcasm or a repeat contact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.plaintext import prepare

REAL = {json.loads(line)["id"]: json.loads(line)["text"]
        for line in (Path(__file__).parent / "data" / "real_messages_12.jsonl").read_text().splitlines() if line.strip()}


def _drafts(s) -> str:
    return " ".join(r.text for r in s.replies)


def test_terms_quoted_at_length_are_left_out_of_the_reading(assistant):
    # the customer pasted the terms ("cancel an ongoing subscription") above their own line
    text = REAL["web-m-03"]
    assert "ongoing" not in prepare(text).own_words and "I cannot cancel anything" in prepare(text).own_words
    s = assistant.suggest(text)
    assert "repeat_contact" not in s.analysis.signal_names  # "ongoing" was the terms' word
    assert any("passages were left out" in note for note in s.analysis.notes)
    assert "still going on" not in _drafts(s)


@pytest.mark.parametrize("text", [
    'She said "we will call you back", and nobody did.',                       # a short quote is the customer's account
    '"Thanks" for nothing, "support team".',
])
def test_short_quotes_stay_in_the_customers_words(text):
    assert prepare(text).own_words == text and not prepare(text).dropped_quote


def test_a_quote_that_is_the_whole_message_is_read():
    text = '"Your account has been suspended because of unusual activity, please contact support to restore it"'
    assert prepare(text).own_words == text


@pytest.mark.parametrize("text", [
    REAL["web-m-03"],
    "How do I cancel my free trial? I can't find it anywhere in the app",
    "It won't let me cancel my plan, the button just spins. I don't want to be charged next month.",
])
def test_cancelling_the_customer_cannot_do_is_done_for_them(assistant, text):
    s = assistant.suggest(text)
    drafts = _drafts(s)
    assert "cancel" in drafts and "no further charges" in drafts
    assert "[add the answer here]" not in drafts


def test_a_refund_already_promised_is_chased_not_checked_against_the_policy(assistant):
    s = assistant.suggest(REAL["web-m-07"])  # "the refund that we will be arriving sometime after the pick-up"
    drafts = _drafts(s)
    assert "refund policy" not in drafts and "where the refund stands" in drafts


def test_a_refund_asked_for_is_still_checked_against_the_policy(assistant):
    s = assistant.suggest("I'd like a refund for the headphones, they are not what I expected.")
    assert "refund policy" in _drafts(s) or "refund" in _drafts(s)
    assert "where the refund stands" not in _drafts(s)


@pytest.mark.parametrize("text", [
    REAL["web-m-14"],   # "go throw something away", "You are lucky I didn't insist on you washing the equipment"
    REAL["web-m-18"],   # "This bullshit standoff ... will only hurt you in the long run"
    "Abuse anything and it will hurt you.",
])
def test_everyday_words_are_not_threats(assistant, text):
    s = assistant.suggest(text)
    assert "threat_safety" not in s.analysis.signal_names
    assert s.analysis.escalate.to != "security"


@pytest.mark.parametrize("text", [
    "Your receptionist is lucky I didn't go over that counter.",
    "Don't make me hurt you.",
    "I swear I will hurt you if this happens again",
])
def test_threats_still_are(assistant, text):
    assert "threat_safety" in assistant.suggest(text).analysis.signal_names


def test_a_thank_you_letters_formulas_are_not_sarcasm_or_a_repeat(assistant):
    s = assistant.suggest(REAL["web-m-08"])  # "My thanks once again for your superb products", soap sent by post
    assert not {"sarcasm", "repeat_contact", "public_exposure"} & set(s.analysis.signal_names)
    assert s.analysis.escalate.to == "none"
    assert "sorry" not in _drafts(s).lower()


def test_something_posted_to_the_customer_is_not_going_public(assistant):
    s = assistant.suggest("My sister had to post it to me because your shop never had it in stock.")
    assert "public_exposure" not in s.analysis.signal_names
    s = assistant.suggest("I'm going to post it on every forum I can find unless you fix this.")
    assert "public_exposure" in s.analysis.signal_names


def test_insults_in_a_letter_get_the_firm_reminder_not_the_end_of_a_conversation(assistant):
    s = assistant.suggest(REAL["web-m-18"])  # an open letter swearing at two companies ("greedy piece of shit")
    assert s.boundary is not None and s.boundary.level == 2
    s = assistant.suggest("You are a useless idiot, a moron and a total fucking clown. FIX IT NOW")
    assert s.boundary is not None and s.boundary.level == 2  # a chat is ended only after a warning (round 25)
    s = assistant.suggest("Calm down? No. You are a useless idiot, a moron and a total fucking clown. FIX IT NOW")
    assert s.boundary is not None and s.boundary.level == 3  # ... which this one answers


@pytest.mark.parametrize("text, signal", [
    ("Cablevision, you can't even broker a deal to carry BBC America, so maybe there is something up with your company.",
     "public_exposure"),
    ("If the whole area got a converter you wouldn't make a dime, since you're already broadcasting for free.",
     "refund_request"),
])
def test_names_and_figures_of_speech_are_not_signals(assistant, text, signal):
    assert signal not in assistant.suggest(text).analysis.signal_names


@pytest.mark.parametrize("text, signal", [
    ("Going straight to the BBC with this. You've left a disabled woman without hot water for nine days.", "public_exposure"),
    ("I expect you to replace the whole unit for free, it failed in a week.", "refund_request"),
])
def test_the_same_words_still_count_where_they_mean_it(assistant, text, signal):
    assert signal in assistant.suggest(text).analysis.signal_names


def test_a_charge_nobody_mentioned_is_an_unexpected_charge_named_with_its_amount(assistant):
    s = assistant.suggest(REAL["web-m-06"])  # "I was unknowingly charged $767.95 for these invitations"
    assert s.reading.situation is not None and s.reading.situation.name == "wrong_charge"
    drafts = _drafts(s)
    assert "$767.95" in drafts
    # which charge is not in doubt: they named it and what it was for
    assert not any(q.startswith("Which charge") for q in s.questions)


@pytest.mark.parametrize("text", [
    "My heart sank when I saw your letter. And then I learned the news. I could ride as far as Atlanta, and no further.",
    "I buy all the products. I own the stock. I follow the news. I read the rumour sites every single day.",
    "I have a checking account at your bank, I have a savings account at your bank, and my mortgage is with you too.",
])
def test_stories_and_accounts_are_not_going_public(assistant, text):
    assert "public_exposure" not in assistant.suggest(text).analysis.signal_names


def test_on_a_long_letter_the_model_alone_raises_no_signal(assistant):
    from bot.analysis import MODEL_MAX_WORDS
    # a senior thanking the men who helped when her car broke down; the model alone read a repeat contact in
    # "still", "suggested", "back" (the longest text it learned from has 51 words)
    letter = next(json.loads(line)["text"] for line in (Path(__file__).parent / "data" / "real_messages_7.jsonl")
                  .read_text().splitlines() if line.strip() and json.loads(line)["id"] == "web-h-01")
    assert len(letter.split()) > MODEL_MAX_WORDS
    s = assistant.suggest(letter)
    assert "repeat_contact" not in s.analysis.signal_names
    assert all(any(e.cue != "model" for e in hit.evidence) for hit in s.analysis.signals)
    assert "still going on" not in _drafts(s)


def test_figures_that_are_down_are_not_a_service_down(assistant):
    s = assistant.suggest(REAL["web-m-13"])  # "I guess CD sales are down in general"
    assert not s.reading.live and (s.reading.situation is None or s.reading.situation.name != "outage")
    assert "within the hour" not in _drafts(s)
    s = assistant.suggest("Your servers are down again and none of my team can work")
    assert s.reading.live and s.reading.situation.name == "outage"


def test_urgency_told_afterwards_in_a_letter_keeps_the_usual_interval(assistant):
    s = assistant.suggest(REAL["web-m-20"])  # yesterday: "5 additional hours stranded at Dulles", a lost bag
    assert "within the hour" not in _drafts(s)
    s = assistant.suggest("I'm stranded at Dulles right now, my connection was cancelled and nobody is at the desk")
    assert "within the hour" in _drafts(s)


# real complaint tweets from the training split of the complaints corpus (../shared/corpora/complaints_train.csv)
HOLE = ("Just bought these @brooksrunning Launch 2s 1 month ago from @DICKS &amp; they already have a hole! 1 month!?! "
        "#nothappy https://t.co/Ea6mCzUazY")
SAUCE = ("Damn IT @Arbys , just brought DThru bag-a-food home 2 eat &amp; NO 3pax of Arby's Sauce as I asked for at store "
         "#7190 and w/o sauce=BLAH !")


@pytest.mark.parametrize("text", [HOLE, SAUCE])
def test_broken_early_or_asked_for_at_the_counter_is_no_repeat_contact(assistant, text):
    s = assistant.suggest(text)
    assert "repeat_contact" not in s.analysis.signal_names
    assert s.analysis.severity != "high" and not s.analysis.escalate.recommended
    assert "still going on" not in _drafts(s) and "keep asking" not in _drafts(s)


def test_a_food_bag_is_not_luggage(assistant):
    s = assistant.suggest(SAUCE)
    assert s.reading.topic is None or s.reading.topic.name != "luggage"
    assert "your bag" not in _drafts(s)
    assert assistant.suggest("Your airline lost my bag on the flight from Miami").reading.topic.name == "luggage"


def test_where_the_signal_is_poor_is_not_asked_when_the_postcode_is_given(assistant):
    s = assistant.suggest("@EE still no 4g in leamington spa CV32 4HN.......")  # training split of the complaints corpus
    assert not any("postcode" in q for q in s.questions) and "postcode" not in _drafts(s)
    s = assistant.suggest("@EE the 4g signal is terrible at home, calls keep dropping")
    assert any("postcode" in q for q in s.questions)


TOILETS = "Train No. 12358 PNR 2720822708 Toilets very dirty pls help. @RailMinIndia @PiyushGoyalOffc @PiyushGoyal"


def test_references_the_customer_gave_are_acknowledged_exactly_and_not_asked_for_again(assistant):
    s = assistant.suggest(TOILETS)  # training split of the complaints corpus
    formal = next(r.text for r in s.replies if r.style == "formal")
    assert "I have noted the details you gave (train 12358, PNR 2720822708)." in formal
    assert not any("when this was and what happened" in q for q in s.questions)


@pytest.mark.parametrize("text", ["Our customer 100% unhappy with the service", "The train 20 minutes late again"])
def test_figures_are_not_references(text):
    from bot.facts import noted, quoted_facts
    assert noted(quoted_facts(text)) == ""


def test_a_city_bus_that_never_came_is_reported_not_rebooked(assistant):
    s = assistant.suggest("@SEPTA_SOCIAL the 8:33 am 42 bus never came to 10th &amp; walnut")  # complaints corpus, train split
    drafts = _drafts(s)
    assert "operations team" in drafts and "rebook" not in drafts and "booking reference" not in drafts
    assert "expenses" not in drafts
    s = assistant.suggest("My train to Leeds was cancelled and I'm stuck at Kings Cross")
    assert "rebooking options for your train" in _drafts(s)


def test_a_disruption_guessed_with_nothing_named_is_a_journey_not_a_flight(assistant):
    s = assistant.suggest("@greateranglia why is the 1750 to Norwich slow running through Stratford? Any reason other "
                          "than the standard c")
    assert "flight" not in _drafts(s)


@pytest.mark.parametrize("text, situation", [
    ("Iphone battery sucks 11.2.1 @Apple", "not_working"),
    ("this update is draining my battery in two hours", "not_working"),
    ("Hey hey @Lightroom users, anyone else finding it is continually crashing since latest Mac update? Ugh!",
     "software_fault"),
])
def test_tweets_that_name_a_fault_in_their_own_words_are_placed(assistant, text, situation):
    s = assistant.suggest(text)  # complaint tweets from the corpus's training split
    assert s.reading.situation is not None and s.reading.situation.name == situation
    assert "tell me a little more" not in _drafts(s)


def test_a_crash_since_an_update_is_not_asked_what_came_before(assistant):
    s = assistant.suggest("Hey hey @Lightroom users, anyone else finding it is continually crashing since latest Mac "
                          "update? Ugh!")
    assert not any("just before it went wrong" in q for q in s.questions)
    assert any("Which version" in q for q in s.questions)


@pytest.mark.parametrize("text", ["Thanks for nothing #O2Signal", "#Win10 update broke it again", "Another fail #FAIL2018"])
def test_a_hashtag_with_a_digit_is_not_a_reference(text):
    # round 19: "I have noted the details you gave (reference #O2Signal)."
    from bot.facts import noted, quoted_facts
    assert noted(quoted_facts(text)) == ""


@pytest.mark.parametrize("text, ref", [("my ref #AB12CD", "AB12CD"), ("case #INC0012345 still open", "INC0012345"),
                                       ("order #44123 never came", "44123")])
def test_references_written_with_a_hash_still_are(text, ref):
    from bot.facts import quoted_facts
    assert ref in [f.text for f in quoted_facts(text) if f.kind == "reference"]


def test_no_way_out_of_a_queue_is_not_despair(assistant):
    s = assistant.suggest("I have been stuck in one place in this Arby's drive through for 20 minutes. There is no way "
                          "out. AMA.")  # complaints corpus, training split
    assert "threat_safety" not in s.analysis.signal_names and not s.reading.self_harm
    s = assistant.suggest("I have lost my job and my home, there is no way out for me anymore, I just want it to end.")
    assert s.reading.self_harm


def test_a_booking_called_off_without_the_word_cancel_is_a_cancellation_not_thanks(assistant):
    # round 19: "we will not require your services on 7 April 2007 ... Thanks for your assistance" was thanked as praise
    s = assistant.suggest("We viewed your marquee setup the other weekend and unfortunately we did not like it. So this is "
                          "just to let you know we will not require your services on 7 April. Thanks for your assistance.")
    assert s.reading.stance.name != "thanks" and s.reading.situation.name == "cancellation"
    drafts = _drafts(s)
    assert "confirm the cancellation in writing" in drafts and "glad things worked out" not in drafts
    s = assistant.suggest("I want to cancel my subscription, it's too expensive")
    assert "cancel your subscription for you" in _drafts(s) and "confirm the cancellation" not in _drafts(s)


def test_a_parcel_tossed_over_the_gate_is_where_it_was_left_not_a_delay(assistant):
    s = assistant.suggest("I saw your delivery man ignore the front door and toss the package from the gate on to the back "
                          "porch. Planning to send all packages through UPS or the USPS.")
    assert s.reading.situation.name == "misdelivered" and "churn_risk" in s.analysis.signal_names
    assert "delay" not in _drafts(s)


def test_praise_with_no_trouble_behind_it_is_thanked_without_assuming_one(assistant):
    # round 19: "[say what you will do about it, and by when]" to "Just wanted to send you some love and praise :)"
    s = assistant.suggest("I been using your product since before version 1.8 and I am just blown away at how far this "
                          "product has come. Just wanted to send you some love and praise :)")
    assert s.reading.stance.name == "thanks"
    drafts = _drafts(s)
    assert "[" not in drafts and "worked out" not in drafts and "sorry" not in drafts.lower()


def test_someone_who_asks_to_be_left_alone_is_promised_no_more_contact(assistant):
    s = assistant.suggest(REAL["web-m-04"])  # "Please, please, stop texting me and emailing me ..."
    drafts = _drafts(s)
    assert "remove you from these messages" in drafts
    assert "by this time tomorrow" not in drafts and "keeping this with me" not in drafts


def test_no_answer_for_weeks_is_asked_what_finds_the_earlier_message_and_answered_today(assistant):
    s = assistant.suggest("I emailed you three times about my order and got no response, it's been 30 days")
    drafts = _drafts(s)
    assert "order number" in s.questions[0] and "answer it today" in drafts
    assert "by this time tomorrow" not in drafts


def test_a_refund_asked_for_is_looked_into_without_quoting_a_policy_window(assistant):
    s = assistant.suggest("The app stopped working after two weeks and I want a refund.")
    assert "look into your refund request" in _drafts(s) and "-day refund policy" not in _drafts(s)


@pytest.mark.parametrize("text", [
    REAL["web-m-15"],  # "if the show doesn't hit that number ... it will perish in flames"
    "If sales don't hit your targets this quarter the whole range will go up in smoke, mark my words.",
])
def test_figures_of_speech_about_numbers_and_flames_are_no_danger(assistant, text):
    s = assistant.suggest(text)
    assert "threat_safety" not in s.analysis.signal_names and s.analysis.escalate.to != "security"


def test_a_double_charge_is_understood_once_in_a_message_and_the_refund_asked_as_a_question_is_a_want(assistant):
    # round 19: "my card has been charged twice. Can I get one of the charges refunded back to me?" got "[add the answer here]"
    s = assistant.suggest("Hey, there I just recently made a purchase of the plugin Boss the one that cost 19pounds. I just "
                          "found out my card has been charged twice. Can I get one of the charges refunded back to me? If "
                          "you need any proof of email or PayPal ids I can gladly provide them for you")
    assert s.reading.understood and s.reading.situation.name == "charged_twice" and not s.reading.open_question
    drafts = _drafts(s)
    assert "refund the duplicate charge" in drafts and "[add the answer here]" not in drafts


def test_no_signal_since_a_time_today_is_a_live_outage_not_asked_since_when(assistant):
    s = assistant.suggest("It's ridiculous, haven't had a signal since 1pm. @O2 you are going to have to do some "
                          "apologising if you don't want to lose customers.")
    assert s.reading.situation.name == "outage" and s.reading.live and "churn_risk" in s.analysis.signal_names
    assert not any(q.startswith("Since when") for q in s.questions)


@pytest.mark.parametrize("text", ["@McDonalds BRING BACK THE SRIRACHA MAC SAUCE! #lifeover",
                                  "@WholeFoods why did you all get rid of the crispy avacado taco!?! :'(((("])
def test_asking_for_a_dropped_product_back_is_a_suggestion_passed_on(assistant, text):
    s = assistant.suggest(text)  # complaint tweets from the corpus's training split
    assert s.reading.situation is not None and s.reading.situation.name == "suggestion"
    assert "pass your suggestion" in _drafts(s) and "tell me a little more" not in _drafts(s)


def test_can_you_stop_sending_emails_is_a_request_to_be_left_alone(assistant):
    s = assistant.suggest("@DSGSupport can you stop sending 8339201847 emails a day. I've gotten 3 already and the days "
                          "isn't even over")
    assert "remove you from these messages" in _drafts(s) and "[add the answer here]" not in _drafts(s)


def test_food_served_cold_is_about_the_food_and_asks_which_branch(assistant):
    s = assistant.suggest("@McDonalds what gives cold apple pie at 7am. Really")  # complaints corpus, training split
    assert s.reading.situation.name == "quality" and "your apple pie" in _drafts(s)
    assert s.questions[0] == "Which branch was it, and roughly when?"


def test_an_additional_charge_is_an_unexpected_charge(assistant):
    s = assistant.suggest("@holidayinn is it a coincidence that my Credit card was charged for an additional $103 dollars")
    assert s.reading.situation.name == "wrong_charge" and "$103" in _drafts(s)


def test_paid_twice_with_a_decimal_amount_is_a_double_charge_refunded_without_admission_under_a_threat(assistant):
    # round 19: "I HAVE PAID THE $13.99 TWICE??? ... or I swear I will sue" got a check against the refund policy
    s = assistant.suggest("YOU CAN CHECK [e-mail address] I HAVE PAID THE $13.99 TWICE??? U GUYS R ROBBING PPL I REQUEST "
                          "A REFUND OF ONE OF MY PAYMENTS QUICKLY. or I swear I will sue this company for misconduct and "
                          "scam, my lawyers will not be hesitant to be in contact.")
    assert s.reading.situation.name == "charged_twice" and "repeat_contact" not in s.analysis.signal_names
    drafts = _drafts(s)
    assert "duplicate charge of $13.99" in drafts and "our mistake" not in drafts and "setting it out" not in drafts
    assert s.analysis.escalate.to == "legal"


def test_a_shops_figures_that_mention_discounts_and_vouchers_get_no_discount_or_credit(assistant):
    # round 19: "less discount ($2,024) 25% ... 255 vouchers" got "$50 of credit" and "15% off your next order"
    s = assistant.suggest("May 2009 results are as follows: Gross Turnover $8,537 less discount ($2,024) 25% with cap at "
                          "$15 for $60 spend. Net Turnover $6,513. 255 vouchers average $33 per voucher. Is our spend high "
                          "based on your averages, can you give me some feedback from your prospective and industry "
                          "averages, Thankyou, Craig")
    drafts = _drafts(s)
    assert "% off" not in drafts and "of credit" not in drafts


def test_a_customer_who_asks_for_a_discount_is_offered_one_within_policy(assistant):
    s = assistant.suggest("Can I get a discount? Your competitor is 30% cheaper and I want a better deal.")
    assert "15% off" in _drafts(s)


def test_a_support_ticket_with_no_reply_is_no_answer_from_us_not_a_booking_or_a_mix_up(assistant):
    # round 20: "I'll also go through every charge on your ticket with you and reverse anything that shouldn't be there"
    s = assistant.suggest("@UbisoftSupport I made a support ticket on 11/20 and I was told it would take 48 hours to get "
                          "a reply and I haven't heard a thing")
    assert s.reading.situation.name == "unreachable" and (s.reading.topic is None or s.reading.topic.name != "booking")
    assert "charge" not in _drafts(s) and "answer it today" in _drafts(s)
    s = assistant.suggest("I was told the upgrade was free, and now there's a $40 fee on my bill.")
    assert s.reading.situation.name in {"misinformed", "fee_dispute", "wrong_charge"}
