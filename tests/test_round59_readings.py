"""Readings fixed after review round 59 (cars, parking and roadside help; games, platforms and dating apps), each worded
apart from the message it was found on: thanks for not doing something bad is sincere, a refund said not to be asked
for is not asked for, a hat taken off to someone is praise, and a formal complaint to us is no legal threat (round 60)."""

from __future__ import annotations

import re

from draft_defects import drafts


def test_thanks_for_not_doing_something_bad_is_sincere(assistant):
    s = assistant.suggest("Dear Harbour Motors, thank you for not rushing us and for not trying to upsell us on extras. "
                          "Jade explained every option and we drove away very happy.")
    assert "sarcasm" not in s.analysis.signal_names and s.reading.stance.name == "thanks"
    assert not re.search(r"\bsorry\b", drafts(s), re.I)
    late = assistant.suggest("Thanks @QuickFix for not showing up again, that's the third morning I've taken off work")
    assert "sarcasm" in late.analysis.signal_names and late.reading.stance.name != "thanks"


def test_a_refund_said_not_to_be_asked_for_is_not_offered(assistant):
    text = ("To the manager of the Elm Street car park: on Friday my van was clamped while I unloaded a wheelchair for my "
            "mother. This letter is not a request for a refund of the release fee; I want you to see how it felt to be "
            "shouted at in front of her.")
    s = assistant.suggest(text)
    assert "refund_request" not in s.analysis.signal_names
    assert not any(w.name == "refund" for w in s.reading.wants)
    assert not re.search(r"refund request|look into your refund", drafts(s), re.I)


def test_a_hat_taken_off_to_someone_is_praise(assistant):
    s = assistant.suggest("My hat is off to Priya at your Leeds depot, who stayed past closing time to get my van back on the "
                          "road before the weekend.")
    assert s.reading.stance.name == "thanks" and not re.search(r"\bsorry\b", drafts(s), re.I)


def test_ever_again_is_leaving_not_contacting_us_again(assistant):
    # false repeat contacts were what the retrained models lost on; "ever ... again" was seven of them on the letter labels
    for text in ("After the way your Leeds branch treated my mother, I won't be setting foot in your shop ever again.",
                 "Don't expect to see our family at your cinema ever again."):
        s = assistant.suggest(text)
        assert "repeat_contact" not in s.analysis.signal_names and "churn_risk" in s.analysis.signal_names, text
    assert "repeat_contact" in assistant.suggest("I've emailed you again and still nothing, this is the fourth time.").analysis.signal_names


def test_thanks_for_a_fault_that_was_fixed_is_thanks(assistant):
    # a labelled thank-you ("there was some error along the way ... but it was fixed quickly. Thanks, Jason") was
    # answered as a software fault
    s = assistant.suggest("The checkout threw an error twice when I tried to pay for the tickets, but it was fixed "
                          "promptly once I rang. Thanks, Amira, you were brilliant.")
    assert s.reading.stance.name == "thanks" and not re.search(r"\bsorry\b", drafts(s), re.I)


def test_a_formal_complaint_to_us_is_not_a_legal_threat(assistant):
    # round 60: "I would like to make a formal complaint about the service I have received" was sent to legal; the guide
    # counts a formal complaint as legal only when it goes to an outside body
    ours = assistant.suggest("I would like to make a formal complaint about the way my repeat prescription was handled at "
                             "your Kings Road branch. It was three days late and nobody could tell me why.")
    assert "threat_legal" not in ours.analysis.signal_names and ours.analysis.escalate.to != "legal"
    outside = assistant.suggest("If this is not refunded by Friday I will file a formal complaint with the ombudsman.")
    assert "threat_legal" in outside.analysis.signal_names
