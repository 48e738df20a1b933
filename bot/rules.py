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
from bot.cue_patterns import checked, compile_one
from bot.cues import CueSet, compile_cues, compile_entries, expand_vocabulary, phrase_to_regex
from bot.errors import ConfigError
from bot.tomlcheck import Table, load_toml


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
    message_words: int = 0  # scope "message" only up to this many words (a tweet); a longer letter, per sentence


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
    own_words: bool = False       # only the customer's own words count, not what they quote someone saying


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
    unaimed_abuse_points: float = 4.0  # abuse that names no person ("this fucking app") weighs this, not points.abusive
    sentiment: Sentiment = field(default_factory=Sentiment)
    clause_breaks: tuple[str, ...] = ("but", "however", "though", "although", "yet")
    negation_exceptions: re.Pattern | None = None  # phrases where a negator does not negate
    welfare: re.Pattern | None = None  # threat_safety evidence that signals self-harm
    negation_conditionals: frozenset[str] = frozenset()  # "if"/"unless": "if I don't get a refund" is not a negation

    def signal(self, name: str) -> SignalRule:
        return next(r for r in self.signals if r.name == name)

    def warm(self) -> None:
        """Compile every lazily compiled alternation (see cues.LazyRegexes); for servers."""
        cue_sets = [r.cues for r in self.signals] + list(self.root_causes.values())
        cue_sets += [c.cues for r in self.signals for c in r.combos] + [c.with_cues for r in self.signals for c in r.combos]
        for cues in cue_sets:
            cues.any_by_key.warm()
            cues.pattern_quick.warm()
            cues.compiled.warm()


def _word_list(table: Table, key: str, vocabulary: dict[str, str], *, required: bool = True) -> CueSet:
    """A list of cue phrases, each with weight 1 (for combos); an item "{name}" stands for a
    whole [vocabulary] entry."""
    phrases = table.strings(key, None if required else [])
    if required and not phrases:
        raise table.fail(key, "a non-empty list of words or phrases")
    entries, groups = [], []
    for p in phrases:
        if re.fullmatch(r"\{[a-z][a-z_]*\}", p):
            regex = r"\b" + expand_vocabulary(table, key, p, vocabulary) + r"\b"
            groups.append((p, compile_one(table, key, regex), 1.0, True))
        else:
            entries.append((p, compile_one(table, key, phrase_to_regex(p)), 1.0, True))
    return compile_entries(entries, groups)


