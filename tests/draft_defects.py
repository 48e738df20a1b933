"""Defect classes a team lead rejects a draft for, checked mechanically over real messages.

Shared by the invariant tests (`test_drafts_real.py`) and `python -m bench --only drafts`,
so the figures in the README and the tests count the same thing. `drafts` joins a suggestion's
drafts for the tests that search them (tests/test_case_reading_*.py).
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ADMISSION = re.compile(r"\b(?:our (?:fault|mistake|error)|(?:an )?error on our part|that'?s on us|(?:we|i) (?:take|accept) "
                       r"(?:full )?responsibility|we (?:messed|screwed) up|we got (?:this|it) wrong|we are to blame|our bad)\b", re.I)
GOODWILL = re.compile(r"\b(?:store credit|voucher|% off|discount|gift card|complimentary|free month)\b", re.I)
# condolences for a death the customer tells of ("I'm so sorry for your loss") apologise for nothing
APOLOGY = re.compile(r"\b(?:sorry(?! for your loss)|apologi[sz]e|apologies|regret)\b", re.I)
_WORDS = re.compile(r"[a-z0-9']+")
_MALFORMED = [
    (re.compile(r"\{\{|\}\}|\{[a-z_]+\}"), "unfilled placeholder"),
    (re.compile(r"[^\n] {2,}\S"), "double space"),
    (re.compile(r" [,.;:!?]"), "space before punctuation"),
    (re.compile(r"(?<!\.)\.\.(?!\.)|,\.|\.,"), "doubled punctuation"),
    (re.compile(r"[.!?] +[a-z]"), "sentence starts in lower case"),
    (re.compile(r"\b(\w+) \1\b", re.I), "repeated word"),
    (re.compile(r"\b(?:a|an|the|your|our) (?:a|an|the|your|our)\b", re.I), "stacked determiners"),
    # round 5: "We can find your earlier message and answer it myself today" (the formal "we" with an "I" remedy)
    (re.compile(r"\b[Ww]e (?:can|will|could)\b[^.!?\n]*\b(?:myself|I'll|I will|I've|I have|I can)\b"), "we and I in one sentence"),
]
# Any '#word', or a word after "order", "case" ... that the customer did not write, is invented.
_REFERENCES = re.compile(r"#([\w-]+)|\b(?:order|case|ticket|booking|reference|invoice|account)\s+(?:number\s+|no\.?\s+)?"
                         r"([A-Z0-9][\w-]*\d[\w-]*)", re.I)
_AMOUNTS = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?")
THREATS = {"threat_legal", "threat_safety", "public_exposure"}
NO_GOODWILL = {"abusive", "threat_legal", "threat_safety", "public_exposure"}


def _ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


# Our own phrase bank's wording is ours even when a customer happens to write the same six words
# ("thank you for taking the time to ..."): only words found in the message and not in the bank are pasted.
OUR_GRAMS = _ngrams((ROOT / "prompts" / "replies" / "phrases.toml").read_text(encoding="utf-8"), 6)


def drafts(suggestion) -> str:
    """All of a suggestion's drafts as one text (joined by newlines), for a test to search them at once."""
    return "\n".join(r.text for r in suggestion.replies)


