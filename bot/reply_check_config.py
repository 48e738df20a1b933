"""The configuration of "Check my reply": three files, read and validated together.

`config/reply_check.toml` says what a reply commits to and must contain (admissions, promises,
an acknowledgement, a next step, the layout the rewrite keeps); `config/reply_check_attitude.toml`
says how a reply may not treat the customer (blame on the customer, a defensive tone, abuse said back),
with the word families ([vocabulary]) all three files' cues share as `{name}`; `config/reply_check_others.toml`
holds blame on a colleague, another team or a partner, with the families only its cues need. All are
checked on load: a mistake names the file and the key, so a team editing its copy is told what is wrong,
not handed a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot import SIGNALS, locations
from bot.cues import expand_vocabulary
from bot.errors import ConfigError
from bot.playbook import Playbook
from bot.rules import load_vocabulary
from bot.tomlcheck import Table, load_toml

KINDS = ("admits_liability", "promises_beyond_policy", "blames_customer", "blames_others", "defensive_tone", "echoes_abuse",
         "no_acknowledgement", "no_next_step")
CUED = KINDS[:-2]  # the kinds rules find by their words; the last two are found by what is missing
ATTITUDE = KINDS[2:6]  # the kinds the attitude file holds: how the reply treats the customer and the people it names
FIXES = ("strip", "drop", "replace")
ATTITUDE_FILE = "reply_check_attitude.toml"
OTHERS_FILE = "reply_check_others.toml"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_RULE_KEYS = {"kind", "source", "why", "fix", "rewrite", "cues", "only_when_customer"}


@dataclass(frozen=True)
class Rule:
    """Cues of one kind, and how the rewrite treats a sentence they match."""

    kind: str
    source: str
    why: str
    fix: str
    rewrite: str = ""
    cues: tuple[re.Pattern, ...] = ()
    only_when_customer: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Presence:
    """Something every reply should have (an acknowledgement, a next step), and what to add without it."""

    kind: str
    source: str
    why: str
    add: str
    cues: tuple[re.Pattern, ...]
    add_for_problem: str = ""
    problem_signals: frozenset[str] = frozenset()
    not_needed_when_customer: tuple[re.Pattern, ...] = ()
    not_inside: frozenset[str] = frozenset(KINDS)  # words inside these findings do not count
    not_in_sentence_with: frozenset[str] = frozenset()  # nor words in a sentence holding one of these


@dataclass(frozen=True)
class ReplyCheckContent:
    rules: tuple[Rule, ...]
    policy: Rule
    voice: Rule
    insults: Rule
    insult_words: tuple[re.Pattern, ...]  # an echo when the customer used them and the draft says them back
    acknowledgement: Presence
    next_step: Presence
    greeting: re.Pattern
    sign_off: re.Pattern
    learned: dict[str, Rule]  # what a finding of the learned part says, per kind (bot.reply_model)


class _Reader:
    """Reads one file's tables with the vocabulary both files share."""

    def __init__(self, playbook: Playbook, vocabulary: dict[str, str]) -> None:
        self.playbook = playbook
        self.vocabulary = vocabulary

    def pattern(self, t: Table, key: str, raw: str) -> re.Pattern:
        try:
            return re.compile(expand_vocabulary(t, key, raw, self.vocabulary).replace("'", "['’]"), re.I)
        except re.error as exc:
            raise t.fail(key, f"valid regular expressions ({exc})", raw) from None

    def patterns(self, t: Table, key: str, default=None) -> tuple[re.Pattern, ...]:
        return tuple(self.pattern(t, key, raw) for raw in t.strings(key, default))

    @staticmethod
    def text(t: Table, key: str, default=None) -> str:
        """A sentence the rewrite may use: only the {hours} placeholder."""
        value = t.string(key, default, max_len=300)
        unknown = set(_PLACEHOLDER.findall(value)) - {"hours"}
        if unknown:
            raise t.fail(key, "a sentence whose only placeholder is {hours}", value)
        return value

    def source(self, t: Table) -> str:
        source = t.string("source", non_empty=True)
        if source not in self.playbook:
            raise t.fail("source", "the id of a playbook section in prompts/playbook", source)
        return source

    def rule(self, t: Table, kind: str | None = None, with_cues: bool = True, kinds=CUED) -> Rule:
        fix = t.string("fix", "replace", choices=FIXES)
        rewrite = self.text(t, "rewrite", "")
        if fix == "replace" and not rewrite.strip():
            raise t.fail("rewrite", "the sentence that replaces a matching one (fix = \"replace\")", rewrite)
        return Rule(kind=kind or t.string("kind", choices=kinds), source=self.source(t),
                    why=t.string("why", "goes beyond what the policy allows", non_empty=True, max_len=200), fix=fix,
                    rewrite=rewrite, cues=self.patterns(t, "cues") if with_cues else (),
                    only_when_customer=frozenset(t.strings("only_when_customer", [], choices=SIGNALS)))

    def rules(self, t: Table, kinds: tuple[str, ...]) -> list[Rule]:
        raw_rules = t.data.get("rules")
        if not isinstance(raw_rules, list) or not raw_rules:
            raise t.fail("rules", "at least one [[rules]] table")
        rules = []
        for i, raw in enumerate(raw_rules):
            if not isinstance(raw, dict):
                raise t.fail(f"rules[{i}]", "a table", raw)
            rt = Table(raw, t.source, f"rules[{i}].")
            rt.reject_unknown(_RULE_KEYS)
            rules.append(self.rule(rt, kinds=kinds))
        return rules

    def learned(self, t: Table) -> dict[str, Rule]:
        """[learned.KIND] why and source for each attitude kind the model may find (it drops the sentence); a kind
        without its table is left to the cues, so a team's copy older than a kind still loads."""
        t.reject_unknown(set(ATTITUDE))
        out = {}
        for kind in (k for k in ATTITUDE if k in t.data):
            kt = t.table(kind)
            kt.reject_unknown({"why", "source"})
            out[kind] = Rule(kind=kind, source=self.source(kt), why=kt.string("why", non_empty=True, max_len=200), fix="drop")
        return out

    def presence(self, t: Table, kind: str, extra: set[str]) -> Presence:
        t.reject_unknown({"source", "why", "add", "cues", "not_inside", "not_in_sentence_with"} | extra)
        return Presence(kind=kind, source=self.source(t), why=t.string("why", non_empty=True, max_len=200),
                        add=self.text(t, "add"), cues=self.patterns(t, "cues"), add_for_problem=self.text(t, "add_for_problem", ""),
                        problem_signals=frozenset(t.strings("problem_signals", [], choices=SIGNALS)),
                        not_needed_when_customer=self.patterns(t, "not_needed_when_customer", []),
                        not_inside=frozenset(t.strings("not_inside", list(KINDS), choices=KINDS)),
                        not_in_sentence_with=frozenset(t.strings("not_in_sentence_with", [], choices=KINDS)))