def _combos(table: Table, name: str, vocabulary: dict[str, str]) -> tuple[Combo, ...]:
    raw = table.data.get("combos", [])
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        raise table.fail("combos", "an array of tables [[signals.NAME.combos]]", raw)
    combos = []
    for n, item in enumerate(raw):
        t = Table(item, table.source, f"{table.prefix}combos[{n}].")
        t.reject_unknown({"name", "cues", "with", "with_negative_words", "weight", "scope", "message_words"})
        with_negative = t.boolean("with_negative_words", False)
        if "with" not in t.data and not with_negative:
            raise t.fail("with", "a list of words or phrases (or with_negative_words = true)")
        combos.append(Combo(
            name=t.string("name", f"{name} combination {n + 1}"),
            cues=_word_list(t, "cues", vocabulary),
            with_cues=_word_list(t, "with", vocabulary, required=False),
            with_negative_words=with_negative,
            weight=t.number("weight"),
            scope=t.string("scope", "sentence", choices=("sentence", "message")),
            message_words=int(t.number("message_words", 0, integer=True, minimum=0, maximum=100000)),
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


def _welfare(esc: Table, vocabulary: dict[str, str]) -> re.Pattern | None:
    """Self-harm evidence: `welfare_cues` (phrases) and `welfare_patterns` (regular expressions)."""
    regexes = [phrase_to_regex(p) for p in esc.strings("welfare_cues", [])]
    regexes += [expand_vocabulary(esc, "welfare_patterns", p, vocabulary) for p in esc.strings("welfare_patterns", [])]
    for r in regexes:
        compile_one(esc, "welfare_cues", r)
    return re.compile("|".join(f"(?:{r})" for r in regexes), re.I) if regexes else None


def load_vocabulary(table: Table) -> dict[str, str]:
    """[vocabulary] name = "regex" or ["regex", ...]: word families that patterns, frames and
    combinations share as `{name}`; an entry may use entries defined before it."""
    vocabulary: dict[str, str] = {}
    for name, value in table.data.items():
        if not re.fullmatch(r"[a-z][a-z_]*", name):
            raise table.fail(name, "a name of lower-case letters and underscores")
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(x, str) and x.strip() for x in items):
            raise table.fail(name, "a regular expression or a non-empty list of them", value)
        regex = "(?:" + "|".join(expand_vocabulary(table, name, x, vocabulary) for x in items) + ")"
        compile_one(table, name, regex)
        vocabulary[name] = regex
    return vocabulary


def load_rules(path: Path) -> AnalysisRules:
    root = Table(load_toml(path), path)
    root.reject_unknown({"negation", "sentiment", "vocabulary", "signals", "severity", "root_causes", "escalation"})
    vocabulary = load_vocabulary(root.table("vocabulary"))
    negation = root.table("negation", required=True)
    negation.reject_unknown({"window", "words", "clause_breaks", "except", "conditionals"})
    negators = frozenset(w.lower() for w in negation.strings("words"))
    window = int(negation.number("window", integer=True, minimum=1, maximum=10))
    breaks = tuple(w.lower() for w in negation.strings("clause_breaks", ["but", "however", "though", "although", "yet"]))
    sentiment = load_sentiment(root.table("sentiment"), path.parent)
    exceptions = negation.strings("except", [])
    for phrase in exceptions:
        compile_one(negation, "except", phrase_to_regex(phrase))
    negation_exceptions = re.compile("|".join(phrase_to_regex(p) for p in exceptions), re.I) if exceptions else None

    signals_table = root.table("signals", required=True)
    unknown = set(signals_table.data) - set(SIGNALS)
    if unknown:
        raise ConfigError(f"{signals_table.where(sorted(unknown)[0])}: unknown signal (expected one of {', '.join(SIGNALS)})")
    rules = []
    for name in SIGNALS:
        t = signals_table.table(name, required=True)
        t.reject_unknown({"threshold", "cues", "patterns", "frames", "not_negatable", "negation", "intensity_weight", "question_weight",
                          "negative_words", "positive_words", "valence_cap", "combos", "from_signals", "own_words"})
        uses_valence = "negative_words" in t.data or "positive_words" in t.data
        if uses_valence and not sentiment.valence:
            raise t.fail("negative_words", "a [sentiment] lexicon to be configured when a signal weighs sentiment words")
        from_t = t.table("from_signals")
        from_t.reject_unknown(set(SIGNALS) - {name})
        rules.append(SignalRule(
            name=name,
            threshold=t.number("threshold", minimum=0.01),
            cues=compile_cues(t, negators, vocabulary),
            intensity_weight=t.number("intensity_weight", 0.0),
            question_weight=t.number("question_weight", 0.0),
            negative_words=t.number("negative_words", 0.0),
            positive_words=t.number("positive_words", 0.0),
            valence_cap=t.number("valence_cap", 8.0, minimum=0),
            combos=_combos(t, name, vocabulary),
            from_signals=tuple((s, from_t.number(s)) for s in SIGNALS if s in from_t.data),
            own_words=t.boolean("own_words", False),
        ))

    sev = root.table("severity", required=True)
    sev.reject_unknown({"points", "intensity_points", "levels", "unaimed_abuse_points"})
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
        causes[cause] = compile_cues(ct, frozenset(), vocabulary)

    esc = root.table("escalation", required=True)
    esc.reject_unknown({"security", "legal", "lead_signals", "lead_severity", "welfare_cues", "welfare_patterns"})
    welfare = _welfare(esc, vocabulary)
    checked().save()  # every pattern passed: remember them for the next start
    return AnalysisRules(
        signals=tuple(rules),
        negators=negators,
        negation_window=window,
        severity_points=points,
        intensity_points=sev.number("intensity_points", 0.0, minimum=0),
        unaimed_abuse_points=sev.number("unaimed_abuse_points", points["abusive"], minimum=0),
        severity_levels=levels,
        root_causes=causes,
        escalate_security=tuple(esc.strings("security", choices=SIGNALS)),
        escalate_legal=tuple(esc.strings("legal", choices=SIGNALS)),
        escalate_lead_signals=tuple(esc.strings("lead_signals", choices=SIGNALS)),
        escalate_lead_severity=esc.string("lead_severity", choices=SEVERITIES),
        welfare=welfare,
        source=path,
        sentiment=sentiment,
        clause_breaks=breaks,
        negation_exceptions=negation_exceptions,
        negation_conditionals=frozenset(w.lower() for w in negation.strings("conditionals", [])),
    )
