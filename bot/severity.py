"""How serious a message is, and who must see it: points per signal read, and the escalation call.

Kept apart from the reading of signals (`bot.analysis`): severity weighs what was read, it does not
read. A signal read from shouting alone weighs only as the shouting does, and swearing that names no
person weighs less than an insult.
"""

from __future__ import annotations

from bot.rules import AnalysisRules
from bot.suggestion import Escalation, SignalHit

INTENSITY_CUES = {"capitals", "repeated punctuation", "stretched word"}


def shouting_only(hit: SignalHit) -> bool:
    """Read from capitals, "!!!" or "sooo" alone (and other signals): no word of the feeling itself. "AWWW
    SHUCKS", "MEEE", a film title in capitals ("Was DAVE MADE A MAZE added yet?") read as anger."""
    return all(e.cue in INTENSITY_CUES or e.cue.startswith("signal:") for e in hit.evidence)


def grade_severity(hits: list[SignalHit], intensity: float, rules: AnalysisRules, unaimed_abuse: bool = False,
                   confidence: dict[str, float] | None = None) -> str:
    """Points per signal and for intensity; swearing that names no person weighs less than insults; a signal
    read from shouting alone weighs only as the shouting does (intensity), not twice. Each signal weighs as
    sure as it is (`confidence`, how often such a reading was right): "Ugh" read as anger at 27 % is not
    two points of anger, and sent a shoe with a hole in it to a lead as high."""
    weight = dict(rules.severity_points, **({"abusive": rules.unaimed_abuse_points} if unaimed_abuse else {}))
    sure = confidence or {}
    points = sum(weight.get(h.name, 0.0) * sure.get(h.name, 1.0) for h in hits if not shouting_only(h)) \
        + rules.intensity_points * intensity
    for level, minimum in rules.severity_levels:
        if points >= minimum:
            return level
    return "low"


def _welfare_only(hits: list[SignalHit], rules: AnalysisRules) -> bool:
    """True when threat_safety rests only on signs of self-harm (config: escalation.welfare_cues)."""
    hit = next((h for h in hits if h.name == "threat_safety"), None)
    if hit is None or rules.welfare is None:
        return False
    texts = [e.text for e in hit.evidence if e.start >= 0 and e.weight > 0]
    return bool(texts) and all(rules.welfare.search(t) for t in texts)


def recommend_escalation(names: set[str], severity: str, rules: AnalysisRules,
                         hits: list[SignalHit] | None = None) -> Escalation:
    if hits is not None and _welfare_only(hits, rules):
        return Escalation(True, "lead", "possible self-harm: bring in a team lead now and follow the welfare "
                                        "procedure; answer with care, not with policy")
    for target, triggers in (("security", rules.escalate_security), ("legal", rules.escalate_legal)):
        matched = [s for s in triggers if s in names]
        if matched:
            return Escalation(True, target, f"{', '.join(matched)} detected: involve {target} before replying further")
    order = ("low", "medium", "high", "critical")
    lead_for = [s for s in rules.escalate_lead_signals if s in names]
    if lead_for:
        return Escalation(True, "lead", f"{', '.join(lead_for)} detected: a team lead should know and may take over")
    if order.index(severity) >= order.index(rules.escalate_lead_severity):
        return Escalation(True, "lead", f"severity is {severity}: bring in a team lead")
    return Escalation(False, "none", "the agent can handle this; escalate if it repeats or worsens")
