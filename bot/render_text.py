"""Readable terminal output for suggestions and escalation guidance.

Every line is wrapped to the terminal's width at the time of rendering (paragraphs and list
items keep their shape, no word is ever cut), and colour appears only when the caller says
the output is a terminal and the person has not set NO_COLOR (https://no-color.org)."""

from __future__ import annotations

import os
import re
import shutil
import textwrap

from bot.escalation import EscalationGuidance
from bot.suggestion import Suggestion

SEVERITY_COLOUR = {"low": "32", "medium": "33", "high": "31", "critical": "1;31"}
MAX_WIDTH = 100  # wider prose is hard to read, even on a wide terminal
MIN_WIDTH = 30   # below this, wrapping would only scatter the words
LIST_ITEM = re.compile(r"(\s*)([-*•]|\d{1,2}[.)]|\[[ xX]?\])\s+")
FIELD = re.compile(r"\s*[A-Z][A-Za-z' ]{0,24}: ")  # "What happened: ..." in a hand-off note


def terminal_width() -> int:
    """The terminal's columns now (it may have been resized since the last message), 80 without one."""
    return max(MIN_WIDTH, min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH))


def colour_allowed(colour: bool) -> bool:
    """NO_COLOR with any non-empty value turns colour off, whatever the caller asked for."""
    return colour and not os.environ.get("NO_COLOR")


class Painter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour_allowed(colour)

    def __call__(self, text: str, code: str) -> str:
        """Each line painted on its own, so a wrapped paragraph never leaves a style open across lines."""
        if not self.colour:
            return text
        return "\n".join(f"\033[{code}m{line}\033[0m" if line else line for line in text.split("\n"))

    def first(self, text: str, token: str, code: str) -> str:
        """Paint the first occurrence of a token in already wrapped text (left plain if wrapping split it)."""
        return text.replace(token, self(token, code), 1) if token else text

    def heading(self, text: str) -> str:
        return self(f"== {text}", "1;36")


def _wrap(text: str, prefix: str, width: int, indent: str | None = None) -> str:
    """One paragraph, its continuation lines under its first word; long words (links) stay whole."""
    return textwrap.fill(text, width=width, initial_indent=prefix,
                         subsequent_indent=" " * len(prefix) if indent is None else indent,
                         break_long_words=False, break_on_hyphens=False)


def wrapped(text: str, prefix: str = "", width: int | None = None) -> str:
    """A status or banner line, wrapped like the rest of the output."""
    return _wrap(text, prefix, width or terminal_width())


class Page:
    """The lines of one rendering, each wrapped to the width, painted only when colour is wanted."""

    def __init__(self, colour: bool, width: int | None) -> None:
        self.paint = Painter(colour)
        self.width = width or terminal_width()
        self.lines: list[str] = []

    def heading(self, text: str) -> None:
        self.lines.append(self.paint.heading(text))

    def line(self, text: str, prefix: str = "  ", code: str = "", emphasis: tuple[tuple[str, str], ...] = (),
             indent: str | None = None) -> None:
        shown = _wrap(text, prefix, self.width, indent)
        for token, token_code in emphasis:
            shown = self.paint.first(shown, token, token_code)
        self.lines.append(self.paint(shown, code) if code else shown)

    def items(self, texts, marker: str) -> None:
        for text in texts:
            self.line(text, marker)

    def block(self, text: str, prefix: str) -> None:
        """A multi-line text (a draft, a note): blank lines kept, list items indented under their text."""
        for raw in text.splitlines():
            if not raw.strip():
                self.lines.append("")
                continue
            item = LIST_ITEM.match(raw)
            lead = item.group(0) if item else raw[:len(raw) - len(raw.lstrip())]
            hanging = "  " if FIELD.match(raw) and not item else ""
            self.line(raw[len(lead):], prefix + lead, indent=" " * len(prefix + lead) + hanging)

    def listed(self, title: str, texts, marker: str) -> None:
        """A section of items: its heading, one wrapped item per entry, a blank line."""
        self.heading(title)
        self.items(texts, marker)
        self.blank()

    def told(self, title: str, text: str, prefix: str = "    ") -> None:
        """A section of prose (a note, words for the customer): its heading, the text, a blank line."""
        self.heading(title)
        self.block(text, prefix)
        self.blank()

    def blank(self) -> None:
        self.lines.append("")

    def text(self) -> str:
        return "\n".join(self.lines)


