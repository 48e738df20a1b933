"""The analysis vocabulary, read from `config/analysis.toml` so a team extends it without code.

A cue is a word or phrase (case-insensitive; `*` ends a word prefix, e.g. `refund*`), or a
regular expression in `patterns`. Each cue has a weight; a signal fires when the weights of
its cues found in the message reach its threshold. Negative weights are counter-cues.

Beyond single cues a signal may use:
- the sentiment lexicon (`negative_words` / `positive_words`: weight per unit of valence of
  the lexicon's words found, e.g. "awful" -2.0),
- combinations (`[[signals.NAME.combos]]`: a cue that only counts together with another one
  in the same sentence or message, e.g. sarcasm = praise + a negative event),
- other signals (`from_signals`: e.g. a churn threat is also a complaint),
- the message's intensity (capitals, !!!, stretched words) and its question marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot import ROOT_CAUSES, SEVERITIES, SIGNALS
from bot.errors import ConfigError
from bot.tomlcheck import Table, load_toml

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


@dataclass(frozen=True)
class Combo:
    """`cues` count (with `weight`) only when one of `with_cues` (or, if asked, a negative word
    of the sentiment lexicon) stands in the same sentence (scope "sentence") or message."""

    name: str
    cues: CueSet
    with_cues: CueSet
    with_negative_words: bool
    weight: float
    scope: str  # sentence | message


@dataclass(frozen=True)
class SignalRule:
    name: str
    threshold: float
    cues: CueSet
    intensity_weight: float
    question_weight: float
    negative_words: float = 0.0   # per unit of negative valence found
    positive_words: float = 0.0   # per unit of positive valence found (usually <= 0)
    valence_cap: float = 8.0      # the summed valence counted at most
    combos: tuple[Combo, ...] = ()
    from_signals: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Sentiment:
    """A word -> valence lexicon (-4 very negative .. +4 very positive)."""

    valence: dict[str, float] = field(default_factory=dict)
    negated_factor: float = -0.5  # a negated word's valence is multiplied by this
    source: Path | None = None


@dataclass(frozen=True)
class AnalysisRules:
    signals: tuple[SignalRule, ...]
    negators: frozenset[str]
    negation_window: int
    severity_points: dict[str, float]
    intensity_points: float
    severity_levels: tuple[tuple[str, float], ...]  # (level, minimum points), highest first
    root_causes: dict[str, CueSet]
    escalate_security: tuple[str, ...]
    escalate_legal: tuple[str, ...]
    escalate_lead_signals: tuple[str, ...]
    escalate_lead_severity: str
    source: Path
    sentiment: Sentiment = field(default_factory=Sentiment)
    clause_breaks: tuple[str, ...] = ("but", "however", "though", "although", "yet")
    negation_exceptions: re.Pattern | None = None  # phrases where a negator does not negate
    welfare_cues: frozenset[str] = frozenset()  # threat_safety cues that signal self-harm
    negation_conditionals: frozenset[str] = frozenset()  # "if"/"unless": "if I don't get a refund" is not a negation

    def signal(self, name: str) -> SignalRule:
        return next(r for r in self.signals if r.name == name)


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


def _compile_one(table: Table, cue: str, pattern: str) -> str:
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
        pattern = _compile_one(sub, cue, phrase_to_regex(cue))
        words = set(re.findall(r"[a-z']+", cue.lower()))
        contains_negator = bool(words & negators) or any(NEGATOR_TOKEN.search(x) for x in words)
        entries.append((cue, pattern, w, not contains_negator and cue not in never_negate))
    patterns: list[tuple[str, str, float]] = []
    sub = table.table("patterns")
    for cue, weight in sub.data.items():
        w = _check_weight(sub, cue, weight)
        patterns.append((cue, _compile_one(sub, cue, cue), w))
    return compile_entries(entries, patterns)


def _word_list(table: Table, key: str, *, required: bool = True) -> CueSet:
    """A list of cue phrases, each with weight 1 (for combos)."""
    phrases = table.strings(key, None if required else [])
    if required and not phrases:
        raise table.fail(key, "a non-empty list of words or phrases")
    return compile_entries([(p, _compile_one(table, key, phrase_to_regex(p)), 1.0, True) for p in phrases])


def _combos(table: Table, name: str) -> tuple[Combo, ...]:
    raw = table.data.get("combos", [])
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        raise table.fail("combos", "an array of tables [[signals.NAME.combos]]", raw)
    combos = []
    for n, item in enumerate(raw):
        t = Table(item, table.source, f"{table.prefix}combos[{n}].")
        t.reject_unknown({"name", "cues", "with", "with_negative_words", "weight", "scope"})
        with_negative = t.boolean("with_negative_words", False)
        if "with" not in t.data and not with_negative:
            raise t.fail("with", "a list of words or phrases (or with_negative_words = true)")
        combos.append(Combo(
            name=t.string("name", f"{name} combination {n + 1}"),
            cues=_word_list(t, "cues"),
            with_cues=_word_list(t, "with", required=False),
            with_negative_words=with_negative,
            weight=t.number("weight"),
            scope=t.string("scope", "sentence", choices=("sentence", "message")),
        ))
    return tuple(combos)


def load_sentiment(table: Table, config_dir: Path) -> Sentiment:
    if not table.data:
        return Sentiment()
    table.reject_unknown({"lexicon", "negated_factor", "words"})
    valence: dict[str, float] = {}
    source = None
    if "lexicon" in table.data:
        source = config_dir / table.string("lexicon", non_empty=True)
        if not source.is_file():
            raise ConfigError(f"{table.where('lexicon')}: file {source} not found")
        lex = Table(load_toml(source), source)
        lex.reject_unknown({"words"})
        valence.update(_valences(lex.table("words", required=True)))
    valence.update(_valences(table.table("words")))  # local additions and overrides
    return Sentiment(valence, table.number("negated_factor", -0.5, minimum=-1, maximum=1), source)


def _valences(table: Table) -> dict[str, float]:
    out = {}
    for word, value in table.data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -5 <= value <= 5:
            raise table.fail(word, "a valence from -5 to 5", value)
        if not re.fullmatch(r"[a-z][a-z']*", word):
            raise table.fail(word, "a single lower-case word as the key", word)
        out[word] = float(value)
    return out


def load_rules(path: Path) -> AnalysisRules:
    root = Table(load_toml(path), path)
    root.reject_unknown({"negation", "sentiment", "signals", "severity", "root_causes", "escalation"})
    negation = root.table("negation", required=True)
    negation.reject_unknown({"window", "words", "clause_breaks", "except", "conditionals"})
    negators = frozenset(w.lower() for w in negation.strings("words"))
    window = int(negation.number("window", integer=True, minimum=1, maximum=10))
    breaks = tuple(w.lower() for w in negation.strings("clause_breaks", ["but", "however", "though", "although", "yet"]))
    sentiment = load_sentiment(root.table("sentiment"), path.parent)
    exceptions = negation.strings("except", [])
    for phrase in exceptions:
        _compile_one(negation, "except", phrase_to_regex(phrase))
    negation_exceptions = re.compile("|".join(phrase_to_regex(p) for p in exceptions), re.I) if exceptions else None

    signals_table = root.table("signals", required=True)
    unknown = set(signals_table.data) - set(SIGNALS)
    if unknown:
        raise ConfigError(f"{signals_table.where(sorted(unknown)[0])}: unknown signal (expected one of {', '.join(SIGNALS)})")
    rules = []
    for name in SIGNALS:
        t = signals_table.table(name, required=True)
        t.reject_unknown({"threshold", "cues", "patterns", "not_negatable", "negation", "intensity_weight", "question_weight",
                          "negative_words", "positive_words", "valence_cap", "combos", "from_signals"})
        uses_valence = "negative_words" in t.data or "positive_words" in t.data
        if uses_valence and not sentiment.valence:
            raise t.fail("negative_words", "a [sentiment] lexicon to be configured when a signal weighs sentiment words")
        from_t = t.table("from_signals")
        from_t.reject_unknown(set(SIGNALS) - {name})
        rules.append(SignalRule(
            name=name,
            threshold=t.number("threshold", minimum=0.01),
            cues=compile_cues(t, negators),
            intensity_weight=t.number("intensity_weight", 0.0),
            question_weight=t.number("question_weight", 0.0),
            negative_words=t.number("negative_words", 0.0),
            positive_words=t.number("positive_words", 0.0),
            valence_cap=t.number("valence_cap", 8.0, minimum=0),
            combos=_combos(t, name),
            from_signals=tuple((s, from_t.number(s)) for s in SIGNALS if s in from_t.data),
        ))

    sev = root.table("severity", required=True)
    sev.reject_unknown({"points", "intensity_points", "levels"})
    points_t = sev.table("points", required=True)
    points_t.reject_unknown(set(SIGNALS))
    points = {name: points_t.number(name, 0.0, minimum=0) for name in SIGNALS}
    levels_t = sev.table("levels", required=True)
    levels_t.reject_unknown(set(SEVERITIES[1:]))
    levels = tuple((lvl, levels_t.number(lvl, minimum=0)) for lvl in reversed(SEVERITIES[1:]))
    if [v for _, v in levels] != sorted((v for _, v in levels), reverse=True):
        raise levels_t.fail("critical", "critical >= high >= medium")

    causes_t = root.table("root_causes", required=True)
    causes_t.reject_unknown(set(ROOT_CAUSES) - {"other"})
    causes = {}
    for cause in ROOT_CAUSES[:-1]:
        ct = causes_t.table(cause, required=True)
        ct.reject_unknown({"cues", "patterns", "not_negatable"})
        causes[cause] = compile_cues(ct, frozenset())

    esc = root.table("escalation", required=True)
    esc.reject_unknown({"security", "legal", "lead_signals", "lead_severity", "welfare_cues"})
    return AnalysisRules(
        signals=tuple(rules),
        negators=negators,
        negation_window=window,
        severity_points=points,
        intensity_points=sev.number("intensity_points", 0.0, minimum=0),
        severity_levels=levels,
        root_causes=causes,
        escalate_security=tuple(esc.strings("security", choices=SIGNALS)),
        escalate_legal=tuple(esc.strings("legal", choices=SIGNALS)),
        escalate_lead_signals=tuple(esc.strings("lead_signals", choices=SIGNALS)),
        escalate_lead_severity=esc.string("lead_severity", choices=SEVERITIES),
        welfare_cues=frozenset(c.lower() for c in esc.strings("welfare_cues", [])),
        source=path,
        sentiment=sentiment,
        clause_breaks=breaks,
        negation_exceptions=negation_exceptions,
        negation_conditionals=frozenset(w.lower() for w in negation.strings("conditionals", [])),
    )
