"""Regression guard: the offline analysis keeps its measured quality.

Only the `dev` rows of ../shared/evaldata are read here (`load_dataset(..., split="dev")`); the
`test` rows are kept for acceptance measurement and must never be used to tune or check.
tests/data/signals_holdout.jsonl is deliberately not read either: it is the held-out check.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation import evaluate, load_dataset

REPO = Path(__file__).resolve().parent.parent
EVALDATA = REPO.parent / "shared" / "evaldata"
SIGNALS_DEV = REPO / "tests" / "data" / "signals_dev.jsonl"

# corpus file -> (signal, minimum macro-F1 on the dev rows)
CORPUS_TARGETS = {
    "complaints.csv": ("complaint", 0.80),
    "emotions.csv": ("anger", 0.70),
    "offensive.csv": ("abusive", 0.88),
}

RARE_SIGNALS = ("threat_legal", "threat_safety", "churn_risk", "public_exposure", "refund_request", "bargaining",
                "sarcasm", "confusion", "urgency", "repeat_contact", "unreasonable_demand")


@pytest.mark.parametrize("file", sorted(CORPUS_TARGETS))
def test_corpus_dev_rows_meet_target(assistant, file):
    path = EVALDATA / file
    if not path.is_file():
        pytest.skip(f"{path} is not there (the shared evaluation data sits beside the repository as ../shared/evaldata)")
    signal, target = CORPUS_TARGETS[file]
    data = load_dataset(path, split="dev")
    (score,) = [s for s in evaluate(data, assistant.signal_names) if s.signal == signal]
    assert score.macro_f1 >= target, f"{file}: {signal} macro-F1 {score.macro_f1:.3f} < {target}"


@pytest.fixture(scope="module")
def signals_dev_scores(assistant):
    if not SIGNALS_DEV.is_file():
        pytest.skip(f"{SIGNALS_DEV} is not there")
    return {s.signal: s for s in evaluate(load_dataset(SIGNALS_DEV), assistant.signal_names)}


@pytest.mark.parametrize("signal", RARE_SIGNALS)
def test_hand_labelled_dev_set_per_signal(signals_dev_scores, signal):
    score = signals_dev_scores[signal]
    assert score.f1 >= 0.85, f"{signal}: F1 {score.f1:.3f} (P {score.precision:.3f}, R {score.recall:.3f}) < 0.85"
