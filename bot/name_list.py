"""First names, to tell a person from a capitalised word: "a great employee you have in Pat King", "Brandon quickly
took my reservation", "steward Claude, attendant Patti and chef Kyle". A thank-you names the people it is for in
words no pattern of thanks surrounds; 66 of 76 names in 236 labelled thank-you messages were missed by the patterns
alone (tests/data/labels/thanked_names.jsonl).

The list is the US Census Bureau's 1990 first names (public domain, as packaged by the MIT-licensed `names` project,
https://github.com/treyhunner/names), without the names that are everyday words in customer wording ("Will",
"Hope", "Grace", "Chase", "Bill", "May"): a name written in lower case mid-sentence in the training corpora at least
COMMON_LOWER times, and more often so than capitalised there. `composure train` writes it (bot/data/first_names.txt);
a name left out can still be read as one when a surname follows it ("Mark Greising").
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

NAMES_PATH = Path(__file__).resolve().parent / "data" / "first_names.txt"
COMMON_LOWER = 3
CORPORA = ("complaints_train.csv", "goemotions_train.csv", "sarcasm_train.csv")
_MID_SENTENCE_WORD = re.compile(r"(?<![.!?:\"“]\s)(?<![.!?:\"“])(?<!^)\b[A-Za-z]{2,}\b")


def _census_names() -> list[str]:
    import names  # the train extra

    folder = Path(names.__file__).resolve().parent
    found = {line.split()[0].capitalize() for part in ("dist.male.first", "dist.female.first")
             for line in (folder / part).read_text(encoding="utf-8").splitlines() if line.strip()}
    return sorted(found)


def build(shared: Path, out: Path = NAMES_PATH, log=print) -> list[str]:
    """Write the first names that are not everyday words in the corpora's customer wording."""
    lower: Counter = Counter()
    upper: Counter = Counter()
    for corpus in CORPORA:
        with (shared / "corpora" / corpus).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for word in _MID_SENTENCE_WORD.findall(row["text"]):
                    (lower if word.islower() else upper)[word.lower()] += 1
    census = _census_names()
    words = {n for n in census if lower[n.lower()] >= COMMON_LOWER and lower[n.lower()] > upper[n.lower()]}
    kept = [n for n in census if n not in words]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# US Census 1990 first names (public domain, via the MIT-licensed `names` package); those marked ~ are\n"
                   "# everyday words in the training corpora. Written by `composure train` (bot/name_list.py)\n"
                   + "\n".join(n if n not in words else f"~{n}" for n in census) + "\n", encoding="utf-8")
    log(f"first names: {len(kept)} of {len(census)} kept ({len(census) - len(kept)} are everyday words) -> {out}")
    return kept


@lru_cache(maxsize=1)
def _shipped() -> tuple[str, ...]:
    if not NAMES_PATH.is_file():
        return ()
    return tuple(line.strip() for line in NAMES_PATH.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names that are not everyday words (empty when the file is missing: then only the patterns of
    thanks find names)."""
    return frozenset(n for n in _shipped() if not n.startswith("~"))


@lru_cache(maxsize=1)
def word_names() -> frozenset[str]:
    """First names that are everyday words ("Pat", "Mark", "Grace"): a person only with a surname after them."""
    return frozenset(n[1:] for n in _shipped() if n.startswith("~"))
