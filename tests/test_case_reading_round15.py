"""Misreadings found by going through real complaint tweets the cues placed nowhere (the complaints corpus,
training rows) and review round 14's letters, each fixed by a general mechanism: a fault said with "no longer";
injuries from a product, a car failing at speed and "almost died" with its cause are safety incidents; thanks for
the problem itself is sarcasm; stock asked after is something sold out; a manager named is not a manager asked
for; a one-star review is no thank-you; one sentence is one cue hit.
"""

from __future__ import annotations

import pytest
from draft_defects import drafts


def _read(assistant, text):
    reading = assistant.suggest(text).reading
    return reading.situation.name if reading.situation else None, reading.stance.name


def test_a_fault_said_with_no_longer_is_a_fault(assistant):
    """tw-899754723133108224 got 'Could you tell me a little more about what happened' in every draft."""
    assert _read(assistant, "@beatsbydreUK beats2 wireless no longer charging or working")[0] == "not_working"


@pytest.mark.parametrize("text", [
    "@ShockTop there was a piece of glass in one of your 16oz cans. It just sliced my mouth open.",
    "Love it when I almost die rear ended by a semi cause my jeep turns off again. One day they will fix it #jeepsucks",
    "My car cut out while I was driving on the motorway, twice this week.",
])
def test_harm_from_a_product_is_a_safety_incident(assistant, text):
    situation, stance = _read(assistant, text)
    assert situation == "safety_incident" and stance != "thanks"


@pytest.mark.parametrize("text", [
    "It's hard work I took a pole class once and almost died",
    "I almost died laughing at your advert",
    "one time i broke my brothers thumb at a funeral bc he wouldn't shut up",
])
def test_a_figure_of_speech_or_ones_own_doing_is_no_incident(assistant, text):
    assert _read(assistant, text)[0] != "safety_incident"


def test_thanks_for_the_problem_itself_is_sarcasm(assistant):
    """tw-736087714915713024 was answered 'Thanks so much for the kind words'."""
    s = assistant.suggest("thanks @VW for your fantastic car seizing up while driving causing me to spin out and almost die.")
    assert s.reading.stance.name == "complaint" and s.reading.situation.name == "safety_incident"
    assert "kind words" not in drafts(s)


def test_thanks_for_putting_a_problem_right_is_still_thanks(assistant):
    for text in ("Thank you so much for fixing my broken laptop so quickly, the staff were great",
                 "Thanks for the quick help after my flight was cancelled"):
        assert _read(assistant, text)[1] == "thanks"


@pytest.mark.parametrize("text", [
    "@IKEAUKSupport Hi when the Brusali 4 chest of drawers white will be in stock in Milton Keynes? Thanks",
    "@FC_Help Hey i was wondering if you were getting any more gold samantha sequin dresses in? Desperate for one!",
    "RESTOCK WHITE JIMMY BUTLER JERSEY IN MEDIUM SIZES ITS BEEN LIKE 3 MONTHS!! @NBASTORESupport",
])
def test_stock_asked_after_is_something_sold_out(assistant, text):
    assert _read(assistant, text)[0] == "sold_out"


@pytest.mark.parametrize("text", [
    "Dear Winco, you did not run out of any of your advertised specials. I am impressed.",
    "Almost every week, I trip along to my local Sainsburys to restock my grocery cupboards.",
])
def test_stock_that_did_not_run_out_or_a_cupboard_restocked_is_not(assistant, text):
    assert _read(assistant, text)[0] != "sold_out"


def test_a_thank_you_letter_that_names_a_manager_asks_for_none(assistant):
    """web-f-20 (round 14): a letter thanking a night-shift manager for returning a lost wallet got an apology
    and 'the support team lead to review this personally', because 'manager' was read as a want."""
    text = ("I am writing with regard to an unpleasant discovery I made after returning from shopping last night. "
            "I had lost my wallet for the first time in my life. Panic stations set in. Half an hour later, my wife's "
            "mobile phone rang. It was your night shift manager - Andy Beaver. He had found the wallet. I told him "
            "that I would be writing to you to sing his praises and to thank him for his honesty, kindness and prompt "
            "customer service. Please pass on my sincere thanks to him.")
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and not s.reading.wants_("manager")
    assert "sorry" not in drafts(s).lower()


@pytest.mark.parametrize("text", ["I want to speak to a manager about this right now.",
                                  "Put me through to your supervisor please",
                                  "I'm asking for this to be escalated to a manager."])
def test_a_manager_asked_for_is_still_a_want(assistant, text):
    assert assistant.suggest(text).reading.wants_("manager")


