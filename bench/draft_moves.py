"""python -m bench.draft_moves [FILE ...] [--show N]

A mechanical proxy for the rubric's "three drafts distinct": reviewers score 2 only when the drafts
differ in what they *do*, not in wording. Each draft is reduced to its moves (what it commits to,
what it asks, whom it hands the case to, what it leaves to the agent); an output counts as distinct
when no two of its drafts make the same moves. Reviewers still decide; this only says, between two
reviews, whether a change could have helped. Reads real messages (JSON lines with `text`), by
default every message earlier review rounds showed their reviewers plus the web sets.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_SENTENCE = re.compile(r"(?<=[.?!])\s+|\n+")
_MOVE = re.compile(r"^(?:I'll|I will|I can(?: also)?|We can|We will|we will|I've (?:passed|flagged|asked)|"
                   r"Could you|Would you|Which|Before I|So I get|What|When|Where|Did|Do you|Is|Are|"
                   r"\d+\. We can|\[)", re.I)
_PREFIX = re.compile(r"^(?:\d+\. )?(?:I'll|I will|I can(?: also)?|We can|We will)\s+", re.I)
_TIME = re.compile(r"\b(?:by this time tomorrow|within (?:the hour|\d+ hours|\d+ days))\b")


def moves(draft: str) -> tuple[str, ...]:
    """What one draft does, in order, with wording differences (I'll / we can) and the promised time removed."""
    body = "\n".join(draft.strip().splitlines()[1:-2])  # greeting, sign-off and team dropped
    found: list[str] = []
    for sentence in _SENTENCE.split(body):
        sentence = sentence.strip()
        if sentence and _MOVE.search(sentence):
            found.append(_TIME.sub("", _PREFIX.sub("", sentence)).strip(" .").lower())
    return tuple(dict.fromkeys(found))


def score(drafts: list[str]) -> int:
    """The rubric's 0-2 read mechanically: 2 when every draft leads with a different move (or a different
    set of moves), 1 when two share theirs, 0 when all three do the same."""
    leads = [(m[0] if m else "", frozenset(m)) for m in map(moves, drafts)]
    differ = sum(1 for i, a in enumerate(leads) for b in leads[i + 1:] if a[0] != b[0] and a[1] != b[1])
    return 2 if differ == 3 else 1 if differ >= 2 else 0


def _messages(paths: list[Path]) -> list[dict]:
    if paths:
        return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows: dict[str, dict] = {}
    for sample in sorted((REPO / "tests" / "data" / "review").glob("round*/sample.json")):
        rows.update({r["id"]: r for r in json.loads(sample.read_text(encoding="utf-8"))})
    for path in sorted((REPO / "tests" / "data").glob("real_messages*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.setdefault(row["id"], row)
    return list(rows.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.draft_moves", description=__doc__.split("\n\n")[1])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print the moves of N outputs that are not distinct")
    args = parser.parse_args(argv)
    from bot.assistant import Assistant

    assistant = Assistant.load()
    rows = _messages(args.files)
    same, scores = [], []
    for row in rows:
        drafts = [r.text for r in assistant.suggest(row["text"]).replies]
        scores.append(score(drafts))
        if scores[-1] < 2:
            same.append((row["id"], [list(moves(d)) for d in drafts]))
    print(f"{len(rows)} real messages; drafts distinct in what they do (0-2, mechanical): mean "
          f"{sum(scores) / max(1, len(rows)):.2f}; 2: {scores.count(2)}, 1: {scores.count(1)}, 0: {scores.count(0)}")
    for ident, sets in same[:args.show]:
        print(f"\n{ident}")
        for style, found in zip(("empathetic", "concise", "formal"), sets):
            print(f"  {style:10} {found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
