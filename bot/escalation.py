"""Escalation guidance for team leads: escalate or not, to whom, what to document, a
hand-off note, what to tell the customer, and when it comes to that, how to let go.

Content lives in `prompts/escalation.toml`; this module only decides and assembles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, StrictUndefined, TemplateError

from bot import SIGNALS
from bot.analysis import analyze
from bot.cues import CueSet, compile_cues
from bot.errors import BadInput, ConfigError
from bot.plaintext import prepare
from bot.playbook import Playbook
from bot.rules import AnalysisRules
from bot.settings import Settings
from bot.suggestion import Analysis
from bot.tomlcheck import Table, load_toml

_ENV = Environment(undefined=StrictUndefined, autoescape=False)
TARGETS = ("none", "lead", "legal", "security")
SOURCE_FOR_TARGET = {"none": "escalation.when", "lead": "escalation.manager", "legal": "escalation.legal", "security": "escalation.security"}
CITED_SECTIONS = ("escalation.when", "escalation.document", "escalation.handoff", "escalation.tell-customer", *SOURCE_FOR_TARGET.values())


@dataclass(frozen=True)
class Situation:
    """What a lead describes; only `what_happened` is required."""

    what_happened: str
    customer: str = ""
    wants: str = ""
    history: str = ""

    @property
    def text(self) -> str:
        return "\n".join(p for p in (self.what_happened, self.wants, self.history) if p.strip())


@dataclass(frozen=True)
class LettingGo:
    reasons: tuple[str, ...]
    checklist: tuple[str, ...]
    alternatives: tuple[str, ...]
    closing_message: str
    document: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"reasons": list(self.reasons), "checklist": list(self.checklist), "alternatives": list(self.alternatives),
                "closing_message": self.closing_message, "document": list(self.document)}


@dataclass(frozen=True)
class EscalationGuidance:
    escalate: bool
    to: str
    contact: str
    reason: str
    severity: str
    signals: tuple[str, ...]
    document: tuple[str, ...]
    handoff_note: str
    tell_customer: str
    letting_go: LettingGo | None
    sources: tuple[str, ...]
    analysis: Analysis = field(repr=False, compare=False, default=None)

    @classmethod
    def from_dict(cls, data: dict) -> "EscalationGuidance":
        """Rebuild guidance stored as JSON (for the Share button, which may land on another instance)."""
        lg = data.get("letting_go")
        return cls(
            escalate=data["escalate"]["recommended"], to=data["escalate"]["to"], contact=data["escalate"]["contact"],
            reason=data["escalate"]["reason"], severity=data["severity"], signals=tuple(data["signals"]),
            document=tuple(data["document"]), handoff_note=data["handoff_note"], tell_customer=data["tell_customer"],
            letting_go=LettingGo(tuple(lg["reasons"]), tuple(lg["checklist"]), tuple(lg["alternatives"]),
                                 lg["closing_message"], tuple(lg["document"])) if lg else None,
            sources=tuple(data["sources"]),
        )

    def to_dict(self) -> dict:
        return {"escalate": {"recommended": self.escalate, "to": self.to, "contact": self.contact, "reason": self.reason},
                "severity": self.severity, "signals": list(self.signals), "document": list(self.document),
                "handoff_note": self.handoff_note, "tell_customer": self.tell_customer,
                "letting_go": self.letting_go.to_dict() if self.letting_go else None, "sources": list(self.sources)}


@dataclass(frozen=True)
class EscalationContent:
    situation_cues: dict[str, CueSet]
    markers: dict[str, CueSet]
    reasons: tuple[tuple[str, str, tuple[str, ...]], ...]  # (id, label, needs)
    letting_go: dict
    document_always: tuple[str, ...]
    document_by_signal: dict[str, str]
    tell_customer: dict[str, str]
    handoff: str
    source: Path


def _template(text: str, where: str) -> str:
    try:
        _ENV.from_string(text)
    except TemplateError as exc:
        raise ConfigError(f"{where}: invalid template: {exc}") from None
    return text


def load_escalation_content(path: Path, playbook: Playbook, negators: frozenset[str]) -> EscalationContent:
    root = Table(load_toml(path), path)
    root.reject_unknown({"situation_cues", "letting_go", "document", "tell_customer", "handoff"})
    cues_t = root.table("situation_cues", required=True)
    for name in cues_t.data:
        if name not in SIGNALS:
            raise cues_t.fail(name, f"a signal name ({', '.join(SIGNALS)})", name)
    situation = {name: compile_cues(cues_t.table(name), negators) for name in cues_t.data}
    lg = root.table("letting_go", required=True)
    markers_t = lg.table("markers", required=True)
    markers = {name: compile_cues(markers_t.table(name), negators) for name in markers_t.data}
    reasons = []
    for i, raw in enumerate(lg.data.get("reasons") or []):
        rt = Table(raw if isinstance(raw, dict) else {}, path, f"letting_go.reasons[{i}].")
        needs = tuple(rt.strings("needs"))
        for need in needs:
            if need not in SIGNALS and need not in markers:
                raise rt.fail("needs", f"signal or marker names (markers: {', '.join(markers)})", need)
        reasons.append((rt.string("id", non_empty=True), rt.string("label", non_empty=True), needs))
    if not reasons:
        raise lg.fail("reasons", "at least one [[letting_go.reasons]]")
    for key in ("source_assess", "source_alternatives", "source_communicate", "source_transition", "source_document"):
        if lg.string(key) not in playbook:
            raise lg.fail(key, "the id of a playbook section", lg.data[key])
    _template(lg.string("closing_message", non_empty=True), f"{path}: letting_go.closing_message")
    doc = root.table("document", required=True)
    by_signal = {k: doc.string(k) for k in doc.data if k != "always"}
    for k in by_signal:
        if k not in SIGNALS:
            raise doc.fail(k, "a signal name or 'always'", k)
    tell = root.table("tell_customer", required=True)
    tell.reject_unknown(set(TARGETS))
    handoff = root.table("handoff", required=True)
    missing = [sid for sid in CITED_SECTIONS if sid not in playbook]
    if missing:
        raise ConfigError(f"{path}: escalation guidance cites playbook section {missing[0]!r}, which prompts/playbook does not define")
    return EscalationContent(
        situation_cues=situation, markers=markers, reasons=tuple(reasons), letting_go=lg.data,
        document_always=tuple(doc.strings("always")), document_by_signal=by_signal,
        tell_customer={t: _template(tell.string(t, non_empty=True), f"{path}: tell_customer.{t}") for t in TARGETS},
        handoff=_template(handoff.string("template", non_empty=True), f"{path}: handoff.template"),
        source=path,
    )


class EscalationAdvisor:
    def __init__(self, settings: Settings, rules: AnalysisRules, content: EscalationContent) -> None:
        self.settings, self.rules, self.content = settings, rules, content

    def _signals(self, text: str, analysis: Analysis) -> set[str]:
        found = set(analysis.signal_names)
        for name, cues in self.content.situation_cues.items():
            if any(cues.weights[i] >= 1.0 for i, *_ in cues.find(text)):
                found.add(name)
        return found

    def _target(self, signals: set[str], severity: str, analysis: Analysis) -> tuple[str, str]:
        for target, triggers in (("security", self.rules.escalate_security), ("legal", self.rules.escalate_legal)):
            hit = [s for s in triggers if s in signals]
            if hit:
                return target, f"{', '.join(hit).replace('_', ' ')} in the situation"
        lead = [s for s in self.rules.escalate_lead_signals if s in signals]
        if lead or analysis.escalate.to == "lead":
            why = ", ".join(lead).replace("_", " ") if lead else analysis.escalate.reason
            return "lead", why
        if "repeat_contact" in signals and severity != "low":
            return "lead", "an unresolved, repeated problem"
        return "none", "nothing here needs more than the agent; keep the customer updated"

    def _letting_go(self, text: str, signals: set[str], situation: Situation) -> LettingGo | None:
        present = set(signals) | {name for name, cues in self.content.markers.items() if any(True for _ in cues.find(text))}
        reasons = [label for _, label, needs in self.content.reasons if all(n in present for n in needs)]
        if not reasons:
            return None
        lg, voice = self.content.letting_go, self.settings.voice
        closing = _ENV.from_string(lg["closing_message"]).render(
            customer=situation.customer or "[customer name]", company=voice.company_name,
            effective="[date, after any notice period in the contract]",
            reasons=" and ".join(reasons), transition=lg["transition"],
            contact=self.settings.contacts.lead_label, sign_off=voice.sign_off,
            team=voice.team_name[:1].upper() + voice.team_name[1:],
        )
        return LettingGo(tuple(reasons), tuple(lg["checklist"]), tuple(lg["alternatives"]), closing, tuple(lg["document"]))

    def advise(self, situation: Situation) -> EscalationGuidance:
        if not situation.what_happened.strip():
            raise BadInput("describe the situation: what happened, what the customer wants, and the history so far")
        prepared = prepare(situation.text)
        analysis = analyze(prepared, self.rules)
        text = prepared.own_words
        signals = self._signals(text, analysis)
        severity = analysis.severity
        if {"threat_safety"} & signals:
            severity = "critical"
        elif {"abusive", "threat_legal"} & signals and severity in {"low", "medium"}:
            severity = "high"
        to, reason = self._target(signals, severity, analysis)
        contacts = self.settings.contacts
        contact = {"none": "", "lead": f"{contacts.lead_label} ({contacts.lead_channel})",
                   "legal": contacts.legal_contact, "security": contacts.security_contact}[to]
        document = list(self.content.document_always) + [
            line for name, line in self.content.document_by_signal.items() if name in signals]
        letting_go = self._letting_go(text, signals, situation)
        when_back = "today" if severity in {"high", "critical"} else "within one working day"
        values = {"lead": contacts.lead_label, "when_back": when_back}
        ordered = [s for s in SIGNALS if s in signals]
        handoff = _ENV.from_string(self.content.handoff).render(
            severity=severity, to_label=contact or "the team", customer=situation.customer or "(not given)",
            what_happened=" ".join(situation.what_happened.split())[:600], wants=situation.wants or "(not given)",
            history=situation.history or "(not given)", signals=", ".join(ordered) or "none",
            reason=reason, when_back=when_back,
        )
        sources = ["escalation.when", SOURCE_FOR_TARGET[to], "escalation.document", "escalation.handoff", "escalation.tell-customer"]
        if letting_go:
            lg = self.content.letting_go
            sources += [lg[k] for k in ("source_assess", "source_alternatives", "source_communicate", "source_transition", "source_document")]
        return EscalationGuidance(
            escalate=to != "none", to=to, contact=contact, reason=reason, severity=severity,
            signals=tuple(ordered), document=tuple(document), handoff_note=handoff,
            tell_customer=_ENV.from_string(self.content.tell_customer[to]).render(**values),
            letting_go=letting_go, sources=tuple(dict.fromkeys(sources)), analysis=analysis,
        )