def test_a_one_star_review_that_praises_the_food_is_a_complaint(assistant):
    """web-e-38: 'I'm giving 1 star because of the cheap management … the food was very good'."""
    text = ("I'm giving 1 star because of the cheap management and customer service. I heard the food was very good "
            "so I went to try. All were very delicious. I was actually so impressed that I told the manager I'd post "
            "about it. When the cheque came there was literally no discount at all. Which is a shame because the food "
            "was very good.")
    assert _read(assistant, text)[1] != "thanks"


def test_one_sentence_saying_one_thing_twice_is_one_cue(assistant):
    """web-d-26: 'My original iron broke, as in it no longer works' is about the old iron; the new one's delay is
    the case."""
    s = assistant.suggest("Thankyou for letting me know that the iron that I ordered from you on Monday won't in fact "
                          "be posted until the end of the month. My original iron broke, as in it no longer works.")
    assert s.reading.situation.name == "not_dispatched"


def test_a_delay_about_to_cost_them_something_is_answered_soon(assistant):
    """tw-957407752925704195: 'you are going to make me late for' an engagement got 'by this time tomorrow'."""
    s = assistant.suggest("@united I have an important dinner engagement you are going to make me late for.")
    assert s.reading.live and "tomorrow" not in drafts(s)


def test_a_customer_who_explained_is_not_told_we_want_to_understand_what_happened(assistant):
    s = assistant.suggest("@TimHortons This is the second time I went there for a cappuccino and it tastes like hot "
                          "water. Can't exchange it either.")
    assert "understand exactly what happened" not in drafts(s)


def test_a_problem_a_tweet_names_without_details_is_asked_what_finds_it(assistant):
    """Unplaced problems got 'I'll look into what went wrong' with nothing to look at and a slot to fill; the
    drafts that involve the customer now ask what finds it on our side, by topic, with the brand's own casing."""
    s = assistant.suggest("@AppleSupport not what I want to see after updating the software on my iPad!!!")
    empathetic = s.replies[0].text
    # since round 23 the situation model places it (a software fault after an update); either way the drafts name
    # the customer's iPad and ask what decides the fix, with no slot to fill
    assert "your iPad" in empathetic and "?" in empathetic and "[" not in empathetic
    assert s.questions
    vague = assistant.suggest("@DSGSupport worst customer service ever. Waste of time. It was supposed to be a gift to someone "
                              "and now what..?")
    assert any("find this on our side" in r.text for r in vague.replies)


def test_a_tweet_is_answered_the_same_day_and_the_reminder_agrees(assistant):
    """Reviewers marked 'by this time tomorrow' on tweets about problems happening that day (rounds 12-14)."""
    tweet = assistant.suggest("@HarrodsService @Harrods I can't shop online....your website doesn't load. Help!")
    letter = assistant.suggest("I can't shop online, your website doesn't load. Please help.")
    assert tweet.reading.public and not letter.reading.public
    assert "within 4 hours" in tweet.replies[1].text and "tomorrow" not in drafts(tweet)
    assert any("within 4 hours" in step for step in tweet.next_steps)
    assert "by this time tomorrow" in letter.replies[1].text
    assert not assistant.suggest("Please write to me at jo@example.com, my website doesn't load.").reading.public


def test_thanks_given_in_several_sentences_is_a_thank_you_letter(assistant):
    """web-g-16 (a letter to a power company): one cue, 'thank you', said in two sentences, was counted once, so
    the letter about the storm was answered as a complaint."""
    text = ("A big thank you to all the men and women who have worked so hard in heat advisory weather to get our "
            "electric power back on. We were without power for four days, and it was not easy with the heat and the "
            "food going off in the fridge, but the crews never stopped. So a big thank you to all and may God bless you.")
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and "sorry" not in drafts(s).lower()


@pytest.mark.parametrize("text", [
    "Hats off to the crew who raced to restore phone and internet service last week with hard work and professionalism.",
    "Thanks to the linemen who worked through the night in the storm to get our power back on.",
])
def test_what_someone_worked_to_do_is_not_what_the_customer_wants(assistant, text):
    assert not assistant.suggest(text).reading.wants_("service_restored")


def test_a_restoration_asked_for_is_still_wanted(assistant):
    assert assistant.suggest("My internet has been down since Monday, please restore it today.").reading.wants_("service_restored")


def test_praise_far_from_a_hard_moment_in_a_long_letter_is_not_sarcasm(assistant):
    """Praise next to a complaint word anywhere in the message marked long thank-you letters sarcastic (the
    hospital stay, then the lovely staff), which vetoed their thanks; in a tweet it still counts."""
    letter = ("I have just had the best part of a week in ward 24 after a fall at home. The first night was long and I "
              "was in a lot of pain, and the waiting in the emergency department went on for hours before a bed was "
              "found. I want to say that the staff on the ward were lovely from the first day to the last. Nothing "
              "was too much trouble for the nurses, who looked after me with patience and humour, and the doctors "
              "explained everything. Please pass my thanks to all of them.")
    s = assistant.suggest(letter)
    assert "sarcasm" not in s.analysis.signal_names and s.reading.stance.name == "thanks"
    assert "sarcasm" in assistant.analyze_text("Great service from @Delta today. Waited on hold for 2 hours.").signal_names


