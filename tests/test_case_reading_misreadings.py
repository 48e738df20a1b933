"""Misreadings review round 10 found in real letters (tests/data/real_messages_3.jsonl), each fixed by a
general mechanism: a goodbye to a company is not self-harm; harm from what we served is a safety
incident; an order among waiters and tables is a meal; a cue about another thing ("a faulty train")
is not this situation's; "went down one of the aisles" is not an outage.
"""

from __future__ import annotations

import pytest
from draft_defects import GOODWILL, drafts, real_messages


def test_a_goodbye_to_the_company_is_leaving_not_self_harm(assistant):
    """web-d-04, a 'break-up letter' to Comcast: 'I'm sorry to have to do this … This is goodbye.'"""
    s = assistant.suggest("Dear Comcast, I'm sorry to have to do this, but you give me no choice. Our relationship "
                          "could not withstand this latest challenge. I'm leaving you for FIOS. This is goodbye.")
    assert not s.reading.self_harm and "self-harm" not in s.analysis.escalate.reason
    assert "crisis line" not in drafts(s)


def test_self_harm_said_as_a_goodbye_of_ones_own_is_still_read():
    from bot.assistant import Assistant

    s = Assistant.load().suggest("I can't go on like this. This is my goodbye. I'm sorry.")
    assert s.reading.self_harm


def test_glass_found_in_food_is_a_safety_incident_not_a_threat(assistant):
    """web-d-22: got the final boundary ('I can't continue while the language stays abusive') and a question
    about 'the member of our team'."""
    s = assistant.suggest("After a few bites at the bread while in office, she felt something crunchy and a sharp pain "
                          "on her tongue. She spat out and found a piece of glass (measuring 2.5cm long) with sharp edges! "
                          "They could have cut their mouth or tongue or even swallowed the piece of glass.")
    assert s.reading.situation.name == "safety_incident" and s.reading.stance.name != "threat"
    assert s.boundary is None and s.analysis.escalate.to == "security" and not GOODWILL.search(drafts(s))


def test_an_order_among_waiters_and_tables_is_a_meal_never_a_courier_chase(assistant):
    """web-d-20: a slow restaurant dinner got 'I'll chase the courier for your order #880' (#880 was the bill)."""
    s = assistant.suggest("Our waiter took our order and then disappeared. We waited over an hour at the table for "
                          "our food, and when it came it was cold. Our check was #880.")
    assert s.reading.topic.name != "order" and "courier" not in drafts(s) and "order #880" not in drafts(s)
    assert "(reference #880)" in drafts(s)  # the bill's number, noted as they gave it, not made an order


def test_a_dinner_party_order_delivered_to_the_door_is_still_an_order(assistant):
    s = assistant.suggest("My order #4411 never arrived, I ordered it for my dinner party")
    assert s.reading.topic.name == "order" and "#4411" in s.reading.object


def test_a_cue_about_another_thing_is_not_this_situation(assistant):
    """web-d-47: 'I shouldn't want to ride a faulty train' made a device fault of the word 'speaker'."""
    s = assistant.suggest("The lady came on the speaker to apologise. I shouldn't want to ride a faulty train anyway, "
                          "but getting up at 4 in the morning for nothing is too much.")
    assert s.reading.situation is None or s.reading.situation.name != "not_working"
    assert "speaker" not in drafts(s)


def test_walking_down_an_aisle_is_not_an_outage(assistant):
    """web-d-48: a rude shop assistant who 'went down one of the aisles' got 'the outage you've been hit by'."""
    s = assistant.suggest("She never responded to me. She just walked away from the desk, went down one of the aisles, "
                          "and pointed to a shelf. I have never encountered such unfriendly employees!")
    assert s.reading.situation is None or s.reading.situation.name != "outage"
    assert "outage" not in drafts(s)


def test_an_insult_at_oneself_is_not_abuse(assistant):
    """tw-947863576911532032: 'Started 2018 off by being an idiot' got an abuse escalation and a boundary."""
    s = assistant.suggest("Started 2018 off by being an idiot so at least I'm keeping that consistent")
    assert "abusive" not in s.analysis.signal_names and s.boundary is None
    assert "abusive" in assistant.suggest("You should fire him for being an idiot").analysis.signal_names
    # round 40: a letter's "I felt like a complete jackass" was flagged as abuse; what someone made them feel is
    # theirs too, while the same word said of the agent is still abuse
    for text in ("I felt like a complete jackass standing there at the counter while the line grew behind me.",
                 "Your staff made me feel like an idiot for asking where the toilets were."):
        assert "abusive" not in assistant.suggest(text).analysis.signal_names, text
    assert "abusive" in assistant.suggest("Your agent was a jackass to me on the phone.").analysis.signal_names


