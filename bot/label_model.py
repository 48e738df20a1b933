"""Learned readings of a whole message, fitted on real customer messages labelled by hand: the
situation (what went wrong) and the stance (what the customer is doing: thanking, asking,
complaining…).

Hand-written cues are precise but can't list every way people put things ("your lag is costing
me money", "OK this might be the best customer experience ever!"). `composure train` fits one
model per reading on tests/data/labels/ and ships each in the signal model's format
(`bot/data/situation_model.bin`, `bot/data/stance_model.bin`). A guess counts only when its
calibrated probability clears the bar chosen out of fold for precision, and only for the classes
whose own guesses were right often enough there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.learned import SignalModel, pushing_words

DATA = Path(__file__).resolve().parent / "data"
SITUATION_MODEL_PATH = DATA / "situation_model.bin"
STANCE_MODEL_PATH = DATA / "stance_model.bin"
BACKGROUND = "none"  # the class for messages with nothing to name (no situation; not speaking to us as a customer)


@dataclass(frozen=True)
class Guess:
    """A learned class, its calibrated probability, and the message's words that pushed it."""

    label: str
    confidence: float
    words: str


class LabelModel:
    """One-vs-rest linear model per class over the analysis model's own n-gram features."""

    def __init__(self, model: SignalModel) -> None:
        self.model = model
        self.accept = float(model.meta["accept"])
        self.bars = {k: float(v) for k, v in model.meta.get("bars", {}).items()}  # a class or change held to its own bar
        self.guessable = frozenset(model.meta.get("guessable", model.signals))
        self.agree = float(model.meta.get("agree", 1.01))  # a model without the bar never seconds a cue
        self.alone = frozenset(model.meta.get("trusted_alone", ()))  # cues right alone in letters: seconded always
        self.hedged = float(model.meta.get("hedged_thanks", 1.01))  # the bar for a thank-you that leaves the door open
        self.doubted = float(model.meta.get("doubted_thanks", 1.01))  # ... and for doubting the cues' thank-you

    @classmethod
    def load(cls, path: Path) -> "LabelModel":
        return cls(SignalModel.load(path))

    def scores(self, text: str) -> dict[str, float]:
        """Calibrated probability per class (the background class included)."""
        raw = self.model.read(text, set()).probabilities
        return {name: self.model.calibrated(name, p) for name, p in raw.items()}

    def top(self, text: str) -> str:
        """The most probable class, however unsure (a second opinion, never a reading on its own)."""
        scores = self.scores(text)
        return max(scores, key=scores.get)

    def seconds(self, text: str, label: str) -> bool | None:
        """Whether the model also reads `label` here, sure enough that with the cues for it the two together are
        right as often as the training asked (the bar is chosen out of fold); None for a label it never learned
        (too few examples: "charged_twice"), on which it has no opinion. A situation whose cues proved right in letters
        on their own (training's `trusted_alone`) is seconded whatever the model reads."""
        if label in self.alone:
            return True
        scores = self.scores(text)
        return scores[label] >= self.agree if label in scores else None

    def hedged_thanks(self, text: str, said: str = "complaint") -> Guess | None:
        """The model's thank-you for a letter the cues read as a complaint, or its complaint for one they read as a
        thank-you, when its probability clears the bar the training chose for it: such a letter gets a thank-you that
        apologises for nothing and leaves the door open (bot.praise_reading)."""
        scores = self.scores(text)
        best = max(scores, key=scores.get)
        other, bar = ("thanks", self.hedged) if said == "complaint" else ("complaint", self.doubted)
        return self.best(text, scores=scores) if best == other and scores[best] >= bar else None

    def guess(self, text: str, over: str | None = None) -> Guess | None:
        """The best class, when it is a guessable one, sure enough and above the background; otherwise None.

        `over` is what the cues read instead; the model then may only make the changes it made well out of
        fold (guessable entries "complaint>thanks"), never the ones it got wrong there."""
        scores = self.scores(text)
        best = max(scores, key=scores.get)
        key = best if over is None else f"{over}>{best}"
        if key not in self.guessable or scores[best] < self.bars.get(key, self.accept) or (
                best != BACKGROUND and scores[best] <= scores.get(BACKGROUND, 0.0)):
            return None
        return self.best(text, scores=scores)

    def best(self, text: str, lean: dict[str, float] | None = None, scores: dict[str, float] | None = None) -> Guess:
        """The most probable class however unsure, with the words that pushed it: a second opinion for a message
        the cues read nothing in, never a reading that overrules them. `lean` adds to some classes' probabilities
        before choosing, for the side that is safer to err on (the probability given is the model's own)."""
        scores = scores or self.scores(text)
        best = max(scores, key=lambda name: scores[name] + (lean or {}).get(name, 0.0))
        vector = self.model.vector(text)
        weights = self.model.weights[best]
        words = pushing_words(text, {self.model.names[i]: v * weights[i] for i, v in vector.items()})
        return Guess(best, scores[best], ", ".join(words))


@lru_cache(maxsize=1)
def default_situation_model() -> LabelModel | None:
    """The shipped situation model, loaded once; None when the package has none (the cues then work alone)."""
    return LabelModel.load(SITUATION_MODEL_PATH) if SITUATION_MODEL_PATH.exists() else None


@lru_cache(maxsize=1)
def default_stance_model() -> LabelModel | None:
    """The shipped stance model, loaded once; None when the package has none (the cues then work alone)."""
    return LabelModel.load(STANCE_MODEL_PATH) if STANCE_MODEL_PATH.exists() else None
