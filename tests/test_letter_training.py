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
from bot.letter_training import (MIN_LETTER_POSITIVES, MIN_RAISED, at_letters_threshold, fbeta, letter_labels, letter_mode,
                                 untrusted_cues)
from bot.training import LETTER_WAYS, _f1


def _write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _texts(y) -> list[str]:
    return [f"letter {i}" for i in range(len(y))]


def _raising_also(rules, *spans: slice):
    """The rules' hits with the letters in `spans` raised as well: another way that adds those hits."""
    way = rules.copy()
    for span in spans:
        way[span] = True
    return way


def _rules_or_either(y, rules, either) -> str:
    return letter_mode(y, {"rules": rules, "either": either}, _texts(y))


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
    assert letter_mode(y, choices, _texts(y)) == "model"
    choices["model"] = rules.copy()
    choices["both"] = rules.copy()
    assert letter_mode(y, choices, _texts(y)) == "rules"  # a tie keeps the rules, whose every hit quotes its cue
    few = np.array([True] * (MIN_LETTER_POSITIVES - 1) + [False] * 30)
    noisy = few.copy()
    noisy[-5:] = True  # every positive and five false alarms
    assert letter_mode(few, {m: few.copy() if m == "model" else noisy for m in choices}, _texts(few)) == "rules"


def test_on_letters_a_false_signal_costs_more_than_a_missed_one():
    # the rules find 10 of 20 with 2 false alarms; "either" finds 18 with 9 false alarms (8 of its 15 added hits
    # right): F1 prefers "either" (0.77 against 0.63), but the agent would see nine false signals, each changing the
    # drafts, to be spared eight misses
    y = np.array([True] * 20 + [False] * 80)
    rules = np.array([True] * 10 + [False] * 10 + [True] * 2 + [False] * 78)
    either = _raising_also(rules, slice(10, 18), slice(22, 29))  # 8 right, 7 wrong
    assert _f1(y, either) > _f1(y, rules)
    assert _rules_or_either(y, rules, either) == "rules"
    assert fbeta(y, rules) > fbeta(y, either)
    fewer_false = _raising_also(rules, slice(10, 18))  # the same 8 found with no false alarm added
    assert _rules_or_either(y, rules, fewer_false) == "either"


def test_a_way_right_on_few_of_the_letters_it_raised_the_signal_on_is_never_used_there():
    # confusion from "information" in a story: raised on 40 letters, right on 2; F1 alone cannot tell that from silence
    y = np.array([True] * 3 + [False] * 97)
    rules = np.array([True, True, False] + [True] * 38 + [False] * 59)
    choices = {"rules": rules, "model": np.zeros(100, dtype=bool), "either": rules, "both": np.zeros(100, dtype=bool)}
    assert letter_mode(y, choices, _texts(y)) == "never"
    none_labelled = np.zeros(100, dtype=bool)  # no positive at all: the rules' false alarms still count
    loud = np.array([True] * MIN_RAISED + [False] * (100 - MIN_RAISED))
    assert letter_mode(none_labelled, {**choices, "rules": loud}, _texts(none_labelled)) == "never"
    quieter = np.array([True] * (MIN_RAISED - 1) + [False] * (101 - MIN_RAISED))
    assert letter_mode(none_labelled, {**choices, "rules": quieter}, _texts(none_labelled)) == "rules"
    sound = np.array([True] * 3 + [True] * 7 + [False] * 90)  # right on 3 of 10: kept
    assert letter_mode(y, {**choices, "rules": sound, "either": sound}, _texts(y)) == "rules"


def test_the_models_own_threshold_on_letters_is_judged_on_letters_it_was_not_chosen_on():
    rng = np.random.default_rng(7)
    y = np.array([True] * 30 + [False] * 170)
    p = np.where(y, rng.uniform(0.6, 0.95, 200), rng.uniform(0.05, 0.65, 200))  # letters score high; a tweet's bar, 0.5, over-reads
    texts = [f"letter {k}" for k in range(200)]
    guess, threshold = at_letters_threshold(y, p, texts)
    assert 0.55 <= threshold <= 0.7
    assert guess.dtype == bool and len(guess) == 200
    assert (guess & y).sum() >= 25 and (guess & ~y).sum() < (p[~y] >= 0.5).sum() / 2
    # a letter keeps its fold, so its guess, when more letters are labelled after it
    more_y, more_p = np.concatenate([y, [True] * 5]), np.concatenate([p, [0.9] * 5])
    again, _ = at_letters_threshold(more_y, more_p, texts + [f"new letter {k}" for k in range(5)])
    assert (again[:200] != guess).sum() <= 10


def _model(letter_modes: dict[str, str], intercept: float, letter_threshold: float = 0.5) -> SignalModel:
    meta = {"signals": ["threat_legal"], "intercepts": {"threat_legal": intercept}, "rule_weights": {"threat_legal": {}},
            "thresholds": {"threat_legal": 0.5}, "modes": {"threat_legal": "either"}, "letter_modes": letter_modes,
            "letter_thresholds": {"threat_legal": letter_threshold}}
    return SignalModel(meta, [], array.array("f"), {"threat_legal": array.array("f")})


