"""Real letters in the signal model: the labels read (a doubly labelled letter keeps what its labellers agreed
on), the way rules and model combine on a letter chosen on them, and that way used at run time."""

from __future__ import annotations

import array
import json
from pathlib import Path

import numpy as np

from bot import SIGNALS
from bot.analysis import MODEL_MAX_WORDS, SignalHit, combine_with_model
from bot.learned import SignalModel, default_model
from bot.letter_training import MIN_LETTER_POSITIVES, letter_labels, letter_mode


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_a_letter_labelled_twice_keeps_only_the_signals_both_labellers_gave_or_withheld(tmp_path):
    data = tmp_path / "tests" / "data"
    _write(data / "real_messages_9.jsonl", [{"id": "web-z-01", "text": "Dear Sir, I will see you in court."},
                                            {"id": "web-z-02", "text": "Thank you for the flowers."}])
    _write(data / "labels" / "letters_1.jsonl", [{"id": "web-z-01", "labels": ["complaint", "threat_legal"]},
                                                 {"id": "web-z-02", "labels": []}])
    _write(data / "labels" / "letters_double.jsonl", [{"id": "web-z-01", "labels": ["anger", "threat_legal"]}])
    rows = {row_id: (text, labels) for row_id, text, labels in letter_labels(tmp_path)}
    text, labels = rows["web-z-01"]
    assert text == "Dear Sir, I will see you in court."
    assert labels["threat_legal"] == 1 and labels["urgency"] == 0
    assert "complaint" not in labels and "anger" not in labels  # the two labellers disagreed
    assert set(rows["web-z-02"][1]) == set(SIGNALS) and not any(rows["web-z-02"][1].values())


def test_on_letters_the_rules_stay_unless_another_way_is_clearly_better():
    y = np.array([True] * 10 + [False] * 30)
    rules = np.array([True] * 10 + [True] * 20 + [False] * 10)   # every positive, and 20 false alarms
    model = np.array([True] * 9 + [False] + [True] * 2 + [False] * 28)
    choices = {"rules": rules, "model": model, "either": rules | model, "both": rules & model}
    assert letter_mode(y, choices) == "model"
    choices["model"] = rules.copy()
    choices["both"] = rules.copy()
    assert letter_mode(y, choices) == "rules"  # a tie keeps the rules, whose every hit quotes its cue
    few = np.array([True] * (MIN_LETTER_POSITIVES - 1) + [False] * 30)
    assert letter_mode(few, {m: few.copy() if m == "model" else ~few for m in choices}) == "rules"


def _model(letter_modes: dict[str, str], intercept: float) -> SignalModel:
    meta = {"signals": ["threat_legal"], "intercepts": {"threat_legal": intercept}, "rule_weights": {"threat_legal": {}},
            "thresholds": {"threat_legal": 0.5}, "modes": {"threat_legal": "either"}, "letter_modes": letter_modes}
    return SignalModel(meta, [], array.array("f"), {"threat_legal": array.array("f")})


def test_a_letter_uses_the_way_chosen_on_letters_and_a_short_message_the_way_chosen_on_tweets():
    letter = "word " * (MODEL_MAX_WORDS + 5)
    hit = SignalHit("threat_legal", 1.0, ())
    unsure, sure = _model({"threat_legal": "both"}, -3.0), _model({"threat_legal": "both"}, 3.0)
    assert not combine_with_model(letter, [hit], unsure)[0]          # the rules alone are not enough on a letter
    assert [h.name for h in combine_with_model(letter, [hit], sure)[0]] == ["threat_legal"]
    assert [h.name for h in combine_with_model("see you in court", [hit], unsure)[0]] == ["threat_legal"]  # either
    assert [h.name for h in combine_with_model(letter, [hit], _model({}, -3.0))[0]] == ["threat_legal"]  # no choice: rules


def test_the_shipped_model_says_how_it_reads_letters():
    model = default_model()
    assert set(model.meta["letter_modes"]) <= set(SIGNALS)
    assert set(model.meta["letter_modes"].values()) <= {"rules", "model", "either", "both"}
    assert "rare_micro_f1_letters_shipped" in model.meta["cv"]
