"""A fault is replaced free only while the warranty covers it; damage in transit is replaced outright. A round-15
reviewer marked "I can also send you a replacement at no cost" for an out-of-warranty phone as a promise beyond
what the agent may make. Goodwill never names a sum in a currency the customer does not use."""

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


LATE_AGAIN = ("This is the third time my order has been late and I've been charged {amount} for delivery I never got. "
              "Sort it out or I'm leaving for good.")


def test_goodwill_is_never_a_sum_in_a_currency_the_customer_does_not_use(assistant):
    # round 16: "$50 of credit" offered to a customer in the UK; the policy's limits are in USD
    s = assistant.suggest(LATE_AGAIN.format(amount="£45.99"))
    drafts = " ".join(r.text for r in s.replies)
    assert "$" not in drafts and "credit" not in drafts
    assert any("another currency (£45.99)" in note and "USD" in note for note in s.notes)


def test_goodwill_nobody_asked_for_is_the_agents_call(assistant):
    """Every reviewed draft that offered credit unasked (rounds 18-35) was judged unsendable: the drafts offer none,
    and the agent is told one is within policy."""
    s = assistant.suggest(LATE_AGAIN.format(amount="$45.99"))
    assert "credit" not in " ".join(r.text for r in s.replies)
    assert any("$50 of credit is within policy" in note for note in s.notes)
    assert not any("another currency" in note for note in s.notes)


def test_goodwill_asked_for_is_offered(assistant):
    s = assistant.suggest("My order #5521 was three weeks late and I'd like some compensation for the trouble.")
    assert "$50 of credit" in " ".join(r.text for r in s.replies)
