"""Escalation guidance for leads: whether, to whom, what to document, hand-off, letting go."""

from __future__ import annotations

import pytest

from bot.errors import BadInput
from bot.escalation import Situation


def test_legal_threat_goes_to_legal(assistant):
    g = assistant.escalate("The customer says she has contacted her lawyer and will sue us over the damaged sofa.")
    assert g.escalate and g.to == "legal"
    assert g.contact == assistant.settings.contacts.legal_contact
    assert any("legal threat" in line for line in g.document)
    assert "escalation.legal" in g.sources


def test_safety_threat_goes_to_security_as_critical(assistant):
    g = assistant.escalate("Caller threatened to hurt the agent and said he knows where our office is.")
    assert g.to == "security" and g.severity == "critical"
    assert "emergency" in g.tell_customer


def test_abuse_described_by_a_lead_goes_to_a_lead(assistant):
    g = assistant.escalate(Situation(customer="Dan Reyes", what_happened="He swore at the agent and insulted her on the phone.",
                                     wants="A free upgrade", history="First contact"))
    assert g.to == "lead" and g.escalate
    assert "Dan Reyes" in g.handoff_note and "A free upgrade" in g.handoff_note
    assert assistant.settings.contacts.lead_channel in g.contact
    assert any("verbatim" in line for line in g.document)
    assert g.letting_go is None  # one incident is not a reason to end a relationship


def test_simple_question_needs_no_escalation(assistant):
    g = assistant.escalate("Customer asked how to change the delivery address on an order.")
    assert not g.escalate and g.to == "none"
    assert g.tell_customer and g.handoff_note


@pytest.mark.parametrize("text, reason", [
    ("This customer has repeatedly sworn at our staff and insulted agents again this week.", "repeated abuse of staff"),
    ("Account has unpaid invoices for months; payments failed again and again.", "chronic non-payment"),
    ("They keep violating our terms: reselling accounts again after three warnings.", "repeated policy violations"),
    ("Honestly it's a fundamental mismatch: they need on-site support we don't offer, nothing we do works for them.",
     "a fundamental mismatch"),
])
def test_letting_go_path(assistant, text, reason):
    g = assistant.escalate(Situation(customer="Northwind Ltd", what_happened=text))
    assert g.letting_go is not None
    assert any(reason in r for r in g.letting_go.reasons)
    lg = g.letting_go
    assert len(lg.checklist) >= 4 and len(lg.alternatives) >= 3 and lg.document
    assert "Northwind Ltd" in lg.closing_message
    assert "Thank you" in lg.closing_message  # appreciation
    assert "because of" in lg.closing_message  # clear reasons
    assert "writing" in lg.closing_message  # written follow-up
    assert "letting-go.communicate" in g.sources


def test_empty_situation_is_refused(assistant):
    with pytest.raises(BadInput, match="describe the situation"):
        assistant.escalate("   ")
