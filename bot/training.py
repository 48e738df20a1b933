"""`composure train`: rebuild the learned analysis model from the training corpora, reproducibly.

What it reads (never a `test` row, never the corpora's original files):
- ../shared/corpora: complaint tweets (complaint), GoEmotions (anger), Davidson
  tweets (abusive), iSarcasmEval (sarcasm, with the authors' non-sarcastic rephrasings as
  negatives);
- tests/data/labels/labels_*.jsonl: our labels of the 2,964 complaint tweets for all fourteen
  signals (see tests/data/labels/GUIDE.md): real customer wording for the rare signals;
- tests/data/signals_dev.jsonl and signals_dev2.jsonl: our handwritten sets;
- tests/data/labels/letters_*.jsonl: our labels of the real letters, e-mails and posts in
  tests/data/real_messages*.jsonl for all fourteen signals (tests/data/labels/LETTERS_GUIDE.md).

Past MODEL_MAX_WORDS (a letter) the rules and the model combine as cross-validation on the labelled
letters chose (`letter_modes`: the rules, the model, either, or both must agree), not as on tweets.

Per signal, a logistic regression over tf-idf n-grams plus the rules' own verdicts; 5-fold
cross-validation picks, per signal, whether to trust the rules, the model, or either, and the
decision threshold. scikit-learn is needed here only (the `train` extra).
"""

from __future__ import annotations

import array
import csv
import gzip
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from bot import SIGNALS
from bot.analysis import MODEL_MAX_WORDS
from bot.model_combination import may_raise_alone
from bot.learned import MODEL_PATH, features
from bot.threshold_choice import best_threshold as _best_threshold, dealt_folds

REPO = Path(__file__).resolve().parent.parent
DOMAIN_WEIGHT = 3.0   # a real customer message counts this much more than a Reddit comment or a stray tweet
LETTER_WAYS = ("rules", "trusted", "model", "either", "both", "model@letters", "either@letters", "both@letters", "never")  # see letter_training
LETTER_WEIGHT = 1.0   # ... but a labelled letter or web post as much as a stray tweet (see train())
MAX_FEATURES = 60000
MIN_DF = 4
SEED = 20261203
MODES = ("rules", "model", "either")
MODE_MARGIN = 0.02  # F1 the model alone must gain over rules-or-model to silence the rules
# A rarer signal's mode is chosen on our labelled customer tweets once they hold this many of its
# positives: the handwritten sets the rules were written against flatter the rules there.
MIN_TWEET_POSITIVES = 20
OWN_CORPUS = {"complaint", "anger", "abusive"}  # measured on their public corpora, so chosen as before
CALIBRATION_POINTS = 40
COUNTERED = "!"


@dataclass
class Corpus:
    """Texts with the signals they label: `labels[i]` maps signal -> 0/1 for the signals row i labels."""

    texts: list[str] = field(default_factory=list)
    labels: list[dict[str, int]] = field(default_factory=list)
    domain: list[bool] = field(default_factory=list)
    origin: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    def add(self, text: str, labels: dict[str, int], domain: bool, origin: str, row_id: str = "") -> None:
        if text and text.strip():
            self.texts.append(text)
            self.labels.append(labels)
            self.domain.append(domain)
            self.origin.append(origin)
            self.ids.append(row_id)


