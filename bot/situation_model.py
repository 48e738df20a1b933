"""What went wrong, learned: the situation a real message is about when none of the hand-written
cues in config/situations.toml fires.

Cues are precise but can't list every way people put a problem ("your lag is costing me money",
"pathetic!! 2 apple slices"), and every unplaced problem got a reply that could go to anyone.
`composure train` fits this model on real customer messages labelled by hand
(tests/data/labels/situations_*.jsonl) and ships it as `bot/data/situation_model.bin`, in the
signal model's format. The reading takes its guess only when the calibrated probability clears
the threshold chosen out of fold for precision, and never lets a guess admit fault.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.learned import SignalModel, pushing_words

MODEL_PATH = Path(__file__).resolve().parent / "data" / "situation_model.bin"
BACKGROUND = "none"  # the class for messages with no situation (praise, questions, banter, the unlabelled rest)


@dataclass(frozen=True)
class Guess:
    """A learned situation, how often a guess this sure was right out of fold, and the words behind it."""

    situation: str
    confidence: float
    words: str


class SituationModel:
    """One-vs-rest linear model per situation over the analysis model's own n-gram features."""

    def __init__(self, model: SignalModel) -> None:
        self.model = model
        self.accept = float(model.meta["accept"])
        self.guessable = frozenset(model.meta.get("guessable", model.signals))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "SituationModel":
        return cls(SignalModel.load(path))

    def scores(self, text: str) -> dict[str, float]:
        """Calibrated probability per situation class (the background class included)."""
        raw = self.model.read(text, set()).probabilities
        return {name: self.model.calibrated(name, p) for name, p in raw.items()}

    def guess(self, text: str) -> Guess | None:
        """The situation, when the best class is a situation and sure enough; otherwise None."""
        scores = self.scores(text)
        best = max(scores, key=scores.get)
        if best not in self.guessable or scores[best] < self.accept or scores[best] <= scores.get(BACKGROUND, 0.0):
            return None
        vector = self.model.vector(text)
        weights = self.model.weights[best]
        words = pushing_words(text, {self.model.names[i]: v * weights[i] for i, v in vector.items()})
        return Guess(best, scores[best], ", ".join(words))


@lru_cache(maxsize=1)
def default_situation_model() -> SituationModel | None:
    """The shipped model, loaded once; None when the package has none (the cues then work alone)."""
    return SituationModel.load() if MODEL_PATH.exists() else None
