"""What a draft may offer: the remedies for the situation and the customer's want, gated by
the policy and by the stance.

Offers follow the situation, not keywords (a lost suitcase gets a baggage trace, not a
courier chase); they are made only when the situation or the want is understood; goodwill
extras never go to abuse, threats, chargebacks, review extortion or praise; and no refund
is offered beside a chargeback already filed, because the money would go back twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.policy import foreign_amount, money
from bot.reading import TOLD_WANT, CaseReading
from bot.settings import Settings
from bot.situations import CaseVocabulary, Remedy
from bot.suggestion import Analysis

NO_GOODWILL_STANCES = {"abuse", "threat", "extortion", "thanks"}
NO_GOODWILL_SIGNALS = {"abusive", "threat_legal", "threat_safety", "public_exposure"}


@dataclass(frozen=True)
class Offer:
    kind: str    # the remedy id in config/situations.toml
    text: str    # completes "I can ..."
    source: str  # playbook section
    after_answer: bool = False  # waits for the customer's answer: no time is promised for it


@dataclass(frozen=True)
class OfferPlan:
    offers: tuple[Offer, ...]
    withheld: tuple[str, ...]  # why something was not offered, for the agent


def _allowed_by_policy(remedy: Remedy, settings: Settings) -> bool:
    policy = settings.policy
    return {
        "": True,
        "refund": policy.refund,
        "replacement": policy.replacement,
        "store_credit": policy.store_credit and policy.max_store_credit > 0,
        "discount": policy.max_discount_percent > 0,
        "fee_waiver": policy.fee_waiver and policy.max_fee_waiver > 0,
    }[remedy.policy]


def _value(amount: str) -> float:
    digits = re.sub(r"[^\d.]", "", amount.replace(",", ""))
    try:
        return float(digits)
    except ValueError:
        return 0.0


def over_refund_limit(case: CaseReading, settings: Settings) -> bool:
    amount = case.amount()
    return bool(amount) and _value(amount) > settings.policy.max_refund_without_approval


def fill_remedy(remedy: Remedy, case: CaseReading, settings: Settings) -> str:
    """The remedy's text with its slots filled; an amount above the refund limit is not promised."""
    policy = settings.policy
    amount = "" if remedy.policy == "refund" and over_refund_limit(case, settings) else case.amount()
    return remedy.text.format(
        object=case.object or "your request", of_amount=f" of {amount}" if amount else "",
        refund_window=policy.refund_window_days, store_credit=money(policy, policy.max_store_credit),
        fee_waiver=money(policy, policy.max_fee_waiver), discount=f"{policy.max_discount_percent:g}%",
        lead=settings.contacts.lead_label, charge=case.charge or "the charge you mention")


def _kinds(remedy: Remedy) -> set[str]:
    """What a remedy gives: its policy gates, or, for one no policy gates (cancelling, passing a suggestion on),
    the remedy itself: "$60 cancellation fee! ... went to cancel" is answered with the cancellation first."""
    return remedy.gates or {remedy.name}


