"""Cue patterns: checked once, understood once, remembered across runs.

A pattern in the config must compile, must not match empty text, and has its capturing groups
made non-capturing; and the cue index needs the first words it can start with
(`leading_words`). Doing both for a thousand patterns costs a CLI start ~0.35 s just to learn
what it learned last time, so each pattern that passed is remembered with its first-word keys
in a small JSON file in the user's cache (one per Python version: `re` changes between them).
A pattern not remembered is checked in full; a cache that can't be read or written is ignored.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from bot.tomlcheck import Table

DIGIT_KEY = "\\d"  # every word that starts with a digit is also listed under this key


def _skip_class(s: str, i: int) -> int:
    """Index after the character class that starts at s[i] == "["."""
    close = s.find("]", i + 2 if s[i + 1:i + 2] in ("]", "^") else i + 1)
    return close + 1 if close > 0 else len(s)


def _structure(s: str, i: int = 0):
    """Walk a regular expression from s[i], yielding (index, char, depth after it) for the
    characters that shape it: escapes and character classes are stepped over."""
    depth = 0
    while i < len(s):
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _skip_class(s, i)
            continue
        depth += (c == "(") - (c == ")")
        yield i, c, depth
        i += 1


def _split_top(s: str) -> list[str]:
    """The top-level alternatives of a regular expression."""
    parts, start = [], 0
    for i, c, depth in _structure(s):
        if c == "|" and depth == 0:
            parts.append(s[start:i])
            start = i + 1
    parts.append(s[start:])
    return parts


def _group_end(s: str, i: int) -> int:
    """Index after the group that opens at s[i] == "("; -1 if it never closes."""
    for j, c, depth in _structure(s, i):
        if c == ")" and depth == 0:
            return j + 1
    return -1


_GROUP_OPEN = re.compile(r"\(\?(?:[imsx]*-[imsx]+:|[imsx]+:|:)")
_WORD_END = ("", " ", "\\s", "\\b", "\\W", "[\\s", "[^", "$")


def _ends_word(after: str) -> bool:
    """True when the regex text `after` starts with a character that must be there and cannot be
    part of a word ("-", "/", "\\.", "\\+"): the word ends where it starts."""
    if after[:1] == "\\":
        char, quantifier = after[1:2], after[2:3]
        return bool(char) and not char.isalnum() and quantifier not in ("?", "*")
    return bool(after) and after[0] in "-/.,;:!%&+=#@" and after[1:2] not in ("?", "*")


def _first_keys(s: str, follow: str, need_boundary: bool) -> set[str] | None:
    """First-word keys of the regex `s` (followed by `follow`), or None when unknown."""
    bounded = False
    while True:
        if s.startswith("\\b"):
            s, bounded = s[2:], True
        elif s.startswith(("(?<=", "(?<!")):
            end = _group_end(s, 0)
            if end < 0:
                return None
            s = s[end:]
        else:
            break
    if need_boundary and not bounded:
        return None
    group = _GROUP_OPEN.match(s)
    if group:
        end = _group_end(s, 0)
        if end < 0 or s[end:end + 1] in ("?", "*") or s[end:end + 2] == "{0":
            return None
        after = s[end:] or follow
        keys: set[str] = set()
        for alternative in _split_top(s[group.end():end - 1]):
            found = _first_keys(alternative, after, False)
            if found is None:
                return None
            keys |= found
        return keys
    if s.startswith("\\d"):
        return {DIGIT_KEY}
    s = s.replace("\\x27?", "").replace("\\x27", "")
    word = re.match(r"[a-z0-9]+", s)
    if not word:
        return None
    fixed, after = word.group(0), s[word.end():word.end() + 3]
    if after[:1] in ("?", "*") or after[:2] == "{0":  # the last letter is optional: "lawyers?"
        fixed = fixed[:-1]
    if not after:  # the word runs to the end of a group: what follows the group decides
        after = follow[:3]
    # the word may go on ("sue\\w*", "lawyers?"): then its first three letters must be fixed
    ends_here = (after[:1] in ("", " ") or any(after.startswith(e) for e in _WORD_END if e)
                 or _ends_word(after))
    if not fixed or (not ends_here and len(fixed) < 3):
        return None
    return {fixed[:3]}


def leading_words(pattern: str) -> frozenset[str] | None:
    """The first-word keys a pattern can start with, when each of its alternatives plainly
    starts with a word or a group of words (`\\b(?:fix|fixed) ...`, `\\bsue\\b|\\blawsuit`);
    None when it is not that simple (then it is searched everywhere)."""
    keys: set[str] = set()
    for alternative in _split_top(pattern):
        found = _first_keys(alternative, "", True)
        if not found:
            return None
        keys |= found
    return frozenset(keys)


def cache_path() -> Path | None:
    """$COMPOSURE_CACHE_DIR, else $XDG_CACHE_HOME/composure, else ~/.cache/composure; "off" disables."""
    chosen = os.environ.get("COMPOSURE_CACHE_DIR")
    if chosen == "off":
        return None
    if not chosen:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        chosen = str(Path(base) / "composure")
    return Path(chosen) / f"patterns-py{sys.version_info[0]}{sys.version_info[1]}.json"


class CheckedPatterns:
    """What is known about patterns that passed: the pattern as used, and its first-word keys."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.used: dict[str, str] = {}
        self.first_words: dict[str, list[str] | None] = {}
        self.added = False
        if path is not None:
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
                self.used = dict(loaded["used"])
                self.first_words = dict(loaded["keys"])
            except (OSError, ValueError, KeyError, TypeError):
                self.used, self.first_words = {}, {}

    def check(self, table: Table, cue: str, pattern: str) -> str:
        """The pattern as the cue index uses it; a ConfigError naming the cue when it is unusable."""
        if not cue.strip():
            raise table.fail(cue, "a non-empty word, phrase or pattern")
        used = self.used.get(pattern)
        if used is not None:
            return used
        try:
            compiled = re.compile(pattern, re.I)
        except re.error as exc:
            raise table.fail(cue, f"a valid regular expression ({exc})") from None
        if compiled.match(""):
            raise table.fail(cue, "a pattern that cannot match empty text")
        used = re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern) if compiled.groups else pattern
        self.used[pattern] = used
        self.added = True
        return used

    def keys(self, pattern: str) -> frozenset[str] | None:
        """`leading_words` of a pattern as used."""
        low = pattern.lower()
        if low in self.first_words:
            found = self.first_words[low]
            return None if found is None else frozenset(found)
        keys = leading_words(low)
        self.first_words[low] = None if keys is None else sorted(keys)
        self.added = True
        return keys

    def save(self) -> None:
        """Write what was learned (atomically: a concurrent start reads the old file or the new one)."""
        if not self.added or self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", dir=self.path.parent, delete=False, encoding="utf-8",
                                             suffix=".tmp") as out:
                json.dump({"used": self.used, "keys": self.first_words}, out)
            os.replace(out.name, self.path)
            self.added = False
        except OSError:
            pass


@lru_cache(maxsize=1)
def checked() -> CheckedPatterns:
    """The process's memory of checked patterns, read from the cache once."""
    return CheckedPatterns(cache_path())


def compile_one(table: Table, cue: str, pattern: str) -> str:
    """Check one pattern from `table` (see CheckedPatterns.check)."""
    return checked().check(table, cue, pattern)
