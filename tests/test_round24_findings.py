"""What reviewers of rounds 23 and 24 found misread in real letters, read as the wording means it generally."""

from __future__ import annotations

import pytest
from draft_defects import drafts, real_messages

LETTERS = real_messages()


@pytest.mark.parametrize("text", [
    "Are options to cancel payment. This is illegal and all charges will be disputed.",   # round 24, web-t-18
    "If I don't hear back by Friday, these payments will be reversed.",
    "Fine. I'll just charge it back then.",
])
def test_charges_said_to_be_disputed_are_a_legal_threat(assistant, text):
    assert "threat_legal" in assistant.suggest(text).analysis.signal_names


def test_a_charge_never_agreed_to_is_a_charge_they_werent_expecting(assistant):
    s = assistant.suggest(LETTERS["web-t-18"])  # "My CC continues to be charged when I didn't agree for more than a 30 day trial"
    assert s.reading.situation.name == "wrong_charge"
    assert "[add the answer here]" not in drafts(s)


def test_asking_us_to_cease_and_desist_from_mailing_is_a_request_to_stop(assistant):
    """Round 23: "I am writing to ask that Comcast cease and desist from sending us further 'limited-time savings
    vouchers'" was escalated to legal as a threat; it asks to be taken off the mailings."""
    s = assistant.suggest(LETTERS["web-s-14"])
    assert "threat_legal" not in s.analysis.signal_names
    assert s.reading.wants_("left_alone")
    assert all("remove you from these messages" in r.text for r in s.replies)


def test_a_cease_and_desist_letter_is_still_a_legal_threat(assistant):
    s = assistant.suggest("You will receive a cease and desist letter from my solicitor on Monday.")
    assert "threat_legal" in s.analysis.signal_names


def test_quitting_the_gym_is_a_cancellation_and_the_post_is_no_review_threat(assistant):
    """Round 22: "I want to quit the gym ... Unless the Postal system fails me miserably, this should arrive" was
    read as a review held to ransom ("Unless ... Post") and answered with three slots."""
    s = assistant.suggest(LETTERS["web-i-53"])
    assert s.reading.stance.name != "extortion" and s.reading.wants_("cancel")
    text = drafts(s)
    # no line about reviews held to ransom ("... to a review"); a formal "reviewed by the support team lead" is no such line
    assert "cancel your membership" in text and "to a review" not in text and "on a review" not in text and "[say what" not in text


@pytest.mark.parametrize("text", [
    "@Deliveroo Just ordered a green curry but it has come with two hairs. Not happy.",
    "Found a long hair in my pizza from your Camden store",
])
def test_a_hair_in_the_food_is_about_the_food(assistant, text):
    assert assistant.suggest(text).reading.situation.name == "quality"


def test_vermin_in_the_food_stays_a_safety_incident(assistant):
    assert assistant.suggest("There were three flies in my soup at your Leeds branch last night").reading.situation.name \
        == "safety_incident"


@pytest.mark.parametrize("key", ["web-t-02", "web-s-07"])
def test_a_problem_that_keeps_happening_is_not_called_a_long_running_case(assistant, key):
    """"Every time I go to @PriceChopperNY ..." and prank calls to a hotel room "repeatedly" (rounds 23, 24): the
    reviewers struck "I'm sorry this is still going on, and that it's taking so long to sort out"."""
    suggestion = assistant.suggest(LETTERS[key])
    text = drafts(suggestion)
    assert "taking so long" not in text and "still going on" not in text.lower()
    # a tweet says it keeps happening in one word; a letter that has told its story needs two (web-s-07's one
    # "repeatedly" among 224 words: such single words were wrong in 28 of 59 labelled letters, tests/test_told_back_history.py)
    assert "keeps happening" in text or suggestion.reading.detailed


@pytest.mark.parametrize("text", [
    "@ZARA_Care I placed an order on 26th and it still has not been dispatched?",
    "Will you please ship me my CutiePi?  I have been waiting for a couple years now.",
])
def test_a_case_still_open_is_still_called_one(assistant, text):
    drafted = drafts(assistant.suggest(text))
    assert "keeps happening" not in drafted


