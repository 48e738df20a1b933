"""Check my reply: review an agent's own draft before it is sent, and offer a safer rewrite.

Quality tools score a conversation after the fact; this reads the draft while it can still be
changed. Each finding quotes the agent's own words, says why in one line, and names the playbook
section it rests on. The cues live in `config/reply_check.toml`, `config/reply_check_attitude.toml`
and `config/reply_check_others.toml` (read by bot.reply_check_config); beside them a small learned part (bot.reply_model) may add a
finding the cues missed, quoting the sentence that carried it. Offers are measured against
`config/policy.toml` by `bot.policy`, the same check the composer's and the model's drafts pass.
The rewrite (bot.reply_rewrite) is built only from the agent's own sentences (kept, trimmed or
dropped) and the phrasing the configuration gives, and it passes the same check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import locations
from bot.analysis import analyze
from bot.playbook import Playbook
from bot.plaintext import prepare
from bot.policy import promises_beyond_policy
from bot.reply_check_config import ATTITUDE, KINDS, ReplyCheckContent, Rule, load_reply_check
from bot.reply_model import ReplyModel, default_reply_model, draft_context, sentence_features
from bot.reply_rewrite import Rewriter
from bot.reply_sentences import blocked, clauses, present, sentences
from bot.rules import AnalysisRules
from bot.settings import Settings

__all__ = ["KINDS", "Finding", "ReplyChecker", "ReplyReview", "load_checker", "load_reply_check", "render_review", "sentences"]

_SHIPPED = object()  # the model file in bot/data, loaded on first use


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
class _Context:
    """What the customer's message, when given, tells the check."""

    signals: frozenset[str] = frozenset()
    insults: tuple[str, ...] = ()
    text: str = ""


class ReplyChecker:
    """The Slack-free core of "Check my reply", shared by the CLI and Slack."""

    def __init__(self, content: ReplyCheckContent, settings: Settings, rules: AnalysisRules,
                 model: ReplyModel | None | object = _SHIPPED) -> None:
        self.content = content
        self.settings = settings
        self.analysis_rules = rules
        self.model = default_reply_model() if model is _SHIPPED else model  # None: the cues alone (training)
        self.rewriter = Rewriter(self)

    def check(self, draft: str, customer: str | None = None) -> ReplyReview:
        context = self._context(customer)
        findings = self.findings(draft, context)
        return ReplyReview(tuple(findings), self.rewriter.rewrite(draft, findings, context) if findings else draft.strip())

    def _context(self, customer: str | None) -> _Context:
        if not customer or not customer.strip():
            return _Context()
        analysis = analyze(prepare(customer), self.analysis_rules)
        insults = next((s.quotes() for s in analysis.signals if s.name == "abusive"), ())
        insults += tuple(m.group(0).lower() for p in self.content.insult_words for m in p.finditer(customer))
        return _Context(frozenset(analysis.signal_names), insults, customer)

    def findings(self, draft: str, context: _Context = _Context()) -> list[Finding]:
        """Every finding, in the order the draft reads, each span once (the first rule to claim it wins),
        except that blame, tone and abuse may share words with another kind: a sentence can be two."""
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
                            claim(rule, sentence.start + m.start(), sentence.start + m.end(), beside_others=rule.kind in ATTITUDE)
        for sentence in sentences(draft):
            for problem in promises_beyond_policy(sentence.text, self.settings.policy):
                claim(self.content.policy, *self._offering(sentence), problem, beside_others=True)
        lowered = draft.lower().replace("’", "'")
        for phrase in self.settings.voice.avoid_phrases:
            for m in re.finditer(re.escape(phrase), lowered):
                claim(self.content.voice, m.start(), m.end(), f"{self.content.voice.why} ({phrase!r})")
        for words in self._insults(draft, context):
            for m in re.finditer(rf"(?<!\w){re.escape(words)}(?!\w)", draft, re.I):
                claim(self.content.insults, m.start(), m.end())
        found.sort(key=lambda f: f.start)
        if self.model is not None and self.model.active:
            found = sorted(found + self._learned(draft, found), key=lambda f: f.start)
        found += self._missing(draft, found, context)
        return found

    def _offering(self, sentence) -> tuple[int, int]:
        """Where in a sentence that promises beyond policy the promise is: the clauses that promise it on their own
        ("we'll refund you double" in "I'm sorry, that's our fault, we'll refund you double."), else all of it."""
        offering = [c for c in clauses(sentence) if promises_beyond_policy(c.text, self.settings.policy)]
        return (offering[0].start, offering[-1].end) if offering else (sentence.start, sentence.end)

    def _learned(self, draft: str, found: list[Finding]) -> list[Finding]:
        """The model's findings for kinds the cues missed, each quoting the sentence that carried it."""
        parts = sentences(draft)
        per_sentence = [sentence_features(p.text, frozenset(analyze(prepare(p.text), self.analysis_rules, model=None).signal_names))
                        for p in parts]
        kinds = {f.kind for f in found}
        ack = self.content.acknowledgement
        context = draft_context(kinds & set(ATTITUDE), present(draft, ack, blocked(draft, ack, found)), len(parts))
        out = []
        for kind, at in self.model.carried(per_sentence, context).items():
            if kind not in kinds and kind in self.content.learned:
                rule = self.content.learned[kind]
                out.append(Finding(kind, parts[at].text, rule.why, rule.source, parts[at].start, parts[at].end, rule.fix))
        return out

    def _insults(self, draft: str, context: _Context) -> tuple[str, ...]:
        own = analyze(prepare(draft), self.analysis_rules, model=None)
        words = next((s.quotes() for s in own.signals if s.name == "abusive"), ())
        return tuple(dict.fromkeys(words + context.insults))

    def _missing(self, draft: str, found: list[Finding], context: _Context) -> list[Finding]:
        """An acknowledgement or a next step counts only outside the words already found wanting."""
        missing = []
        ack, step = self.content.acknowledgement, self.content.next_step
        if not present(draft, ack, blocked(draft, ack, found)):
            missing.append(Finding(ack.kind, "", ack.why, ack.source))
        not_needed = context.text and any(p.search(context.text) for p in step.not_needed_when_customer) \
            and not context.signals & ack.problem_signals
        if not not_needed and not present(draft, step, blocked(draft, step, found)):
            missing.append(Finding(step.kind, "", step.why, step.source))
        return missing


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
