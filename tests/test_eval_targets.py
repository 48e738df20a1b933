"""Regression guard: the offline analysis keeps its measured quality.

Only the `dev` rows of ../shared/evaldata are read here (`load_dataset(..., split="dev")`); the
`test` rows are kept for acceptance measurement and must never be used to tune or check.
tests/data/signals_holdout.jsonl is deliberately not read either: it is the held-out check.

The hand-labelled sets are guarded one by one and together: signals_dev.jsonl (one writer) and
signals_dev2.jsonl (a second writer, who wrote for varied real-world wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation import Dataset, evaluate, load_dataset

REPO = Path(__file__).resolve().parent.parent
EVALDATA = REPO.parent / "shared" / "evaldata"
SIGNALS_DEV = REPO / "tests" / "data" / "signals_dev.jsonl"
SIGNALS_DEV2 = REPO / "tests" / "data" / "signals_dev2.jsonl"

# corpus file -> (signal, minimum macro-F1 on the dev rows)
CORPUS_TARGETS = {
    "complaints.csv": ("complaint", 0.80),
    "emotions.csv": ("anger", 0.70),
    "offensive.csv": ("abusive", 0.88),
}

RARE_SIGNALS = ("threat_legal", "threat_safety", "churn_risk", "public_exposure", "refund_request", "bargaining",
                "sarcasm", "confusion", "urgency", "repeat_contact", "unreasonable_demand")
RARE_TARGET = 0.85
# Our labelling guide (tests/data/labels/GUIDE.md) reads a plain "how do I ...?" as confusion; the handwritten sets'
# writer did not. The model learns the guide from real tweets, so on the handwritten sets its confusion hits on such
# questions count as false alarms ("How do I share my playlist publicly?"): confusion is held to a lower floor there.
HAND_TARGETS = {"confusion": 0.8}


@pytest.mark.parametrize("file", sorted(CORPUS_TARGETS))
def test_corpus_dev_rows_meet_target(assistant, file):
    path = EVALDATA / file
    if not path.is_file():
        pytest.skip(f"{path} is not there (the shared evaluation data sits beside the repository as ../shared/evaldata)")
    signal, target = CORPUS_TARGETS[file]
    data = load_dataset(path, split="dev")
    (score,) = [s for s in evaluate(data, assistant.signal_names) if s.signal == signal]
    assert score.macro_f1 >= target, f"{file}: {signal} macro-F1 {score.macro_f1:.3f} < {target}"


def _hand_labelled(name: str) -> Dataset:
    paths = {"dev": [SIGNALS_DEV], "dev2": [SIGNALS_DEV2], "both": [SIGNALS_DEV, SIGNALS_DEV2]}[name]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        pytest.skip(f"{missing[0]} is not there")
    sets = [load_dataset(p) for p in paths]
    return Dataset([e for d in sets for e in d.examples], sets[0].signals, False)


@pytest.fixture(scope="module")
def hand_scores(assistant):
    """signal scores per hand-labelled set, computed once: {"dev": {...}, "dev2": {...}, "both": {...}}."""
    cache: dict[str, dict] = {}

    def scores(name: str) -> dict:
        if name not in cache:
            cache[name] = {s.signal: s for s in evaluate(_hand_labelled(name), assistant.signal_names)}
        return cache[name]
    return scores


@pytest.mark.parametrize("dataset", ["dev", "dev2", "both"])
@pytest.mark.parametrize("signal", RARE_SIGNALS)
def test_hand_labelled_sets_per_signal(hand_scores, dataset, signal):
    score = hand_scores(dataset)[signal]
    target = HAND_TARGETS.get(signal, RARE_TARGET)
    assert score.f1 >= target, (f"{dataset}: {signal} F1 {score.f1:.3f} "
                                f"(P {score.precision:.3f}, R {score.recall:.3f}) < {target}")


def test_self_harm_and_violence_are_not_missed(hand_scores):
    """A missed threat to safety (above all a self-harm signal) is the worst error: keep recall high."""
    score = hand_scores("both")["threat_safety"]
    assert score.recall >= 0.95, f"threat_safety recall {score.recall:.3f} (missed {score.fn})"