def _csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_corpus(shared: Path, repo: Path = REPO) -> Corpus:
    corpora, data = shared / "corpora", repo / "tests" / "data"
    corpus = Corpus()
    ours: dict[str, list[str]] = {}
    for path in sorted((data / "labels").glob("labels_*.jsonl")):
        ours.update({row["tweet_id"]: row["labels"] for row in _jsonl(path)})
    for row in _csv(corpora / "complaints_train.csv"):
        labels = {"complaint": int(row["is_complaint"] == "1")}
        if row["tweet_id"] in ours:
            labels.update({s: int(s in ours[row["tweet_id"]]) for s in SIGNALS if s != "complaint"})
        corpus.add(row["text"], labels, True, "complaints", row["tweet_id"])
    for row in _csv(corpora / "goemotions_train.csv"):
        emotions = set(row["emotions"].split(";"))
        # GoEmotions' "confusion" is a reader's sense that a Reddit comment is puzzled, which takes in
        # every plain question ("where can I park?"); our confusion is a customer lost in what to do,
        # so it is learned from customer wording only.
        corpus.add(row["text"], {"anger": int(bool(emotions & {"anger", "annoyance"}))}, False, "goemotions", row["comment_id"])
    for row in _csv(corpora / "offensive_train.csv"):
        corpus.add(row["tweet"], {"abusive": int(row["class"] in {"0", "1"})}, False, "offensive", row["orig_row"])
    for row in _csv(corpora / "sarcasm_train.csv"):
        corpus.add(row["text"], {"sarcasm": int(row["sarcastic"] == "1")}, False, "sarcasm")
        if row["sarcastic"] == "1" and row.get("rephrase", "").strip():
            corpus.add(row["rephrase"], {"sarcasm": 0}, False, "sarcasm-rephrase")
    for name in ("signals_dev.jsonl", "signals_dev2.jsonl"):
        for row in _jsonl(data / name):
            corpus.add(row["text"], {s: int(s in row["labels"]) for s in SIGNALS}, True, "handwritten")
    from bot.letter_training import letter_labels  # it reads our labels with this module's helpers

    for row_id, text, labels in letter_labels(repo):
        corpus.add(text, labels, True, "letters", row_id)
    return corpus


EVALDATA_IDS = {"complaint": ("complaints.csv", "tweet_id"), "anger": ("emotions.csv", "comment_id"),
                "abusive": ("offensive.csv", "orig_row")}


def evaldata_dev_ids(shared: Path) -> dict[str, set[str]]:
    """Ids of the evaluation sets' `dev` rows, whose out-of-fold predictions estimate the acceptance
    figures on the same distribution (the `test` rows are never read)."""
    out = {}
    for signal, (name, column) in EVALDATA_IDS.items():
        path = shared / "evaldata" / name
        out[signal] = {r[column] for r in _csv(path) if r.get("split") == "dev"} if path.exists() else set()
    return out


@lru_cache(maxsize=1)
def rules():
    """The analysis rules as shipped in config/analysis.toml."""
    from bot.rules import load_rules

    return load_rules(REPO / "config" / "analysis.toml")


def _verdicts_of(texts: list[str]) -> list[set[str]]:
    from bot.analysis import analyze
    from bot.plaintext import prepare

    out = []
    for text in texts:
        prepared = prepare(text)
        if not prepared.own_words:
            out.append(set())
            continue
        analysis = analyze(prepared, rules(), model=None)
        out.append(set(analysis.signal_names) | {COUNTERED + name for name in analysis.countered})
    return out


def rule_verdicts(texts: list[str]) -> list[set[str]]:
    """What the rules alone say of each text (the model learns from and around them), on every core;
    "!name" marks a signal the rules saw counter-evidence for, which the model may not raise alone."""
    import multiprocessing

    chunks = [texts[i:i + 2000] for i in range(0, len(texts), 2000)]
    if len(chunks) < 2:
        return _verdicts_of(texts)
    with multiprocessing.get_context("fork").Pool(max(1, multiprocessing.cpu_count())) as pool:
        return [v for chunk in pool.map(_verdicts_of, chunks) for v in chunk]


def vocabulary(feature_dicts: list[dict[str, float]]) -> list[str]:
    df: Counter = Counter()
    for feats in feature_dicts:
        df.update(feats.keys())
    kept = [name for name, n in df.items() if n >= MIN_DF]
    kept.sort(key=lambda name: (-df[name], name))
    return sorted(kept[:MAX_FEATURES])


def _f1(y, guess) -> float:
    tp = sum(1 for t, g in zip(y, guess) if t and g)
    fp = sum(1 for t, g in zip(y, guess) if g and not t)
    fn = sum(1 for t, g in zip(y, guess) if t and not g)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _choose_mode(score: dict[str, float]) -> str:
    """Customer wording counts as much as the whole public corpus (the caller averages them).
    Dropping the rules' own verdicts ("model") has to win clearly: a cue a lead wrote for a known
    phrasing should not be silenced by a cross-validated gain inside the noise; and near-ties keep
    the rules alone, whose every hit the agent can check against the quoted words."""
    best = max(score, key=lambda m: (score[m], m == "either", m == "rules"))
    if best == "model" and score["model"] - score["either"] < MODE_MARGIN:
        best = "either"
    if best != "rules" and score[best] - score["rules"] < MODE_MARGIN / 4:
        best = "rules"
    return best


