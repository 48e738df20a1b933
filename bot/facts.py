"""Facts quoted from the customer's message exactly as written: references, amounts, dates.

A draft that names "order 4411" or "$292.11" shows the customer they were read; a draft
that names "order #still" or "$292." shows the opposite. So a reference must contain a
digit, an amount keeps its decimals, and nothing here is ever rephrased.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LABEL = (r"order|ticket|case|invoice|account|booking|reservation|confirmation|tracking|claim|"
          r"ref(?:erence)?|flight|membership|policy|complaint|incident|receipt|transaction|"
          r"pnr|train|bus|coach|tram|vehicle|parcel|consignment|shipment|waybill|awb|serial|imei|customer|member|loyalty")
_LABELLED_REF = re.compile(
    rf"\b(?P<label>{_LABEL})\s*(?:no\.?|nr\.?|number|num|id|code|#|:|-(?=[A-Z0-9]*\d))?\s*(?:is\s+)?#?\s*"
    r"(?P<ref>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,24})\b(?!%)", re.I)
_HASH_REF = re.compile(r"(?<![\w&])#(?P<ref>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,24})\b", re.I)
_FLIGHT = re.compile(r"\b(?P<ref>(?:[A-Z]{2}|[A-Z]\d|\d[A-Z])\s?\d{2,4})\b")
_CURRENCY = r"usd|eur|gbp|cad|aud|nzd|chf|sek|nok|dkk|inr|jpy|sgd|hkd|zar|aed"  # "300chf", "CHF 300", "INR 4,500"
AMOUNT = re.compile(
    rf"(?:(?:[$€£₹¥]|\b(?:{_CURRENCY}|rs\.|rs(?=\s))\s?)\s?\d{{1,3}}(?:,\d{{3}})*(?:\.\d{{1,2}})?(?!\d)"
    rf"|\b\d{{1,3}}(?:,\d{{3}})*(?:\.\d{{1,2}})?\s?(?:{_CURRENCY}|dollars|euros|pounds|bucks|francs|rupees)\b)", re.I)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|"
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|(?:last\s+|this\s+|on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.I)
_FLIGHT_WORD = re.compile(r"\bflight\b", re.I)
_NOT_REFERENCES = re.compile(r"^(?:\d{1,2}(?:am|pm|st|nd|rd|th|h|hrs?|mins?|x)|\d+(?:gb|mb|tb|k|m|s))$", re.I)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_HASHTAG_WORD = re.compile(r"[a-z]|[A-Za-z]{4,}")  # lower case or a word inside: a hashtag, not "#AB12CD" or "#INC0012345"
# "#104" written straight after the name of a thing is that thing's number ("room #116", "picture #104", "location
# #1867", "the row of apartments (#101"): where or what it was, not something to look up (rounds 49 and 60). Only words
# that introduce a number without naming a thing ("my #4411", "is #2360", "same #7408", "I created (#1593)") leave it a
# reference.
_NAMED_BEFORE = re.compile(r"\b(?P<word>[A-Za-z]+)\s*\(?\s*$")
_LEAD_INS = {"a", "an", "the", "my", "our", "your", "his", "her", "their", "its", "this", "that", "these", "those", "same",
             "is", "was", "are", "were", "be", "been", "being", "no", "number", "num", "nr", "of", "for", "to", "from",
             "with", "under", "about", "re", "regarding", "on", "in", "at", "and", "or", "also", "again", "as", "new",
             "old", "previous", "another", "other", "see", "quote", "quoting", "using", "it", "id", "code", "ref"}
# ... and the rest of a list of places: "the row of apartments (#101, #201, #301, or perhaps, #401)" (round 49: sent back
# as "reference #101, reference #201, reference #301")
_LIST_GAP = re.compile(r"^[\s,;/&]*(?:(?:and|or|perhaps|maybe|possibly|also|even)[\s,;]*)*$", re.I)


@dataclass(frozen=True)
class Fact:
    """One fact as the customer wrote it; `label` is the word that introduced a reference."""

    kind: str  # reference | amount | date
    text: str
    confidence: float
    start: int
    label: str = ""
    hashed: bool = False  # written with a leading '#'

    @property
    def written(self) -> str:
        return ("#" if self.hashed else "") + self.text

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "text": self.text, "confidence": round(self.confidence, 2)}
        if self.label:
            out["label"] = self.label
        return out


def _names_a_thing(before: str) -> bool:
    """Whether the word just before a '#' names a thing ("picture", "location"), not a lead-in ("my", "is", "created")."""
    named = _NAMED_BEFORE.search(before)
    word = named.group("word").lower() if named else ""
    return bool(word) and word not in _LEAD_INS and not word.endswith("ed")


def _references(text: str) -> list[Fact]:
    found: list[Fact] = []
    for match in _LABELLED_REF.finditer(text):
        ref = match.group("ref").rstrip("-")
        if _NOT_REFERENCES.match(ref) or (_YEAR.match(ref) and text[match.start("ref") - 1:match.start("ref")] != "#"):
            continue
        label = match.group("label").lower()
        label = "reference" if label.startswith("ref") else label
        hashed = text[max(0, match.start("ref") - 1):match.start("ref")] == "#"
        found.append(Fact("reference", ref, 0.9, match.start("ref"), label, hashed))
    place_end = -1  # where the last place written with a '#' ended
    for match in _HASH_REF.finditer(text):
        ref = match.group("ref").rstrip("-")
        if _names_a_thing(text[max(0, match.start() - 24):match.start()]) or (
                place_end >= 0 and _LIST_GAP.match(text[place_end:match.start()])):
            place_end = match.end()
            continue  # "room #116", "seat #11E": where it happened, not something to look up
        if _HASHTAG_WORD.search(ref):
            continue  # a hashtag with a digit in it ("#O2Signal", "#Win10"), not a reference (round 19)
        if not _NOT_REFERENCES.match(ref) and not _YEAR.match(ref):
            found.append(Fact("reference", ref, 0.7, match.start("ref"), hashed=True))
    if _FLIGHT_WORD.search(text):
        for match in _FLIGHT.finditer(text):
            found.append(Fact("reference", match.group("ref"), 0.6, match.start("ref"), "flight"))
    return found


def quoted_facts(text: str) -> tuple[Fact, ...]:
    """Every reference, amount and date in the text, each once, in the order written."""
    facts = _references(text)
    facts += [Fact("amount", m.group(0).strip(), 0.9, m.start()) for m in AMOUNT.finditer(text)]
    facts += [Fact("date", m.group(0).strip(), 0.7, m.start()) for m in _DATE.finditer(text)]
    seen: set[tuple[str, str]] = set()
    unique: list[Fact] = []
    for fact in sorted(facts, key=lambda f: (f.start, -f.confidence)):
        key = (fact.kind, fact.text.lower().replace(" ", ""))
        if key in seen or (fact.kind == "reference" and any(f.kind == "amount" and fact.text in f.text for f in facts)):
            continue
        seen.add(key)
        unique.append(fact)
    return tuple(unique)


_SHOWN_LABEL = {"pnr": "PNR", "awb": "AWB", "imei": "IMEI", "": "reference"}


def noted(facts: tuple[Fact, ...], already: str = "") -> str:
    """"I have noted the details you gave (PNR 2720822708, train 12358)." The references a customer quoted,
    exactly as written, so the reply shows they were read and nobody asks for them again; "" when there are
    none, or when the one there is already named in `already` ("your order 4411")."""
    refs = [f for f in facts if f.kind == "reference" and f.text not in already]
    if not refs:
        return ""
    shown = ", ".join(f"{_SHOWN_LABEL.get(f.label, f.label)} {f.written}" for f in refs[:3])
    return f"I have noted the details you gave ({shown})."


# What the customer calls their thing, before the common noun: "my Showtime Anytime app", "the Win10 PC",
# "my February bill". Only names (capitalised or with a digit), so a draft can say "your Showtime Anytime app"
# and never "your terrible app"; words a title or a shouted message capitalises anyway are not names.
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'&.-]*[a-z][\w'&.-]*|[A-Z]{2,4}|[A-Z][\w'&.-]*\d[\w'&.-]*|[a-z]+[A-Z][\w'&.-]*|"
                        r"[a-z]*\d[\w-]*[a-z][\w-]*)$")
_NOT_NAMES = frozenset("The This That These My Our Your Their His Her New Old Brand Same Other Whole Entire Very Only "
                       "Just Last Next First Second Third Best Worst Bad Good Great Damn Stupid Same Own Free Broken "
                       "ON IN TO OF IS IT AT MY NO OK THE AND BUT FOR NEW OLD BAD".split())
_ORDINAL_OR_YEAR = re.compile(r"^(?:\d+(?:st|nd|rd|th)|(?:19|20)\d\d)$", re.I)


def own_name(modifiers: str, text: str) -> str:
    """The name in the words between "my" and the noun ("Sky Sports" in "my Sky Sports app"), exactly as written;
    "" when any of them is not a name, or when the message capitalises most of its words (a title, a shout)."""
    words = modifiers.split()
    if not words or any(not _NAME_WORD.match(w) or w in _NOT_NAMES or _ORDINAL_OR_YEAR.match(w) for w in words):
        return ""
    letters = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) > 3]
    if letters and sum(w[0].isupper() for w in letters) > 0.5 * len(letters):
        return ""
    return " ".join(words)
