"""Readable terminal output for suggestions and escalation guidance (colour only on a TTY)."""

from __future__ import annotations

import textwrap

from bot.escalation import EscalationGuidance
from bot.suggestion import Suggestion

SEVERITY_COLOUR = {"low": "32", "medium": "33", "high": "31", "critical": "1;31"}


class Painter:
    def __init__(self, colour: bool) -> None:
        self.colour = colour

    def __call__(self, text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.colour else text

    def heading(self, text: str) -> str:
        return self(f"== {text}", "1;36")


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.splitlines())


def _wrapped(text: str, prefix: str) -> str:
    return textwrap.fill(text, width=96, initial_indent=prefix, subsequent_indent=" " * len(prefix))


def render_suggestion(s: Suggestion, colour: bool = False) -> str:
    paint = Painter(colour)
    a = s.analysis
    out = [paint.heading("What's going on")]
    out.append(f"  Severity: {paint(a.severity.upper(), SEVERITY_COLOUR[a.severity])}    "
               f"Likely root cause: {a.root_cause.replace('_', ' ')}"
               + (f" ({', '.join(repr(c) for c in a.root_cause_evidence[:3])})" if a.root_cause_evidence else ""))
    if a.signals:
        for hit in a.signals:
            cues = ", ".join(f'"{q}"' for q in hit.quotes()[:5])
            inferred = ", ".join(n.replace("_", " ") for n in hit.inferred_from())
            cues += f"{' ' if cues else ''}(with {inferred})" if inferred else ""
            sure = a.confidence.get(hit.name)
            out.append(f"  - {paint(hit.name, '1')}" + (f" ({sure:.0%})" if sure is not None else "") + f": {cues}")
    else:
        out.append("  - no difficult signals found")
    esc = a.escalate
    verdict = f"escalate to {esc.to}" if esc.recommended else "no escalation needed"
    out.append(f"  Escalation: {paint(verdict, '1;31' if esc.recommended else '32')}: {esc.reason}")
    for note in s.notes:
        out.append(paint(f"  Note: {note}", "2"))
    out.append("")
    out.append(paint.heading(f"Reply drafts (engine: {s.engine})"))
    for reply in s.replies:
        out.append(paint(f"  [{reply.style}]", "1"))
        out.append(_indent(reply.text))
        out.append("")
    if s.boundary:
        out.append(paint.heading(f"Boundary (level {s.boundary.level} of 3)"))
        out.append(_wrapped(s.boundary.text, "    "))
        out.append("")
    out.append(paint.heading("Questions to ask"))
    out.extend(_wrapped(q, "  - ") for q in s.questions)
    out.append("")
    out.append(paint.heading("Next steps"))
    out.extend(_wrapped(step, "  [ ] ") for step in s.next_steps)
    out.append("")
    out.append(paint("Playbook: " + ", ".join(s.sources), "2"))
    return "\n".join(out)


def render_guidance(g: EscalationGuidance, colour: bool = False) -> str:
    paint = Painter(colour)
    verdict = f"Escalate now to {g.to}: {g.contact}" if g.escalate else "No escalation needed now"
    out = [paint.heading("Escalation"),
           f"  {paint(verdict, '1;31' if g.escalate else '32')}",
           f"  Why: {g.reason}    Severity: {paint(g.severity.upper(), SEVERITY_COLOUR[g.severity])}",
           f"  Signals: {', '.join(g.signals) or 'none'}", ""]
    out.append(paint.heading("Document"))
    out.extend(_wrapped(line, "  [ ] ") for line in g.document)
    out.append("")
    out.append(paint.heading("Hand-off note"))
    out.append(_indent(g.handoff_note))
    out.append("")
    out.append(paint.heading("Tell the customer"))
    out.append(_wrapped(g.tell_customer, "    "))
    if g.letting_go:
        lg = g.letting_go
        out += ["", paint.heading("Letting the customer go"), f"  Because of: {'; '.join(lg.reasons)}", "  Assess first:"]
        out.extend(_wrapped(line, "    [ ] ") for line in lg.checklist)
        out.append("  Try these alternatives before ending it:")
        out.extend(_wrapped(line, "    - ") for line in lg.alternatives)
        out.append("  A respectful closing message:")
        out.append(_indent(lg.closing_message, "      "))
        out.append("  Keep on record:")
        out.extend(_wrapped(line, "    [ ] ") for line in lg.document)
    out += ["", paint("Playbook: " + ", ".join(g.sources), "2")]
    return "\n".join(out)