def test_swearing_about_a_named_problem_is_a_complaint_unless_aimed_at_us(assistant):
    """web-d-25: 'One idiot delivered our parcel … left it inside our black outside bin' was answered as abuse
    ('Could you tell me what went wrong?') though it said exactly what went wrong."""
    s = assistant.suggest("One idiot delivered our parcel on Saturday and because we weren't in they left it inside our "
                          "black outside bin... even though it's full of rubbish and it is written on the label to leave "
                          "it with the neighbour?")
    assert s.reading.stance.name == "complaint" and s.reading.situation.name == "misdelivered"
    assert "what went wrong" not in drafts(s) and "courier" in drafts(s)
    aimed = assistant.suggest("Your idiot driver lost my parcel, you useless morons")
    # insults at us: the stance may be abuse (the cues) or a complaint (the learned stance, which on 90 held-out
    # letters was right in 4 of 5 such changes), but the boundary and the lead are the cues' and always come
    assert aimed.reading.stance.name in {"abuse", "complaint"}
    assert aimed.boundary is not None and aimed.boundary.level >= 2 and aimed.analysis.escalate.to == "lead"


def test_a_parcel_thrown_over_a_fence_is_a_delivery_problem_not_violence(assistant):
    s = assistant.suggest("The driver threw my parcel over the fence and it's soaked")
    assert "threat_safety" not in s.analysis.signal_names and s.boundary is None
    assert s.reading.situation.name == "misdelivered"
    thrown_at = assistant.suggest("The driver threw a box at me and drove off")
    assert thrown_at.reading.situation.name == "safety_incident"


def test_thanks_for_a_failure_or_a_harm_is_sarcasm_not_praise(assistant):
    """tw-836243306770227201 and web-d-23 were answered 'What a lovely message to receive'."""
    for text in ("@SubaruCustCare sitting at DMV for last 2 hours, 60 people still ahead of me, thanks Subaru for not "
                 "turning in my old plates.",
                 "Thank you @Hermesparcels for tipping out my plants all over my new gravel, just to make room for a "
                 "parcel that could have gone somewhere else!  After a 13 hour shift in a hospital, that's exactly what "
                 "I wanted to get home to! I spend ages making my house look nice, I am so upset!"):
        s = assistant.suggest(text)
        assert "sarcasm" in s.analysis.signal_names and s.reading.stance.name != "thanks"
        assert "lovely message" not in drafts(s)
    assert assistant.suggest("Thank you for fixing my laptop so quickly, the team was great").reading.stance.name == "thanks"


def test_asking_to_delete_an_account_is_a_cancellation(assistant):
    """web-d-15: 'Let me delete my account' was answered 'Could you tell me what went wrong?'."""
    s = assistant.suggest("Stop trying to trap user data forever through UI conventions that don't even allow the user "
                          "to delete their account and data. Let me delete my account.")
    assert any(w.name == "cancel" for w in s.reading.wants) and "what went wrong" not in drafts(s)


def test_a_fee_the_bank_makes_customers_pay_is_not_a_threat(assistant):
    """web-d-27: 'you decided to make your customers pay the difference' read as a threat to safety."""
    s = assistant.suggest("When the Congress curtailed them, you decided to make your customers pay the difference.")
    assert "threat_safety" not in s.analysis.signal_names and s.boundary is None


def test_a_service_off_line_is_an_outage_happening_now(assistant):
    """web-d-29: an e-mail service 'off-line since 19:42 tonight' got 'look into what went wrong'."""
    s = assistant.suggest("At the moment it's been off-line since 1942 tonight. It appears to still be off-line with "
                          "no updates.")
    assert s.reading.situation.name == "outage" and s.reading.live


def test_a_payment_service_claim_is_a_chargeback_already_filed(assistant):
    """web-d-13: 'I have reported this issue with Paypal' was missed, so a refund could be paid twice."""
    s = assistant.suggest("So now I want a refund. Hey, please note I have reported this issue with Paypal and your "
                          "account might get suspended if you don't resolve this issue real quick.")
    assert s.reading.chargeback_filed and "payment provider" in drafts(s)
    assert not any("refund you" in r.text or "refund the" in r.text for r in s.replies)


