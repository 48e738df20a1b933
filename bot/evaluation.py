"""Precision, recall and F1 of the analysis on labelled data, and of "Check my reply" on labelled replies.

Reads the contract's formats (CSV with `text` and `;`-separated `labels`, or JSONL with
`text` and a `labels` list) and the three public corpora of ../shared/evaldata as they are,
mapping their own label columns to our signals.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from bot import SIGNALS
from bot.errors import BadInput


@dataclass(frozen=True)
class Example:
    text: str
    labels: frozenset[str]


@dataclass(frozen=True)
class Dataset:
    examples: list[Example]
    signals: tuple[str, ...]  # the signals this data labels completely
    binary: bool              # one signal, both classes meaningful (report macro-F1)


def _emotion_anger(row: dict) -> bool:
    return bool({"anger", "annoyance"} & set(row["emotions"].split(";")))


# column that identifies the corpus -> (text column, signal, is-positive)
CORPORA: dict[str, tuple[str, str, Callable[[dict], bool]]] = {
    "is_complaint": ("text", "complaint", lambda r: r["is_complaint"].strip() == "1"),
    "emotions": ("text", "anger", _emotion_anger),
    "class": ("tweet", "abusive", lambda r: r["class"].strip() in {"0", "1"}),
}


def _labels(raw: Iterable[str], where: str) -> frozenset[str]:
    labels = frozenset(x.strip() for x in raw if x.strip())
    unknown = labels - set(SIGNALS)
    if unknown:
        raise BadInput(f"{where}: unknown signal {sorted(unknown)[0]!r} (expected names from: {', '.join(SIGNALS)})")
    return labels


def _rows_csv(path: Path, split: str | None) -> Dataset:
    with path.open(newline="", encoding="utf-8-sig") as handle:  # -sig: drops the byte-order mark Excel and Notepad write
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or [])
        rows = [r for r in reader if split is None or r.get("split", split) == split]
    if {"text", "labels"} <= columns:
        examples = [Example(r["text"], _labels(r["labels"].split(";"), f"{path}: row {i + 2}")) for i, r in enumerate(rows)]
        return Dataset(examples, SIGNALS, False)
    for marker, (text_col, signal, positive) in CORPORA.items():
        if marker in columns and text_col in columns:
            examples = [Example(r[text_col], frozenset({signal}) if positive(r) else frozenset()) for r in rows]
            return Dataset(examples, (signal,), True)
    raise BadInput(f"{path}: expected CSV columns 'text' and 'labels' (labels separated by ';'), got {', '.join(sorted(columns))}")


def _json_lines(path: Path) -> Iterator[tuple[int, object]]:
    """(line number, the line's JSON value, or None when it is not JSON) for each non-blank line."""
    with path.open(encoding="utf-8-sig") as handle:
        for n, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError:
                    yield n, None


def _rows_jsonl(path: Path) -> Dataset:
    examples = []
    for n, row in _json_lines(path):
        try:
            text, labels = row["text"], row.get("labels", [])
        except (KeyError, TypeError, AttributeError):
            raise BadInput(f"{path}: line {n}: expected a JSON object with 'text' and 'labels'") from None
        if not isinstance(text, str) or not isinstance(labels, list):
            raise BadInput(f"{path}: line {n}: 'text' must be a string and 'labels' a list")
        examples.append(Example(text, _labels(labels, f"{path}: line {n}")))
    return Dataset(examples, SIGNALS, False)


def load_dataset(path: Path, split: str | None = None) -> Dataset:
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    try:
        data = _rows_jsonl(path) if path.suffix in {".jsonl", ".json"} else _rows_csv(path, split)
    except UnicodeDecodeError:
        raise BadInput(f"{path}: not UTF-8 text; save it as UTF-8") from None
    if not data.examples:
        raise BadInput(f"{path}: no rows" + (f" with split={split}" if split else ""))
    return data


@dataclass(frozen=True)
class ReplyExample:
    """One labelled agent reply for "Check my reply": the draft, the customer's message if any, the finding kinds."""

    text: str
    customer: str | None
    labels: frozenset[str]
    split: str


def reply_rows(path: Path) -> list[ReplyExample] | None:
    """The rows of a reply-check file (JSONL whose rows say "kind": "reply_check"), or None for any other file."""
    from bot.reply_check import KINDS

    if path.suffix not in {".jsonl", ".json"} or not path.is_file():
        return None
    rows = []
    for n, row in _json_lines(path):
        if not rows and not (isinstance(row, dict) and row.get("kind") == "reply_check"):
            return None  # not a reply-check file: the signal evaluation reads it
        if not isinstance(row, dict) or row.get("kind") != "reply_check":
            raise BadInput(f'{path}: line {n}: expected a JSON object with "kind": "reply_check" like the rows before it')
        text, customer, labels = row.get("text"), row.get("customer"), row.get("labels", [])
        if not isinstance(text, str) or not isinstance(labels, list) or not isinstance(customer, (str, type(None))):
            raise BadInput(f"{path}: line {n}: 'text' and 'customer' must be strings and 'labels' a list")
        unknown = set(labels) - set(KINDS)
        if unknown:
            raise BadInput(f"{path}: line {n}: unknown finding kind {sorted(unknown)[0]!r} "
                           f"(expected names from: {', '.join(KINDS)})")
        rows.append(ReplyExample(text, customer, frozenset(labels), str(row.get("split", "all"))))
    return rows


def evaluate_replies(rows: list[ReplyExample], found: Callable[[ReplyExample], Iterable[str]]) -> list["Score"]:
    """Precision / recall / F1 per finding kind; `found` gives the kinds the check found in a row's draft."""
    from bot.reply_check import KINDS

    counts = {k: [0, 0, 0, 0] for k in KINDS}
    for row in rows:
        kinds = set(found(row))
        for kind in KINDS:
            truth, guess = kind in row.labels, kind in kinds
            counts[kind][(0 if guess else 2) if truth else (1 if guess else 3)] += 1
    return [Score(k, *c) for k, c in counts.items()]


@dataclass(frozen=True)
class Score:
    signal: str
    tp: int
    fp: int
    fn: int
    tn: int

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def precision(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[0]

    @property
    def recall(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[1]

    @property
    def f1(self) -> float:
        return self._f1(self.tp, self.fp, self.fn)[2]

    @property
    def macro_f1(self) -> float:
        """Mean of the positive- and negative-class F1, as the complaints paper reports."""
        negative = self._f1(self.tn, self.fn, self.fp)[2]
        return (self.f1 + negative) / 2

    def to_dict(self) -> dict:
        return {"signal": self.signal, "support": self.support, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4), "macro_f1": round(self.macro_f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn}


def evaluate(data: Dataset, predict: Callable[[str], Iterable[str]]) -> list[Score]:
    counts = {s: [0, 0, 0, 0] for s in data.signals}
    for example in data.examples:
        predicted = set(predict(example.text))
        for signal in data.signals:
            truth, guess = signal in example.labels, signal in predicted
            counts[signal][(0 if guess else 2) if truth else (1 if guess else 3)] += 1
    return [Score(s, *c) for s, c in counts.items()]


def errors(data: Dataset, predict: Callable[[str], Iterable[str]], signal: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for each false positive and false negative of one signal, for tuning."""
    for example in data.examples:
        truth, guess = signal in example.labels, signal in set(predict(example.text))
        if truth != guess:
            yield ("FN" if truth else "FP"), example.text


def format_table(scores: list[Score], binary: bool, what: str = "signal", width: int = 20) -> str:
    lines = [f"{what:<{width}}{'support':>8}{'prec':>8}{'recall':>8}{'F1':>8}" + (f"{'macroF1':>9}" if binary else "")]
    for s in scores:
        lines.append(f"{s.signal:<{width}}{s.support:>8}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"
                     + (f"{s.macro_f1:>9.3f}" if binary else ""))
    return "\n".join(lines)


def format_cv(cv: dict[str, dict]) -> str:
    """The trainer's out-of-fold figures: F1 of the chosen combination on all its rows, on our
    labelled customer wording, and macro-F1 on the evaluation sets' dev rows where they exist."""
    lines = [f"{'signal':<20}{'rows':>7}{'mode':>8}{'F1':>8}{'F1 cust':>9}{'dev mF1':>9}   letters: pos, F1 rules -> shipped (way)"]
    for signal, r in cv.items():
        if "rows" not in r:
            continue
        mode = r.get("mode", "")
        letters = (f"   {r['letter_positives']:>4}, {r['f1_letters_rules']:.3f} -> {r['f1_letters_' + r['letter_mode']]:.3f} "
                   f"({r['letter_mode']})" if "letter_mode" in r else "")
        lines.append(f"{signal:<20}{r.get('rows', 0):>7}{mode:>8}{r.get('f1_' + mode, 0):>8.3f}"
                     f"{r.get('f1_domain', float('nan')):>9.3f}{r.get('evaldata_dev_oof_macro_f1', float('nan')):>9.3f}{letters}")
    for name, label in (("rare_micro_f1_complaint_tweets", "rare signals, our labelled customer tweets"),
                        ("rare_micro_f1_letters_rules", "rare signals, our labelled letters, rules alone"),
                        ("rare_micro_f1_letters_shipped", "rare signals, our labelled letters, as shipped")):
        if name in cv:
            lines.append(f"{label}: precision {cv[name]['precision']:.3f}, recall {cv[name]['recall']:.3f}, F1 {cv[name]['f1']:.3f}")
    return "\n".join(lines)


def format_reply_cv(cv: dict[str, dict], kinds: Iterable[str] = ()) -> str:
    """The learned part of Check my reply, as `composure train` chose it: nested 5-fold precision /
    recall on the dev rows for the cues alone, the model alone and either, and the mode shipped; a kind
    of `kinds` with too few labels to learn from (or newer than the model) is shown as left to the cues."""
    lines = ["learned part, nested 5-fold on the dev rows (precision/recall):",
             f"{'finding':<18}{'cues':>11}{'model':>11}{'either':>11}{'real: cues':>13}{'either':>11}  shipped"]
    for kind in dict.fromkeys([*cv, *kinds]):
        r = cv.get(kind, {})
        if "dev" not in r:
            labelled = f"{r['positives']} labelled" if "positives" in r else "no labels when trained"
            lines.append(f"{kind:<18}{'':>11}{'':>11}{'':>11}{'':>13}{'':>11}  cues alone ({labelled})")
            continue
        pr = {f"{split}.{mode}": f"{r[split][mode]['precision']:.2f}/{r[split][mode]['recall']:.2f}"
              for split in ("dev", "real") for mode in ("rules", "model", "either")}
        lines.append(f"{kind:<18}{pr['dev.rules']:>11}{pr['dev.model']:>11}{pr['dev.either']:>11}"
                     f"{pr['real.rules']:>13}{pr['real.either']:>11}  {'cues or model' if r['mode'] == 'either' else 'cues alone'}")
    return "\n".join(lines)
