"""Phrase banks for the offline composer (`prompts/replies/phrases.toml`), validated on load.

Every entry cites a playbook section, so each sentence in a draft can be traced to advice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bot import ROOT_CAUSES, SIGNALS, STANCES
from bot.errors import ConfigError
from bot.playbook import Playbook
from bot.tomlcheck import Table, load_toml

STYLES = ("empathetic", "concise", "formal")
STYLED_BANKS = ("feeling", "regret", "admission", "thanks", "thanks_pass_on", "remark_line", "menace_line", "unread_line", "question_intro", "extortion_line", "received", "welfare_line",
                "chargeback_line", "follow_up", "warm_extra", "firm_feeling")
TEXT_BANKS = ("question", "next_step", "escalation_line", "ownership", "route", "call_line", "record_line", "check_line")
STANCE_TAGS = tuple(f"stance:{s}" for s in STANCES)
READING_TAGS = STANCE_TAGS + ("understood", "company_error", "live", "chargeback_filed", "incident", "self_harm",
                              "detailed", "asked", "wants_stated", "terse", "remark", "unread", "topic_named", "advert", "attached", "chased", "recurring", "nothing_asked", "awaiting", "one_offer", "leaving", "gone", "decided", "dated",
                              "after_trouble", "thanked_named", "checking", "child", "complained_of", "happened", "due", "ongoing", "apology",
                              "bereaved", "served", "vulnerable", "mixed", "pleased")
"""What `when` may name besides signals: what the case reading found (see bot.reading)."""


@dataclass(frozen=True)
class Entry:
    when: frozenset[str]
    causes: frozenset[str]
    source: str
    variants: dict[str, tuple[str, ...]]  # style -> texts (TEXT_BANKS use the key "text")
    level: int = 0
    unless: frozenset[str] = frozenset()  # tags that make the entry pointless ("what outcome?" once they said)

    def applies(self, tags: set[str], cause: str) -> bool:
        if self.causes and cause not in self.causes or self.unless & tags:
            return False
        return not self.when or bool(self.when & tags)


@dataclass(frozen=True)
class PhraseBook:
    banks: dict[str, tuple[Entry, ...]]

    def first(self, bank: str, tags: set[str], cause: str = "other") -> Entry:
        for entry in self.banks[bank]:
            if entry.applies(tags, cause):
                return entry
        raise ConfigError(f"phrases: bank '{bank}' has no entry for this message; add one with when = []")

    def all(self, bank: str, tags: set[str], cause: str = "other") -> list[Entry]:
        return [e for e in self.banks[bank] if e.applies(tags, cause)]

    def boundary(self, level: int) -> Entry:
        return next(e for e in self.banks["boundary"] if e.level == level)


def pick(variants: tuple[str, ...], seed: str) -> str:
    """A stable choice per message, so different messages read differently but reruns agree."""
    digest = hashlib.sha1(seed.encode("utf-8", "replace")).digest()
    return variants[digest[0] % len(variants)]


def _entry(raw: object, path: Path, bank: str, index: int, playbook: Playbook) -> Entry:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: {bank}[{index}]: expected a table")
    t = Table(raw, path, f"{bank}[{index}].")
    source = t.string("source", non_empty=True)
    if source not in playbook:
        raise t.fail("source", "the id of a playbook section in prompts/playbook", source)
    if bank == "boundary":
        t.reject_unknown({"level", "source", "texts"})
        texts = t.strings("texts", max_len=600)
        if not texts:
            raise t.fail("texts", "at least one text")
        return Entry(frozenset(), frozenset(), source, {"text": tuple(texts)}, int(t.number("level", integer=True, minimum=1, maximum=3)))
    allowed = {"when", "unless", "causes", "source"} | (set(STYLES) if bank in STYLED_BANKS else {"text"})
    t.reject_unknown(allowed)
    when = frozenset(t.strings("when", [], choices=SIGNALS + READING_TAGS))
    unless = frozenset(t.strings("unless", [], choices=SIGNALS + READING_TAGS))
    causes = frozenset(t.strings("causes", [], choices=ROOT_CAUSES))
    if bank in STYLED_BANKS:
        variants = {}
        for style in STYLES:
            texts = t.strings(style, max_len=400)
            if not texts:
                raise t.fail(style, "at least one text")
            variants[style] = tuple(texts)
    else:
        variants = {"text": (t.string("text", non_empty=True, max_len=400),)}
    return Entry(when, causes, source, variants, unless=unless)


def load_phrasebook(path: Path, playbook: Playbook, forbidden: tuple[str, ...] = ()) -> PhraseBook:
    t = Table(load_toml(path), path)
    t.reject_unknown(set(STYLED_BANKS + TEXT_BANKS + ("boundary",)))
    banks: dict[str, tuple[Entry, ...]] = {}
    for bank in STYLED_BANKS + TEXT_BANKS + ("boundary",):
        raw = t.data.get(bank)
        if not isinstance(raw, list) or not raw:
            raise t.fail(bank, f"at least one [[{bank}]] entry")
        banks[bank] = tuple(_entry(r, path, bank, i, playbook) for i, r in enumerate(raw))
    for bank, entries in banks.items():
        for i, entry in enumerate(entries):
            for texts in entry.variants.values():
                for text in texts:
                    bad = next((p for p in forbidden if p in text.lower()), None)
                    if bad:
                        raise ConfigError(f"{path}: {bank}[{i}]: contains {bad!r}, which config forbids in replies")
    levels = {e.level for e in banks["boundary"]}
    if levels != {1, 2, 3}:
        raise ConfigError(f"{path}: boundary: expected entries for levels 1, 2 and 3, got {sorted(levels)}")
    return PhraseBook(banks)