def defects(text: str, suggestion, policy_amounts: set[str]) -> list[tuple[str, str]]:
    """(defect class, detail) for every problem found in the suggestion's drafts."""
    found: list[tuple[str, str]] = []
    signals = set(suggestion.analysis.signal_names)
    stance = suggestion.reading.stance.name if getattr(suggestion, "reading", None) else ""
    lowered = text.lower().replace(" ", "")
    source_grams = _ngrams(text, 6)
    source_amounts = {a.replace(" ", "") for a in _AMOUNTS.findall(text)}
    for reply in suggestion.replies:
        draft = reply.text
        for ref in _REFERENCES.findall(draft):
            ref = next(r for r in ref if r)
            if ref.lower() not in lowered:
                found.append(("invented reference", f"{reply.style}: {ref!r}"))
        for amount in _AMOUNTS.findall(draft):
            if amount.replace(" ", "") not in source_amounts and amount not in policy_amounts:
                found.append(("changed amount", f"{reply.style}: {amount!r}"))
        pasted = (_ngrams(draft, 6) & source_grams) - OUR_GRAMS
        if pasted:
            found.append(("pasted fragment", f"{reply.style}: {' '.join(sorted(pasted)[0])!r}"))
        if ADMISSION.search(draft) and signals & THREATS:
            found.append(("admission under legal/safety", f"{reply.style}: {ADMISSION.search(draft).group(0)!r}"))
        if GOODWILL.search(draft) and (signals & NO_GOODWILL or stance in {"abuse", "threat", "extortion", "thanks"}):
            found.append(("goodwill under abuse/threat/praise", f"{reply.style}: {GOODWILL.search(draft).group(0)!r}"))
        if stance == "thanks" and APOLOGY.search(draft):
            found.append(("apology to praise", f"{reply.style}: {APOLOGY.search(draft).group(0)!r}"))
        for pattern, name in _MALFORMED:
            hit = pattern.search(draft)
            if hit:
                found.append(("malformed sentence", f"{reply.style}: {name}: {draft[max(0, hit.start() - 30):hit.end() + 30]!r}"))
    if len({r.text.split("\n", 2)[-1] for r in suggestion.replies}) < len(suggestion.replies):
        found.append(("identical drafts", ""))
    return found


def policy_amounts(settings) -> set[str]:
    from bot.policy import money
    p = settings.policy
    return {money(p, v) for v in (p.max_store_credit, p.max_fee_waiver, p.max_refund_without_approval)}


def real_messages(name: str = "real_messages*.jsonl") -> dict[str, str]:
    """id -> text of the committed real messages (tests/data/real_messages*.jsonl), or of one file of them."""
    return {row["id"]: row["text"] for path in sorted((ROOT / "tests" / "data").glob(name))
            for row in map(json.loads, filter(str.strip, path.read_text(encoding="utf-8").splitlines()))}


def real_texts(limit_per_source: int | None = None) -> list[tuple[str, str]]:
    """(source, text) for every real message available: the committed review sets, and the shared
    corpora's training rows and evaluation `dev` rows when ../shared is present. Never `test` rows."""
    out: list[tuple[str, str]] = []
    for review in sorted((ROOT / "tests" / "data").glob("real_messages*.jsonl")):
        out += [("web", json.loads(line)["text"]) for line in review.read_text().splitlines() if line.strip()]
    sources = [("complaints", SHARED / "corpora" / "complaints_train.csv", "text", None),
               ("sarcasm", SHARED / "corpora" / "sarcasm_train.csv", "text", None),
               ("offensive", SHARED / "corpora" / "offensive_train.csv", "tweet", None),
               ("goemotions", SHARED / "corpora" / "goemotions_train.csv", "text", None),
               ("emotions-dev", SHARED / "evaldata" / "emotions.csv", "text", "dev")]
    for name, path, column, split in sources:
        if not path.exists():
            continue
        with path.open(newline="", encoding="utf-8") as handle:
            rows = [r for r in csv.DictReader(handle) if split is None or r.get("split") == split]
        rows = rows[:limit_per_source] if limit_per_source else rows
        out += [(name, r[column]) for r in rows if r[column].strip()]
    return out


def count_defects(assistant, texts: list[tuple[str, str]]) -> tuple[Counter, dict[str, list[str]]]:
    amounts = policy_amounts(assistant.settings)
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for _, text in texts:
        try:
            suggestion = assistant.suggest(text)
        except Exception as exc:  # a crash is a defect too, reported with its text
            counts["crash"] += 1
            examples.setdefault("crash", []).append(f"{type(exc).__name__}: {exc}: {text[:120]!r}")
            continue
        for name, detail in defects(text, suggestion, amounts):
            counts[name] += 1
            if len(examples.setdefault(name, [])) < 5:
                examples[name].append(f"{detail}  <- {text[:140]!r}")
    return counts, examples
