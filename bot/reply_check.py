"""Check my reply: review an agent's own draft before it is sent, and offer a safer rewrite.

Quality tools score a conversation after the fact; this reads the draft while it can still be
changed. Each finding quotes the agent's own words, says why in one line, and names the playbook
section it rests on. The cues live in `config/reply_check.toml`; offers are measured against
`config/policy.toml` by `bot.policy`, the same check the composer's and the model's drafts pass.
The rewrite is built only from the agent's own sentences (kept, trimmed or dropped) and the
phrasing the configuration gives, and it passes the same check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot import locations
from bot import SIGNALS
from bot.analysis import analyze
from bot.errors import ConfigError
from bot.playbook import Playbook
from bot.plaintext import prepare
from bot.policy import promises_beyond_policy
from bot.rules import AnalysisRules
from bot.settings import Settings
from bot.tomlcheck import Table, load_toml

KINDS = ("admits_liability", "promises_beyond_policy", "blames_customer", "defensive_tone", "echoes_abuse",
         "no_acknowledgement", "no_next_step")
FIXES = ("strip", "drop", "replace")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_SENTENCE = re.compile(r"[^\n]*?(?:[.!?]+(?=\s|$)|$)", re.M)


@dataclass(frozen=True)
class Finding:
    """One problem in the draft; `quote` is the agent's words exactly ('' when something is missing)."""

    kind: str
    quote: str
    why: str
    source: str
    start: int = -1
    end: int = -1
    fix: str = "drop"     # how the rewrite mends the sentence it is in (the rule's fix and phrasing)
    rewrite: str = ""

    def to_dict(self) -> dict:
        return {"kind": self.kind, "quote": self.quote, "why": self.why, "source": self.source}


@dataclass(frozen=True)
class ReplyReview:
    findings: tuple[Finding, ...]
    rewrite: str
    engine: str = "offline"  # "openai" when the model's rewrite passed the check; "offline-fallback" when it was asked and not used
    notes: tuple[str, ...] = ()  # why the model's rewrite is not the one shown, in one sentence each

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.kind for f in self.findings))

    def to_dict(self) -> dict:
        data = {"findings": [f.to_dict() for f in self.findings], "rewrite": self.rewrite, "ok": self.ok}
        if self.engine != "offline":
            data.update(engine=self.engine, notes=list(self.notes))
        return data


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


def _pattern(t: Table, key: str, raw: str) -> re.Pattern:
    try:
        return re.compile(raw.replace("'", "['’]"), re.I)
    except re.error as exc:
        raise t.fail(key, f"valid regular expressions ({exc})", raw) from None


def _patterns(t: Table, key: str, default=None) -> tuple[re.Pattern, ...]:
    return tuple(_pattern(t, key, raw) for raw in t.strings(key, default))


def _text(t: Table, key: str, default=None) -> str:
    """A sentence the rewrite may use: only the {hours} placeholder."""
    value = t.string(key, default, max_len=300)
    unknown = set(_PLACEHOLDER.findall(value)) - {"hours"}
    if unknown:
        raise t.fail(key, "a sentence whose only placeholder is {hours}", value)
    return value


def _source(t: Table, playbook: Playbook) -> str:
    source = t.string("source", non_empty=True)
    if source not in playbook:
        raise t.fail("source", "the id of a playbook section in prompts/playbook", source)
    return source


def _rule(t: Table, playbook: Playbook, kind: str | None = None, with_cues: bool = True) -> Rule:
    fix = t.string("fix", "replace", choices=FIXES)
    rewrite = _text(t, "rewrite", "")
    if fix == "replace" and not rewrite.strip():
        raise t.fail("rewrite", "the sentence that replaces a matching one (fix = \"replace\")", rewrite)
    return Rule(kind=kind or t.string("kind", choices=KINDS[:5]), source=_source(t, playbook),
                why=t.string("why", "goes beyond what the policy allows", non_empty=True, max_len=200), fix=fix, rewrite=rewrite,
                cues=_patterns(t, "cues") if with_cues else (),
                only_when_customer=frozenset(t.strings("only_when_customer", [], choices=SIGNALS)))


