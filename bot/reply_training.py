"""Training the learned part of "Check my reply" (bot/reply_model.py), run by `composure train`.

It learns from the dev rows only: all of tests/data/reply_check_real_dev*.jsonl (real business
replies) and the `tune` rows of tests/data/reply_check.jsonl; never a held-out row and never
reply_check_independent*.jsonl. Per kind (blame, defensive tone, abuse said back), nested 5-fold
cross-validation measures the cues alone against the cues or the model, the inner folds choosing
the regularisation and the threshold, so the figures reported are out of fold at every step.
The model ships for a kind ("either") only when it raised F1 by MIN_GAIN while its findings together stay
right at least MIN_PRECISION of the time (within one standard error: see clearly_below); otherwise the kind
stays "rules" and the cues alone decide; so does a kind with fewer than MIN_LABELS labelled rows (a kind added
before anyone labelled it), which ships no weights at all. (It used
to be allowed to lose only 0.03 of the cues' precision: with cues right 9 times in 10 but finding only a third
of the blame and tone in real replies, no recall gain could ever pay for it.)
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from bot.evaluation import Score
from bot.reply_check_config import ATTITUDE
from bot.reply_model import MODEL_PATH, draft_context, draft_vector, sentence_features

REPO = Path(__file__).resolve().parent.parent
DEV_FILES = (("reply_check_real_dev.jsonl", None), ("reply_check_real_dev2.jsonl", None),
             ("reply_check_real_dev3.jsonl", None), ("reply_check_real_dev4.jsonl", None), ("reply_check.jsonl", "tune"))
FOLDS = 5
SEED = 20261204
C_GRID = (0.1, 0.3, 1.0, 3.0)
MIN_DF = 2
MIN_GAIN = 0.02        # F1 the cues-or-model combination must add, out of fold
MIN_PRECISION = 0.8     # a finding the check shows must be right at least 4 times in 5, out of fold
MIN_LABELS = 2 * FOLDS  # fewer labelled rows than this and a kind is left to its cues: the folds cannot share them out


@dataclass
class Row:
    per_sentence: list[dict[str, float]]
    context: dict[str, float]
    cue_kinds: set[str]
    labels: set[str]
    real: bool


def dev_rows(checker, repo: Path = REPO) -> list[Row]:
    """The dev rows read as the checker reads them: the cues' findings, then each sentence's features."""
    from bot.analysis import analyze
    from bot.plaintext import prepare
    from bot.reply_check import sentences

    rows = []
    for name, split in DEV_FILES:
        for line in (repo / "tests" / "data" / name).read_text(encoding="utf-8").splitlines():
            raw = json.loads(line) if line.strip() else None
            if not raw or (split and raw.get("split") != split):
                continue
            kinds = set(checker.check(raw["text"], raw.get("customer")).kinds)
            per_sentence = [sentence_features(s.text, frozenset(analyze(prepare(s.text), checker.analysis_rules, model=None).signal_names))
                            for s in sentences(raw["text"])]
            context = draft_context(kinds & set(ATTITUDE), "no_acknowledgement" not in kinds, len(per_sentence))
            rows.append(Row(per_sentence, context, kinds, set(raw["labels"]), split is None))
    return rows


def _scores(y, guess) -> dict[str, float]:
    """Precision, recall and F1 of boolean arrays, with `composure eval`'s own arithmetic (bot.evaluation.Score)."""
    score = Score("", int((y & guess).sum()), int((~y & guess).sum()), int((y & ~guess).sum()), 0)
    return {"precision": round(score.precision, 3), "recall": round(score.recall, 3), "f1": round(score.f1, 3)}


def _fit(vectors, y, c):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for v in vectors:
        for name in v:
            counts[name] = counts.get(name, 0) + 1
    kept = [{n: x for n, x in v.items() if counts[n] >= MIN_DF} for v in vectors]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit(vectorizer.fit_transform(kept), y)
    return vectorizer, model


def _probabilities(train_vectors, y, test_vectors, c):
    vectorizer, model = _fit(train_vectors, y, c)
    return model.predict_proba(vectorizer.transform(test_vectors))[:, 1]


def _best(y, cues, probabilities) -> tuple[float, float]:
    """(F1, threshold) of cues-or-model at the threshold with the best F1 among those that keep
    precision at MIN_PRECISION (or at the cues' own, if that is lower)."""
    import numpy as np

    floor = min(MIN_PRECISION, _scores(y, cues)["precision"])
    best = (_scores(y, cues)["f1"], 1.01)
    for t in sorted(set(np.round(probabilities, 3))):
        scores = _scores(y, cues | (probabilities >= t))
        if 0.3 <= t <= 0.99 and scores["precision"] >= floor and scores["f1"] > best[0]:
            best = (scores["f1"], float(t))
    return best


def _oof(vectors, y, cues, strata, c):
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    oof = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED).split(vectors, strata):
        oof[test] = _probabilities([vectors[i] for i in train], y[train], [vectors[i] for i in test], c)
    return oof


