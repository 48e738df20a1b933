"""What the customer says was wrong with a thing, in words we can say back: "the ribs were lukewarm" becomes "I'm
sorry your ribs were lukewarm", "the wait was terrible" becomes "I'm sorry about the wait".

Where no situation is read, the drafts otherwise apologise for "this" not going "the way you expected", which tells
the customer nobody read them (reviewers, rounds 25-27: "name the actual problem"). The sentence is built from
parts we control: a determiner we choose, one to three of the customer's plain words for the thing, a form of "be"
that agrees with them, and a state from config/reading.toml's `[complained_of]`; verdicts ("terrible",
"a joke") are never said back, only the thing they were about. A charge they quote an amount for is named with the
amount exactly as written and our own noun: "the $2 delivery charge", "the fee of $79", "the 300chf charge" (rounds
28-29: "the drafts must name the $30 administrative fee").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts import AMOUNT
from bot.reading_wording import hypothetical_at
from bot.tomlcheck import Table

# Words that never stand in a plain noun phrase for a thing: pronouns, verbs of being, linking words.
_FUNCTION = frozenset("""i me my you your we us our they them their he him his she her it its this that these those which
who whom what whose there here is are was were be been being am have has had do does did not no nor and or but if so as
at by for from in into on onto to with without about over under again all any some each every one ones thing things lot
very really just only also even still too then than when while because since until""".split())
_SINGULAR = {"was": "was", "were": "was", "is": "is", "are": "is", "has been": "has been", "have been": "has been"}
_PLURAL = {"was": "were", "were": "were", "is": "are", "are": "are", "has been": "have been", "have been": "have been"}
_OURS = {"my": "your", "our": "your", "your": "the", "the": "the", "this": "the"}  # said to the customer
_SPENT = re.compile(r"\b(?:incurred|incurring|spent|spending|had to (?:pay|spend|fork out|shell out))\s+(?:an?\s+|another\s+|over\s+|about\s+)?$", re.I)
_INTENSIFIERS = frozenset("extra additional hidden outrageous ridiculous stupid extortionate huge massive whopping mere "
                          "silly absurd unfair unexpected surprise mysterious random bogus fake so such".split())
_ADVERBS = r"(?:(?:so|very|really|absolutely|totally|completely|utterly|just|extremely|incredibly|quite|too|still|also)\s+)*"


@dataclass(frozen=True)
class ComplaintWording:
    """The states we may say back, the verdicts we only name the thing for, and nouns that are no thing of ours."""

    pattern: re.Pattern
    states: frozenset[str]
    not_things: frozenset[str]
    charges: tuple[re.Pattern, ...] = ()  # "$2 delivery charge", "a fee of $79", "charged me £80"
    not_modifiers: frozenset[str] = frozenset()  # words never said back before a charge ("ridiculous", "this")


def _charge_patterns(nouns: list[str]) -> tuple[re.Pattern, ...]:
    """An amount before the charge's noun (with up to two words of the customer's between), the noun "of" an
    amount, and an amount taken from them."""
    if not nouns:
        return ()
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    amount = AMOUNT.pattern
    return (re.compile(rf"(?P<amount>{amount})\s+(?P<mod>(?:[a-z][a-z-]+\s+){{0,2}}?)(?P<noun>{noun})\b", re.I),
            re.compile(rf"\b(?P<noun>{noun})\s+of\s+(?:about\s+|around\s+|nearly\s+|over\s+)?(?P<amount>{amount})", re.I),
            re.compile(rf"\b(?:charged|billed|took|deducted|debited|taken|charging|billing)\s+(?:me|us|my (?:card|account)|"
                       rf"our (?:card|account))?\s*(?P<amount>{amount})", re.I))


def load_complaint_wording(table: Table) -> ComplaintWording | None:
    table.reject_unknown({"states", "verdicts", "not_things", "charges"})
    states = [s.lower() for s in table.strings("states", [])]
    verdicts = [s.lower() for s in table.strings("verdicts", [])]
    if not states and not verdicts:
        return None
    said = "|".join(re.escape(w) for w in sorted(states + verdicts, key=len, reverse=True))
    pattern = re.compile(r"\b(?P<det>the|my|our|your|this)\s+(?P<thing>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\s+"
                         r"(?P<be>was|were|is|are|has been|have been)\s+" + _ADVERBS +
                         rf"(?P<said>{said})\b(?!\s+(?:of|to|for|about|with)\b)", re.I)
    return ComplaintWording(pattern, frozenset(states), frozenset(w.lower() for w in table.strings("not_things", [])),
                            _charge_patterns([n.lower() for n in table.strings("charges", [])]),
                            frozenset(w for v in verdicts for w in v.split()) | _FUNCTION | _INTENSIFIERS)


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))


def charge_named(text: str, wording: ComplaintWording) -> str:
    """The first charge the customer quotes an amount for, in our noun phrase ("the $2 delivery charge", "the fee of
    $79"), or "": the amount exactly as written, their words before the noun only when they are plain ones."""
    found = []
    for kind, pattern in enumerate(wording.charges):
        for match in pattern.finditer(text):
            words = (match.groupdict().get("mod") or "").split()
            if any(w.lower() in wording.not_modifiers for w in words) or hypothetical_at(text, match.start()) or \
                    _SPENT.search(text[max(0, match.start() - 25):match.start()]):
                continue  # "I incurred a $100 cab charge": an expense of theirs elsewhere, not a charge of ours
            found.append((match.start(), kind, match))
            break
    if not found:
        return ""
    _, kind, match = min(found, key=lambda f: f[:2])
    amount = match.group("amount").strip()
    if kind == 0:
        return f"the {amount} {match.group('mod')}{match.group('noun').lower()}"
    if kind == 1:
        return f"the {match.group('noun').lower()} of {amount}"
    return f"the {amount} charge"


def complained_of(text: str, wording: ComplaintWording | None, charge: str | None = None) -> str:
    """What follows "I'm sorry" for the first thing the customer says was wrong ("your pizza was bland", "about the
    wait"), or for a charge they quote ("about the $2 delivery charge"), or "" when nothing is said plainly enough to
    say back. `charge` is charge_named's answer when the caller has it already (bot.reading does)."""
    if wording is None:
        return ""
    for match in wording.pattern.finditer(text):
        words = match.group("thing").split()
        if words[-1].lower() == "itself":
            words = words[:-1]
        if not words or any(w.lower() in _FUNCTION or w.lower().endswith("ly") for w in words):
            continue  # "the one I got", "the food honestly": not a plain name for a thing
        if any(w.lower() in wording.not_things for w in words) or hypothetical_at(text, match.start()):
            continue  # a person (their conduct has its own situation), the weather; "if the food is cold"
        be = match.group("be").lower()
        if be != (_PLURAL if _plural(words[-1].lower()) else _SINGULAR)[be]:
            continue  # "this app are broken": their words don't agree, and ours must
        thing = f"{_OURS[match.group('det').lower()]} {' '.join(words)}"
        said = match.group("said").lower()
        if said in wording.states:
            return f"{thing} {be} {said}"
        return f"about {thing}"
    charge = charge_named(text, wording) if charge is None else charge
    return f"about {charge}" if charge else ""
