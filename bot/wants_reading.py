"""What the customer wants, asked for or only told in their story: "Could I please have this cancelled and have the 2
months refunded" asks for two things; "they cancelled my order" and "I was refunded" tell what already happened; in a
long letter a want counts as asked only in a sentence that asks (bot.reading_wording.asks_at)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.reading_wording import WANT_NEGATED, asks_at, attention_follows, imagined_at, is_detailed, not_asked_at
from bot.situations import CaseVocabulary

TOLD_WANT = 0.5  # a want told in a letter's story rather than asked for: too unsure to hold back a thank-you


@dataclass(frozen=True)
class Scored:
    """A reading with how sure we are of it (0-1) and the customer's words that gave it away."""

    name: str
    confidence: float
    words: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "confidence": round(self.confidence, 2), "words": self.words}


_SALUTATION = re.compile(r"^\s*(?:dear|to|attn|attention|hi|hello|hey|good (?:morning|afternoon|evening))\b[^\n]{0,120}$", re.I | re.M)


def read_wants(text: str, vocab: CaseVocabulary) -> list[Scored]:
    """Each want the message shows, once: asked (0.8) where a sentence asks for it, else told (TOLD_WANT)."""
    wants = []
    asks = asks_at(text) if is_detailed(text) else None  # in a short message every want is asked for
    greeting = _SALUTATION.match(text)
    for want in vocab.wants:
        found = None  # the first time it is asked for, else the first time it is told
        for match in want.cues.finditer(text):
            before = text[max(0, match.start() - 40):match.start()]
            if greeting and match.start() < greeting.end():
                continue
            if attention_follows(text, match.start(), match.end()):
                continue  # "NEVER RECEIVED ANY TYPE OF SERVICE": attention, not a delivery
            if imagined_at(text, match.start()) or not_asked_at(text, match.start()):
                continue  # "if for some reason I have to cancel my subscription" (round 39): imagined, not wanted
            if _THANKED_FOR.search(text[max(0, match.start() - 80):match.start()]):
                continue  # "Thank you for working around the clock to restore power": thanked for, not asked for
            if not WANT_NEGATED.search(before) and not _done_already(match, before, text):
                if asks is None or asks(match.start()):
                    found = Scored(want.name, 0.8, match.group(0))
                    break
                found = found or Scored(want.name, TOLD_WANT, match.group(0))
        if found:
            wants.append(found)
    return wants


# What a sentence thanks us for doing is done, not wanted: "Thank you for working around the clock to restore power" (a
# utility's thank-you read as a request to restore it once the learned stance stopped correcting it); "thank you for the
# refund that we will be arriving sometime after the pick-up" is sarcasm about a refund still owed, and stays a want
_THANKED_FOR = re.compile(r"\b(?:thank(?:s|\s+you)|grateful|appreciate)\s+(?:\w+\s+){0,3}?for\s+(?:\w+ing\b[^.!?]*)?$", re.I)


# A want cue in a past form tells what already happened ("the refunded amount is not shown", "I was
# refunded", "they cancelled my order"), unless the customer asks for it to be done ("I want to be refunded").
_DONE_FORM = re.compile(r"\w+ed$", re.I)
_ASKED_FOR_DONE = re.compile(r"\b(?:be|get|got|getting|want(?:ed)? (?:it|this|that|them|my \w+)|need (?:it|this|that|them|my \w+)|have (?:it|this|that|them)|please)\s+(?:\w+\s+)?$"
                             # "and have the 2 months refunded": have a thing done, asked (not "have been refunded")
                             r"|\b(?:have|get)\s+(?!been\b|already\b|just\b)(?:the|my|our|this|that|these|those|it|them|all)\s+(?:\w+\s+){0,2}$"
                             # "Can I get one of the charges refunded back to me?"
                             r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:please\s+)?(?:get|have)\s+(?:\w+\s+){0,5}$", re.I)


def _done_already(match: re.Match, before: str, text: str) -> bool:
    word = re.match(r"[\w'-]+", text[match.start():])
    return bool(word and _DONE_FORM.fullmatch(word.group(0)) and word.group(0).lower() not in {"need", "speed"}
                and not _ASKED_FOR_DONE.search(before))
