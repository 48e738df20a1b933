"""Which situation the cues name in a message: the one with the most cue hits, a want weighing as two, one cue in a
long letter not enough to understand it. The learned guess and what the message is about come after, in
bot/reading.py."""

from __future__ import annotations

import re

from bot.reading_wording import attention_follows, hypothetical_at, is_detailed, not_asked_at, sentence_of
from bot.situations import CaseVocabulary, SituationKind

UNDERSTOOD = 0.6  # how sure the reading must be of a situation to act on it (offers, a request answered)
ONE_CUE_IN_A_LETTER = 0.5  # below the bar for an understood situation
WANT_ONLY = 0.65  # a request situation read from the want alone: understood only if its topic is named
WANT_WEIGHT = 2   # a stated want counts as two cue hits for the situations it points to


def _names_other_thing(kind: SituationKind, text: str, end: int, vocab: CaseVocabulary) -> bool:
    """"a faulty train", "broken seats on the flight": the cue's own noun is a thing this situation does
    not take, so the cue is about that thing, not this situation."""
    if not kind.topics:
        return False
    at = end + len(text[end:]) - len(text[end:].lstrip(" "))
    return any(topic.name not in kind.topics and topic.pattern.match(text, at) for topic in vocab.topics)




# A fault denied is no fault: "Apple took it upon themselves to repair a part that was not broken" (round 52: read as a
# broken computer, and offered a workaround or a replacement for one held at the repair depot)
# ... said of a state ("was not broken", "wasn't compromised"); "have not processed my refund" is the fault itself
_DENIED = re.compile(r"\b(?:(?:was|were|is|are|am)\s+not|wasn[’']?t|weren[’']?t|isn[’']?t|aren[’']?t)\s+(?:\w+ly\s+)?$", re.I)


def asked_alone(text: str, names: set[str], vocab: CaseVocabulary) -> bool:
    """A want asked of us in words that need no thing named ("I CANNOT afford the box anymore")."""
    return any(spec.alone is not None and spec.name in names and spec.alone.search(text) for spec in vocab.wants)


def denied(kind: SituationKind, text: str) -> bool:
    """Whether the message names this situation's fault only to deny it ("a hinge that wasn't broken"): then the
    situation model may not read it either, whatever its n-grams ("broken") say."""
    hits = [m for m in kind.cues.finditer(text) if m.end() > m.start()]
    return bool(hits) and all(_denied_at(text, m.start()) for m in hits)


def _denied_at(text: str, start: int) -> bool:
    """Whether the words just before `start` deny what follows ("was not", "wasn't")."""
    return bool(_DENIED.search(text, max(0, start - 24), start))


def situation_named(text: str, vocab: CaseVocabulary, wanted: set[str]) -> tuple[SituationKind | None, float, str]:
    """The situation with the most cue hits; a longer cue inside whose words another situation's
    shorter cue stands wins those words ("still waiting for a reply" is not "still waiting").
    What the customer asks for weighs more than words they mention on the way: "I'd like to
    cancel my account" in a chat that also says "your chat thing broke" is a cancellation."""
    found = [(m.start(), m.end(), order, kind) for order, kind in enumerate(vocab.situations)
             for m in kind.cues.finditer(text) if m.end() > m.start() and not _names_other_thing(kind, text, m.end(), vocab)
             and not hypothetical_at(text, m.start()) and not (kind.request and not_asked_at(text, m.start()))
             and not attention_follows(text, m.start(), m.end()) and not _denied_at(text, m.start())
             and text[max(0, m.start() - 1):m.start()] != "@"]  # "@Chewy" is a company, not soggy food ("#broken" is a cue)
    kept = [f for f in found if not any(o[3] is not f[3] and o[0] <= f[0] and f[1] <= o[1] and o[1] - o[0] > f[1] - f[0]
                                        for o in found)]
    # one situation's overlapping cues ("won't turn on" twice) count once, and so do its cues within one sentence:
    # "it broke, as in it no longer works" says one thing, not two
    sentence = sentence_of(text)
    kept = [f for k, f in enumerate(kept)
            if not any(o[3] is f[3] and (o[0] < f[1] and f[0] < o[1] or sentence(o[0]) == sentence(f[0])) for o in kept[:k])]
    tally: dict[int, list] = {}
    for start, end, order, kind in kept:
        entry = tally.setdefault(order, [kind, 0, 0, text[start:end]])
        entry[1] += kind.weight
        entry[2] += end - start
    for order, kind in enumerate(vocab.situations):
        if wanted & set(kind.wants) and (order in tally or kind.request):  # a want alone makes only a request
            tally.setdefault(order, [kind, 0, 0, ""])[1] += WANT_WEIGHT
    if not tally:
        return None, 0.0, ""
    # safety first: a report of harm outweighs any number of cues for the fault around it
    # ("left crying by one of your drivers" in a letter that also mentions a broken app)
    order, (kind, hits, _, words) = max(tally.items(), key=lambda kv: (kv[1][0].incident and bool(kv[1][3]),
                                                                       kv[1][1], -kv[0]))  # ties: the file's order
    if not words:
        return kind, WANT_ONLY, words
    # One cue in a long letter is a word on the way, as often as not ("the printer" in a letter about a boarding-pass
    # fee): of 42 labelled letters placed by one cue, 17 were right; by two or more, 16 of 20. It is kept (for the
    # topic and the stance) but not understood, so no remedy is offered on it. A safety incident counts, unless its
    # one cue is a word like "hazard" or "emergency room" that letters use on the way (the situation's weak cues).
    if hits < 2 and is_detailed(text) and not (kind.incident and any(
            f[3] is kind and not (kind.weak and kind.weak.fullmatch(text[f[0]:f[1]])) for f in found)):
        return kind, ONE_CUE_IN_A_LETTER, words
    return kind, 0.9 if hits >= 2 else 0.7, words
