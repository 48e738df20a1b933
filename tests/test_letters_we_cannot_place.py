"""A long complaint letter whose problem the reading cannot place has no remedy to offer and no question
worth asking (it has told its story): the three drafts used to do the same thing ("I'll look into what went
wrong"). Now the concise one looks into it, the empathetic one offers a call, and the formal one records a
formal complaint answered in writing, or hands it over when the case is escalated."""

from __future__ import annotations

import pytest
from draft_defects import real_messages

from bot.approaches import Available, assign

STYLES = ("empathetic", "concise", "formal")


def _drafts(assistant, text, tone=None):
    return {r.style: r.text for r in assistant.suggest(text, tone=tone).replies}


def test_a_letter_we_cannot_place_is_looked_into_talked_through_and_recorded():
    chosen = assign(STYLES, Available(offers=1, alternatives=False, question=False, handover=False, call=True, record=True))
    assert chosen == {"concise": "act", "empathetic": "call", "formal": "record"}
    escalated = assign(STYLES, Available(offers=1, alternatives=False, question=False, handover=True, call=True))
    assert escalated == {"concise": "act", "empathetic": "call", "formal": "handover"}
    plain = assign(STYLES, Available(offers=1, alternatives=False, question=False, handover=False))
    assert plain == {"concise": "act", "empathetic": "act", "formal": "act"}  # nothing else to do: as before


def test_a_real_complaint_letter_gets_three_different_moves(assistant):
    text = real_messages("real_messages_9.jsonl")["web-j-29"]  # a Dell laptop that never did what the salesperson promised
    s = assistant.suggest(text)
    assert s.reading.detailed and not s.reading.understood and s.reading.stance.name == "complaint"
    drafts = {r.style: r.text for r in s.replies}
    assert "look into what went wrong" in drafts["concise"]
    assert "I'll call you then" in drafts["empathetic"] and "[" not in drafts["empathetic"]  # no slot left to fill
    assert "formal complaint" in drafts["formal"] and "in writing" in drafts["formal"]
    assert "formal complaint" not in drafts["concise"] + drafts["empathetic"]
    assert "call you" not in drafts["concise"] + drafts["formal"]


def test_the_call_is_the_next_contact_and_an_escalated_letter_is_handed_over(assistant):
    # a year of magazines sent after the subscription ended, the sixth "last chance": escalated, not urgent
    text = real_messages("real_messages.jsonl")["web-a-15"]
    s = assistant.suggest(text)
    drafts = {r.style: r.text for r in s.replies}
    assert s.analysis.escalate.recommended
    assert "I'll call you then" in drafts["empathetic"]
    # no written update by a time as well as the call (the Dell letter, read as urgent, keeps its "within the hour")
    assert "I'll update you" not in drafts["empathetic"] and "I'll come back to you" not in drafts["empathetic"]
    assert "I've passed your case to" in drafts["formal"] and "formal complaint" not in drafts["formal"]


@pytest.mark.parametrize("name, message_id", [
    ("real_messages_10.jsonl", "web-k-22"),  # "I just wanted to thank you for doing such a great job fixing our plumbing"
])
def test_a_thank_you_letter_the_cues_took_for_a_complaint_is_never_recorded_as_one(assistant, name, message_id):
    s = assistant.suggest(real_messages(name)[message_id])
    drafts = {r.style: r.text for r in s.replies}
    assert "formal complaint" not in drafts["formal"] and "call you" not in drafts["empathetic"]


def test_a_shorter_tone_keeps_the_plain_moves(assistant):
    drafts = _drafts(assistant, real_messages("real_messages_9.jsonl")["web-j-29"], tone="shorter")
    assert not any("formal complaint" in d or "call you then" in d for d in drafts.values())


def test_packages_the_carrier_lost_are_parcels_not_reaching_the_customer(assistant):
    """web-d-01, a real letter to the USPS: "you have lost packages that were intended to be Christmas gifts"."""
    case = assistant.suggest("On two occasions since Thanksgiving you have lost packages that were intended to be "
                             "Christmas gifts.").reading
    assert case.situation.name == "not_arrived"
    assert assistant.suggest("I lost my tracking number, can you help").reading.situation is None
