"""The learned part of "Check my reply": a small linear model per kind, beside the cues.

Cues catch the wording someone wrote down; real replies blame and talk down in wording nobody
listed. The model reads the whole draft, but its score is a sum over sentences (each sentence's
features, averaged, plus what the cues already found), so the sentence that added most is the one
a learned finding quotes: the agent still sees their own words, never a verdict on the draft alone.

It runs in pure Python from `bot/data/reply_model.json.gz`, written by `composure train`
(bot/reply_training.py, which needs scikit-learn). Features are built here, and only here, for
training and for use alike. A kind whose cross-validation showed no gain ships in mode "rules",
and the model then adds nothing for it.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bot.learned import features

MODEL_PATH = Path(__file__).resolve().parent / "data" / "reply_model.json.gz"
_YOU = re.compile(r"\b(?:you|your|yours|yourself|you're|you've|you'd|you'll)\b", re.I)
_SELF = re.compile(r"\b(?:we|our|us|i|my|me|we're|we've|i'm|i've)\b", re.I)
_THIRD = re.compile(r"\b(?:this|the|that) (?:person|man|woman|lady|guest|reviewer|client|customer|diner)s?\b|\b(?:he|she|his|her)\b", re.I)
_CONTRAST = re.compile(r"\b(?:however|but|yet|though|although|notwithstanding|nevertheless|actually|simply|just|only)\b", re.I)
_PRAISE = re.compile(r"\b(?:years|thousands|standards?|committed|pride|proud|reputable|passionate|best|highest|lowest|always|never|every)\b", re.I)


def sentence_features(text: str, signals: frozenset[str] = frozenset()) -> dict[str, float]:
    """What one sentence says and how: its words and word pairs (bot.learned's, without character
    n-grams: too few rows to learn them), whom it addresses, its punctuation, and the analysis
    rules' signals on it (sarcasm, anger, abuse)."""
    out = {name: 1.0 for name in features(text, 1, 0)}
    stripped = text.rstrip()
    marks = {
        "d:you": bool(_YOU.search(text)), "d:self": bool(_SELF.search(text)), "d:third": bool(_THIRD.search(text)),
        "d:contrast": bool(_CONTRAST.search(text)), "d:praise": bool(_PRAISE.search(text)),
        "d:question": stripped.endswith("?"), "d:you_question": stripped.endswith("?") and bool(_YOU.search(text)),
        "d:exclaim": "!" in text, "d:exclaim_run": bool(re.search(r"[!?]{2,}", text)),
    }
    out.update({name: 1.0 for name, on in marks.items() if on})
    out.update({"r:" + s: 1.0 for s in signals})
    return out


def draft_context(found_kinds: set[str], acknowledged: bool, n_sentences: int) -> dict[str, float]:
    """What the cues already found in the draft, and its size: the part of the score no sentence carries."""
    out = {"k:" + kind: 1.0 for kind in found_kinds}
    if acknowledged:
        out["k:acknowledged"] = 1.0
    out["k:sentences"] = math.log1p(n_sentences)
    return out


def draft_vector(per_sentence: list[dict[str, float]], context: dict[str, float]) -> dict[str, float]:
    """The draft's features: each sentence's averaged (so a long reply is not guilty by length), and the context."""
    out: dict[str, float] = dict(context)
    n = max(1, len(per_sentence))
    for feats in per_sentence:
        for name, value in feats.items():
            out[name] = out.get(name, 0.0) + value / n
    return out


@dataclass(frozen=True)
class KindModel:
    """One kind's weights, intercept, threshold and mode ("either": cues or model; "rules": cues alone)."""

    weights: dict[str, float]
    intercept: float
    threshold: float
    mode: str

    def probability(self, vector: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in vector.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def carrier(self, per_sentence: list[dict[str, float]]) -> int:
        """The sentence whose own features add most to the score."""
        gains = [sum(self.weights.get(name, 0.0) * value for name, value in feats.items()) for feats in per_sentence]
        return max(range(len(gains)), key=gains.__getitem__)


class ReplyModel:
    def __init__(self, meta: dict, kinds: dict[str, KindModel]) -> None:
        self.meta = meta
        self.kinds = kinds

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "ReplyModel":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        kinds = {kind: KindModel(k["weights"], k["intercept"], k["threshold"], k["mode"]) for kind, k in data["kinds"].items()}
        return cls(data["meta"], kinds)

    @property
    def active(self) -> bool:
        """Whether cross-validation chose the model for any kind (else the cues alone decide)."""
        return any(model.mode == "either" for model in self.kinds.values())

    def carried(self, per_sentence: list[dict[str, float]], context: dict[str, float]) -> dict[str, int]:
        """For each kind the model may add ("either"), the index of the sentence that carried it, when its
        probability reaches the threshold cross-validation chose."""
        if not per_sentence:
            return {}
        vector = draft_vector(per_sentence, context)
        return {kind: model.carrier(per_sentence) for kind, model in self.kinds.items()
                if model.mode == "either" and model.probability(vector) >= model.threshold}


@lru_cache(maxsize=1)
def default_reply_model() -> ReplyModel | None:
    """The shipped model, loaded once on first use; None when the package has none."""
    return ReplyModel.load() if MODEL_PATH.exists() else None
