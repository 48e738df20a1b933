"""Where a draft's sentences and clauses lie, so a finding quotes the agent's exact words and the rewrite
can keep the part of a sentence that did nothing wrong ("I'm sorry," before "that's our fault")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^\n]*?(?:[.!?]+(?=\s|$)|$)", re.M)
# A clause ends at a comma, semicolon, colon or dash followed by a space, or before "and/but/so" that starts a new
# subject ("I'm sorry and we'll ..."); "$1,250" and "well-known" do not split.
_JOIN = r"(?:and|but|so)\s+(?=(?:i|we|you|it|that|this|they|there|our|your)\b)"
_CLAUSE_END = re.compile(rf"(?<=[,;:—–])\s+|\s+-\s+|\s+(?={_JOIN})", re.I)
_LEADING_JOIN = re.compile(rf"^{_JOIN}", re.I)


@dataclass(frozen=True)
class Sentence:
    """Words of the draft and their place in it: draft[start:end] == text."""

    start: int
    end: int
    text: str


def sentences(draft: str) -> list[Sentence]:
    """Each sentence (or line) of the draft with its place, so a quote is always the agent's exact words."""
    found = []
    for m in _SENTENCE.finditer(draft):
        text = m.group(0)
        lead = len(text) - len(text.lstrip())
        if text.strip():
            found.append(Sentence(m.start() + lead, m.start() + len(text.rstrip()), text.strip()))
    return found


def clauses(sentence: Sentence) -> list[Sentence]:
    """The sentence's clauses, each with its place in the draft (the sentence itself when it has one)."""
    found, at = [], 0
    for m in [*_CLAUSE_END.finditer(sentence.text), None]:
        end = m.start() if m else len(sentence.text)
        text = sentence.text[at:end]
        if text.strip():
            found.append(Sentence(sentence.start + at, sentence.start + end, text))
        at = m.end() if m else at
    return found


def as_sentence(clause: str) -> str:
    """A clause on its own: without the joining word or the comma, capitalised, ending in a full stop."""
    text = _LEADING_JOIN.sub("", clause.strip()).rstrip(",;:—– ")
    text = text[:1].upper() + text[1:]
    return text if text[-1:] in ".!?" else text + "."


def present(draft: str, presence, unheard: list[tuple[int, int]]) -> bool:
    """Whether any of `presence`'s cues (an acknowledgement, a next step) matches the draft outside `unheard`."""
    for sentence in sentences(draft):
        for cue in presence.cues:
            for m in cue.finditer(sentence.text):
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if not any(b_start < end and start < b_end for b_start, b_end in unheard):
                    return True
    return False


def blocked(draft: str, presence, found: list) -> list[tuple[int, int]]:
    """Where words do not count for `presence`: inside its `not_inside` findings, and anywhere in a
    sentence holding one of its `not_in_sentence_with` ("Thanks for your money, sucker." thanks nobody)."""
    spans = [(f.start, f.end) for f in found if f.kind in presence.not_inside]
    marked = [f for f in found if f.kind in presence.not_in_sentence_with]
    return spans + [(s.start, s.end) for s in sentences(draft) if any(s.start <= f.start < s.end for f in marked)]
