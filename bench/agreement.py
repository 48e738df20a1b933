"""python -m bench.agreement: how far two independent labellers agree on the complaint tweets.

A 10 % sample (tweet ids whose SHA-1 is 0 mod 10) was labelled twice, independently: once in
tests/data/labels/labels_*.jsonl and once in agreement_second.jsonl. Prints, per signal, the
positives each labeller gave, raw agreement, Cohen's kappa and F1 of one against the other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot import SIGNALS

LABELS = Path(__file__).resolve().parent.parent / "tests" / "data" / "labels"


def _read(paths) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[row["tweet_id"]] = set(row["labels"])
    return out


def kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def report(first: dict[str, set[str]], second: dict[str, set[str]]) -> list[dict]:
    ids = sorted(set(first) & set(second))
    rows = []
    for signal in SIGNALS:
        a = [signal in first[i] for i in ids]
        b = [signal in second[i] for i in ids]
        both = sum(x and y for x, y in zip(a, b))
        f1 = 2 * both / (sum(a) + sum(b)) if sum(a) + sum(b) else 1.0
        rows.append({"signal": signal, "n": len(ids), "first": sum(a), "second": sum(b),
                     "agreement": round(sum(x == y for x, y in zip(a, b)) / len(ids), 3),
                     "kappa": round(kappa(a, b), 3), "f1": round(f1, 3)})
    return rows


def main() -> int:
    first = _read(sorted(LABELS.glob("labels_*.jsonl")))
    second = _read([LABELS / "agreement_second.jsonl"])
    rows = report(first, second)
    print(f"{'signal':<20}{'n':>5}{'first':>7}{'second':>8}{'agree':>8}{'kappa':>8}{'F1':>7}")
    for r in rows:
        print(f"{r['signal']:<20}{r['n']:>5}{r['first']:>7}{r['second']:>8}{r['agreement']:>8.3f}{r['kappa']:>8.3f}{r['f1']:>7.3f}")
    pos = [r for r in rows if r["first"] + r["second"]]
    print(f"mean kappa over signals with any positive: {sum(r['kappa'] for r in pos) / len(pos):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