def _presence(t: Table, playbook: Playbook, kind: str, extra: set[str]) -> Presence:
    t.reject_unknown({"source", "why", "add", "cues", "not_inside"} | extra)
    return Presence(kind=kind, source=_source(t, playbook), why=t.string("why", non_empty=True, max_len=200),
                    add=_text(t, "add"), cues=_patterns(t, "cues"), add_for_problem=_text(t, "add_for_problem", ""),
                    problem_signals=frozenset(t.strings("problem_signals", [], choices=SIGNALS)),
                    not_needed_when_customer=_patterns(t, "not_needed_when_customer", []),
                    not_inside=frozenset(t.strings("not_inside", list(KINDS), choices=KINDS)))


def load_reply_check(path: Path, playbook: Playbook) -> ReplyCheckContent:
    """Read and validate config/reply_check.toml; a mistake names the file and the key."""
    t = Table(load_toml(path), path)
    t.reject_unknown({"rules", "policy", "voice", "insults", "acknowledgement", "next_step", "layout"})
    raw_rules = t.data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise t.fail("rules", "at least one [[rules]] table")
    rules = []
    for i, raw in enumerate(raw_rules):
        if not isinstance(raw, dict):
            raise t.fail(f"rules[{i}]", "a table", raw)
        rt = Table(raw, path, f"rules[{i}].")
        rt.reject_unknown({"kind", "source", "why", "fix", "rewrite", "cues", "only_when_customer"})
        rules.append(_rule(rt, playbook))
    sections = {name: t.table(name, required=True) for name in ("policy", "voice", "insults", "layout")}
    sections["policy"].reject_unknown({"source", "rewrite"})
    sections["voice"].reject_unknown({"kind", "source", "why", "fix", "rewrite"})
    sections["insults"].reject_unknown({"source", "why", "fix", "rewrite", "words"})
    sections["layout"].reject_unknown({"greeting", "sign_off"})
    layout = sections["layout"]
    content = ReplyCheckContent(
        rules=tuple(rules),
        policy=_rule(sections["policy"], playbook, "promises_beyond_policy", with_cues=False),
        voice=_rule(sections["voice"], playbook, None, with_cues=False),
        insults=_rule(sections["insults"], playbook, "echoes_abuse", with_cues=False),
        insult_words=_patterns(sections["insults"], "words", []),
        acknowledgement=_presence(t.table("acknowledgement", required=True), playbook, "no_acknowledgement",
                                  {"add_for_problem", "problem_signals"}),
        next_step=_presence(t.table("next_step", required=True), playbook, "no_next_step", {"not_needed_when_customer"}),
        greeting=_pattern(layout, "greeting", layout.string("greeting", non_empty=True)),
        sign_off=_pattern(layout, "sign_off", layout.string("sign_off", non_empty=True)),
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


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


def sentences(draft: str) -> list[_Sentence]:
    """Each sentence (or line) of the draft with its place, so a quote is always the agent's exact words."""
    found = []
    for m in _SENTENCE.finditer(draft):
        text = m.group(0)
        lead = len(text) - len(text.lstrip())
        if text.strip():
            found.append(_Sentence(m.start() + lead, m.start() + len(text.rstrip()), text.strip()))
    return found


@dataclass(frozen=True)
class _Context:
    """What the customer's message, when given, tells the check."""

    signals: frozenset[str] = frozenset()
    insults: tuple[str, ...] = ()
    text: str = ""


class ReplyChecker:
    """The Slack-free core of "Check my reply", shared by the CLI and Slack."""

    def __init__(self, content: ReplyCheckContent, settings: Settings, rules: AnalysisRules) -> None:
        self.content = content
        self.settings = settings
        self.analysis_rules = rules

    def check(self, draft: str, customer: str | None = None) -> ReplyReview:
        context = self._context(customer)
        findings = self.findings(draft, context)
        return ReplyReview(tuple(findings), self._rewrite(draft, findings, context) if findings else draft.strip())

    def _context(self, customer: str | None) -> _Context:
        if not customer or not customer.strip():
            return _Context()
        analysis = analyze(prepare(customer), self.analysis_rules)
        insults = next((s.quotes() for s in analysis.signals if s.name == "abusive"), ())
        insults += tuple(m.group(0).lower() for p in self.content.insult_words for m in p.finditer(customer))
        return _Context(frozenset(analysis.signal_names), insults, customer)

    def findings(self, draft: str, context: _Context = _Context()) -> list[Finding]:
        """Every finding, in the order the draft reads, each span once (the first rule to claim it wins)."""
        found: list[Finding] = []

        def claim(rule: Rule, start: int, end: int, why: str = "", beside_others: bool = False) -> None:
            if not any(f.start < end and start < f.end and (f.kind == rule.kind or not beside_others) for f in found):
                found.append(Finding(rule.kind, draft[start:end], why or rule.why, rule.source, start, end,
                                     rule.fix, rule.rewrite))

        for rule in self.content.rules:
            if rule.only_when_customer and not rule.only_when_customer & context.signals:
                continue
            for sentence in sentences(draft):
                for cue in rule.cues:
                    for m in cue.finditer(sentence.text):
                        if m.group(0).strip():
                            claim(rule, sentence.start + m.start(), sentence.start + m.end())
        for sentence in sentences(draft):
            for problem in promises_beyond_policy(sentence.text, self.settings.policy):
                claim(self.content.policy, sentence.start, sentence.end, problem, beside_others=True)
        lowered = draft.lower().replace("’", "'")
        for phrase in self.settings.voice.avoid_phrases:
            for m in re.finditer(re.escape(phrase), lowered):
                claim(self.content.voice, m.start(), m.end(), f"{self.content.voice.why} ({phrase!r})")
        for words in self._insults(draft, context):
            for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", draft, re.I):
                claim(self.content.insults, m.start(), m.end())
        found.sort(key=lambda f: f.start)
        found += self._missing(draft, found, context)
        return found

    def _insults(self, draft: str, context: _Context) -> tuple[str, ...]:
        own = analyze(prepare(draft), self.analysis_rules, model=None)
        words = next((s.quotes() for s in own.signals if s.name == "abusive"), ())
        return tuple(dict.fromkeys(words + context.insults))

    def _missing(self, draft: str, found: list[Finding], context: _Context) -> list[Finding]:
        """An acknowledgement or a next step counts only outside the words already found wanting."""
        missing = []
        ack, step = self.content.acknowledgement, self.content.next_step
        if not self._present(draft, ack, [f for f in found if f.kind in ack.not_inside]):
            missing.append(Finding(ack.kind, "", ack.why, ack.source))
        not_needed = context.text and any(p.search(context.text) for p in step.not_needed_when_customer) \
            and not context.signals & ack.problem_signals
        if not not_needed and not self._present(draft, step, [f for f in found if f.kind in step.not_inside]):
            missing.append(Finding(step.kind, "", step.why, step.source))
        return missing

    @staticmethod
    def _present(draft: str, presence: Presence, found: list[Finding]) -> bool:
        for sentence in sentences(draft):
            for cue in presence.cues:
                for m in cue.finditer(sentence.text):
                    start, end = sentence.start + m.start(), sentence.start + m.end()
                    if not any(f.start < end and start < f.end for f in found):
                        return True
        return False

    # ------------------------------------------------------------------ the rewrite

    def _fill(self, text: str) -> str:
        return text.replace("{hours}", str(self.settings.voice.follow_up_hours))

    def _fixed(self, sentence: _Sentence, findings: list[Finding]) -> str:
        """The sentence with its findings fixed: trimmed, replaced by the rule's phrasing, or '' (dropped)."""
        if all(f.fix == "strip" for f in findings):
            text = sentence.text
            for f in sorted(findings, key=lambda f: -f.start):
                text = _strip(text, f.start - sentence.start, f.end - sentence.start)
            return text if len(re.findall(r"[A-Za-z]+", text)) >= 3 else ""
        ranked = sorted((f for f in findings if f.fix == "replace"), key=lambda f: KINDS.index(f.kind))
        return " ".join(dict.fromkeys(self._fill(f.rewrite) for f in ranked))

    def _rewrite(self, draft: str, findings: list[Finding], context: _Context) -> str:
        parts = sentences(draft)
        greeting = parts[0] if parts and self.content.greeting.match(parts[0].text) else None
        sign_off_at = next((i for i, p in enumerate(parts) if i and self.content.sign_off.match(p.text)
                            and len(parts) - i <= 3), len(parts))
        body, used = [], set()
        for part in parts[1 if greeting else 0:sign_off_at]:
            inside = [f for f in findings if f.start >= part.start and f.end <= part.end]
            text = self._fixed(part, inside) if inside else part.text
            if text and text not in used:
                used.add(text)
                body.append(text[:1].upper() + text[1:])
        kinds = {f.kind for f in findings}
        if "no_acknowledgement" in kinds or not self._present(" ".join(body), self.content.acknowledgement, []):
            ack = self.content.acknowledgement
            problem = ack.add_for_problem and context.signals & ack.problem_signals
            body.insert(0, self._fill(ack.add_for_problem if problem else ack.add))
        if "no_next_step" in kinds or not self._present(" ".join(body), self.content.next_step, []):
            body.append(self._fill(self.content.next_step.add))
        blocks = [greeting.text] if greeting else []
        blocks.append(" ".join(body))
        if sign_off_at < len(parts):
            blocks.append("\n".join(p.text for p in parts[sign_off_at:]))
        return "\n\n".join(blocks)


def load_checker(settings: Settings, playbook: Playbook, rules: AnalysisRules) -> ReplyChecker:
    """The checker on the configuration folder's reply_check.toml, with the policy and voice already loaded."""
    return ReplyChecker(load_reply_check(locations.config_file(settings.config_dir, "reply_check.toml"), playbook), settings, rules)


def render_review(review: ReplyReview) -> str:
    """Readable text for the terminal: each finding (quoted words, why, section), then the rewrite."""
    if review.ok:
        return "No findings: nothing in this reply needs changing before it is sent."
    lines = [f"{len(review.findings)} finding{'s' if len(review.findings) != 1 else ''}:"]
    for n, f in enumerate(review.findings, 1):
        quoted = f'"{f.quote}"' if f.quote else "(nothing in the reply)"
        lines += [f"{n}. {f.kind.replace('_', ' ')}: {quoted}", f"   why: {f.why}", f"   playbook: {f.source}"]
    lines += ["", "Safer rewrite (improved by the model):" if review.engine == "openai" else "Safer rewrite:", review.rewrite]
    lines += [f"Note: {note}" for note in review.notes]
    return "\n".join(lines)


def _strip(text: str, start: int, end: int) -> str:
    """Remove the words at [start, end) and the commas that set them off, leaving a sentence."""
    before, after = text[:start], text[end:]
    if after.startswith(","):
        after = after[1:]
        before = re.sub(r",\s*$", " ", before)
    elif re.match(r"\s*[.!?]", after):
        before = re.sub(r",\s*$", "", before)
    out = re.sub(r"\s{2,}", " ", (before.rstrip() + " " + after.lstrip()).strip())
    out = re.sub(r"\s+([,.!?;:])", r"\1", out).lstrip(",;:—–- ")
    return out[:1].upper() + out[1:]
