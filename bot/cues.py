"""Cue matching: words, phrases and patterns found quickly, with where they stand.

Cues are indexed by the first letters of their first word, so a message is scanned once
per word instead of once per cue; a cue set answers which cue matched, and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from bot.cue_patterns import DIGIT_KEY, checked, compile_one  # noqa: F401 (compile_one: for callers)
from bot.tomlcheck import Table

_TOKEN = re.compile(r"[^\W_][\w']*")


def word_key(word: str) -> str:
    """How a word is looked up: its first three letters or digits, lower case, no apostrophes."""
    run = re.match(r"[^\W_]+", word.replace("'", "").lower())
    return run.group(0)[:3] if run else ""


def word_starts(text: str) -> list[tuple[int, str]]:
    """(position, key) of every word in `text`, computed once per message and shared."""
    return [(m.start(), word_key(m.group(0))) for m in _TOKEN.finditer(text)]


def positions_by_key(words: list[tuple[int, str]]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for pos, key in words:
        out.setdefault(key, []).append(pos)
        if key[:1].isdigit():
            out.setdefault(DIGIT_KEY, []).append(pos)
    return out


@dataclass(frozen=True)
class CueSet:
    """Cues compiled for one fast pass over a message.

    Word and phrase cues are indexed by the first letters of their first word, so only the cues
    that can start at a word are tried there; the longest cue starting at a position wins, and a
    cue found inside a longer one already found ("waiting" inside "still waiting") is not
    counted again. Cues that start with a symbol (emoji, ":(") and patterns (regular
    expressions) are searched on their own. `find` yields (cue index, start, end).
    """

    labels: tuple[str, ...]
    weights: tuple[float, ...]
    negatable: tuple[bool, ...]
    compiled: "LazyRegexes" = field(default_factory=lambda: LazyRegexes({}))  # every cue, by index
    by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)
    anywhere: tuple[int, ...] = ()                        # phrase cues tried at every word
    symbols: re.Pattern | None = None                     # phrase cues starting with a symbol
    symbol_index: tuple[int, ...] = ()
    patterns: tuple[int, ...] = ()                        # cue indexes of the patterns
    pattern_keys: tuple[frozenset[str] | None, ...] = ()  # first-word keys a pattern can start with
    frames: frozenset[int] = frozenset()                  # cue indexes that are frames (see compile_cues)
    any_by_key: "LazyRegexes" = field(default_factory=lambda: LazyRegexes({}))  # does any cue of this key match here?
    patterns_by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)  # patterns that start with the key
    pattern_quick: "LazyRegexes" = field(default_factory=lambda: LazyRegexes({}))  # any of them matches here?

    def find(self, text: str, words: list[tuple[int, str]] | None = None,
             by_key: dict[str, list[int]] | None = None):
        """(cue index, start, end) of every cue found; `words`/`by_key` are the message's word
        starts, computed once per message (see `word_starts` and `positions_by_key`)."""
        if words is None:
            words = word_starts(text)
        if by_key is None:
            by_key = positions_by_key(words)
        if self.by_key or self.anywhere:
            found: dict[int, tuple[int, int]] = {}  # position -> (end, cue)
            for key, cues in self.by_key.items():
                positions = by_key.get(key)
                if not positions:
                    continue
                quick = self.any_by_key.get(key)
                for pos in positions:
                    if quick is not None and not quick.match(text, pos):
                        continue  # no cue of this key starts here: one test instead of one per cue
                    for i in cues:
                        m = self.compiled.get(i).match(text, pos)
                        if m and m.end() > pos and m.end() > found.get(pos, (-1, 0))[0]:
                            found[pos] = (m.end(), i)
            if self.anywhere:
                for pos, _ in words:
                    for i in self.anywhere:
                        m = self.compiled.get(i).match(text, pos)
                        if m and m.end() > pos and m.end() > found.get(pos, (-1, 0))[0]:
                            found[pos] = (m.end(), i)
            covered_until = -1
            for pos in sorted(found):
                end, i = found[pos]
                if end <= covered_until:
                    continue
                covered_until = end
                yield i, pos, end
        if self.symbols is not None:
            for match in self.symbols.finditer(text):
                k = match.lastindex - 1
                yield self.symbol_index[k], match.start(), match.end()
        candidates: dict[int, list[int]] = {}  # pattern (by position in self.patterns) -> word starts
        for key, members in self.patterns_by_key.items():
            positions = by_key.get(key)
            if not positions:
                continue
            quick = self.pattern_quick.get(key)
            for pos in positions:
                if quick is None or quick.match(text, pos):  # one test for all the patterns of this key
                    for n in members:
                        candidates.setdefault(n, []).append(pos)
        for n, (i, keys) in enumerate(zip(self.patterns, self.pattern_keys)):
            pattern = self.compiled.get(i)
            if keys is None:
                for match in pattern.finditer(text):
                    if match.end() > match.start():
                        yield i, match.start(), match.end()
                continue
            starts = sorted(candidates.get(n, ()))
            after = -1
            for pos in starts:
                if pos < after:
                    continue
                match = pattern.match(text, pos)
                if match and match.end() > pos:
                    after = match.end()
                    yield i, pos, match.end()

    def __len__(self) -> int:
        return len(self.labels)


NEGATOR_TOKEN = re.compile(r"n't$")


def phrase_to_regex(phrase: str) -> str:
    """`fed up` -> `\\bfed\\s+up\\b`; `refund*` -> `\\brefund\\w*`; emoji and symbols are literal."""
    parts = []
    for word in phrase.split():
        if word.endswith("*") and len(word) > 1:
            parts.append(re.escape(word[:-1]) + r"[\w']*")
        else:
            parts.append(re.escape(word).replace("'", "['\u2019]?") if "'" in word else re.escape(word))
    body = r"[\s\-]+".join(parts)
    start = r"\b" if re.match(r"\w", phrase) else ""
    end = r"\b" if re.search(r"\w$", phrase) else ""
    return start + body + end


def _check_weight(table: Table, key: str, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise table.fail(key, "a number (the cue's weight)", value)
    return float(value)


_VOCABULARY_REF = re.compile(r"\{([a-z][a-z_]*)\}")


def expand_vocabulary(table: Table, key: str, pattern: str, vocabulary: dict[str, str] | None) -> str:
    """`{lawyer}` in a pattern -> the vocabulary's `(?:lawyers?|solicitors?|...)`; quantifiers such
    as `{0,30}` are left alone (a vocabulary name is letters and underscores)."""
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if vocabulary is None or name not in vocabulary:
            known = ", ".join(sorted(vocabulary or ())) or "none defined"
            raise table.fail(key, f"vocabulary names defined in [vocabulary] (unknown {{{name}}}; known: {known})")
        return vocabulary[name]
    return _VOCABULARY_REF.sub(replace, pattern)


class LazyRegexes:
    """Cues and alternations of cues, already checked, compiled on first use: loading stays fast,
    and a message only pays for the keys it contains."""

    def __init__(self, sources: dict) -> None:
        self.sources = sources
        self.compiled: dict = {}

    def warm(self) -> None:
        """Compile them all now: a long-running server pays once, at start, not during a burst."""
        for key in self.sources:
            self.get(key)

    def get(self, key) -> re.Pattern | None:
        found = self.compiled.get(key)
        if found is None and key in self.sources:
            found = self.compiled[key] = re.compile(self.sources[key], re.I)  # a race compiles twice, harmlessly
        return found


def compile_entries(entries: list[tuple[str, str, float, bool]], patterns: list[tuple] = ()) -> CueSet:
    """Phrase cues (label, regex, weight, negatable) and patterns (label, regex, weight[, negatable
    [, is a frame]]) -> CueSet. Patterns are not negated unless they say so (a signal's `frames`)."""
    labels = [e[0] for e in entries] + [p[0] for p in patterns]
    weights = [e[2] for e in entries] + [p[2] for p in patterns]
    negatable = [e[3] for e in entries] + [bool(p[3]) if len(p) > 3 else False for p in patterns]
    by_key: dict[str, list[int]] = {}
    anywhere: list[int] = []
    symbol_cues: list[int] = []
    for i, (label, regex, _, _) in enumerate(entries):
        first = label.split()[0]
        if not re.match(r"[^\W_]", first):
            symbol_cues.append(i)
            continue
        key = word_key(first.rstrip("*"))
        stem_is_short = first.endswith("*") and len(re.match(r"[^\W_]*", first.replace("'", "")).group(0)) < 3
        if stem_is_short or not key:
            anywhere.append(i)
        else:
            by_key.setdefault(key, []).append(i)
    symbols = None
    if symbol_cues:
        symbols = re.compile("|".join(f"({entries[i][1]})" for i in symbol_cues), re.I)
    compiled = LazyRegexes({i: regex for i, regex in enumerate([e[1] for e in entries] + [p[1] for p in patterns])})
    pattern_list = tuple(len(entries) + n for n in range(len(patterns)))
    pattern_keys = tuple(checked().keys(p[1]) for p in patterns)
    frames = frozenset(len(entries) + n for n, p in enumerate(patterns) if len(p) > 4 and p[4])
    any_by_key = LazyRegexes({k: "|".join(f"(?:{entries[i][1]})" for i in v) for k, v in by_key.items() if len(v) > 1})
    members: dict[str, list[int]] = {}
    for n, keys in enumerate(pattern_keys):
        for key in keys or ():
            members.setdefault(key, []).append(n)
    patterns_by_key = {k: tuple(v) for k, v in members.items()}
    pattern_quick = LazyRegexes({k: "|".join(f"(?:{patterns[n][1]})" for n in v) for k, v in members.items() if len(v) > 1})
    return CueSet(tuple(labels), tuple(weights), tuple(negatable), compiled,
                  {k: tuple(v) for k, v in by_key.items()}, tuple(anywhere), symbols, tuple(symbol_cues),
                  pattern_list, pattern_keys, frames, any_by_key, patterns_by_key, pattern_quick)


_REGEX_SYNTAX = re.compile(r"\\[bBsSwWdD]|\(\?")


def compile_cues(table: Table, negators: frozenset[str], vocabulary: dict[str, str] | None = None) -> CueSet:
    """A signal's (or a root cause's) `cues`, `patterns` (never negated) and `frames` (patterns
    that, like cues, do not count after a negator: "I'm not going to sue")."""
    never_negate = set(table.strings("not_negatable", []))
    unknown = never_negate - set(table.table("cues").data)
    if unknown:
        raise table.fail("not_negatable", "cues listed in the same table's `cues`", sorted(unknown)[0])
    if not table.boolean("negation", True):
        never_negate = set(table.table("cues").data)
    entries: list[tuple[str, str, float, bool]] = []
    sub = table.table("cues")
    for cue, weight in sub.data.items():
        w = _check_weight(sub, cue, weight)
        if not cue.strip():
            raise sub.fail(cue, "a non-empty word, phrase or pattern")
        if _REGEX_SYNTAX.search(cue):  # it would be matched letter for letter and never fire
            raise sub.fail(cue, "a word or phrase (a regular expression belongs under `patterns` or `frames`)")
        pattern = phrase_to_regex(cue)  # escaped words: always a valid, non-empty pattern (compiled once, below)
        words = set(re.findall(r"[a-z']+", cue.lower()))
        contains_negator = bool(words & negators) or any(NEGATOR_TOKEN.search(x) for x in words)
        symbol = not re.match(r"[^\W_]", cue)  # emoji and emoticons are not negated
        entries.append((cue, pattern, w, not contains_negator and cue not in never_negate and not symbol))
    patterns: list[tuple[str, str, float, bool, bool]] = []
    frames_negated = table.boolean("negation", True)
    for name, negatable in (("patterns", False), ("frames", frames_negated)):
        sub = table.table(name)
        for cue, weight in sub.data.items():
            w = _check_weight(sub, cue, weight)
            patterns.append((cue, compile_one(sub, cue, expand_vocabulary(sub, cue, cue, vocabulary)), w, negatable, name == "frames"))
    return compile_entries(entries, patterns)