def plan_offers(case: CaseReading, analysis: Analysis, vocab: CaseVocabulary, settings: Settings,
                limit: int = 3) -> OfferPlan:
    if case.stance.name == "thanks" or case.self_harm:
        return OfferPlan((), ())
    names: list[str] = list(case.situation.remedies) if case.understood else []
    if young_letter(case, vocab) and case.understood:
        names = ["share_child_letter"]  # a child's idea goes to the people who design things, however it is read
    covered = {vocab.remedies[n].source for n in names}
    gates = set().union(*(_kinds(vocab.remedies[n]) for n in names))
    choose = case.understood and case.situation.choose
    asked: list[str] = []
    for want in case.wants:
        spec = next((w for w in vocab.wants if w.name == want.name), None)
        if want.confidence <= TOLD_WANT and not (spec is not None and spec.told):
            continue  # told in a letter's story, not asked for: "can't spend the money on a replacement" (round 41)
        # a want the situation's own remedy already answers (a refund owed for a double charge) is not met a
        # second time with a weaker one (a check against the 30-day refund policy)
        remedy = spec.remedy_for(case.situation.name if case.situation else None) if spec is not None else ""
        if remedy and (remedy != spec.remedy or vocab.remedies[remedy].source not in covered):
            # what they asked for, of a kind the situation's remedies don't give, comes first: "I want a refund
            # now ... the app does not work" is not answered with troubleshooting first (round 23)
            # (one no policy gates, a call back, does not split the alternatives a situation lets them choose between)
            new = _kinds(vocab.remedies[remedy]) - gates and (vocab.remedies[remedy].gates or not choose)
            (asked if new else names).append(remedy)
    # ... the first such ask only, and not where the situation is itself what they asked for (a cancellation)
    names = asked[:1] + names + asked[1:] if not (case.understood and case.situation.request) else names + asked
    signals = set(analysis.signal_names)
    # Credit makes up for a failure the customer describes: a situation read with their own thing named
    # ("my order", not "the signal") or a reference or amount quoted, not one guessed from a phrase
    # ("still waiting for you to call it…") or from an opinion ("your service is disgusting").
    concrete = case.understood and ((case.topic is not None and case.topic.confidence >= 0.9) or bool(case.facts))
    earned = concrete and ("churn_risk" in signals or analysis.severity in {"high", "critical"})
    if case.wants_("cancel") or (case.understood and not case.situation.goodwill) or case.declines_credit:
        earned = False  # credit is no help to someone leaving, or to someone who says they don't want it
    # a charge they quote beside what the situation is about ("charged $134 ... also I'm trying to cancel"): no
    # remedy of the situation's looks at money, so the drafts say they will check it too (round 32: the $19 skipped)
    if case.charge and case.understood and "explain_charge" in vocab.remedies and not any(
            vocab.remedies[n].source == vocab.remedies["explain_charge"].source for n in names):
        names.append("explain_charge")
    # a discount answers a customer who asks for one (the `discount` want), not every message the bargaining signal
    # reads: "less discount ($2,024) 25%" in a shop's monthly figures got "15% off your next order" (round 19)
    no_goodwill = case.stance.name in NO_GOODWILL_STANCES or bool(signals & NO_GOODWILL_SIGNALS) or case.chargeback_filed
    foreign = foreign_amount(settings.policy, [f.text for f in case.facts if f.kind == "amount"] + list(case.amounts_seen))
    withheld: list[str] = []
    offers: list[Offer] = []
    for name in dict.fromkeys(names):
        remedy = vocab.remedies[name]
        if remedy.goodwill and case.declines_credit:
            withheld.append(f"no goodwill extra ({name.replace('_', ' ')}) is suggested: the customer says they don't "
                            "want credit")
            continue
        if remedy.goodwill and no_goodwill:
            if case.wants_("compensation") or earned:
                withheld.append(f"no goodwill extra ({name.replace('_', ' ')}) is suggested: the message "
                                f"{_why_no_goodwill(case, signals)}")
            continue
        if remedy.policy in _SUMS_IN_OUR_CURRENCY and foreign:
            withheld.append(f"no {name.replace('_', ' ')} is suggested: the customer writes in another currency "
                            f"({foreign}) and the policy's limits are in {settings.policy.currency}; agree a sum in their "
                            f"currency with {settings.contacts.lead_label} if one is due")
            continue
        if remedy.policy == "refund" and case.chargeback_filed:
            withheld.append("no refund is offered: the customer says a chargeback or bank dispute is already "
                            "filed, and refunding as well would pay twice; the dispute decides it")
            continue
        if remedy.policy == "fee_waiver" and _value(case.amount()) > settings.policy.max_fee_waiver:
            withheld.append(f"no fee waiver is offered: the amount ({case.amount()}) is above the waiver limit of "
                            f"{money(settings.policy, settings.policy.max_fee_waiver)}; {settings.contacts.lead_label} "
                            "can approve more")
            continue
        if remedy.policy == "refund" and over_refund_limit(case, settings):
            withheld.append(f"the amount ({case.amount()}) is above the refund limit of "
                            f"{money(settings.policy, settings.policy.max_refund_without_approval)}: "
                            f"get {settings.contacts.lead_label}'s approval before confirming the refund")
        if not _allowed_by_policy(remedy, settings) or not remedy.fits(case.topic.name if case.topic else None):
            continue
        if remedy.not_public and case.public and not any(vocab.remedies.get(w.remedy_for(None)) is remedy
                                                         for w in vocab.wants if case.wants_(w.name)):
            continue  # a call back nobody asked for, offered under a tweet (rounds 20 and 21)
        if remedy.when == "live" and case.afterwards or remedy.when == "after" and not case.afterwards:
            continue  # no rebooking "while you wait" for a journey told about from home
        if remedy.not_told and case.told:
            continue  # "find your earlier message" for a caller who spent two hours on hold and wrote nothing
        offers.append(_offer(remedy, case, settings))
    # Credit nobody asked for stays the agent's call: every reviewed draft that offered it unasked (rounds 18-35: a UK
    # customer offered dollars, a blogger who would publish the reply, a customer who had refused vouchers) was judged
    # unsendable, so the drafts offer none and the agent is told one is within policy
    if earned and not no_goodwill and not any(o.kind == "store_credit" for o in offers) and _allowed_by_policy(
            vocab.remedies["store_credit"], settings):
        withheld.append(f"a goodwill gesture may be due (the trouble is concrete and "
                        f"{'they may leave' if 'churn_risk' in signals else 'serious'}): up to "
                        f"{money(settings.policy, settings.policy.max_store_credit)} of credit is within policy; the drafts "
                        "offer none, so add it only if it fits" + (
                            f" (the customer writes in another currency ({foreign}) and the policy's limits are in "
                            f"{settings.policy.currency}: agree a sum in theirs with {settings.contacts.lead_label})"
                            if foreign else ""))
    if not offers and young_letter(case, vocab):  # a child's letter we can't place, and nothing asked for: passed on
        offers.append(_offer(vocab.remedies["share_child_letter"], case, settings))
    return OfferPlan(tuple(offers[:limit]), tuple(dict.fromkeys(withheld)))


