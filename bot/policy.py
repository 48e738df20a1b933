"""What an agent may offer, and a check that no text promises more.

The offline composer builds offers from here, and the same `promises_beyond_policy` check
guards anything a model writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.settings import BrandVoice, Policy
from bot.suggestion import Analysis


@dataclass(frozen=True)
class Offer:
    kind: str  # refund | replacement | store_credit | discount | fee_waiver | reship | review
    text: str  # a clause that completes "I can ..."


def money(policy: Policy, amount: float) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(policy.currency)
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{symbol}{shown}" if symbol else f"{shown} {policy.currency}"


SOFTWARE = re.compile(r"\b(app|website|site|login|log in|sign in|crash\w*|bug\w*|error|update|software|page|password|browser)\b", re.I)


def offers_for(analysis: Analysis, policy: Policy, subject: str = "your order", text: str = "",
               cause: str | None = None) -> list[Offer]:
    """Concrete options that fit the problem, all inside the configured limits."""
    software = bool(SOFTWARE.search(text))
    cause = cause or analysis.root_cause
    offers: list[Offer] = []
    wants_money = analysis.has("refund_request")
    if cause == "delivery":
        offers.append(Offer("reship", "chase the courier today and, if the parcel is lost, send a replacement at no cost"))
    if cause == "product_defect" and software:
        offers.append(Offer("fix", "have our technical team look at this today and send you a workaround in the meantime"))
    elif cause == "product_defect" and policy.replacement:
        offers.append(Offer("replacement", "send you a replacement right away"))
    if cause == "billing":
        offers.append(Offer("review", "check every charge on your account and reverse anything that should not be there"))
    if policy.refund and (wants_money or cause in {"delivery", "billing"} or (cause == "product_defect" and not software)):
        what = "any charge taken in error" if cause == "billing" else subject
        offers.append(Offer("refund", f"refund {what} within our {policy.refund_window_days}-day window if you would prefer your money back"))
    if policy.fee_waiver and cause in {"billing", "policy"}:
        offers.append(Offer("fee_waiver", f"waive the related fee (up to {money(policy, policy.max_fee_waiver)})"))
    if analysis.has("bargaining") and policy.max_discount_percent > 0:
        offers.append(Offer("discount", f"offer {policy.max_discount_percent:g}% off your next order or renewal"))
    if policy.store_credit and (analysis.has("repeat_contact", "churn_risk") or analysis.severity in {"high", "critical"}):
        offers.append(Offer("store_credit", f"add {money(policy, policy.max_store_credit)} in store credit for the trouble this has caused"))
    if not offers:
        offers.append(Offer("review", "look into this properly and come back to you with the options we have"))
    return offers[:3]


_PERCENT = re.compile(r"(\d{1,3}(?:\.\d+)?)\s?(?:%|percent)\s+(?:off|discount)", re.I)
_AMOUNT = re.compile(r"(?:[$€£]\s?(\d[\d,]*(?:\.\d{1,2})?))|(?:(\d[\d,]*(?:\.\d{1,2})?)\s?(?:usd|eur|gbp|dollars|euros|pounds))", re.I)
_OFFER_VERB = re.compile(r"\b(refund|credit|compensat|reimburs|give you|offer|waive)", re.I)
_FOREVER = re.compile(r"\b(?:free|no charge|for nothing|complimentary)\b[^.!?]{0,40}\b(?:for life|forever|permanently|"
                      r"indefinitely|for ever|lifetime)\b|\blifetime\s+(?:free|discount|subscription)", re.I)
_FULL_REFUND = re.compile(r"\b(full|100\s?%|complete)\s+refund\b", re.I)


def promises_beyond_policy(text: str, policy: Policy, voice: BrandVoice | None = None) -> list[str]:
    """Each problem found: a discount or amount above the limits, a forbidden promise or phrase."""
    problems: list[str] = []
    lowered = text.lower()
    for match in _PERCENT.finditer(text):
        if float(match.group(1)) > policy.max_discount_percent:
            problems.append(f"offers {match.group(0)!r}, above the {policy.max_discount_percent:g}% discount limit")
    limit = max(policy.max_refund_without_approval, policy.max_store_credit, policy.max_fee_waiver)
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not _OFFER_VERB.search(sentence):
            continue
        for match in _AMOUNT.finditer(sentence):
            amount = float((match.group(1) or match.group(2)).replace(",", ""))
            if amount > limit:
                problems.append(f"offers {match.group(0).strip()!r}, above the limit of {money(policy, limit)}")
    if not policy.refund and re.search(r"\brefund\b", lowered) and _OFFER_VERB.search(lowered):
        problems.append("offers a refund, which the policy does not allow")
    if _FOREVER.search(text):
        problems.append("offers something free for ever, which no policy allows")
    if _FULL_REFUND.search(text) and not policy.refund:
        problems.append("promises a full refund")
    for phrase in policy.forbidden_promises:
        if phrase.lower() in lowered:
            problems.append(f"contains the forbidden promise {phrase!r}")
    for phrase in voice.avoid_phrases if voice else ():
        if phrase in lowered:
            problems.append(f"contains the phrase {phrase!r}, which the brand voice avoids")
    return problems