def test_thanks_said_with_abuse_is_never_praise(assistant):
    """web-k-02: 'Go fuck yourselves. … Thanks, assholes. Thanks for that. You're about to lose a customer.'"""
    text = ("Dear Verizon, Go fuck yourselves. This weekend I see a commercial telling me I can double my internet speed "
            "for just a few extra bucks a month. Thanks, assholes. Thanks for that. You're about to lose a customer. "
            "When I signed up you told me I was getting the fastest internet service in existence, the best service "
            "in the world, and I believed it.")
    s = assistant.suggest(text)
    assert s.reading.stance.name != "thanks" and "kind words" not in drafts(s)


def test_one_cue_in_a_long_letter_is_not_enough_to_offer_a_remedy(assistant):
    """web-k-25 (dev review): a letter about a £60 boarding-pass fee that mentions a printer on the way got
    'the fault with your printer' and a technical team in every draft."""
    letter = ("Dear Ryanair, I booked two return flights to Barcelona in March and, like everyone, checked in online "
              "a week before. On the morning we flew I could not get our home printer to print the boarding passes, "
              "so we went to the desk at the airport, where we were told we would each have to pay a fee of £30 "
              "to have them printed. I find it hard to believe that a piece of paper costs £30 and I would like "
              "the £60 back.")
    s = assistant.suggest(letter)
    assert not (s.reading.understood and s.reading.situation.name == "not_working")
    assert "technical team" not in drafts(s) and "printer" not in drafts(s)
    # a letter that says it twice is read as that situation; it is understood (and its remedy offered) only where the
    # situation model reads it too, at the bar chosen on real letters (bot.situation_training.LETTER_PRECISION)
    said_twice = ("My printer stopped working after a week. Now it won't turn on at all. I bought it from your store in "
                  "Leeds on the 3rd of March and I have the receipt. It is a small inkjet and I only printed about twenty "
                  "pages with it before it died on me, so I would like to know what you will do about it.")
    twice = assistant.suggest(said_twice)
    assert twice.reading.situation.name == "not_working"
    assert twice.reading.understood == bool(assistant.composer.situations.seconds(said_twice, "not_working"))


def test_quite_is_not_quitting(assistant):
    """Dev review: churn risk shown with the evidence "I'm quite" ('quit\\w*' matched 'quite')."""
    assert not assistant.analyze_text("I am quite disappointed with the service at your store").hit("churn_risk")
    assert assistant.analyze_text("I am quitting your gym next month").hit("churn_risk")


def test_a_public_reply_asks_for_account_details_by_direct_message(assistant):
    """Dev review: tweets were answered in public with 'Could you send me the e-mail address on your account'."""
    tweet = assistant.suggest("@AOLSupportHelp my email account keeps logging me out and I can't get back in")
    letter = assistant.suggest("My email account keeps logging me out and I can't get back in")
    assert "direct message with the e-mail address" in drafts(tweet)
    assert any("direct message" in q for q in tweet.questions)
    assert "direct message" not in drafts(letter) and "send me the e-mail address" in drafts(letter)


def test_staff_who_need_training_is_a_complaint_about_staff(assistant):
    """Dev review: a discrimination complaint ('you seriously need diversity training for some of your employees
    what happened should have never happened') was rated LOW and answered 'hasn't gone as expected'."""
    s = assistant.suggest("@Nordstrom in Norfolk,Va you seriously need diversity training for some of your employees "
                          "what happened should have never happened")
    assert s.reading.situation.name == "staff_conduct" and s.analysis.escalate.recommended
    assert assistant.suggest("I need training on how to use the new app").reading.situation is None


def test_a_masked_swear_word_is_shown_as_the_evidence(assistant):
    """Dev review: 'abusive (71%):' was shown with no words at all for 'the $%@# hose'."""
    hit = assistant.analyze_text("with the exception of the $%@# hose, I like the way it works").hit("abusive")
    assert hit is not None and "$%@#" in hit.quotes()


