"""Cue matching: words, phrases and patterns found quickly, with where they stand.

Cues are indexed by the first letters of their first word, so a message is scanned once
per word instead of once per cue; a cue set answers which cue matched, and where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    return out


def _top_level_bar(pattern: str) -> bool:
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            close = pattern.find("]", i + 2)
            i = close + 1 if close > 0 else len(pattern)
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        if c == "|" and depth == 0:
            return True
        i += 1
    return False


def leading_words(pattern: str) -> frozenset[str] | None:
    """The first-word keys a pattern can start with, when it plainly starts with a word or a
    group of words (`\\b(?:fix|fixed) ...`); None when it is not that simple (then it is searched
    everywhere)."""
    if not pattern.startswith("\\b") or _top_level_bar(pattern):
        return None
    rest = pattern[2:]
    if rest.startswith("(?:"):
        depth, i = 1, 3
        while i < len(rest) and depth:
            if rest[i] == "\\":
                i += 2
                continue
            depth += {"(": 1, ")": -1}.get(rest[i], 0)
            i += 1
        body = rest[3:i - 1]
        alternatives, depth, cur = [], 0, ""
        j = 0
        while j < len(body):
            c = body[j]
            if c == "\\":
                cur += body[j:j + 2]
                j += 2
                continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            if c == "|" and depth == 0:
                alternatives.append(cur)
                cur = ""
            else:
                cur += c
            j += 1
        alternatives.append(cur)
        if rest[i:i + 1] in ("?", "*"):
            return None
    else:
        alternatives = [rest]
    keys = set()
    for alt in alternatives:
        alt = alt.replace("\\x27?", "").replace("\\x27", "")
        word = re.match(r"[a-z0-9]+", alt)
        if not word:
            return None
        tail = alt[word.end():word.end() + 1]
        if tail in ("?", "*", "{", "+", "[", "(") or len(word.group(0)) < 3 and tail not in ("", " ", "\\"):
            return None
        if tail == "\\" and alt[word.end():word.end() + 2] not in ("\\s", "\\b"):
            return None
        keys.add(word.group(0)[:3])
    return frozenset(keys)


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
    compiled: tuple[re.Pattern | None, ...] = ()          # per phrase cue; None for patterns
    by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)
    anywhere: tuple[int, ...] = ()                        # phrase cues tried at every word
    symbols: re.Pattern | None = None                     # phrase cues starting with a symbol
    symbol_index: tuple[int, ...] = ()
    patterns: tuple[tuple[int, re.Pattern], ...] = ()
    pattern_keys: tuple[frozenset[str] | None, ...] = ()  # first-word keys a pattern can start with

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
                for pos in by_key.get(key, ()):
                    for i in cues:
                        m = self.compiled[i].match(text, pos)
                        if m and m.end() > pos and m.end() > found.get(pos, (-1, 0))[0]:
                            found[pos] = (m.end(), i)
            if self.anywhere:
                for pos, _ in words:
                    for i in self.anywhere:
                        m = self.compiled[i].match(text, pos)
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
        for (i, pattern), keys in zip(self.patterns, self.pattern_keys):
            if keys is None:
                for match in pattern.finditer(text):
                    if match.end() > match.start():
                        yield i, match.start(), match.end()
                continue
            starts = sorted(pos for key in keys for pos in by_key.get(key, ()))
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


def compile_one(table: Table, cue: str, pattern: str) -> str:
    if not cue.strip():
        raise table.fail(cue, "a non-empty word, phrase or pattern")
    try:
        compiled = re.compile(pattern, re.I)
    except re.error as exc:
        raise table.fail(cue, f"a valid regular expression ({exc})") from None
    if compiled.match(""):
        raise table.fail(cue, "a pattern that cannot match empty text")
    if compiled.groups:
        pattern = re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)
    return pattern


def compile_entries(entries: list[tuple[str, str, float, bool]], patterns: list[tuple[str, str, float]] = ()) -> CueSet:
    """Phrase cues (label, regex, weight, negatable) and patterns (label, regex, weight) -> CueSet."""
    labels = [e[0] for e in entries] + [p[0] for p in patterns]
    weights = [e[2] for e in entries] + [p[2] for p in patterns]
    negatable = [e[3] for e in entries] + [False] * len(patterns)
    compiled: list[re.Pattern | None] = []
    by_key: dict[str, list[int]] = {}
    anywhere: list[int] = []
    symbol_cues: list[int] = []
    for i, (label, regex, _, _) in enumerate(entries):
        compiled.append(re.compile(regex, re.I))
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
    compiled.extend([None] * len(patterns))
    pattern_list = tuple((len(entries) + n, re.compile(p[1], re.I)) for n, p in enumerate(patterns))
    pattern_keys = tuple(leading_words(p[1].lower()) for p in patterns)
    return CueSet(tuple(labels), tuple(weights), tuple(negatable), tuple(compiled),
                  {k: tuple(v) for k, v in by_key.items()}, tuple(anywhere), symbols, tuple(symbol_cues),
                  pattern_list, pattern_keys)


def compile_cues(table: Table, negators: frozenset[str]) -> CueSet:
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
        pattern = compile_one(sub, cue, phrase_to_regex(cue))
        words = set(re.findall(r"[a-z']+", cue.lower()))
        contains_negator = bool(words & negators) or any(NEGATOR_TOKEN.search(x) for x in words)
        symbol = not re.match(r"[^\W_]", cue)  # emoji and emoticons are not negated
        entries.append((cue, pattern, w, not contains_negator and cue not in never_negate and not symbol))
    patterns: list[tuple[str, str, float]] = []
    sub = table.table("patterns")
    for cue, weight in sub.data.items():
        w = _check_weight(sub, cue, weight)
        patterns.append((cue, compile_one(sub, cue, cue), w))
    return compile_entries(entries, patterns)
