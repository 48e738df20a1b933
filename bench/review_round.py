"""python -m bench.review_round OUT --before REV [--after REV] [--seed N] [--web FILE:N ...] [--tweets N] [--others N] [--draw-only]

Makes one blind before/after review round: a fresh sample of real messages that no earlier round
under tests/data/review/ used, each rendered by two versions of Composure (git revisions, checked
out into temporary worktrees so the working tree is never touched), in a random X/Y order per
message. Writes `sample.json`, `key.json` (which of X/Y is which; reviewers never see it) and
`part1.md` / `part2.md` (one per reviewer). Reviewers score with ../RUBRIC.md into
`scores1.jsonl` / `scores2.jsonl`; `python -m bench.review_figures OUT` gives the figures.

A revision of "WORKTREE" renders the working tree as it is (for a quick look, not for a report).
`--draw-only` fixes the sample first (OUT/sample.json) so nobody tunes on it while the "after"
version is still being built; a later run with the same OUT renders that sample.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REVIEWS = REPO / "tests" / "data" / "review"
_RENDER = """
import json, sys
from bot.assistant import Assistant
from bot.render_text import render_suggestion
assistant = Assistant.load()
rows = json.load(sys.stdin)
json.dump({r["id"]: render_suggestion(assistant.suggest(r["text"])) for r in rows}, sys.stdout)
"""


def used_ids() -> set[str]:
    """Every message id an earlier round showed its reviewers."""
    seen: set[str] = set()
    for path in REVIEWS.glob("round*/sample.json"):
        seen |= {row["id"] for row in json.loads(path.read_text(encoding="utf-8"))}
    return seen


def trained_on() -> set[str]:
    """Every message a learned part was fitted on (the situation and stance labels): a round that showed one would
    flatter the model, so they are never drawn."""
    return {json.loads(line)["id"] for pattern in ("situations_*.jsonl", "stance_*.jsonl")
            for path in (REVIEWS.parent / "labels").glob(pattern)
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def _tweets(shared: Path, complaint: str, count: int, rng: random.Random, seen: set[str]) -> list[dict]:
    with (shared / "corpora" / "complaints_train.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle)
                if r["is_complaint"] == complaint and f"tw-{r['tweet_id']}" not in seen]
    return [{"id": f"tw-{r['tweet_id']}", "source": "complaints corpus (training rows)", "text": r["text"]}
            for r in rng.sample(rows, min(count, len(rows)))]


def draw(seed: int, web: list[tuple[Path, int]], tweets: int, others: int, shared: Path) -> list[dict]:
    """The round's messages: unseen web messages, then unseen complaint and other tweets, shuffled."""
    rng = random.Random(seed)
    seen = used_ids() | trained_on()
    chosen: list[dict] = []
    for path, count in web:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rows = [r for r in rows if r["id"] not in seen]
        chosen += [{"id": r["id"], "source": r.get("source", ""), "text": r["text"]}
                   for r in rng.sample(rows, min(count, len(rows)))]
    chosen += _tweets(shared, "1", tweets, rng, seen) + _tweets(shared, "0", others, rng, seen)
    rng.shuffle(chosen)
    return chosen


def render(revision: str, rows: list[dict]) -> dict[str, str]:
    """Each message rendered by one revision of the code, exactly as the terminal shows it."""
    def run(tree: Path) -> dict[str, str]:
        done = subprocess.run([sys.executable, "-c", _RENDER], cwd=tree, input=json.dumps(rows),
                              capture_output=True, text=True, check=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
        return json.loads(done.stdout)
    if revision == "WORKTREE":
        return run(REPO)
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), revision],
                       check=True, capture_output=True)
        try:
            return run(tree)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=True)


def write_round(out: Path, rows: list[dict], before: dict[str, str], after: dict[str, str], seed: int) -> None:
    rng = random.Random(seed + 1)
    out.mkdir(parents=True, exist_ok=True)
    key: dict[str, dict] = {}
    halves = (rows[: (len(rows) + 1) // 2], rows[(len(rows) + 1) // 2:])
    for part, half in enumerate(halves, 1):
        lines = [f"# Review part {part}: {len(half)} real customer messages, two outputs each (X and Y)\n"]
        for n, row in enumerate(half, 1):
            x_is = rng.choice(("before", "after"))
            key[row["id"]] = {"part": part, "n": n, "X": x_is}
            x, y = (before, after) if x_is == "before" else (after, before)
            lines += [f"======== MESSAGE {part}.{n} (id {row['id']}) ========\n", "CUSTOMER'S MESSAGE:\n",
                      row["text"] + "\n", "-------- OUTPUT X --------\n", x[row["id"]] + "\n",
                      "-------- OUTPUT Y --------\n", y[row["id"]] + "\n"]
        (out / f"part{part}.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "sample.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")


def _web(value: str) -> tuple[Path, int]:
    path, _, count = value.rpartition(":")
    if not path or not count.isdigit():
        raise argparse.ArgumentTypeError(f"expected FILE:COUNT, got {value!r}")
    return Path(path), int(count)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.review_round", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--before", required=True)
    p.add_argument("--after", default="HEAD")
    p.add_argument("--seed", type=int, default=8008)
    p.add_argument("--web", type=_web, action="append", default=[], metavar="FILE:N")
    p.add_argument("--tweets", type=int, default=0, help="unseen complaint tweets from the shared corpora")
    p.add_argument("--others", type=int, default=0, help="unseen non-complaint tweets")
    p.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    p.add_argument("--draw-only", action="store_true", help="only fix the sample (OUT/sample.json)")
    args = p.parse_args(argv)
    fixed = args.out / "sample.json"
    if fixed.exists():
        rows = json.loads(fixed.read_text(encoding="utf-8"))
    else:
        rows = draw(args.seed, args.web, args.tweets, args.others, args.shared)
    if args.draw_only:
        args.out.mkdir(parents=True, exist_ok=True)
        fixed.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"{len(rows)} messages drawn into {fixed}")
        return 0
    if not rows:
        print("python -m bench.review_round: no unseen messages to sample", file=sys.stderr)
        return 2
    write_round(args.out, rows, render(args.before, rows), render(args.after, rows), args.seed)
    print(f"{len(rows)} messages written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
