"""The offline composer: three reply drafts, a boundary, questions and next steps.

Drafts are assembled from playbook-backed phrase banks and Jinja2 templates in
`prompts/replies/`, around the customer's own issue and the configured policy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from bot.errors import ConfigError
from bot.phrases import STYLES, PhraseBook, pick
from bot.plaintext import PlainText, looks_english
from bot.policy import offers_for, promises_beyond_policy
from bot.restate import Issue, issue_from
from bot.settings import Settings
from bot.suggestion import Analysis, Boundary, Reply, Suggestion

MAX_DRAFT_CHARS = 1500
TONES = ("warmer", "firmer", "shorter")
_SIGNED = re.compile(r"(?:^|\n)\s*(?:thanks|thank you|regards|best|cheers|sincerely|kind regards)[,.!]?\s*\n?\s*([A-Z][a-z]{1,20})\s*$", re.I)
GREETINGS = {"empathetic": "Hi {name},", "concise": "Hi {name},", "formal": "Dear {name},"}
ANONYMOUS = {"empathetic": "Hi there,", "concise": "Hi,", "formal": "Hello,"}


@dataclass(frozen=True)
class Templates:
    env: Environment

    @classmethod
    def load(cls, folder: Path) -> "Templates":
        env = Environment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                          autoescape=False, keep_trailing_newline=False, trim_blocks=False)
        for style in STYLES:
            try:
                env.get_template(f"{style}.j2")
            except TemplateError as exc:
                lineno = getattr(exc, "lineno", None)
                raise ConfigError(f"{folder / (style + '.j2')}" + (f": line {lineno}" if lineno else "") + f": {exc}") from None
        return cls(env)

    def render(self, style: str, **context) -> str:
        text = self.env.get_template(f"{style}.j2").render(**context)
        text = re.sub(r"(?<=\S) {2,}", " ", text)
        return re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip()

    def fill(self, text: str, **context) -> str:
        return self.env.from_string(text).render(**context)


def boundary_level(analysis: Analysis) -> int:
    """0 none; 1 a first respectful request; 2 a firm reminder with the consequence; 3 end politely.

    Graded on the abuse itself (how many insults, how heated), not on the overall severity,
    so one insult in an otherwise serious complaint gets a first respectful request.
    """
    if analysis.has("threat_safety"):
        return 3
    abuse = analysis.hit("abusive")
    if abuse is None:
        return 0
    insults, reach = 0, -1
    for e in sorted((e for e in abuse.evidence if e.start >= 0), key=lambda e: e.start):
        if e.start >= reach:  # overlapping cues ("you idiot", "idiot") are one insult
            insults += 1
        reach = max(reach, e.start + len(e.text))
    if insults >= 3 and (analysis.intensity >= 0.5 or analysis.has("anger")):
        return 3
    if insults >= 2 or analysis.intensity >= 0.5 or analysis.has("unreasonable_demand"):
        return 2
    return 1


def _when_back(hours: int) -> str:
    if hours <= 4:
        return f"within {hours} hour{'s' if hours != 1 else ''}"
    if hours <= 24:
        return "by this time tomorrow"
    return f"within {round(hours / 24)} days"


class Composer:
    def __init__(self, settings: Settings, phrases: PhraseBook, templates: Templates) -> None:
        self.settings = settings
        self.phrases = phrases
        self.templates = templates

    def _placeholders(self, issue: Issue, urgent: bool) -> dict:
        contacts = self.settings.contacts
        return {
            "subject": issue.subject,
            "ref": issue.references[0] if issue.references else "",
            "when_back": "today" if urgent else _when_back(self.settings.voice.follow_up_hours),
            "lead": contacts.lead_label,
            "legal": contacts.legal_contact,
            "security": contacts.security_contact,
            "lead_channel": contacts.lead_channel,
        }

    def compose(self, prepared: PlainText, analysis: Analysis, engine: str = "offline",
                tone: str | None = None) -> Suggestion:
        """`tone` (warmer | firmer | shorter) re-composes the same message for the agent's taste."""
        text = prepared.own_words
        issue = issue_from(text, analysis)
        # A cause read only from a demand ("free shipping for life") is not the problem to address,
        # and a plain question gets no apology, offers or remedies.
        signals = set(analysis.signal_names)
        cause = analysis.root_cause if issue.cause_confirmed else "other"
        ack_cause = cause if issue.problem else "other"
        values = self._placeholders(issue, "urgency" in signals)
        sources: list[str] = []

        def use(entry, style: str, salt: str) -> str:
            sources.append(entry.source)
            return self.templates.fill(pick(entry.variants[style], text + salt + style), **values)

        offers = offers_for(analysis, self.settings.policy, issue.subject, text, cause)[: 1 if tone == "shorter" else 3] \
            if issue.problem else []
        ack_bank, own_bank = ("firm_acknowledge", "firm_ownership") if tone == "firmer" else ("acknowledge", "ownership")
        signed = _SIGNED.search(text)
        escalation = self.phrases.all("escalation_line", signals, cause)[:1] if issue.problem else []
        def drafts(issue: Issue) -> list[Reply]:
            replies = []
            for style in STYLES:
                greeting = (GREETINGS[style].format(name=signed.group(1)) if signed else ANONYMOUS[style])
                replies.append(Reply(style, self.templates.render(
                    style,
                    greeting=greeting,
                    acknowledgement=self._acknowledgement(use, ack_bank, style, signals, ack_cause, tone),
                    ownership="" if tone == "shorter" else use(self.phrases.first(own_bank, signals, ack_cause), style, "own"),
                    follow_up=use(self.phrases.first("follow_up", signals, cause), "concise" if tone == "shorter" else style, "fu"),
                    escalation_line=use(escalation[0], "text", "esc") if escalation and tone != "shorter" else "",
                    issue=issue,
                    offers=offers,
                    sign_off=self.settings.voice.sign_off,
                    team=self.settings.voice.team_name[:1].upper() + self.settings.voice.team_name[1:],
                )))
            return replies

        replies = drafts(issue)
        if any(self._problems(r.text) for r in replies) and issue.from_customer:
            # The customer's own words named an amount or a promise; restate without them.
            replies = drafts(issue_from("", analysis, fallback_subject=issue.subject))
        for reply in replies:
            problems = self._problems(reply.text)
            if problems:
                raise ConfigError(f"prompts/replies/{reply.style}.j2 produced a draft that breaks policy: {problems[0]}")
        replies = [Reply(r.style, _trim(r.text)) for r in replies]

        boundary = None
        level = boundary_level(analysis)
        if level:
            entry = self.phrases.boundary(level)
            boundary = Boundary(level, use(entry, "text", "boundary"))

        questions = [e for e in self.phrases.all("question", signals, cause)]
        specific = [e for e in questions if e.when or e.causes]
        chosen = (specific + [e for e in questions if not (e.when or e.causes)])[:4]
        if len(chosen) < 2:
            chosen = questions[:2]
        question_texts = [use(e, "text", "q") for e in chosen]

        steps = [use(e, "text", "step") for e in self.phrases.all("next_step", signals, cause)][:7]
        if analysis.escalate.recommended and analysis.escalate.to == "lead":
            steps.insert(0, f"Tell {self.settings.contacts.lead_label} in {self.settings.contacts.lead_channel}: {analysis.escalate.reason}.")

        notes = list(analysis.notes)
        if not looks_english(text):
            notes.append("This message may not be in English; the playbook and drafts are in English, so check the meaning before replying.")
        return Suggestion(
            engine=engine,
            analysis=analysis,
            replies=tuple(replies),
            boundary=boundary,
            next_steps=tuple(steps),
            questions=tuple(question_texts),
            sources=tuple(dict.fromkeys(sources)),
            notes=tuple(notes),
        )

    def _acknowledgement(self, use, bank: str, style: str, signals: set[str], cause: str, tone: str | None) -> str:
        line = use(self.phrases.first(bank, signals, cause), "concise" if tone == "shorter" else style, "ack")
        if tone == "warmer":
            line += " " + use(self.phrases.first("warm_extra", signals, cause), style, "warm")
        return line

    def _problems(self, draft: str) -> list[str]:
        return promises_beyond_policy(draft, self.settings.policy, self.settings.voice)


def _trim(draft: str) -> str:
    if len(draft) <= MAX_DRAFT_CHARS:
        return draft
    cut = draft[: MAX_DRAFT_CHARS - 2].rsplit("\n", 1)[0]
    return cut.rstrip() + "\n…"
