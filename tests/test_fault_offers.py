"""A fault is replaced free only while the warranty covers it; damage in transit is replaced outright. A round-15
reviewer marked "I can also send you a replacement at no cost" for an out-of-warranty phone as a promise beyond
what the agent may make."""

from __future__ import annotations


def _drafts(assistant, text):
    return " ".join(r.text for r in assistant.suggest(text).replies)


def test_a_device_fault_is_replaced_only_under_warranty(assistant):
    drafts = _drafts(assistant, "My phone stopped working after a year, it won't charge at all and I need it for work")
    assert "replacement at no cost if it's still covered by the warranty" in drafts
    assert "replacement at no cost." not in drafts and "replacement at no cost," not in drafts


def test_damage_in_transit_is_replaced_outright(assistant):
    drafts = _drafts(assistant, "My order #A5521 arrived damaged, the glass is cracked. I want a replacement.")
    assert "send you a replacement at no cost" in drafts and "warranty" not in drafts