def test_a_thing_mentioned_once_in_passing_in_a_long_letter_is_not_what_it_is_about(assistant):
    """web-i-27 (dev review): a letter about Amtrak delays and a stolen bag mentioned 'a laptop' once, and every
    draft was about 'the mix-up … with your laptop'."""
    letter = ("We were told at Chicago that the train would leave at seven. We were told at eight that the crew was "
              "still on its way, and we were told at nine that it would be another hour. By the time we boarded, the "
              "man across the aisle had been working on a laptop for three hours and my husband's bag, with his "
              "medication in it, had gone from the rack. Nobody on the train could tell us what to do about it.")
    s = assistant.suggest(letter)
    assert s.reading.topic_name != "device" and "laptop" not in drafts(s)
    mine = assistant.suggest(letter.replace("the man across the aisle had been working on a laptop", "my laptop had been "
                                            "stolen from the seat while I queued for coffee, and my laptop had"))
    assert mine.reading.topic_name == "device"


@pytest.mark.parametrize("text, threat", [
    ("Before we go any further, this is not an extortion attempt or a prelude to litigation.", False),
    ("I am not looking to take any legal or public steps, I just want my account back.", False),
    ("If this is not fixed I am going to sue.", True),
    ("If it is not sorted by Friday, I am going to sue.", True),
    ("This is not over, my lawyer will be in touch.", True),
])
def test_a_legal_threat_disowned_is_no_threat(assistant, text, threat):
    """web-e-10 (round 12) and a round 15 letter were routed to legal while saying they would not go to law."""
    assert ("threat_legal" in assistant.analyze_text(text).signal_names) == threat


@pytest.mark.parametrize("text", [
    "@AskPlayStation I can't log in to PSN, Because it says my account has been blocked",
    "I want you to repay my money. I bought 3 times diamonds, you banned me, so I can no longer use the goods I bought",
    "my account has been suspended for no reason and I can neither work nor cancel, please solve this ASAP",
])
def test_an_account_we_blocked_is_reviewed_not_sent_a_sign_in_link(assistant, text):
    """Rounds 12, 14 and 15: a blocked or banned account got 'a fresh sign-in link' or 'I can cancel your contract'."""
    s = assistant.suggest(text)
    assert s.reading.situation.name == "account_suspended"
    assert "sign-in link" not in drafts(s) and "cancel your" not in drafts(s) and "reviewed" in drafts(s)


def test_a_card_blocked_at_the_till_is_still_blocked_funds(assistant):
    assert assistant.suggest("My card was blocked at the till today").reading.situation.name == "funds_blocked"


def test_a_journey_told_about_afterwards_gets_no_rebooking_while_you_wait(assistant):
    """web-f-02 (round 14) and a round 15 letter: a letter written from home about a cancelled flight got 'the
    rebooking options … reimburse reasonable essential expenses while you wait … where are you now?'."""
    letter = ("Dear Southwest, on May 10 my flight 4422 from Dallas to Houston was cancelled two hours before departure "
              "and the gate agent told us it was an act of God, although the weather was clear. I ended up buying a "
              "ticket on another airline and a taxi to the other terminal, and I got to Houston five hours late. I am "
              "writing now that I am home because nobody at the airport would explain what happened.")
    s = assistant.suggest(letter)
    assert s.reading.situation.name == "flight_disrupted" and s.reading.afterwards
    assert "while you wait" not in drafts(s) and "rebooking options" not in drafts(s)
    assert "where are you now" not in drafts(s) + " ".join(s.questions)
    live = assistant.suggest("@united my flight UA455 to Denver was cancelled and I am stuck at the gate in Chicago")
    assert "rebooking options" in drafts(live) and "within the hour" in drafts(live)


@pytest.mark.parametrize("text", [
    # web-e-33 (a letter to Royal Mail, dev review 16): placed nowhere, so the drafts offered a call back
    "So imagine how upset I was when my order from Amazon arrived today, completely sodden and squashed on all "
    "corners. Whatever you do, don't try and throw it through the slightly broken window in our shed thus damaging "
    "the packaging, the contents and some more of the shed window.",
])
def test_a_delivery_spoiled_by_wet_or_crushing_is_damage(assistant, text):
    assert _read(assistant, text)[0] == "damaged"


def test_delivered_today_is_over_and_due_today_is_live(assistant):
    """web-e-33 and web-e-32 (Royal Mail letters about parcels delivered damaged) were read as live and promised an
    update within the hour."""
    assert not assistant.suggest("Admittedly the parcel delivered today would never make it through the door, "
                                 "so why throw it through the shed window?").reading.live
    assert assistant.suggest("My parcel was supposed to be delivered today and nothing has come").reading.live


def test_a_suspension_outranks_the_cancelling_it_stops(assistant):
    """web-l-12 (review round 15, again in dev review 16): 'being suspended' was missed and the drafts offered
    only to cancel the subscription the block stops the customer cancelling."""
    text = ("I am normal user on the 20 bucks monthly plan. I am being suspended for no reason so that I can neither "
            "work using Kiro nor cancel my subscription. This is my ID:[redacted]. Please solve this ASAP.")
    assert _read(assistant, text)[0] == "account_suspended"