@pytest.mark.parametrize("text", [
    "@americanAir hello my name's Ibrahim and I'm from Afghanistan. I'm part of Al Qaida and on June 1st I'm gonna do "
    "something really big bye.",                                         # round 25: read as a broken product
    "There's a bomb on the 10:15 to Leeds, you've been warned",
    "Cancel my flight again and I'll blow up the plane myself",
])
def test_a_threat_of_terror_goes_to_security_and_is_no_product_fault(assistant, text):
    s = assistant.suggest(text)
    assert "threat_safety" in s.analysis.signal_names and s.analysis.escalate.to == "security"
    assert "technical team" not in drafts(s)  # no fault the model guessed without a cue


def test_terror_in_the_news_is_no_threat(assistant):
    s = assistant.suggest("Many US citizens have joined ISIS according to the news, scary stuff")
    assert "threat_safety" not in s.analysis.signal_names


def test_a_swear_word_quoted_from_someone_else_is_not_abuse_of_us(assistant):
    """Round 25: a long letter about a bus driver who told passengers to "buy a f***ing $1 watch" was read as abuse
    and answered with 'keep our language respectful'."""
    s = assistant.suggest(LETTERS["web-u-04"])
    assert "abusive" not in s.analysis.signal_names and s.boundary is None
    s = assistant.suggest("The driver told us to “buy a f***ing watch”. You are a f***ing joke, Greyhound.")
    assert "abusive" in s.analysis.signal_names  # their own words still count


def test_a_customer_for_life_is_praise_not_a_demand(assistant):
    s = assistant.suggest(LETTERS["web-u-05"])  # "let your company know that you have a customer for life"
    assert "unreasonable_demand" not in s.analysis.signal_names
    assert "beyond what I can approve" not in drafts(s)
    assert "unreasonable_demand" in assistant.suggest("I want free rentals for life after this.").analysis.signal_names


def test_legal_action_threatened_against_the_customer_is_their_complaint_not_their_threat(assistant):
    """Round 25: "robocalls from the Hertz Vehicle Control Department threatening me with legal action unless I return
    the car" was sent to legal as the customer's threat; they asked us to collect the car and end the calls."""
    s = assistant.suggest(LETTERS["web-u-02"])
    assert "threat_legal" not in s.analysis.signal_names and s.analysis.escalate.to != "legal"
    assert s.reading.wants_("left_alone")


def test_a_thing_in_an_if_clause_is_not_what_the_letter_is_about(assistant):
    s = assistant.suggest("The lamps arrived smashed. If I had packed them in my suitcase they would have survived.")
    assert s.reading.topic.name == "order"  # was "luggage": the suitcase only in what might have been


@pytest.mark.parametrize("text", [
    "@IHGService I'm at Crowne Plaza Battersea for 8 nights. Can I swap one in the middle of stay for a night in Bath?",
    "In @premierinn hotel but after a day's work no clean towels, no cleaned room, no made bed.",
])
def test_where_they_are_now_is_happening_now(assistant, text):
    assert assistant.suggest(text).reading.live


@pytest.mark.parametrize("text", [
    "I just used the Fenty Beauty foundation for the first time and I am IN LOVE!",
    "In the Billing page of my account, I can only change my plan from monthly to yearly.",
])
def test_not_every_in_or_at_is_where_they_are(assistant, text):
    assert not assistant.suggest(text).reading.live


def test_one_cue_in_a_letter_with_the_things_reference_is_understood(assistant):
    """Round 25: a long letter about "Flight Number TCX1908 ... An initial three-hour delay" got "[say what you will do
    about it, and by when]": one cue in a letter is a word on the way, unless the letter quotes the thing's reference."""
    s = assistant.suggest(LETTERS["web-u-07"])
    assert s.reading.understood and s.reading.situation.name == "flight_disrupted"
    assert "TCX1908" in drafts(s) and "[say what" not in drafts(s)


