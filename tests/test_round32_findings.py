"""What reviewers of round 32 (20 real messages, tests/data/real_messages_25.jsonl) found, read generally; the
sentences are written for each mechanism, not copied from the review set."""

from __future__ import annotations

import pytest

CALM_LETTER = ("Dear Sir or Madam, Three years ago I bought a dining table from your Croydon store. It had a wonderful "
               "oak finish and suited the room perfectly. Last month one of the legs split along the grain, and last "
               "week the top came away from the frame while my children were eating. I have photographs of the damage "
               "and the receipt, and the table is still within its five-year guarantee. I would like to know how you "
               "intend to deal with this.")


def test_one_descriptive_praise_word_does_not_make_a_letter_a_thank_you(assistant):
    """Round 32: "a nice shade of green that complimented a painting", "it was a wonderful resource fifteen years
    ago", "the delightful hamlet of Rozelle": three complaint letters were thanked for their kind words."""
    s = assistant.suggest(CALM_LETTER)
    assert s.reading.stance.name != "thanks"
    assert all("kind words" not in r.text and "lovely message" not in r.text for r in s.replies)


def test_a_letter_that_thanks_still_is_one(assistant):
    s = assistant.suggest("On Friday I rode the 7:40 bus from the station. The driver waited for my mother, who walks "
                          "slowly, and helped her to a seat. That really made my week, and I wanted you to know.")
    assert s.reading.stance.name == "thanks"


@pytest.mark.parametrize("text", ["The service has become progressively less pleasant over the years.",
                                  "This was not a pleasant experience at all."])
def test_praise_words_taken_back_are_no_praise(assistant, text):
    assert assistant.suggest(text).reading.stance.name != "thanks"


def test_we_cant_go_on_like_this_is_a_relationship_not_despair(assistant):
    """Round 32: a customer's "break-up letter" to a phone company ("We just can't go on like this any more") got
    the welfare procedure and a crisis line in every draft."""
    s = assistant.suggest("Dear phone company, you've changed. You add charges we never asked for and you never call "
                          "back. We just can't go on like this any more. I'm taking my number elsewhere.")
    assert "threat_safety" not in s.analysis.signal_names
    assert not s.reading.self_harm
    assert all("crisis" not in r.text for r in s.replies)


def test_i_cant_go_on_is_still_heard(assistant):
    s = assistant.suggest("I can't go on like this any more. I have nothing left since you cut off my power.")
    assert "threat_safety" in s.analysis.signal_names


@pytest.mark.parametrize("text, signal", [
    ("The courier ignored the sign on the gate that said \u201cBeware of the dog\u201d and threw the box over.",
     "public_exposure"),
    ("Your manager told me \u201cgo ahead and sue us then\u201d and walked off.", "threat_legal"),
])
def test_someone_elses_quoted_words_are_not_the_customers_threat(assistant, text, signal):
    assert signal not in assistant.suggest(text).analysis.signal_names


def test_the_customers_own_threat_in_quotes_still_counts(assistant):
    s = assistant.suggest("I told them \u201cI will post this on Twitter\u201d if it isn't fixed today.")
    assert "public_exposure" in s.analysis.signal_names


@pytest.mark.parametrize("text, asked", [
    ("They gave me a full refund and sent flowers. Who does that?!", False),
    ("They refunded me straight away, no questions asked.", False),
    ("Give me a full refund now.", True),
    ("They gave me a full refund for one item but I want compensation for the rest.", True),
])
def test_a_refund_given_is_told_not_asked_for(assistant, text, asked):
    """Round 32: a thank-you tweet ("They 1) gave me a full refund, 2) ...") read as a refund request."""
    assert ("refund_request" in assistant.suggest(text).analysis.signal_names) is asked


