"""Whether praise in a message is meant, as the reading weighs it before thanking anyone: what is thanked for may be
the problem itself ("thanks @VW for your fantastic car seizing up"), sarcasm may be all that says anything went wrong,
and only sarcasm in the customer's own cues counts against a thank-you."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.analysis import MODEL_MAX_WORDS
from bot.reading_wording import (APPRECIATES_THEM, CAUSAL_THANKS_AT, CLAUSE_AFTER, EXPECTED_PRAISE, FOR, NEGATED_PRAISE,
                                 NOT_OURS, PRAISE_TURNS, PUT_RIGHT, SENTENCE_END, THANKS_GIVEN_BEFORE, THANKS_TO_FOR)
from bot.suggestion import Analysis

PROBLEM_SIGNALS = {"complaint", "anger", "abusive", "repeat_contact", "sarcasm", "threat_legal", "threat_safety",
                   "churn_risk", "public_exposure", "refund_request", "unreasonable_demand"}


def praise_given(text: str, praise: re.Pattern, polite_ask: re.Pattern) -> list[re.Match]:
    """The praise words the customer gives us: not taken back ("not pleasant"), not what was expected ("expecting great
    service"), not a polite ask ("Any help is appreciated"), not for someone else ("a very kind member of the public"),
    and not appreciation they receive ("they appreciate me")."""
    asks = [(m.start(), m.end()) for m in polite_ask.finditer(text)]
    return [m for m in praise.finditer(text) if not NEGATED_PRAISE.search(text[max(0, m.start() - 25):m.start()])
            and not EXPECTED_PRAISE.search(text[max(0, m.start() - 40):m.start()])
            and not any(a <= m.start() < b for a, b in asks)
            and not NOT_OURS.search(text[m.start():m.end() + 40])
            and not APPRECIATES_THEM.match(text, m.start()) and not causal_thanks(text, m.start())]


def causal_thanks(text: str, at: int) -> bool:
    """"thanks to" meaning "because of" ("Thanks to this symbiosis, Unity has evolved", "late thanks to the delays"):
    a cause told, not thanks given."""
    if not CAUSAL_THANKS_AT.match(text, at) or THANKS_TO_FOR.match(text, at):
        return False
    before = text[max(0, at - 40):at]
    return not THANKS_GIVEN_BEFORE.search(before) or bool(CLAUSE_AFTER.match(text, at))


def thanked_for(text: str, thanks: re.Match, words: str) -> bool:
    """"thanks @VW for your fantastic car seizing up while driving": what is thanked for is the problem itself,
    so the thanks is sarcasm, whatever the sarcasm reading missed."""
    sentence = SENTENCE_END.split(text[thanks.end():], maxsplit=1)[0]
    at = sentence.lower().find(words.lower()) if words else -1
    return at >= 0 and bool(FOR.match(sentence)) and not PUT_RIGHT.search(sentence[:at])  # not "for fixing my broken …"


def only_sarcasm(analysis: Analysis) -> bool:
    """Nothing but the sarcasm reading says anything went wrong: no other problem signal has words of its
    own. "Thanks a lot, it's fine now. Hats off to you" is thanks; "working now after 3 weeks of nothing.
    Thanks a lot." is not."""
    return not any(hit.quotes() for hit in analysis.signals if hit.name in PROBLEM_SIGNALS - {"sarcasm"})


def sarcasm_in_their_words(analysis: Analysis) -> bool:
    """Sarcasm read from the customer's own cues. What the learned model alone reads as sarcasm in a letter is often the
    praise itself ("excellent", "apparently"): it does not hold back a thank-you (round 38: a letter praising an SSA
    officer got an apology)."""
    hit = analysis.hit("sarcasm")
    return hit is not None and any(e.cue != "model" for e in hit.evidence)


def hedgeable(text: str, asked: bool, acts: bool) -> bool:
    """A letter the learned stance may read as a thank-you that leaves the door open, where the cues read a complaint:
    a letter past the model's tweets (a thank-you letter tells the hard time it was thanks for, and its story raises
    complaint, anger and even "praise next to a complaint" sarcasm: 50 of 313 labelled thank-you letters were read as
    complaints; a 54-word "Thank you @Hermesparcels for tipping out my plants" is a tweet's sarcasm), asking no
    question and wanting nothing done, so the thank-you leaves nothing unanswered. The model reads these letters no
    better than three times in five, so the thanks apologise for nothing and promise nothing, and say that anything
    still to put right will be seen to: right for a thank-you, acceptable for the complaints among them. The same
    thank-you answers a letter the cues read as thanks and the model as a complaint (a complaint that praises what we
    used to be, or the rival it left for): "What a lovely message" to a complaint is as bad as an apology to praise."""
    return len(text.split()) > MODEL_MAX_WORDS and not asked and not acts


# what a turn after praise must go on to tell: a problem in words ("keep flying" raising repeat contact is no turn)
TURNED_TO = {"complaint", "anger", "churn_risk"}


def leaves_after_praise(analysis: Analysis, praised: list[re.Match]) -> bool:
    """The letter ends by taking its custom elsewhere, after whatever it praised ("even though you're an excellent
    carpenter and do fabulous work, I'll be calling someone else", round 51: thanked): a verdict, not a thank-you."""
    leaving = analysis.hit("churn_risk")
    return bool(praised and leaving) and any(e.start > praised[-1].start() for e in leaving.evidence)


def turns_after_praise(analysis: Analysis, praised: list[re.Match], text: str) -> bool:
    """The letter praises and then turns ("I thank you for my lifetime elite status ... But things have changed. I haven't
    seen a first-class upgrade in years"): a turn after the last praise with a problem told after it. What it praised is
    what it used to be; what follows is why it writes."""
    if not praised:
        return False
    turn = PRAISE_TURNS.search(text, praised[-1].end())
    return turn is not None and any(e.start >= turn.end() and e.weight > 0 and not e.cue.startswith("signal: ")
                                    for hit in analysis.signals if hit.name in TURNED_TO for e in hit.evidence)


def told_in_praise(text: str, words: str, praised: list[re.Match], sentence: Callable[[int], int]) -> bool:
    """A want told in a sentence that thanks is what they thank us for, not an ask: "my appreciation for all that was
    done to restore not only my power" (a thank-you to a storm crew read as a complaint and offered outage credit).
    `sentence` is the text's sentence_of, found once by the reading."""
    at = text.find(words) if words else -1
    return at >= 0 and sentence(at) in {sentence(m.start()) for m in praised}
