"""python -m bench.review_figures tests/data/review/roundN

The figures of one blind review round: per version (before / after, from the round's key.json),
the mean of each rubric criterion, how many outputs a lead would send after light edits
(sendable = 2) overall and for web messages and tweets apart, how many broke a never-do rule,
and the after-version's unsendable outputs with the reviewers' comments (`comment`, or the `worst` line quoted).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

CRITERIA = ("signals", "severity", "specific", "sendable", "distinct", "boundary", "questions")
VERSIONS = ("before", "after")


def figures(round_dir: Path) -> tuple[dict, list[tuple]]:
    key = json.loads((round_dir / "key.json").read_text())
    scores = {v: defaultdict(list) for v in VERSIONS}
    sendable = {v: defaultdict(list) for v in VERSIONS}  # per source: web | tw
    never_do: Counter = Counter()
    worst = []
    for path in sorted(round_dir.glob("scores*.jsonl")):
        for line in path.read_text().splitlines():
            row = json.loads(line)
            x_is = key[row["id"]]["X"]
            version = x_is if row["output"] == "X" else next(v for v in VERSIONS if v != x_is)
            for criterion in CRITERIA:
                scores[version][criterion].append(row[criterion])
            sendable[version]["web" if row["id"].startswith("web") else "tw"].append(row["sendable"] == 2)
            never_do[version] += bool(row.get("never_do"))
            if version == "after" and row["sendable"] < 2:
                worst.append((row["id"], row["sendable"], row.get("comment") or row.get("worst", ""), row.get("never_do")))
    table = {v: {"means": {c: round(sum(x) / len(x), 2) for c, x in scores[v].items()},
                 "outputs": len(scores[v]["sendable"]),
                 "sendable": sum(1 for x in scores[v]["sendable"] if x == 2),
                 "never_do": never_do[v],
                 "web": f"{sum(sendable[v]['web'])}/{len(sendable[v]['web'])}",
                 "tweets": f"{sum(sendable[v]['tw'])}/{len(sendable[v]['tw'])}"} for v in VERSIONS}
    return table, worst


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not (Path(args[0]) / "key.json").is_file():
        print("usage: python -m bench.review_figures tests/data/review/roundN", file=sys.stderr)
        return 2
    table, worst = figures(Path(args[0]))
    for version, row in table.items():
        print(version, json.dumps(row))
    print()
    for item in worst:
        print(item)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