def attitude_path(path: Path) -> Path:
    """The attitude file beside `path`, or the built-in one when a team's copy predates it."""
    return locations.config_file(path.parent, ATTITUDE_FILE)


def _others_rules(path: Path, playbook: Playbook, shared: dict[str, str]) -> list[Rule]:
    """The blames_others rules of the others file beside `path` (the built-in one when a team's copy predates it),
    its cues read with the shared vocabulary and its own."""
    others = locations.config_file(path.parent, OTHERS_FILE)
    ot = Table(load_toml(others), others)
    ot.reject_unknown({"vocabulary", "rules"})
    return _Reader(playbook, {**shared, **load_vocabulary(ot.table("vocabulary"))}).rules(ot, ("blames_others",))


def load_reply_check(path: Path, playbook: Playbook, attitude: Path | None = None) -> ReplyCheckContent:
    """Read and validate config/reply_check.toml, its attitude file and its others file; a mistake names the file
    and the key."""
    attitude = attitude or attitude_path(path)
    at = Table(load_toml(attitude), attitude)
    at.reject_unknown({"vocabulary", "rules", "learned"})
    reader = _Reader(playbook, load_vocabulary(at.table("vocabulary")))
    t = Table(load_toml(path), path)
    t.reject_unknown({"vocabulary", "rules", "policy", "voice", "insults", "acknowledgement", "next_step", "layout"})
    own = _Reader(playbook, {**reader.vocabulary, **load_vocabulary(t.table("vocabulary"))})
    rules = own.rules(t, CUED) + _others_rules(path, playbook, reader.vocabulary) + reader.rules(at, ATTITUDE)
    sections = {name: t.table(name, required=True) for name in ("policy", "voice", "insults", "layout")}
    sections["policy"].reject_unknown({"source", "rewrite"})
    sections["voice"].reject_unknown({"kind", "source", "why", "fix", "rewrite"})
    sections["insults"].reject_unknown({"source", "why", "fix", "rewrite", "words"})
    sections["layout"].reject_unknown({"greeting", "sign_off"})
    layout = sections["layout"]
    content = ReplyCheckContent(
        rules=tuple(rules),
        policy=reader.rule(sections["policy"], "promises_beyond_policy", with_cues=False),
        voice=reader.rule(sections["voice"], None, with_cues=False),
        insults=reader.rule(sections["insults"], "echoes_abuse", with_cues=False),
        insult_words=reader.patterns(sections["insults"], "words", []),
        acknowledgement=reader.presence(t.table("acknowledgement", required=True), "no_acknowledgement",
                                        {"add_for_problem", "problem_signals"}),
        next_step=reader.presence(t.table("next_step", required=True), "no_next_step", {"not_needed_when_customer"}),
        greeting=reader.pattern(layout, "greeting", layout.string("greeting", non_empty=True)),
        sign_off=reader.pattern(layout, "sign_off", layout.string("sign_off", non_empty=True)),
        learned=reader.learned(at.table("learned", required=True)),
    )
    _check_own_phrasing(content, path)
    return content


def _check_own_phrasing(content: ReplyCheckContent, path: Path) -> None:
    """The rewrite's own sentences must pass the check they are there to satisfy."""
    ack, step = content.acknowledgement, content.next_step
    own = [r.rewrite for r in (*content.rules, content.policy, content.voice, content.insults) if r.rewrite]
    for text in own + [ack.add, ack.add_for_problem, step.add]:
        for rule in content.rules:
            if text and any(cue.search(text) for cue in rule.cues):
                raise ConfigError(f"{path}: the rewrite sentence {text!r} would itself be found as {rule.kind}; reword it")
    for presence, text in ((ack, ack.add), (ack, ack.add_for_problem), (step, step.add)):
        if text and not any(cue.search(text) for cue in presence.cues):
            raise ConfigError(f"{path}: {text!r} is added for {presence.kind} but matches none of its cues")