def render_suggestion(s: Suggestion, colour: bool = False, width: int | None = None) -> str:
    page = Page(colour, width)
    a = s.analysis
    page.heading("What's going on")
    severity = a.severity.upper()
    cause = a.root_cause.replace("_", " ")
    if a.root_cause_evidence:
        cause += f" ({', '.join(repr(c) for c in a.root_cause_evidence[:3])})"
    page.line(f"Severity: {severity}    Likely root cause: {cause}", indent="    ",
              emphasis=((severity, SEVERITY_COLOUR[a.severity]),))
    for hit in a.signals:
        cues = ", ".join(f'"{q}"' for q in hit.quotes()[:5])
        inferred = ", ".join(n.replace("_", " ") for n in hit.inferred_from())
        cues += f"{' ' if cues else ''}(with {inferred})" if inferred else ""
        sure = a.confidence.get(hit.name)
        page.line(hit.name + (f" ({sure:.0%})" if sure is not None else "") + f": {cues}", "  - ",
                  emphasis=((hit.name, "1"),))
    if not a.signals:
        page.line("no difficult signals found", "  - ")
    esc = a.escalate
    verdict = f"escalate to {esc.to}" if esc.recommended else "no escalation needed"
    page.line(f"Escalation: {verdict}: {esc.reason}", indent="    ",
              emphasis=((verdict, "1;31" if esc.recommended else "32"),))
    for note in s.notes:
        page.line(f"Note: {note}", indent="    ", code="2")
    page.blank()
    page.heading(f"Reply drafts (engine: {s.engine})")
    for reply in s.replies:
        page.line(f"[{reply.style}]", code="1")
        page.block(reply.text, "    ")
        page.blank()
    if s.boundary:
        page.told(f"Boundary (level {s.boundary.level} of 3)", s.boundary.text)
    page.listed("Questions to ask", s.questions, "  - ")
    page.listed("Next steps", s.next_steps, "  [ ] ")
    page.line("Playbook: " + ", ".join(s.sources), "", code="2", indent="  ")
    return page.text()


def render_guidance(g: EscalationGuidance, colour: bool = False, width: int | None = None) -> str:
    page = Page(colour, width)
    verdict = f"Escalate now to {g.to}: {g.contact}" if g.escalate else "No escalation needed now"
    severity = g.severity.upper()
    page.heading("Escalation")
    page.line(verdict, code="1;31" if g.escalate else "32")
    page.line(f"Why: {g.reason}    Severity: {severity}", indent="    ",
              emphasis=((f"Severity: {severity}", SEVERITY_COLOUR[g.severity]),))
    page.line(f"Signals: {', '.join(g.signals) or 'none'}", indent="    ")
    page.blank()
    page.listed("Document", g.document, "  [ ] ")
    page.told("Hand-off note", g.handoff_note)
    page.told("Tell the customer", g.tell_customer)
    if g.letting_go:
        lg = g.letting_go
        page.heading("Letting the customer go")
        page.line(f"Because of: {'; '.join(lg.reasons)}", indent="    ")
        page.line("Assess first:")
        page.items(lg.checklist, "    [ ] ")
        page.line("Try these alternatives before ending it:")
        page.items(lg.alternatives, "    - ")
        page.line("A respectful closing message:")
        page.block(lg.closing_message, "      ")
        page.line("Keep on record:")
        page.items(lg.document, "    [ ] ")
        page.blank()
    page.line("Playbook: " + ", ".join(g.sources), "", code="2", indent="  ")
    return page.text()
