"""A chargeback is the bank or payment service asked to take the money back, in one breath: the case reported to
PayPal is one (a real letter, web-f-16); paying through PayPal early in a letter and wanting the money back at its
end is not (round 36: a one-hour subscription refund was sent to formal disputes for it)."""

from __future__ import annotations

from pathlib import Path

from bot.analysis import analyze
from bot.plaintext import prepare
from bot.rules import load_rules

REPO = Path(__file__).resolve().parent.parent
RULES = load_rules(REPO / "config" / "analysis.toml")


def _signals(text: str) -> set[str]:
    return set(analyze(prepare(text), RULES, model=None).signal_names)


def test_a_case_reported_to_a_payment_service_is_a_chargeback():
    assert "threat_legal" in _signals("ok.. i already reported the case to PayPal to get the refund .. it looks your "
                                      "app is fraud i paid for a life time license")
    assert "threat_legal" in _signals("I have disputed the charge with my bank and PayPal will reverse the payment.")


def test_paying_by_paypal_and_wanting_the_money_back_later_is_no_chargeback():
    text = ("I signed up for the monthly plan this morning and paid with PayPal. An hour later I found the feature I "
            "needed is not included, so I cancelled straight away. I would like my money back please.")
    assert "threat_legal" not in _signals(text)