def _offer(remedy: Remedy, case: CaseReading, settings: Settings) -> Offer:
    return Offer(remedy.name, fill_remedy(remedy, case, settings), remedy.source, remedy.waits_for_answer(case.topic_name))


_SUMS_IN_OUR_CURRENCY = {"store_credit", "fee_waiver"}  # remedies that name a sum from the policy ("$50 of credit")


def _why_no_goodwill(case: CaseReading, signals: set[str]) -> str:
    if case.stance.name == "extortion":
        return "ties a review to an offer"
    if case.chargeback_filed:
        return "says a chargeback is filed"
    if "abusive" in signals:
        return "is abusive"
    return "carries a legal, safety or public threat"


def young_letter(case: CaseReading, vocab: CaseVocabulary) -> bool:
    """A child's letter we can place only as an idea, or not at all: passed on to the people who design things, in
    every draft, with nothing for the agent to fill in. The one place this is decided."""
    return case.child and "share_child_letter" in vocab.remedies and (not case.understood or case.situation.request)


def look_into(case: CaseReading, vocab: CaseVocabulary, settings: Settings, analysis: Analysis | None = None) -> Offer:
    """What any problem we cannot place yet can honestly be offered: to find out what went wrong. Beside a legal,
    safety or public threat it is said without presuming anything went wrong ("look into this"): round 21's
    reviewer read "I'll look into what went wrong" under a GDPR notice as an admission."""
    threatened = analysis is not None and bool(set(analysis.signal_names) & (NO_GOODWILL_SIGNALS - {"abusive"}))
    name = "look_into_threat" if threatened else "look_into"
    return _offer(vocab.remedies.get(name, vocab.remedies["look_into"]), case, settings)