def _choose(vectors, y, cues, strata) -> tuple[float, float]:
    """(C, threshold) by 5-fold cross-validation on these rows."""
    best = (-1.0, C_GRID[0], 1.01)
    for c in C_GRID:
        f1, t = _best(y, cues, _oof(vectors, y, cues, strata, c))
        if f1 > best[0]:
            best = (f1, c, t)
    return best[1], best[2]


def clearly_below(precision: float, findings: int, floor: float) -> bool:
    """Whether out-of-fold precision over `findings` findings is below the floor by more than its standard error.
    A bare comparison flipped the learned part on and off with noise: new blame cues, which change only a feature
    of the tone model, moved tone's precision from 0.80 to 0.77 on 180 findings (standard error 0.03), and recall
    on never-read replies with it between 0.38 and 0.14."""
    error = (precision * (1 - precision) / findings) ** 0.5 if findings else 1.0
    return precision + error < floor


def cross_validate(rows: list[Row], kind: str) -> dict:
    """Nested 5-fold figures for one kind: cues alone, model alone, cues or model (all dev rows and the real ones)."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    vectors = [draft_vector(r.per_sentence, r.context) for r in rows]
    y = np.array([kind in r.labels for r in rows])
    cues = np.array([kind in r.cue_kinds for r in rows])
    real = np.array([r.real for r in rows])
    strata = y * 2 + real
    model_says = np.zeros(len(rows), dtype=bool)
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=SEED + 1).split(vectors, strata):
        tv = [vectors[i] for i in train]
        c, t = _choose(tv, y[train], cues[train], strata[train])
        model_says[test] = _probabilities(tv, y[train], [vectors[i] for i in test], c) >= t
    either = cues | model_says
    report = {}
    for name, mask in (("dev", np.ones(len(rows), dtype=bool)), ("real", real)):
        report[name] = {mode: _scores(y[mask], guess[mask])
                        for mode, guess in (("rules", cues), ("model", model_says), ("either", either))}
    dev = report["dev"]
    gain = dev["either"]["f1"] - dev["rules"]["f1"]
    floor = min(MIN_PRECISION, dev["rules"]["precision"])
    keeps_precision = not clearly_below(dev["either"]["precision"], int(either.sum()), floor)
    report["mode"] = "either" if gain >= MIN_GAIN and keeps_precision else "rules"
    return report


def train(checker, out: Path = MODEL_PATH, log=print) -> dict:
    import numpy as np

    rows = dev_rows(checker)
    log(f"check my reply: {len(rows)} dev rows ({sum(r.real for r in rows)} real replies)")
    vectors = [draft_vector(r.per_sentence, r.context) for r in rows]
    real = np.array([r.real for r in rows])
    data = {"meta": {"rows": len(rows), "folds": FOLDS, "seed": SEED, "cv": {}}, "kinds": {}}
    for kind in ATTITUDE:
        positives = sum(kind in r.labels for r in rows)
        if positives < MIN_LABELS:  # a kind newer than its labels (blames_others when it came): the cues alone
            data["meta"]["cv"][kind] = {"mode": "rules", "positives": positives}
            log(f"{kind:<16} {positives} labelled dev rows, too few to learn from (under {MIN_LABELS}) -> rules")
            continue
        report = cross_validate(rows, kind)
        data["meta"]["cv"][kind] = report
        y = np.array([kind in r.labels for r in rows])
        cues = np.array([kind in r.cue_kinds for r in rows])
        c, threshold = _choose(vectors, y, cues, y * 2 + real)
        vectorizer, model = _fit(vectors, y, c)
        weights = {n: round(float(w), 5) for n, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) >= 1e-5}
        data["kinds"][kind] = {"weights": weights, "intercept": round(float(model.intercept_[0]), 5),
                               "threshold": threshold, "mode": report["mode"], "C": c}
        line = "  ".join(f"{m} {report['dev'][m]['precision']:.2f}/{report['dev'][m]['recall']:.2f}" for m in ("rules", "model", "either"))
        log(f"{kind:<16} nested 5-fold P/R on dev rows: {line}  (real replies: either "
            f"{report['real']['either']['precision']:.2f}/{report['real']['either']['recall']:.2f}, rules "
            f"{report['real']['rules']['precision']:.2f}/{report['real']['rules']['recall']:.2f})  -> {report['mode']}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write(json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    log(f"wrote {out} ({out.stat().st_size / 1e3:.0f} kB)")
    return data


def main(log=print) -> dict:
    """Train against the repository's own configuration: the shipped model goes with the shipped cues."""
    from bot.assistant import Assistant
    from bot.reply_check import ReplyChecker, load_checker

    assistant = Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config"), "COMPOSURE_PROMPTS": str(REPO / "prompts")},
                               dotenv_path=None)
    shipped = load_checker(assistant.settings, assistant.playbook, assistant.rules)
    return train(ReplyChecker(shipped.content, assistant.settings, assistant.rules, model=None), log=log)