def calibration(y, p, weights) -> list[list[float]]:
    """Isotonic map from the model's out-of-fold probability to how often it was right, as
    [xs, ys] knots for linear interpolation at run time: a raw logistic score on sparse n-grams is
    overconfident ("since the latest update" read as 0.9+ repeat contact)."""
    import numpy as np
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(p, y, sample_weight=weights)
    xs, ys = iso.X_thresholds_, iso.y_thresholds_
    keep = np.unique(np.linspace(0, len(xs) - 1, min(len(xs), CALIBRATION_POINTS)).round().astype(int))
    return [[round(float(x), 4) for x in xs[keep]], [round(float(v), 4) for v in ys[keep]]]


def _mode_for(signal: str, y, choices: dict, tweets, scored: dict, in_domain: dict) -> str:
    """The combination to ship for one signal (see MIN_TWEET_POSITIVES and _choose_mode). Chosen on
    the tweets, it is the rules or either: a few dozen tweets are too few to silence a cue family a
    lead wrote for wording the tweets may not hold ("call me back immediately")."""
    if signal not in OWN_CORPUS and y[tweets].sum() >= MIN_TWEET_POSITIVES:
        on_tweets = {m: _f1(y[tweets], guess[tweets]) for m, guess in choices.items()}
        return "either" if on_tweets["either"] - on_tweets["rules"] >= MODE_MARGIN / 4 else "rules"
    return _choose_mode({m: (scored[m] + in_domain[m]) / 2 for m in MODES})


