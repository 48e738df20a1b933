"""A check that no text promises more than the policy allows, offer by offer.

Each amount, percentage or free period in a sentence that offers something is compared with
the limit for its own kind (a refund with the refund limit, store credit with the store-credit
cap, a discount with the discount cap...), whether written "$55", "55 dollars" or "fifty-five
dollars". The offline composer's drafts and everything a model writes go through the same check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.settings import BrandVoice, Policy
from bot.uncapped_offers import uncapped_offers

_UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                                      "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_SCALES = {"hundred": 100, "thousand": 1000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, "a", "an", "and"], key=len, reverse=True))
_WORDS = rf"(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD}))*)"
_NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?|{_WORDS})"
_MONEY = re.compile(rf"(?:[$€£]\s?(?P<a>{_NUMBER}))|(?:\b(?P<b>{_NUMBER})\s?(?:[$€£](?!\s?\d)|(?:usd|eur|gbp|dollars?|euros?|pounds?|bucks|"
                    rf"zł|pln|chf|kr|sek|nok|dkk|cad|aud|yen|jpy|inr|rupees?)\b|[円¥₹₩元₺]))", re.I)
_PERCENT = re.compile(rf"\b(?P<p>{_NUMBER})\s?(?:%|per\s?cent\b)", re.I)
_ONE = r"(?:next|whole|entire|full|rest of the)"  # a free period of one whole unit, said without a number
_FREE = r"(?:free|on us|complimentary|on the house|at no (?:cost|charge)|won't (?:pay|be charged) (?:a (?:penny|cent|thing)|anything))"
# A free period in its common wordings, each alternative naming its number nK and its unit unitK:
# "a full year of free", "3 months free", "free shipping for twelve months", "free 2 months", "two free months".
_FREE_TIME = re.compile(rf"\b(?P<n4>{_NUMBER})\s+(?:full\s+)?(?P<unit4>months?|years?|weeks?)\s+of\s+(?:free|complimentary)\b"
                        rf"|\b(?P<n>{_NUMBER})\s+(?:free\s+)?(?P<unit>months?|years?|weeks?)\b(?=[^.!?]{{0,25}}\b(?:free|on us|at no (?:cost|charge)|without charge|on the house|complimentary)\b)"
                        rf"|\bfree\s+(?:[\w-]+\s+){{0,2}}for\s+(?:a\s+(?:whole|full)\s+)?(?P<n5>{_NUMBER})\s+(?P<unit5>months?|years?|weeks?)\b"
                        rf"|\bfree\s+(?:for\s+)?(?P<n2>{_NUMBER})\s+(?P<unit2>months?|years?|weeks?)\b"
                        rf"|\b(?P<n3>{_NUMBER})\s+free\s+(?P<unit3>months?|years?|weeks?)\b"
                        # one whole unit with no number: "your next year of membership is on us", "free for the rest of the year"
                        rf"|\b(?P<n6>{_ONE})\s+(?:[\w-]+\s+)?(?P<unit6>year|month|week)\b(?=[^.!?]{{0,40}}\b{_FREE})"
                        rf"|\b{_FREE}\b[^.!?]{{0,50}}\bfor\s+(?:the|your|a|an)\s+(?P<n7>{_ONE})\s+(?P<unit7>year|month|week)\b", re.I)
_FREE_TIME_GROUPS = (("n", "unit"), ("n2", "unit2"), ("n3", "unit3"), ("n4", "unit4"), ("n5", "unit5"), ("n6", "unit6"), ("n7", "unit7"))
_FRACTION_OFF = re.compile(r"\b(?P<f>half|a third|a quarter|a fifth)\s+(?:off|price)\b", re.I)
_FRACTIONS = {"half": 50, "a third": 33.3, "a quarter": 25, "a fifth": 20}
# An offer commits the writer: "I can", "we'll", "you'll get", "you're entitled to", "here's"... A sentence
# that only mentions an amount ("I'm sorry about the refund of $450 that hasn't reached you") offers nothing.
_COMMIT = re.compile(r"\b(?:i|we)\s*(?:'ll|'d|'ve|will|can|could|would|shall|have|am going to|are going to|want to|would like to|are happy to)\b"
                     r"|\byou(?:'ll|\s+will|\s+can|\s+could|\s+would|'d)?\s+(?:get|receive|have|enjoy|be (?:given|credited|refunded|sent|paid|reimbursed|compensated))\b"
                     r"|\b(?:i'm|we're|i am|we are)\s+(?:\w+ing)\b|\byou(?:'ve|\s+have)\s+been\s+(?:given|granted|credited|awarded|offered)\b"
                     r"|\byou(?:'re|\s+are)\s+(?:owed|entitled|getting|due)\b|\byou\s+(?:won't|will not)\s+(?:pay|be charged)\b|\bhere(?:'s|\s+is)\b|\blet me\b|^\W*(?:enjoy|take|get|have|apply|add|give|grant|offer|issue|credit|refund|waive)\b"
                     r"|\bon us\b|\bis yours\b|\b(?:recevrez|recevra|offrons|rembourserons|recibir\w*|ofrecemos|devolveremos|erhalten|"
                     r"bekommen|erstatten|ricever\w*|rimborseremo|otrzyma\w*|ontvangt|krijgt|receber\w*)\b", re.I)
_MONTHS = {"week": 0.25, "month": 1, "year": 12}
_OFFER = re.compile(r"\b(?:refund|credit|compensat|reimburs|give|giving|offer|waiv|add|added|apply|applied|grant|"
                    r"voucher|gift|discount|off|free|on us|take|knock|owe|owed|owing|entitled|pay|payment|send|receive|get|goodwill|"
                    r"rembours|reembols|erstatt|gutschrift|gutschein|rimbors|terugbetal|zwrot|bon d|avoir|vale|buono|tegoed|"
                    r"recevr|recibir|erhalt|ricever|otrzyma|ontvang|gratuit|gratis|kostenlos|darmow)", re.I)
# The words that say which kind of offer an amount belongs to; the nearest one decides.
KINDS = {
    "store_credit": re.compile(r"\b(?:store credit|account credit|credit|voucher|gift (?:card|certificate)|goodwill|"
                               r"bon d'achat|avoir|gutschrift|gutschein|vale|buono|tegoed|bon)", re.I),
    "fee_waiver": re.compile(r"\b(?:waiv\w*|fees?)\b", re.I),
    "discount": re.compile(r"\b(?:discount|off|réduction|remise|descuento|rabatt|sconto|korting|zniżk\w*)\b", re.I),
    "refund": re.compile(r"\b(?:refund\w*|reimburs\w*|money back|pay you back|compensat\w*|payment|rembours\w*|reembols\w*|"
                         r"(?:rück)?erstattung|rimbors\w*|terugbetal\w*|zwrot\w*|indemni\w*|entschädigung)", re.I),
}
_FOREVER = re.compile(r"(?<!feel )\b(?:free(?! to\b)|no charge|for nothing|complimentary|waiv\w*|gratuit\w*|gratis|kostenlos|darmow\w*|grátis)\b[^.!?]{0,40}"
                      r"(?:\b(?:for life|forever|permanently|indefinitely|for ever|for good|lifetime|(?:any ?time|every ?time|whenever) you (?:visit|come|stay|order|fly|book)|pour toujours|à vie|para siempre|"
                      r"de por vida|für immer|lebenslang|per sempre|a vita|na zawsze|voor altijd|para sempre)\b)"
                      r"|\blifetime\s+(?:free|discount|subscription)", re.I)
# "I'll ask my team lead to review a refund of the full $340": above the limit, and handled as it should be.
_FOR_APPROVAL = re.compile(r"\b(?:review|approv\w*|authori[sz]\w*|sign[- ]off|ask (?:my|the|a|our) (?:team )?(?:lead|manager|supervisor))\b", re.I)
_FULL_REFUND = re.compile(r"\b(full|100\s?%|complete)\s+refund\b", re.I)
# Money on top of a refund in full, or "for the trouble", is a goodwill gesture, not a refund: the goodwill
# (store-credit) limit applies ("a full refund plus $100 for the trouble").
_GOODWILL_BEFORE = re.compile(r"\b(?:in full|full (?:refund|amount|price)|refund(?:ed)? everything)\b[^.!?]{0,20}"
                              r"\b(?:plus|on top|as well as|in addition|and (?:an? )?(?:extra|additional))\b[^.!?]{0,15}$", re.I)
_GOODWILL_AFTER = re.compile(r"^\s*(?:[\w-]+\s+){0,3}?for (?:the|your|all the) (?:trouble|inconvenience|hassle|wait|delay|"
                             r"disappointment|stress|upset)\b", re.I)


@dataclass(frozen=True)
class Offer:
    kind: str      # refund | store_credit | discount | fee_waiver | free_period
    value: float   # money, percent or months
    words: str     # as written


# what an amount the customer wrote is in; "$" stands for any dollar (a Canadian's "$40" is not foreign to a CAD policy)
_CURRENCY_OF = (("£", {"GBP"}), ("€", {"EUR"}), ("$", {"USD", "CAD", "AUD", "NZD"}),
                ("gbp", {"GBP"}), ("pound", {"GBP"}), ("eur", {"EUR"}), ("usd", {"USD"}), ("cad", {"CAD"}),
                ("aud", {"AUD"}), ("dollar", {"USD", "CAD", "AUD", "NZD"}), ("buck", {"USD", "CAD", "AUD", "NZD"}))


def foreign_amount(policy: Policy, amounts: list[str]) -> str:
    """The first amount written in a currency other than the policy's ("£40" to a USD policy), or "": our limits
    are in our currency, so a sum in it means nothing to that customer and the limits do not apply to theirs."""
    for amount in amounts:
        low = amount.lower()
        currencies = next((c for mark, c in _CURRENCY_OF if mark in low), None)
        if currencies is not None and policy.currency not in currencies:
            return amount
    return ""


def money(policy: Policy, amount: float) -> str:
    symbol = {"USD": "$", "EUR": "€", "GBP": "£"}.get(policy.currency)
    shown = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    return f"{symbol}{shown}" if symbol else f"{shown} {policy.currency}"


def number(text: str) -> float | None:
    """'55', '1,250.50', 'fifty-five', 'a hundred and twenty' -> a number; None if it is not one."""
    text = text.strip().lower()
    if text[:1].isdigit():
        try:
            return float(text.replace(",", ""))
        except ValueError:
            return None
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text):
        if word in ("a", "an"):
            current = max(current, 1)
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _TENS:
            current += _TENS[word]
            seen = True
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            seen = True
            if word == "thousand":
                total, current = total + current, 0
    return float(total + current) if seen or current else None


def _kind_near(sentence: str, start: int, end: int) -> str | None:
    best = None
    for kind, pattern in KINDS.items():
        for m in pattern.finditer(sentence):
            distance = max(m.start() - end, start - m.end(), 0)
            if best is None or distance < best[0]:
                best = (distance, kind)
    return best[1] if best else None


def _offer_sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def offers_in(text: str) -> list[Offer]:
    """Every amount, percentage or free period that a sentence offers, with its kind."""
    found: list[Offer] = []
    for sentence in _offer_sentences(text):
        if not (_OFFER.search(sentence) and _COMMIT.search(sentence)):
            continue
        for m in _FRACTION_OFF.finditer(sentence):
            found.append(Offer("discount", _FRACTIONS[m.group("f").lower()], m.group(0)))
        taken: list[tuple[int, int]] = []
        for m in _FREE_TIME.finditer(sentence):
            n, unit = next((m.group(k), m.group(u)) for k, u in _FREE_TIME_GROUPS if m.group(k))
            value = 1.0 if re.fullmatch(_ONE, n, re.I) else number(n)
            if value is not None:
                found.append(Offer("free_period", value * _MONTHS[unit.lower().rstrip("s")], m.group(0)))
                taken.append(m.span())
        for m in _PERCENT.finditer(sentence):
            value = number(m.group("p"))
            if value is not None and not any(a <= m.start() < b for a, b in taken):
                found.append(Offer("discount", value, m.group(0)))
        for m in _MONEY.finditer(sentence):
            value = number(m.group("a") or m.group("b"))
            kind = _kind_near(sentence, m.start(), m.end())
            if kind == "refund" and (_GOODWILL_BEFORE.search(sentence[:m.start()]) or _GOODWILL_AFTER.search(sentence[m.end():])):
                kind = "store_credit"
            if value is not None and kind and kind != "discount":
                found.append(Offer(kind, value, m.group(0).strip()))
            elif value is not None and kind == "discount":
                found.append(Offer("store_credit", value, m.group(0).strip()))  # "$20 off": money off is credit
    return found


def _limit(kind: str, policy: Policy) -> tuple[float, str]:
    return {
        "refund": (policy.max_refund_without_approval if policy.refund else 0, "refund without a lead's approval"),
        "store_credit": (policy.max_store_credit if policy.store_credit else 0, "store credit"),
        "discount": (policy.max_discount_percent, "discount"),
        "fee_waiver": (policy.max_fee_waiver if policy.fee_waiver else 0, "fee waiver"),
        "free_period": (policy.max_free_months, "free period"),
    }[kind]


def _shown(kind: str, value: float, policy: Policy) -> str:
    if kind == "discount":
        return f"{value:g}%"
    if kind == "free_period":
        return f"{value:g} month{'s' if value != 1 else ''}"
    return money(policy, value)


def promises_beyond_policy(text: str, policy: Policy, voice: BrandVoice | None = None) -> list[str]:
    """Each problem found: an offer above its own kind's limit, a forbidden promise or phrase."""
    problems: list[str] = []
    uncapped: list[str] = []  # said after the offers over a limit, as before
    lowered = text.lower()
    for sentence in _offer_sentences(text):
        for_approval = bool(_FOR_APPROVAL.search(sentence))  # "I'll ask my team lead to review a refund of the full $340"
        for offer in offers_in(sentence):
            limit, name = _limit(offer.kind, policy)
            if offer.value > limit and not (offer.kind == "refund" and for_approval):
                problems.append(f"offers {offer.words!r} as {offer.kind.replace('_', ' ')}, above the {name} limit of "
                                f"{_shown(offer.kind, limit, policy)}")
        if not for_approval:
            uncapped += uncapped_offers(sentence, bool(_COMMIT.search(sentence)))
    problems += uncapped
    if not policy.refund and re.search(r"\brefund\b", lowered) and _OFFER.search(lowered):
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
