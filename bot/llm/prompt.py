"""Small, grounded prompts: only the playbook sections the signals call for, the policy, the
voice, and the customer's (redacted) words between delimiters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.boundary import boundary_level
from bot.playbook import Playbook, Section
from bot.policy import money
from bot.settings import Settings
from bot.suggestion import Analysis, Suggestion

SITUATIONS_FOR_DRAFTS = ("reply", "options", "boundary", "escalate", "follow-up")
ALWAYS = ("empathy.acknowledge", "empathy.ownership", "followup.commit")
DELIMITER = re.compile(r"<\s*/?\s*customer_message\s*>", re.I)


MESSAGE_OVERHEAD = 4  # tokens the chat format adds around each message


def estimate_tokens(text: str) -> int:
    """About four characters a token for English, plus the message's framing; errs a little high."""
    return len(text) // 4 + 1 + MESSAGE_OVERHEAD


def messages_tokens(messages: list[dict]) -> int:
    """The estimate for a whole request, with the reply's priming."""
    return sum(estimate_tokens(m["content"]) for m in messages) + 3


@dataclass(frozen=True)
class Prompt:
    messages: list[dict]
    section_ids: tuple[str, ...]
    estimated_tokens: int
    shortened: bool = False  # the customer's text was cut to fit the budget (the agent is told)


def case_rules(offline: Suggestion, settings: Settings, hide) -> dict | None:
    """What the offline reading understood, and the limits it puts on this case's drafts; `hide`
    redacts what the privacy step hid in the message from these derived strings too."""
    from bot.composer import summary_of
    from bot.offers import NO_GOODWILL_SIGNALS, NO_GOODWILL_STANCES

    case = offline.reading
    if case is None:
        return None
    signals = set(offline.analysis.signal_names)
    rules = []
    if not case.company_error:
        rules.append("say sorry for what happened, but do not admit fault or liability")
    if case.stance.name in NO_GOODWILL_STANCES or signals & NO_GOODWILL_SIGNALS or case.chargeback_filed:
        rules.append("offer no goodwill extras (no credit, voucher or discount)")
    if case.chargeback_filed:
        rules.append("do not offer a refund: a chargeback is already filed with the bank")
    if case.stance.name == "thanks":
        rules.append("thank them; no apology, no remedies, no follow-up promise")
    return {"stance": case.stance.name, "wants": [w.name.replace("_", " ") for w in case.wants],
            "situation": hide(summary_of(case, settings)), "live": case.live, "rules": rules,
            "facts": [hide(f.written if f.kind == "reference" else f.text) for f in case.facts]}


class PromptBuilder:
    def __init__(self, settings: Settings, playbook: Playbook, folder: Path) -> None:
        self.settings, self.playbook = settings, playbook
        env = Environment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined, autoescape=False)
        self.system, self.user, self.repair = (env.get_template(n) for n in ("system.j2", "user.j2", "repair.j2"))

    def sections_for(self, analysis: Analysis) -> list[Section]:
        """The always-useful few, the root cause's section, then those serving the detected signals."""
        chosen = [self.playbook[i] for i in ALWAYS if i in self.playbook]
        signals = set(analysis.signal_names)
        for section in self.playbook.relevant(signals, SITUATIONS_FOR_DRAFTS, limit=12):
            if signals & set(section.signals) and section not in chosen:
                chosen.append(section)
        cause = f"root-causes.{analysis.root_cause.replace('_', '-')}"
        if cause in self.playbook and self.playbook[cause] not in chosen:
            chosen.insert(len(ALWAYS), self.playbook[cause])
        return chosen

    def build(self, message: str, analysis: Analysis, tone: str | None = None, offline: Suggestion | None = None,
              hide=None, budget: int | None = None) -> Prompt:
        """Drop the least relevant sections until the prompt fits the token budget; if it still does not
        fit, shorten the customer's text (its start and its end, which carry the ask) so the budget is a cap.

        With the offline suggestion, the model also gets the case reading and its rules for this
        case (no admission under a threat, no goodwill to abuse, no refund beside a chargeback).
        `budget` lowers the cap when the server's context is small (an answer must still fit)."""
        s = self.settings
        limit = min(budget or s.model.max_prompt_tokens, s.model.max_prompt_tokens)
        message = DELIMITER.sub("[customer_message tag removed]", message)  # no closing our delimiter early
        sections = self.sections_for(analysis)
        case = case_rules(offline, s, hide or (lambda text: text)) if offline is not None else None
        user = self.user.render(analysis=analysis, message=message, tone=tone, case=case,
                                boundary_level=boundary_level(analysis))
        shortened = False
        while True:
            system = self.system.render(company=s.voice.company_name, policy=s.policy, voice=s.voice, sections=sections,
                                        team=s.voice.team_name[:1].upper() + s.voice.team_name[1:],
                                        money=lambda amount: money(s.policy, amount),
                                        own_contacts=", ".join(s.voice.own_contacts + s.voice.own_domains) or "none")
            tokens = estimate_tokens(system) + estimate_tokens(user) + 3  # the reply's priming
            if tokens <= limit:
                break
            if len(sections) > len(ALWAYS):
                sections = sections[:-1]
                continue
            spare = (tokens - limit) * 4 + 200  # characters to cut, with room for the marker
            if spare >= len(message) - 400:
                break  # nothing sensible is left to cut; the server's own limit will say so
            keep = (len(message) - spare) // 2
            message = message[:keep] + "\n[… shortened to fit the model's prompt budget …]\n" + message[-keep:]
            shortened = True
            user = self.user.render(analysis=analysis, message=message, tone=tone, case=case,
                                    boundary_level=boundary_level(analysis))
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        return Prompt(messages, tuple(sec.id for sec in sections), tokens, shortened)

    def repair_message(self, problems: list[str]) -> dict:
        return {"role": "user", "content": self.repair.render(problems=problems)}