def test_thanks_for_a_reply_that_opens_a_follow_up_is_not_praise(assistant):
    """Round 26: "Dear Liliana, Thank you for your reply, referenced above. It is clear from your response that I have
    not managed to convey ... the scale of the problem" (sewage spilling onto the road) was thanked."""
    s = assistant.suggest(real_messages()["web-v-11"])
    assert s.reading.stance.name != "thanks" and "glad things worked out" not in drafts(s)


def test_a_firing_told_is_no_demand_to_fire(assistant):
    s = assistant.suggest(real_messages()["web-v-09"])  # "you've rightly fired your CEO ... But you fired him."
    assert "unreasonable_demand" not in s.analysis.signal_names
    for text in ("I want the agent I spoke to fired. Today.", "Fire the driver who did this", "He should be fired"):
        assert "unreasonable_demand" in assistant.suggest(text).analysis.signal_names


def test_no_one_is_told_they_asked_for_too_much_when_they_asked_for_nothing(assistant):
    s = assistant.suggest(LETTERS["web-k-41"])  # closing two Wells Fargo accounts, a letter that asks for nothing
    assert "what you've asked for" not in drafts(s)


def test_crackers_to_eat_are_no_slur(assistant):
    s = assistant.suggest("The carpet smells like polyester and those fluorescent orange cheese crackers.")
    assert "abusive" not in s.analysis.signal_names


def test_their_own_status_update_is_no_threat_to_go_public(assistant):
    s = assistant.suggest(real_messages()["web-v-18"])  # "updating my status on Facebook and telling my mum"
    assert "public_exposure" not in s.analysis.signal_names
    assert "public_exposure" in assistant.suggest("I'm posting this on Facebook so everyone knows how you treat "
                                                  "customers").analysis.signal_names


def test_a_fee_met_on_the_way_to_cancelling_is_named_and_the_cancellation_done_first(assistant):
    """Round 26: "went to cancel my $11/mo subscription… $60 cancellation fee! WTF @Adobe?" got cancellation drafts
    that never mentioned the fee, "the whole complaint"."""
    s = assistant.suggest(real_messages()["web-v-01"])
    assert s.reading.situation.name == "fee_dispute" and s.reading.wants_("cancel")
    concise = s.replies[1].text
    assert "fee" in concise and concise.index("cancel your subscription") < concise.index("fee against the terms")
    empathetic = s.replies[0].text  # never held back for an answer
    assert empathetic.index("I'll cancel") < empathetic.index("?")


def test_a_fee_told_with_its_amount_is_a_fee_dispute(assistant):
    s = assistant.suggest(LETTERS["web-d-27"])  # "Your decision to impose a $5 monthly fee for the use of my debit card"
    assert s.reading.situation.name == "fee_dispute" and "$5" in drafts(s)


def test_a_call_back_asked_for_does_not_split_a_choice_between_replacement_and_refund(assistant):
    s = assistant.suggest(LETTERS["web-e-33"])  # Royal Mail: a damaged parcel
    assert "call back from one named person at a time that suits you, or" not in drafts(s)


def test_asking_for_a_refund_is_not_chasing_one_already_owed(assistant):
    """Round 27: "I want a refund, I never got 1 call, I will file a claim if u don't refund" got "I'm really sorry
    about the refund that hasn't reached you yet" under a legal threat, as if a refund were owed; "never got 1 call"
    and "never got any customers" are no parcel that never arrived."""
    s = assistant.suggest(real_messages()["web-w-07"])
    assert s.reading.situation is None or s.reading.situation.name not in {"refund_pending", "not_arrived"}
    assert "hasn't reached you" not in drafts(s)
    assert assistant.suggest("I never got my parcel").reading.situation.name == "not_arrived"


def test_discussing_it_with_their_lawyers_is_a_legal_threat(assistant):
    s = assistant.suggest(real_messages()["web-w-18"])  # "... will discuss the issue with my lawyers"
    assert "threat_legal" in s.analysis.signal_names


def test_thanks_on_behalf_of_their_bank_account_is_sarcasm(assistant):
    s = assistant.suggest(real_messages()["web-w-12"])  # "... one my bank account will never forget. #ubersurge"
    assert s.reading.stance.name != "thanks" and "sarcasm" in s.analysis.signal_names