def test_a_letter_uses_the_way_chosen_on_letters_and_a_short_message_the_way_chosen_on_tweets():
    letter = "word " * (MODEL_MAX_WORDS + 5)
    hit = SignalHit("threat_legal", 1.0, ())
    unsure, sure = _model({"threat_legal": "both"}, -3.0), _model({"threat_legal": "both"}, 3.0)
    assert not combine_with_model(letter, [hit], unsure)[0]          # the rules alone are not enough on a letter
    assert [h.name for h in combine_with_model(letter, [hit], sure)[0]] == ["threat_legal"]
    assert [h.name for h in combine_with_model("see you in court", [hit], unsure)[0]] == ["threat_legal"]  # either
    assert [h.name for h in combine_with_model(letter, [hit], _model({}, -3.0))[0]] == ["threat_legal"]  # no choice: rules
    assert not combine_with_model(letter, [hit], _model({"threat_legal": "never"}, 3.0))[0]  # noise on letters
    assert [h.name for h in combine_with_model("see you in court", [hit], _model({"threat_legal": "never"}, -3.0))[0]] == [
        "threat_legal"]  # ... a short message still reads it as chosen on tweets


def test_on_a_letter_the_model_may_be_judged_at_the_threshold_chosen_on_letters():
    letter = "word " * (MODEL_MAX_WORDS + 5)
    p = 1 / (1 + np.exp(-1.0))  # intercept 1.0: probability 0.73, over the tweets' bar of 0.5
    assert [h.name for h in combine_with_model(letter, [], _model({"threat_legal": "model"}, 1.0))[0]] == ["threat_legal"]
    assert not combine_with_model(letter, [], _model({"threat_legal": "model@letters"}, 1.0, letter_threshold=p + 0.05))[0]
    assert [h.name for h in combine_with_model(letter, [], _model({"threat_legal": "model@letters"}, 1.0,
                                                                  letter_threshold=p - 0.05))[0]] == ["threat_legal"]


def test_the_shipped_model_says_how_it_reads_letters():
    model = default_model()
    assert set(model.meta["letter_modes"]) <= set(SIGNALS)
    assert set(model.meta["letter_modes"].values()) <= set(LETTER_WAYS)
    own = [s for s, m in model.meta["letter_modes"].items() if m.endswith("@letters")]
    assert all(0.05 <= model.meta["letter_thresholds"][s] <= 0.95 for s in own)
    assert "rare_micro_f1_letters_shipped" in model.meta["cv"]


def test_a_cue_wrong_on_most_letters_it_fired_in_is_untrusted_there():
    # "refunded" in a letter's story: fired in 5 letters, a request in 1 of them; "refund me" right in 4 of 4
    cues = [{"refund_request": {"refunded"}}] * 4 + [{"refund_request": {"refunded", "refund me"}}] + \
        [{"refund_request": {"refund me"}}] * 3 + [{"refund_request": {"deposit"}}] * 3
    labels = [{"refund_request": 0}] * 4 + [{"refund_request": 1}] * 4 + [{"refund_request": 0}] * 3
    noise = untrusted_cues(cues, labels)
    assert noise == {"refund_request": ["refunded"]}  # "deposit" was wrong too, but in too few letters to judge
    assert untrusted_cues(cues, [{}] * len(cues)) == {}  # letters not labelled for the signal say nothing of it


def test_on_a_letter_a_signal_read_from_trusted_cues_only_needs_them_to_have_raised_it():
    letter = "word " * (MODEL_MAX_WORDS + 5)
    hit = SignalHit("threat_legal", 1.0, ())
    model = _model({"threat_legal": "trusted"}, 3.0)
    assert not combine_with_model(letter, [hit], model, trusted=[])[0]  # raised only by cues that are noise on letters
    assert [h.name for h in combine_with_model(letter, [], model, trusted=[hit])[0]] == ["threat_legal"]
    assert [h.name for h in combine_with_model("see you in court", [hit], model, trusted=[])[0]] == ["threat_legal"]


def test_untrusted_cues_are_not_read_on_a_letter_and_are_read_in_a_short_message():
    from bot.analysis import analyze
    from bot.plaintext import prepare
    from bot.rules import load_rules

    rules = load_rules(Path(__file__).resolve().parents[1] / "config" / "analysis.toml")
    model = default_model()
    told = "They refunded the first one in the end, so I ordered it again from your shop. " * 8
    short = "They refunded it in the end"
    loud = SignalModel({**model.meta, "letter_modes": {**model.meta["letter_modes"], "refund_request": "trusted"},
                        "letter_untrusted_cues": {"refund_request": ["refunded"]}}, model.names, model.idf, model.weights)
    assert len(told.split()) > MODEL_MAX_WORDS
    assert "refund_request" in analyze(prepare(told), rules, model=None).signal_names  # the rules alone read "refunded"
    assert "refund_request" not in analyze(prepare(told), rules, model=loud).signal_names
    assert "refund_request" in analyze(prepare(short), rules, model=None).signal_names
    assert "refund_request" in analyze(prepare(short), rules, model=loud).signal_names  # a short message reads every cue


def test_a_way_whose_own_hits_are_mostly_wrong_is_not_taken_on_letters():
    # the model alone adds 8 hits on letters the rules left, 3 of them right: F1 rises, but the agent would see five
    # false signals quoting n-grams for every three true ones
    y = np.array([True] * 20 + [False] * 80)
    rules = np.array([True] * 12 + [False] * 8 + [True] * 4 + [False] * 76)
    either = _raising_also(rules, slice(12, 15), slice(30, 35))  # 3 right, 5 wrong
    assert _f1(y, either) > _f1(y, rules)
    assert _rules_or_either(y, rules, either) == "rules"
    better = _raising_also(rules, slice(12, 18), slice(30, 31))  # 6 right, 1 wrong
    assert _rules_or_either(y, rules, better) == "either"
