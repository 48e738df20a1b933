"""python -m bench.review [--seed N] [--web N] [--tweets N] [--label A|B] > sample.md

Writes a review sample for human (or helper) reviewers: real customer messages with the full
suggestion for each, as the agent would read it in the terminal. The messages come from the
committed review set (tests/data/real_messages.jsonl, with their source addresses) and from the
complaint tweets of ../shared/corpora (training rows only, never a test row).

Only the public API is used (Assistant.load, suggest, render_suggestion), so the same command
run from an older checkout gives the "before" outputs of the same messages.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

from bot.assistant import Assistant
from bot.render_text import render_suggestion

REPO = Path(__file__).resolve().parent.parent


def sample(seed: int, web: int, tweets: int, shared: Path, review: Path) -> list[tuple[str, str, str]]:
    """(id, source, text) for the chosen messages, in a fixed order for a given seed."""
    rng = random.Random(seed)
    chosen: list[tuple[str, str, str]] = []
    if review.exists() and web:
        rows = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines() if line.strip()]
        chosen += [(r["id"], r.get("source", ""), r["text"]) for r in rng.sample(rows, min(web, len(rows)))]
    path = shared / "corpora" / "complaints_train.csv"
    if path.exists() and tweets:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if r["is_complaint"] == "1"]
        chosen += [(f"tweet-{r['tweet_id']}", "complaints corpus (Preotiuc-Pietro et al. 2019)", r["text"])
                   for r in rng.sample(rows, min(tweets, len(rows)))]
    return chosen


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.review", description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--web", type=int, default=20, help="messages from tests/data/real_messages.jsonl")
    p.add_argument("--tweets", type=int, default=20, help="complaint tweets from the shared corpora")
    p.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    p.add_argument("--review", type=Path, default=REPO / "tests" / "data" / "real_messages.jsonl")
    args = p.parse_args(argv)
    assistant = Assistant.load()
    out = sys.stdout
    for n, (ident, source, text) in enumerate(sample(args.seed, args.web, args.tweets, args.shared, args.review), 1):
        out.write(f"\n\n## Message {n} ({ident})\n\nSource: {source}\n\n```\n{text}\n```\n\n### Output\n\n```\n")
        out.write(render_suggestion(assistant.suggest(text)) + "\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
