"""The safer rewrite of "Check my reply", built only from the agent's own sentences (kept, trimmed or replaced by
the configuration's phrasing), with an acknowledgement and a next step where they are missing.

A sentence with a finding may also hold the agent's apology or thanks ("I'm sorry, that's our fault, we'll refund
you double."): that clause is kept, and when the apology cannot be kept apart from the finding the rewrite says
sorry in the configuration's own words, so a safer reply is never a colder one. The rewrite passes the check.
"""

from __future__ import annotations

import re

from bot.reply_check_config import KINDS
from bot.reply_sentences import Sentence, as_sentence, blocked, clauses, present, sentences

_APOLOGY = re.compile(r"\b(?:sorry|apologi[sz]\w*|apologies|regret\w*)\b", re.I)


class Rewriter:
    """The rewrite for one checker: its configuration, and its own check to pass (the learned part's included)."""

    def __init__(self, checker) -> None:
        self.checker = checker
        self.content = checker.content

    def fill(self, text: str) -> str:
        return text.replace("{hours}", str(self.checker.settings.voice.follow_up_hours))

    def rewrite(self, draft: str, findings: list, context) -> str:
        parts = sentences(draft)
        greeting = parts[0] if parts and self.content.greeting.match(parts[0].text) else None
        sign_off_at = next((i for i, p in enumerate(parts) if i and self.content.sign_off.match(p.text)
                            and len(parts) - i <= 3), len(parts))
        unheard = blocked(draft, self.content.acknowledgement, findings)
        body, used, lost_apology = [], set(), False
        for part in parts[1 if greeting else 0:sign_off_at]:
            inside = [f for f in findings if f.start >= part.start and f.end <= part.end]
            kept = self._heard(part, inside, unheard) if inside and not all(f.fix == "strip" for f in inside) else []
            fixed = self._fixed(part, inside) if inside else part.text
            lost_apology |= bool(inside) and not kept and not _APOLOGY.search(fixed) and bool(_APOLOGY.search(part.text))
            for text in (*kept, fixed):
                if text and text not in used:
                    used.add(text)
                    body.append(text[:1].upper() + text[1:])
        kinds = {f.kind for f in findings}
        # A sentence the learned part still finds in the rewrite goes too, and again until it finds none: taking one
        # out moves the scores of the rest (a real reply's rewrite failed its own check after one pass)
        model = self.checker.model
        while True:
            rewrite = self._finished(body, kinds, context, lost_apology, greeting, parts[sign_off_at:])
            if model is None or not model.active:
                return rewrite
            left = {f.quote for f in self.checker.findings(rewrite, context) if f.kind in self.content.learned and f.quote}
            kept_body = [text for text in body if not any(quote in text for quote in left)]
            if kept_body == body:
                return rewrite
            body = kept_body

    def _heard(self, sentence: Sentence, inside: list, unheard: list[tuple[int, int]]) -> list[str]:
        """The clauses of a sentence about to be dropped or replaced that acknowledge the customer and share no
        words with a finding ("I'm sorry," in "I'm sorry, that's our fault, ..."), each as a sentence of its own."""
        spans = [(f.start, f.end) for f in inside] + unheard
        return [as_sentence(c.text) for c in clauses(sentence)
                if not any(start < c.end and c.start < end for start, end in spans)
                and present(c.text, self.content.acknowledgement, [])]

    def _fixed(self, sentence: Sentence, findings: list) -> str:
        """The sentence with its findings fixed: trimmed, replaced by the rule's phrasing, or '' (dropped)."""
        if all(f.fix == "strip" for f in findings):
            text = sentence.text
            for f in sorted(findings, key=lambda f: -f.start):
                text = strip(text, f.start - sentence.start, f.end - sentence.start)
            return text if len(re.findall(r"[A-Za-z]+", text)) >= 3 else ""
        ranked = sorted((f for f in findings if f.fix == "replace"), key=lambda f: KINDS.index(f.kind))
        return " ".join(dict.fromkeys(self.fill(f.rewrite) for f in ranked))

    def _finished(self, body: list[str], kinds: set[str], context, lost_apology: bool, greeting, sign_off: list) -> str:
        """The kept sentences with an acknowledgement and a next step where they are missing, between the greeting
        and the sign-off; the acknowledgement is the apology when the customer has a problem or the draft's own
        apology went with a finding."""
        body = list(body)
        ack = self.content.acknowledgement
        if "no_acknowledgement" in kinds or not present(" ".join(body), ack, []):
            sorry = ack.add_for_problem and (context.signals & ack.problem_signals or lost_apology)
            body.insert(0, self.fill(ack.add_for_problem if sorry else ack.add))
        if "no_next_step" in kinds or not present(" ".join(body), self.content.next_step, []):
            body.append(self.fill(self.content.next_step.add))
        blocks = [greeting.text] if greeting else []
        blocks.append(" ".join(body))
        if sign_off:
            blocks.append("\n".join(p.text for p in sign_off))
        return "\n\n".join(blocks)


def strip(text: str, start: int, end: int) -> str:
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
