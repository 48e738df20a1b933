"""The values that flow from analysis to every renderer (terminal, JSON, Slack, LLM).

One `Suggestion` type is shared by the offline composer, the LLM engine and every
renderer, so a new surface never needs a new shape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """One cue that triggered a signal: the words as written and where they stand."""

    cue: str
    text: str
    start: int = -1
    weight: float = 1.0

    def to_dict(self) -> dict:
        return {"cue": self.cue, "text": self.text, "start": self.start, "weight": round(self.weight, 2)}


_FUNCTION_WORDS = frozenset("a an the i me my you your yours we us our it its this that is are was were be to of "
                            "and or but so if in on at for with as by not no".split())


@dataclass(frozen=True)
class SignalHit:
    """A detected signal with the evidence behind it and its summed score."""

    name: str
    score: float
    evidence: tuple[Evidence, ...]

    def quotes(self) -> tuple[str, ...]:
        """The customer's words that raised the signal, each once, as written; never a bare "your"."""
        seen: dict[str, str] = {}
        for e in self.evidence:
            words = e.text.strip()
            if e.cue.startswith("signal: ") or e.weight <= 0 or e.start < 0 or not words:
                continue
            tokens = re.findall(r"[a-z']+", words.lower())
            if tokens and all(w in _FUNCTION_WORDS for w in tokens):  # a masked swear ("$%@#") is still their words
                continue
            seen.setdefault(words.lower(), words)
        # "money back" inside "I want my money back" is the same evidence: keep the longer, in reading order
        kept = [q for q in seen if not any(q != other and q in other for other in seen)]
        return tuple(seen[q] for q in kept)

    def inferred_from(self) -> tuple[str, ...]:
        """Other signals this one follows from ("a chargeback threat is also a complaint")."""
        return tuple(dict.fromkeys(e.text for e in self.evidence if e.cue.startswith("signal: ")))

    def to_dict(self) -> dict:
        return {"name": self.name, "score": round(self.score, 2), "evidence": [e.to_dict() for e in self.evidence]}


@dataclass(frozen=True)
class Escalation:
    recommended: bool
    to: str  # none | lead | legal | security
    reason: str

    def to_dict(self) -> dict:
        return {"recommended": self.recommended, "to": self.to, "reason": self.reason}


@dataclass(frozen=True)
class Analysis:
    """What is going on in one customer message."""

    signals: tuple[SignalHit, ...]
    severity: str
    root_cause: str
    root_cause_evidence: tuple[str, ...]
    escalate: Escalation
    intensity: float = 0.0
    notes: tuple[str, ...] = ()
    suppressed: tuple[Evidence, ...] = ()  # cues ignored because negated or quoted
    confidence: dict = field(default_factory=dict)  # signal -> 0..1 from the learned model, when it is shipped
    countered: frozenset = frozenset()  # signals whose rules saw counter-evidence (a counter-cue, a negated cue)
    valence: float = 0.0  # the summed valence of the sentiment words read (config/sentiment.toml): above 0, pleased

    @property
    def signal_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.signals)

    def has(self, *names: str) -> bool:
        present = set(self.signal_names)
        return any(n in present for n in names)

    def hit(self, name: str) -> SignalHit | None:
        return next((s for s in self.signals if s.name == name), None)

    def to_dict(self) -> dict:
        return {
            "signals": list(self.signal_names),
            "severity": self.severity,
            "root_cause": self.root_cause,
            "escalate": self.escalate.to_dict(),
            "evidence": {s.name: list(s.quotes()) for s in self.signals},
            "inferred_from": {s.name: list(s.inferred_from()) for s in self.signals if s.inferred_from()},
            "root_cause_evidence": list(self.root_cause_evidence),
            "intensity": round(self.intensity, 2),
            "confidence": dict(self.confidence),
        }


@dataclass(frozen=True)
class Reply:
    style: str  # empathetic | concise | formal
    text: str

    def to_dict(self) -> dict:
        return {"style": self.style, "text": self.text}


@dataclass(frozen=True)
class Boundary:
    level: int  # 1 request, 2 reminder with consequence, 3 end the conversation
    text: str

    def to_dict(self) -> dict:
        return {"level": self.level, "text": self.text}


@dataclass(frozen=True)
class Suggestion:
    """Everything an agent gets back for one customer message."""

    engine: str  # offline | openai | offline-fallback
    analysis: Analysis
    replies: tuple[Reply, ...]
    boundary: Boundary | None
    next_steps: tuple[str, ...]
    questions: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())
    usage: dict | None = None  # the model's token counts, when a model wrote the drafts
    reading: Any = None  # bot.reading.CaseReading: what the composer understood of the case

    def to_dict(self) -> dict:
        return {
            "engine": self.engine,
            "analysis": self.analysis.to_dict(),
            "replies": [r.to_dict() for r in self.replies],
            "boundary": self.boundary.to_dict() if self.boundary else None,
            "next_steps": list(self.next_steps),
            "questions": list(self.questions),
            "sources": list(self.sources),
            "notes": list(self.notes),
            "usage": self.usage,
            "reading": self.reading.to_dict() if self.reading is not None else None,
        }
