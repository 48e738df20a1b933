"""The learned model beside the rules: the shipped file, the pure-Python inference against
scikit-learn's own transform, reproducible training, and evidence in the customer's words."""

from __future__ import annotations

import csv
import math
import subprocess
import sys
from pathlib import Path

import pytest

from bot import SIGNALS
from bot.analysis import analyze
from bot.learned import MODEL_PATH, SignalModel, default_model, features
from bot.plaintext import prepare

REPO = Path(__file__).resolve().parent.parent


def test_the_shipped_model_is_small_and_complete():
    assert MODEL_PATH.exists() and MODEL_PATH.stat().st_size < 20_000_000
    model = default_model()
    assert set(model.signals) == set(SIGNALS)
    assert set(model.meta["modes"].values()) <= {"rules", "model", "either"}
    assert all(0.0 < model.thresholds[s] < 1.0 for s in SIGNALS)


def test_probabilities_are_probabilities_and_evidence_is_the_customers_words():
    text = "I've already notified my credit card company and I'm just going to buy from someone else."
    read = default_model().read(text, set())
    assert all(0.0 <= p <= 1.0 for p in read.probabilities.values())
    for words in read.evidence.values():
        assert all(w.lower() in text.lower() for w in words)


def test_pure_python_tfidf_matches_scikit_learn():
    pytest.importorskip("sklearn")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    texts = ["My order never arrived!!", "order arrived, thanks", "never again, never", "THIS IS A JOKE"]
    dicts = [features(t) for t in texts]
    vectorizer = DictVectorizer(sort=True).fit(dicts)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(vectorizer.transform(dicts))
    names = list(vectorizer.get_feature_names_out())
    import array
    model = SignalModel({"signals": [], "intercepts": {}, "rule_weights": {}, "thresholds": {}},
                        names, array.array("f", tfidf.idf_), {})
    expected = tfidf.transform(vectorizer.transform([dicts[0]])).toarray()[0]
    ours = model.vector(texts[0])
    for i, value in enumerate(expected):
        assert math.isclose(ours.get(i, 0.0), value, rel_tol=1e-5, abs_tol=1e-6)


def _toy_shared(folder: Path) -> Path:
    """A small stand-in for ../shared/corpora with every file the trainer reads."""
    corpora = folder / "corpora"
    corpora.mkdir(parents=True)
    angry = ["this is ridiculous and I am furious", "absolutely fed up with this joke of a service", "worst ever, so angry"]
    calm = ["what time do you open tomorrow", "thanks for the quick help", "can I change my address please"]
    rows = [(str(i), t, int(i % 2 == 0)) for i, t in enumerate((angry + calm) * 6)]

    def write(name, header, body):
        with (corpora / name).open("w", newline="", encoding="utf-8") as handle:
            w = csv.writer(handle)
            w.writerow(header)
            w.writerows(body)

    write("complaints_train.csv", ["tweet_id", "text", "is_complaint", "domain"], [(i, t, c, "x") for i, t, c in rows])
    write("goemotions_train.csv", ["comment_id", "text", "emotions"],
          [(i, t, "anger" if t in angry else "neutral") for i, t, _ in rows])
    write("offensive_train.csv", ["orig_row", "tweet", "class"], [(i, t, 1 if "worst" in t else 2) for i, t, _ in rows])
    write("sarcasm_train.csv", ["text", "sarcastic", "rephrase"], [(t, int("joke" in t), "") for _, t, _ in rows])
    return folder


def test_training_is_reproducible_and_the_model_is_used(tmp_path):
    pytest.importorskip("sklearn")
    from bot.training import train

    shared = _toy_shared(tmp_path / "shared")
    first, second = tmp_path / "a.bin", tmp_path / "b.bin"
    meta = train(shared, first, log=lambda *_: None)
    train(shared, second, log=lambda *_: None)
    assert first.read_bytes() == second.read_bytes()
    assert set(meta["cv"]) >= set(SIGNALS)
    model = SignalModel.load(first)
    from bot.rules import load_rules

    rules = load_rules(REPO / "config" / "analysis.toml")
    analysis = analyze(prepare("this is ridiculous and I am furious"), rules, model=model)
    assert set(analysis.confidence) == set(analysis.signal_names)
    for hit in analysis.signals:
        assert all(q.lower() in "this is ridiculous and i am furious" for q in hit.quotes())


def test_train_without_the_corpora_is_bad_input(tmp_path):
    done = subprocess.run([sys.executable, "-m", "bot", "train", "--shared", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert done.returncode == 2
    assert "corpora" in done.stderr and "--shared" in done.stderr


def test_confidence_is_the_calibrated_probability():
    """The trainer's isotonic knots turn a raw score into how often such a score was right."""
    import array

    model = SignalModel({"signals": ["urgency"], "intercepts": {}, "rule_weights": {}, "thresholds": {},
                         "calibration": {"urgency": [[0.2, 0.6, 0.9], [0.0, 0.3, 0.5]]}}, [], array.array("f"), {})
    assert model.calibrated("urgency", 0.1) == 0.0
    assert math.isclose(model.calibrated("urgency", 0.75), 0.4)
    assert model.calibrated("urgency", 0.99) == 0.5
    assert model.calibrated("confusion", 0.8) == 0.8  # no knots: the raw probability


def test_the_shipped_calibration_is_monotone_for_every_signal():
    model = default_model()
    for signal in SIGNALS:
        xs, ys = model.calibration[signal]
        assert xs == sorted(xs) and ys == sorted(ys) and 0.0 <= ys[0] <= ys[-1] <= 1.0, signal