def train(shared: Path, out: Path = MODEL_PATH, folds: int = 5, log=print, oof_out: Path | None = None) -> dict:
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    corpus = load_corpus(shared)
    eval_ids = evaldata_dev_ids(shared)
    log(f"read {len(corpus.texts):,} texts: " + ", ".join(f"{k} {v:,}" for k, v in Counter(corpus.origin).items()))
    feats = [features(t) for t in corpus.texts]
    names = vocabulary(feats)
    vectorizer = DictVectorizer(sort=False)
    vectorizer.fit([{n: 1.0 for n in names}])
    counts = vectorizer.transform(feats)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    X_text = tfidf.transform(counts).tocsr()
    log(f"{len(names):,} features; running the rules over every text")
    verdicts = rule_verdicts(corpus.texts)
    R = sparse.csr_matrix(np.array([[1.0 if s in v else 0.0 for s in SIGNALS] for v in verdicts]))
    X = sparse.hstack([X_text, R]).tocsr()
    from bot.letter_training import MIN_LETTER_POSITIVES, at_letters_threshold, letter_mode as choose_letter_mode, trusted_rules

    letter = [len(t.split()) > MODEL_MAX_WORDS for t in corpus.texts]
    long_rows = [i for i, is_letter in enumerate(letter) if is_letter]
    log(f"judging each rule cue on the {len(long_rows)} labelled letters")
    trusted_raised, untrusted = trusted_rules([corpus.texts[i] for i in long_rows], [corpus.labels[i] for i in long_rows])
    trusted_say = dict(zip(long_rows, trusted_raised))
    meta = {"signals": list(SIGNALS), "intercepts": {}, "rule_weights": {}, "thresholds": {}, "modes": {}, "letter_modes": {}, "letter_thresholds": {},
            "rule_precision": {}, "letter_rule_precision": {}, "letter_untrusted_cues": untrusted,
            "calibration": {}, "cv": {}, "features": len(names), "seed": SEED}
    weights: dict[str, np.ndarray] = {}
    chosen: dict[str, dict[int, bool]] = {}
    on_letters: dict[str, dict[int, tuple[bool, bool]]] = {}  # signal -> letter row -> (rules say, shipped says)
    for signal in SIGNALS:
        rows = [i for i, labels in enumerate(corpus.labels) if signal in labels]
        y = np.array([corpus.labels[i][signal] for i in rows])
        w = np.array([DOMAIN_WEIGHT if corpus.domain[i] else 1.0 for i in rows])
        Xs, rules_say = X[rows], np.array([signal in verdicts[i] for i in rows])
        # A short message's way, threshold and calibration are chosen on the tweets, the corpora and the handwritten
        # sets; a letter's way on the labelled letters out of fold. The model learns from the letters too, each
        # counting as a stray tweet does (at DOMAIN_WEIGHT they taught it that "call me back" is a repeat contact).
        short = np.array([corpus.origin[i] != "letters" for i in rows])
        letters = np.array([letter[i] for i in rows])
        w[~short] = LETTER_WEIGHT
        oof = np.zeros(len(rows))
        for train_idx, test_idx in dealt_folds([corpus.texts[i] for i in rows], folds):
            model = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, solver="liblinear")
            model.fit(Xs[train_idx], y[train_idx], sample_weight=w[train_idx])
            oof[test_idx] = model.predict_proba(Xs[test_idx])[:, 1]
        oof[np.array([COUNTERED + signal in verdicts[i] for i in rows])] = 0.0  # as the analysis does: no model-only hit there
        oof[np.array([not may_raise_alone(signal, corpus.texts[i]) for i in rows])] = 0.0  # nor confusion without a question
        threshold, _ = _best_threshold(y[short], oof[short], w[short])
        model_says = oof >= threshold
        choices = {"rules": rules_say, "model": model_says, "either": rules_say | model_says}
        domain = np.array([corpus.domain[i] for i in rows]) & short
        scored = {mode: _f1(y[short], guess[short]) for mode, guess in choices.items()}
        in_domain = {mode: _f1(y[domain], guess[domain]) for mode, guess in choices.items()} if y[domain].sum() else scored
        tweets = np.array([corpus.origin[i] == "complaints" for i in rows])
        mode = _mode_for(signal, y, choices, tweets, scored, in_domain)
        report = {"rows": int(short.sum()), "positives": int(y[short].sum()), "mode": mode,
                  **{f"f1_{m}": round(v, 4) for m, v in scored.items()}}
        if letters.any():
            both = {**choices, "both": rules_say & model_says}
            letter_rows = np.array(rows)[letters]
            letter_texts = [corpus.texts[i] for i in letter_rows]
            in_letters = {m: guess[letters] for m, guess in both.items()}
            in_letters["trusted"] = np.array([signal in trusted_say[i] for i in letter_rows])
            if y[letters].sum() >= MIN_LETTER_POSITIVES:
                own, meta["letter_thresholds"][signal] = at_letters_threshold(y[letters], oof[letters], letter_texts)
                in_letters.update({"model@letters": own, "either@letters": rules_say[letters] | own,
                                   "both@letters": rules_say[letters] & own})
            letter_mode = choose_letter_mode(y[letters], in_letters, letter_texts)
            in_letters["never"] = np.zeros(int(letters.sum()), dtype=bool)
            meta["letter_modes"][signal] = letter_mode
            report.update({"letter_mode": letter_mode, "letter_rows": int(letters.sum()), "letter_positives": int(y[letters].sum()),
                           **{f"f1_letters_{m}": round(_f1(y[letters], g), 4) for m, g in in_letters.items()}})
            on_letters[signal] = {i: (bool(r), bool(g)) for i, r, g in zip(letter_rows, in_letters["rules"], in_letters[letter_mode])}
            # how often the rules are right when they fire on letters, where they over-read (the trusted cues' own)
            raised = in_letters["trusted" if letter_mode == "trusted" else "rules"]
            if raised.any():
                meta["letter_rule_precision"][signal] = round(float((raised & (y[letters] == 1)).sum() / raised.sum()), 3)
        for origin in sorted({corpus.origin[i] for i in rows}):
            mask = np.array([corpus.origin[i] == origin for i in rows]) & short
            if y[mask].sum():
                report[f"f1_{origin}"] = round(_f1(y[mask], choices[mode][mask]), 4)
                report[f"macro_f1_{origin}"] = round((_f1(y[mask], choices[mode][mask])
                                                      + _f1(1 - y[mask], ~choices[mode][mask])) / 2, 4)
        dev_ids = eval_ids.get(signal, set())
        mask = np.array([corpus.ids[i] in dev_ids for i in rows])
        if mask.any():
            for name, guesses in choices.items():
                guess = guesses[mask]
                report[f"evaldata_dev_oof_macro_f1_{name}"] = round((_f1(y[mask], guess) + _f1(1 - y[mask], ~guess)) / 2, 4)
            report["evaldata_dev_oof_macro_f1"] = report[f"evaldata_dev_oof_macro_f1_{mode}"]
            report["evaldata_dev_rows"] = int(mask.sum())
        if domain.any() and y[domain].sum():
            report["f1_domain"] = round(_f1(y[domain], choices[mode][domain]), 4)
        meta["cv"][signal] = report
        chosen[signal] = {i: bool(g) for i, g in zip(rows, choices[mode]) if corpus.origin[i] == "complaints"}
        log(f"{signal:<20} rows {len(rows):>6}  pos {int(y.sum()):>5}  F1 rules/model/either: all "
            f"{scored['rules']:.3f}/{scored['model']:.3f}/{scored['either']:.3f}  customer wording "
            f"{in_domain['rules']:.3f}/{in_domain['model']:.3f}/{in_domain['either']:.3f}  -> {mode}"
            + (f"; letters ({report['letter_positives']} pos) " + "/".join(LETTER_WAYS) + " " + "/".join(
                f"{report.get('f1_letters_' + m, 0):.3f}" for m in LETTER_WAYS) + f" -> {report['letter_mode']}"
               if "letter_mode" in report else ""))
        final = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000, solver="liblinear")
        final.fit(Xs, y, sample_weight=w)
        coef = final.coef_[0]
        weights[signal] = coef[: len(names)]
        meta["intercepts"][signal] = float(final.intercept_[0])
        meta["rule_weights"][signal] = {s: float(coef[len(names) + k]) for k, s in enumerate(SIGNALS) if abs(coef[len(names) + k]) > 1e-6}
        meta["thresholds"][signal] = float(threshold)
        meta["calibration"][signal] = calibration(y[short], oof[short], w[short])
        # how often the rules are right when they fire, on customer tweets where they fire often enough there
        sure = rules_say & tweets if (rules_say & tweets).sum() >= 10 else rules_say & short
        meta["rule_precision"][signal] = round(float((sure & (y == 1)).sum() / sure.sum()), 3) if sure.any() else 0.0
        meta["modes"][signal] = mode
    rare = [s for s in SIGNALS if s not in {"complaint", "anger", "abusive"}]
    meta["cv"]["rare_micro_f1_complaint_tweets"] = _micro(corpus, chosen, rare)
    log(f"rare signals on our labelled customer tweets, out of fold: {meta['cv']['rare_micro_f1_complaint_tweets']}")
    if on_letters:
        for k, name in ((0, "rules"), (1, "shipped")):
            picked = {s: {i: g[k] for i, g in v.items()} for s, v in on_letters.items()}
            meta["cv"][f"rare_micro_f1_letters_{name}"] = _micro(corpus, picked, rare)
        log(f"rare signals on our labelled letters, out of fold: rules {meta['cv']['rare_micro_f1_letters_rules']}, "
            f"as shipped {meta['cv']['rare_micro_f1_letters_shipped']}")
    _write(out, meta, names, tfidf.idf_, weights)
    if oof_out:
        _write_oof(oof_out, corpus, chosen)
    log(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return meta


def _micro(corpus: Corpus, chosen: dict[str, dict[int, bool]], rare: list[str]) -> dict:
    """Micro-averaged P/R/F1 over the rare signals on the labelled rows given (out-of-fold)."""
    tp = fp = fn = 0
    for signal in rare:
        for i, guess in chosen.get(signal, {}).items():
            truth = bool(corpus.labels[i].get(signal))
            tp += truth and guess
            fp += guess and not truth
            fn += truth and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0}


def _write_oof(path: Path, corpus: Corpus, chosen: dict[str, dict[int, bool]]) -> None:
    """Each labelled customer tweet with the signals the shipped combination gives it out of fold,
    so a subset of the tweets (a held-out file) can be scored without a model that saw it."""
    rows: dict[int, list[str]] = {}
    for signal, guesses in chosen.items():
        for i, guess in guesses.items():
            rows.setdefault(i, [])
            if guess:
                rows[i].append(signal)
    path.write_text("".join(json.dumps({"tweet_id": corpus.ids[i], "signals": s}) + "\n" for i, s in sorted(rows.items())),
                    encoding="utf-8")


def _write(out: Path, meta: dict, names: list[str], idf, weights) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        handle.write(json.dumps(meta, sort_keys=True).encode("utf-8") + b"\n")
        handle.write("\t".join(names).encode("utf-8") + b"\n")
        handle.write(array.array("f", [float(v) for v in idf]).tobytes())
        for signal in meta["signals"]:
            handle.write(array.array("f", [float(v) for v in weights[signal]]).tobytes())


def main(shared: Path | None = None) -> int:
    random.seed(SEED)
    shared = shared or (REPO.parent / "shared")
    train(shared)
    return 0
