"""What the case reading changes in the analysis the agent sees: a thank-you letter's story words become a note,
an advert has nothing to escalate, a request the agent can simply carry out is not a lead's case, and a situation
that must reach someone (an allegation against a colleague, a safety incident) reaches them whatever the signals."""

from __future__ import annotations

from dataclasses import replace

from bot import SEVERITIES
from bot.draft_tags import TOLD_BACK
from bot.reading import CaseReading
from bot.suggestion import Analysis, Escalation

TARGET_RANK = {"none": 0, "lead": 1, "legal": 2, "security": 2}  # a situation may raise who must see it, never lower it


def as_thanks(analysis: Analysis) -> Analysis:
    """A thank-you letter that tells what went wrong before we put it right: the complaint words describe the story,
    not this message, so they move from the signals into a note (still quoted for the agent); abuse, threats and
    public posting stay signals whatever else the letter says."""
    story = [h for h in analysis.signals if h.name in TOLD_BACK | {"complaint"}]
    note = ("Read as thanks: words that sound like a complaint tell the story and are not signals here ("
            + "; ".join(f"{h.name.replace('_', ' ')}: " + ", ".join(f'"{q}"' for q in h.quotes()[:3]) for h in story)
            + ")") if story else ""
    return replace(analysis, severity="low", signals=tuple(h for h in analysis.signals if h not in story),
                   confidence={k: v for k, v in analysis.confidence.items() if k not in {h.name for h in story}},
                   notes=analysis.notes + ((note,) if note else ()),
                   escalate=Escalation(False, "none", "the message thanks us: nothing to escalate"))


def escalation_for(case: CaseReading, kind: str, analysis: Analysis) -> Analysis:
    """What the drafts' shape says about severity and escalation: nothing to escalate in an advert; a
    situation that must reach someone (an allegation against a colleague) reaches them whatever the signals."""
    if kind == "advert":
        return replace(analysis, severity="low", escalate=Escalation(
            False, "none", "an advert or promotion, not a customer writing to us: nothing to escalate"))
    if (case.understood and case.situation.request and analysis.escalate.to == "lead"
            and analysis.escalate.reason.startswith("severity is")):  # raised by its points alone, no lead signal
        # a request we can simply do (a cancellation) is not a case for a lead because it was asked for crossly
        return replace(analysis, severity=min(analysis.severity, "medium", key=SEVERITIES.index), escalate=Escalation(
            False, "none", "a request the agent can carry out: escalate only if it can't be done or comes back"))
    if case.vulnerable and kind in {"problem", "request"} and analysis.severity == "low":
        # someone who may be vulnerable is never routine (round 31: a carer for a mother with dementia, read as low)
        analysis = replace(analysis, severity="medium")
    target = case.situation.escalate if case.understood and kind == "problem" else ""
    current = analysis.escalate.to if analysis.escalate.recommended else "none"
    if target and TARGET_RANK[target] > TARGET_RANK.get(current, 0):
        floor = "medium" if target == "lead" else "high"  # danger or a legal matter is never routine
        return replace(analysis, severity=max(analysis.severity, floor, key=SEVERITIES.index), escalate=Escalation(
            True, target, f"{case.situation.name.replace('_', ' ')} reported: {target} reviews it before the reply"))
    return analysis