def test_a_passenger_refused_boarding_is_a_disrupted_journey(assistant):
    """web-d-43: 'Woman refused 2 let Gracie board w/ me' got 'I'll look into what went wrong'."""
    s = assistant.suggest("I fly @southwestair at least 75x/year. just had WORST experience. Me; A1, Sadie: A3 "
                          "Gracie A34. Woman refused 2 let Gracie board w/ me.")
    assert s.reading.situation.name == "flight_disrupted" and "rebooking" in drafts(s)


def test_a_disputed_fee_is_named_and_waived_only_within_the_limit(assistant):
    """web-d-27 (a $5 monthly debit-card fee) and tw-942520054444384258 (a $700 fee) got drafts that never
    mentioned the fee."""
    small = assistant.suggest("Your decision to impose a $5 monthly fee for the use of my debit card is not acceptable.")
    assert small.reading.situation.name == "fee_dispute" and "the fee of $5" in drafts(small)
    assert "waive it where it shouldn't apply" in drafts(small)
    large = assistant.suggest("@united why do I have to pay a $700 fee when the delay was out of my control??")
    assert "$700" in drafts(large) and "waive" not in drafts(large)
    assert any("above the waiver limit" in note for note in large.notes)


@pytest.mark.parametrize("text, situation", [
    # earlier rounds' real messages that got the generic "look into what went wrong" draft
    ("I cancelled my subscription for this service a while ago and I've been charged 2 months in a row after. I want "
     "my money back and I don't want the service.", "charged_after_cancel"),
    ("Trying to get someone @EE to answer the phone is impossible. The customer service line just cuts you off!",
     "unreachable"),
    ("@KFC_UKI fried several times, the middle is chewy and the outside is soggy. Think I'll just stop eating there",
     "quality"),
    ("So mad that my @Fitbit Flex died in under 2 days! Need to try restarting but this battery better still be good",
     "not_working"),
    ("I would like to register a complaint against the driver of bus 12 this morning. He was rude and ignored me.",
     "staff_conduct"),
])
def test_common_real_wording_places_the_problem(assistant, text, situation):
    assert assistant.suggest(text).reading.situation.name == situation


def test_a_battery_that_ran_out_is_not_a_fault(assistant):
    assert assistant.suggest("My phone battery died so I couldn't call you back, sorry").reading.situation is None


def test_a_coat_that_falls_apart_is_replaced_not_debugged(assistant):
    """tw-839089696638644224 got an answer slot; a 'technical team' must never look at a coat."""
    s = assistant.suggest("@Superdry hi was wondering if u can help me i bought a superdry coat online in January have "
                          "only wore it few times the pocket has ripped")
    assert s.reading.situation.name == "not_working" and "technical team" not in drafts(s)
    assert "replacement" in drafts(s)


