"""Composure: suggestions for difficult customer conversations, grounded in a playbook."""

__version__ = "0.1.0"

SIGNALS: tuple[str, ...] = (
    "complaint",
    "anger",
    "abusive",
    "threat_legal",
    "threat_safety",
    "churn_risk",
    "public_exposure",
    "refund_request",
    "bargaining",
    "sarcasm",
    "confusion",
    "urgency",
    "repeat_contact",
    "unreasonable_demand",
)
"""The contract's signal vocabulary, in the order the contract lists it."""

STANCES: tuple[str, ...] = ("thanks", "question", "request", "complaint", "threat", "abuse", "extortion")
"""What the customer is doing in a message (bot.reading reads one; the phrase banks and config name them)."""

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")

ROOT_CAUSES: tuple[str, ...] = (
    "delivery",
    "billing",
    "product_defect",
    "service_failure",
    "miscommunication",
    "expectations",
    "policy",
    "other",
)