def test_a_draft_that_hands_the_case_to_a_lead_leaves_no_answer_slot(assistant):
    """Round 32: "I've passed your case to the support team lead, who ... will contact you by this time tomorrow.
    [add the answer here]": the lead answers, the agent has nothing to fill in."""
    s = assistant.suggest("Why are you capping my broadband when your adverts said unlimited? This is a PR nightmare "
                          "waiting to happen and I'll make sure everyone hears about it.")
    handed = [r.text for r in s.replies if "team lead" in r.text and "will contact you" in r.text]
    assert handed
    assert all("[add the answer here]" not in t and "[say what you will do" not in t for t in handed)


def test_a_charge_quoted_beside_a_request_is_checked_too(assistant):
    """Round 32: "charged $134 ... why this extra $19? ... trying to cancel my subscription": the drafts cancelled
    and never mentioned the charge."""
    s = assistant.suggest("I was charged $89.99 this morning for my annual plan, which I thought was $70. I also want "
                          "to cancel my subscription before it renews again.")
    assert any("cancel" in r.text for r in s.replies)
    assert any("the $89.99 charge" in r.text for r in s.replies)


def test_an_expense_of_theirs_elsewhere_is_no_charge_of_ours(assistant):
    from bot.complained_of import charge_named
    wording = assistant.composer.vocab.complaints
    assert charge_named("You lost my bag, so I incurred a $100 cab charge getting home.", wording) == ""
    assert charge_named("You added a $100 cancellation charge to my bill.", wording) == "the $100 cancellation charge"


@pytest.mark.parametrize("text, urgent", [
    ("Around thirty of us were left stranded outside the cinema last night, tickets in hand.", False),
    ("We were stranded at the airport at 6pm and we're still here, no hotel, nothing.", True),
    ("Currently stranded in Leeds, the last train was cancelled.", True),
])
def test_stranded_told_as_over_is_no_hurry(assistant, text, urgent):
    """Round 32: "were left stranded outside the theatre" last night flagged as urgent."""
    assert ("urgency" in assistant.suggest(text).analysis.signal_names) is urgent


def test_a_post_with_a_hashtag_is_public_and_asks_by_direct_message(assistant):
    """Round 32: "Getting fed up of 4G turning into an E, and signal issues #comebackTmobile" was asked for an
    address and account number in public."""
    # the situation model may read the first as an outage, which asks nothing private; the second is read by cues
    for text in ("Getting fed up of my 4G turning into an E every evening, and signal issues #comebackPhoneCo",
                 "Still no signal at home every evening, rubbish coverage #PhoneCo"):
        s = assistant.suggest(text)
        assert s.reading.public
        asks = [r.text for r in s.replies if "postcode" in r.text or "account number" in r.text]
        assert all("direct message" in t for t in asks)
    assert asks  # the coverage complaint asks where they are, by direct message


@pytest.mark.parametrize("text, public", [
    ("We are drivers from across the country, and we have come together to organise the Fair Pay Strike.", True),
    ("Thousands of us have signed the petition asking you to bring back the night bus.", True),
    ("The rail strike made me two hours late for work.", False),
    ("Please sign the petition to free the zoo's elephants https://example.org via @MoveOn", False),  # not at us
])
def test_collective_action_is_public_pressure(assistant, text, public):
    """Round 32: an open letter from sellers organising a strike read as one customer's complaint (LOW, a phone
    call offered)."""
    assert ("public_exposure" in assistant.suggest(text).analysis.signal_names) is public


def test_this_morning_dates_it_to_today_not_to_now(assistant):
    """Round 32: "Put recycling bin out this morning ... No caddy!" got "I'll update you again within the hour"."""
    s = assistant.suggest("Put the recycling bin out this morning, all complete. It came back with no food caddy! "
                          "And now you want to charge me for a new one?")
    assert not s.reading.live
    assert all("within the hour" not in r.text for r in s.replies)


def test_a_thing_that_says_something_is_the_messenger(assistant):
    """Round 32: "@Council webpage says ..." made the council's web page what went wrong ("What do you see on our
    web page?")."""
    s = assistant.suggest("My parcel never came. Your website says it was delivered to a safe place at 2pm.")
    assert s.reading.topic is not None and s.reading.topic.name != "website"