@pytest.mark.parametrize("text", [
    "hello my pc (windows 8.1) wont get past the lenovo boot logo. any suggestions? @LenovoSupport",
    "@hpsupport New printer calibration stuck at 0% and will not allow shutdown. Photo printing works?",
])
def test_a_device_stuck_on_start_up_is_a_fault(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "not_working" and "technical team" in drafts(s)


def test_a_fee_someone_else_asks_for_is_no_fee_dispute(assistant):
    """A scam text asking the customer to 'pay a $2.99 fee with a gift card' is a question about a scam."""
    s = assistant.suggest("I got a text saying my Acme parcel is held and I must pay a $2.99 fee with a gift card at "
                          "some link. Is that real?")
    assert s.reading.situation is None or s.reading.situation.name != "fee_dispute"


def test_danger_the_customer_reports_gets_no_boundary_a_threat_they_make_does(assistant):
    """web-d-37 (round 11): a parent reporting a flight attendant who 'almost died of an asthma attack' and nuts on
    board got 'I can't continue while the language stays abusive'."""
    report = assistant.suggest("This time the stewardess told me that they never make buffer zones for allergic "
                               "passengers. She told me she knows what it's like to have a peanut allergy because she "
                               "almost died of an asthma attack.")
    assert report.reading.stance.name != "threat" and report.boundary is None
    threat = assistant.suggest("If your driver comes near my house again I'll smash his van up")
    assert threat.reading.stance.name == "threat" and threat.boundary.level == 3


def test_a_note_of_appreciation_is_praise(assistant):
    """web-d-17 (round 11): 'I just wanted to send a note of appreciation about the friendliness of the counterpeople'
    got 'I'm sorry this is still going on' and a lead escalation."""
    s = assistant.suggest("I just wanted to send a note of appreciation about the friendliness of the counterpeople "
                          "working at this particular Caribou. Karate classes can be very strenuous, and the students "
                          "come out terrible thirsty! I have NEVER seen even the slightest hint of annoyance on the part "
                          "of any employee. Thank you.")
    assert s.reading.stance.name == "thanks" and "sorry" not in drafts(s).lower()
    assert not s.analysis.escalate.recommended


def test_an_order_that_will_not_be_sent_for_weeks_is_not_a_faulty_item(assistant):
    """web-d-26 (round 11): an iron that 'won't in fact be posted until the end of the month' got 'the fault with
    your item … I'll send you a replacement' (the customer's old iron was the one that broke)."""
    s = assistant.suggest("Thankyou for letting me know that the iron that I ordered from you on Monday and paid an "
                          "inflated expedited one-day delivery charge for won't in fact be posted until the end of the "
                          "month. My original iron broke, as in it no longer works, and I need to iron my shirts.")
    assert s.reading.situation.name == "not_dispatched" and "replacement" not in drafts(s)


def test_a_parcel_delivered_broken_is_damage_in_transit_not_a_product_fault(assistant):
    """tw-955570227600793600 (round 11): 'you deliver my stuff today and it's broken' got 'our technical team'."""
    s = assistant.suggest("@UPSHelp hey you deliver my stuff today and it's broken!! What can I do? https://t.co/CKTxqogbEL")
    assert s.reading.situation.name == "damaged" and "technical team" not in drafts(s)


def test_something_missing_from_an_order_is_sent_or_refunded_never_chased_or_swapped(assistant):
    """tw-908072509261664258 (round 11): 'where is my popcorn in this banquet box?' got a courier chase."""
    s = assistant.suggest("Yo @KFC_UKI you fleeced me, where is my popcorn in this banquet box? https://t.co/UgfFMpg6wo")
    assert s.reading.situation.name == "missing_item"
    assert "courier" not in drafts(s) and "prepaid label" not in drafts(s) and "send what was missing" in drafts(s)


def test_a_customer_who_has_already_left_is_not_asked_to_stay(assistant):
    """web-d-32 (round 11): 'I cancelled my services almost 2 months ago and I have yet to receive a refund' got
    'I'd be sorry to lose you … before you decide' and no refund chase."""
    s = assistant.suggest("I cancelled my services almost 2 months ago and I have yet to receive a refund for that. How "
                          "long does it take to process? What's the ETA?")
    assert s.reading.situation.name == "refund_pending" and "before you decide" not in drafts(s)
    assert "before you decide" in drafts(assistant.suggest("If this isn't fixed today I'm switching to Virgin."))


def test_no_water_at_home_is_an_outage(assistant):
    """tw-786159020453269504 (round 11): 'I have no water and the bill is current and paid' got an answer slot."""
    s = assistant.suggest("@nationalgridus I have no water and the bill is current and paid. Can you do something about this?")
    assert s.reading.situation.name == "outage" and all("by this time tomorrow" not in r.text for r in s.replies)


def test_software_that_misbehaves_is_fixed_never_replaced_with_a_new_machine(assistant):
    """web-d-31 (round 11): a letter to Microsoft about Windows ceasing to work and programs crashing got 'We can send
    you a replacement at no cost'."""
    s = assistant.suggest("When Windows spontaneously ceased to work, I reinstalled the platform. When programs that "
                          "had previously exhibited no difficulties inexplicably crashed, I reinstalled them.")
    assert s.reading.situation.name == "software_fault" and "replacement" not in drafts(s)
    assert assistant.suggest("My laptop screen is cracked and it won't turn on").reading.situation.name != "software_fault"


def test_a_request_signed_off_with_thanks_is_not_thanked(assistant):
    """A real records request (web-ao-20, round 40) ends "Thanks.": it asks in so many words ("I am requesting")."""
    reading = assistant.suggest(real_messages()["web-ao-20"]).reading
    assert reading.stance.name != "thanks" and reading.wants_("information")
