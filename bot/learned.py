"""The learned half of the analysis: a linear model over word and character n-grams, trained
on real public corpora and our labelled customer tweets by `composure train`.

It runs in pure Python from a small data file (`bot/data/signal_model.bin`): no numpy or
scikit-learn at run time, so the bot starts fast and installs light. Features are built here,
and only here, for training and for use alike, so the two can never drift apart.
"""

from __future__ import annotations

import array
import bisect
import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parent / "data" / "signal_model.bin"
_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"@\w+")
_TOKEN = re.compile(r"[a-z0-9][a-z0-9']*|[!?]+|[^\w\s]", re.I)
_WORDISH = re.compile(r"[a-z0-9']+")


def normalise(text: str) -> str:
    text = _URL.sub(" _url_ ", text)
    text = _HANDLE.sub(" _user_ ", text)
    return text


def features(text: str, char_min: int = 3, char_max: int = 5) -> dict[str, float]:
    """Counts of word unigrams ("w:"), bigrams ("b:") and in-word character n-grams ("c:").

    Shouting is kept as a feature ("s:caps") because case is folded everywhere else.
    """
    text = normalise(text)
    counts: dict[str, float] = {}
    letters = [w for w in re.findall(r"[A-Za-z]{3,}", text)]
    shouted = sum(1 for w in letters if w.isupper())
    if shouted >= 2:
        counts["s:caps"] = 1.0
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    for i, token in enumerate(tokens):
        key = "w:" + token
        counts[key] = counts.get(key, 0.0) + 1.0
        if i:
            key = "b:" + tokens[i - 1] + " " + token
            counts[key] = counts.get(key, 0.0) + 1.0
    for word in _WORDISH.findall(text.lower()):
        padded = f" {word} "
        for n in range(char_min, char_max + 1):
            for k in range(len(padded) - n + 1):
                key = "c:" + padded[k:k + n]
                counts[key] = counts.get(key, 0.0) + 1.0
    return counts


@dataclass(frozen=True)
class ModelReading:
    """The model's probability per signal, and the words that pushed each one up."""

    probabilities: dict[str, float]
    evidence: dict[str, tuple[str, ...]]


class SignalModel:
    """Linear model per signal over tf-idf features plus the rules' own verdicts as features."""

    def __init__(self, meta: dict, names: list[str], idf: array.array, weights: dict[str, array.array]) -> None:
        self.signals: tuple[str, ...] = tuple(meta["signals"])
        self.intercepts: dict[str, float] = meta["intercepts"]
        self.rule_weights: dict[str, dict[str, float]] = meta["rule_weights"]
        self.thresholds: dict[str, float] = meta["thresholds"]
        self.calibration: dict[str, list[list[float]]] = meta.get("calibration", {})
        self.meta = meta
        self.names = names
        self.index = {name: i for i, name in enumerate(names)}
        self.idf = idf
        self.weights = weights

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> "SignalModel":
        """The file: a gzip of one JSON header line, the feature names line, then float32 arrays."""
        with gzip.open(path, "rb") as handle:
            meta = json.loads(handle.readline())
            names = handle.readline().decode("utf-8").rstrip("\n").split("\t")
            size = len(names)

            def floats() -> array.array:
                values = array.array("f")
                values.frombytes(handle.read(4 * size))
                return values

            idf = floats()
            weights = {signal: floats() for signal in meta["signals"]}
        return cls(meta, names, idf, weights)

    def vector(self, text: str) -> dict[int, float]:
        """Sublinear tf-idf, L2-normalised, over the known features (as scikit-learn computes it)."""
        vec: dict[int, float] = {}
        for name, count in features(text).items():
            i = self.index.get(name)
            if i is not None:
                vec[i] = (1.0 + math.log(count)) * self.idf[i]
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {i: v / norm for i, v in vec.items()}

    def calibrated(self, signal: str, p: float) -> float:
        """How often a probability this high was right out of fold (the trainer's isotonic knots,
        interpolated); the raw probability when the model file carries no calibration."""
        knots = self.calibration.get(signal)
        if not knots or not knots[0]:
            return p
        xs, ys = knots
        k = bisect.bisect_right(xs, p)
        if k == 0:
            return ys[0]
        if k == len(xs):
            return ys[-1]
        x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
        return y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1

    def read(self, text: str, rule_signals: set[str]) -> ModelReading:
        items = list(self.vector(text).items())
        probabilities: dict[str, float] = {}
        evidence: dict[str, tuple[str, ...]] = {}
        for signal in self.signals:
            weights = self.weights[signal]
            z = self.intercepts[signal] + sum(v * weights[i] for i, v in items)
            z += sum(w for rule, w in self.rule_weights[signal].items() if rule in rule_signals)
            probabilities[signal] = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            if probabilities[signal] >= self.thresholds[signal]:
                contributions = {self.names[i]: v * weights[i] for i, v in items}
                evidence[signal] = pushing_words(text, contributions)
        return ModelReading(probabilities, evidence)


def pushing_words(text: str, contributions: dict[str, float]) -> tuple[str, ...]:
    """The message's own words behind the strongest positive contributions, as written.

    A word scores its own weight plus half of its character n-grams'; a bigram its own."""
    words = {w.lower(): w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9']*", text)}
    score: dict[str, float] = {}
    for low in words:
        total = contributions.get("w:" + low, 0.0)
        padded = f" {low} "
        for n in (3, 4, 5):
            total += sum(contributions.get("c:" + padded[k:k + n], 0.0) for k in range(len(padded) - n + 1)) / 2
        if total > 0:
            score[low] = total
    for name, c in contributions.items():
        if name.startswith("b:") and c > 0 and all(p in words for p in name[2:].split(" ")):
            score[name[2:]] = c
    out: list[str] = []
    for phrase, _ in sorted(score.items(), key=lambda kv: -kv[1]):
        if len(out) == 3:
            break
        if len(phrase) < 3 or any(phrase in kept.lower() or kept.lower() in phrase for kept in out):
            continue
        match = re.search(r"\b" + r"\W+".join(map(re.escape, phrase.split(" "))) + r"\b", text, re.I)
        if match:
            out.append(match.group(0))
    return tuple(out)


@lru_cache(maxsize=1)
def default_model() -> SignalModel | None:
    """The shipped model, loaded once on first use; None when the package has none."""
    return SignalModel.load() if MODEL_PATH.exists() else None
