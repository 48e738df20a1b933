"""Readings fixed after review round 56 (the session's opening round: government services and hospitals; insurance,
warranties and loyalty schemes), each worded apart from the message it was found on: a letter that praises and then
turns is a complaint, appreciation the customer receives from someone else is not their praise, and "I luv you" is."""

from __future__ import annotations

import re

from draft_defects import drafts

from bot.praise_reading import praise_given

TURNED = ("Dear Harbour Gym,\n\nI joined you nine years ago and I have loved every minute of it. The classes were "
          "wonderful, the instructors were fantastic and I was grateful for how welcome you made a nervous beginner "
          "feel. I told everyone I knew to join.\n\nBut that has all changed since the new owners arrived. The pool "
          "has been closed for four months, the showers are filthy and the fee went up again in March. I am "
          "disappointed and I do not see why I should keep paying for a club that has let itself go like this.")


def test_a_letter_that_praises_and_then_turns_is_a_complaint(assistant):
    s = assistant.suggest(TURNED)
    assert s.reading.stance.name == "complaint"
    assert "What a lovely message" not in drafts(s) and "kind words" not in drafts(s)


def test_a_thank_you_that_tells_its_hard_time_first_is_still_thanks(assistant):
    text = ("Dear Harbour Gym,\n\nLast winter I was in a bad way after my operation and could barely walk to the car. "
            "Your physio, Ana, put together a programme for me, checked on me every week and never once made me feel "
            "slow. I am back to swimming three times a week. Thank you, Ana, and thank you to everyone at the desk who "
            "cheered me on. You are wonderful.")
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks" and not re.search(r"\bsorry\b", drafts(s), re.I)


def test_appreciation_from_someone_else_is_not_the_customers_praise(assistant):
    thanks, asks = assistant.composer.vocab.stance.thanks, assistant.composer.vocab.stance.polite_ask
    for rival in ("The insurer I've been seeing appreciates me and treats me like a valued person.",
                  "They never appreciated us, not once in eleven years."):
        assert praise_given(rival, thanks, asks) == []
    assert [m.group(0) for m in praise_given("We really appreciate you sorting the claim so quickly.", thanks, asks)] == [
        "appreciate"]


def test_a_love_note_spelt_luv_is_thanks(assistant):
    s = assistant.suggest("Dear Harbour Gym, I luv you. The new spin bikes are a dream and the Saturday class is the "
                          "highlight of my week. Never change.")
    assert s.reading.stance.name == "thanks" and not re.search(r"\bsorry\b|formal complaint", drafts(s), re.I)


def test_contact_denied_or_miles_logged_is_no_chase(assistant):
    chased = assistant.composer.vocab.stance.chased
    for told in ("In twelve years I have never called in to dispute a charge.", "Which is why I never called you back.",
                 "We had not contacted anyone before the storm.",
                 "Over the years you and I have logged nearly a million miles together."):
        assert not chased.search(told)
    for told in ("I have already called twice about this.", "We've logged three faults with your engineers."):
        assert chased.search(told)


def test_a_caller_who_never_got_through_is_not_asked_what_they_wrote(assistant):
    s = assistant.suggest("Does anyone at the tax office ever pick up the phone? 90 minutes on hold yesterday, "
                          "same again this morning.")
    assert s.reading.situation.name == "unreachable"
    assert "earlier message" not in drafts(s) and "write about" not in drafts(s) and "call back" in drafts(s)


def test_a_customer_who_wrote_is_still_answered_from_their_earlier_message(assistant):
    s = assistant.suggest("I have e-mailed your support team four times about my refund and nobody replies. Answer "
                          "your e-mails!")
    assert s.reading.situation.name == "unreachable" and "earlier message" in drafts(s)


def test_a_decision_named_as_the_companys_is_passed_on_not_investigated(assistant):
    s = assistant.suggest("As a customer of nine years I am writing to express my displeasure with the corporate "
                          "decisions behind pulling your adverts from the Morning Hour programme. I have moved my "
                          "savings to a bank that respects its customers' views.")
    assert s.reading.situation.name == "company_decision"
    assert "what went wrong" not in drafts(s) and "formal complaint" not in drafts(s)


def _cued(assistant, text: str) -> set[str]:
    """The situations whose cues the text matches."""
    return {k.name for k in assistant.composer.vocab.situations if k.cues.search(text)}


def test_what_the_customer_chose_not_to_open_is_no_fault(assistant):
    assert not _cued(assistant, "Ordinarily I would not open someone else's post.")
    assert "not_working" in _cued(assistant, "The boot would not open after the recall.")


def test_taking_someone_elses_name_off_the_list_is_unwanted_mail(assistant):
    for asked in ("I write only in the hope that you will stop wasting stamps by removing Gerald's name from your "
                  "mailing list.", "Please take my late mother's name off your mailing list."):
        assert "unwanted_marketing" in _cued(assistant, asked)


def test_a_schemes_rules_changed_for_everyone_is_a_company_decision(assistant):
    for text in ("@Boots advantage points cut in value again? First 4p, then 2p, now 1p. Some reward for loyalty.",
                 "Your new baggage policies are a disgrace. Twenty years flying with you and now I pay for a second bag "
                 "like everyone else."):
        s = assistant.suggest(text)
        assert s.reading.situation is not None and s.reading.situation.name == "company_decision", text
        assert "what went wrong" not in drafts(s)


def test_points_taken_from_their_own_account_are_not_a_decision(assistant):
    assert "company_decision" not in _cued(assistant, "You removed 10,000 points from my account without a word.")


def test_a_harm_imagined_after_especially_should_is_no_incident(assistant):
    s = assistant.suggest("I hope the drivers you insure are quicker on the uptake than your sales team. Especially "
                          "should one of them hit me.")
    assert s.reading.situation is None or s.reading.situation.name != "safety_incident"
    assert "Was anyone hurt" not in drafts(s)


def test_a_companys_handle_is_no_cue(assistant):
    # round 57: "@Chewy did the same for me when we lost our sweet boy" was read as food gone chewy
    s = assistant.suggest("@Chewy sent a sympathy card when our old cat died.")
    assert s.reading.situation is None or s.reading.situation.name != "quality"
    assert assistant.suggest("The steak was chewy and cold.").reading.situation.name == "quality"
