"""Check my reply, improved by the model: a rewrite of the agent's draft that reads like a person
wrote it. The offline rewrite stands when the model fails, is slow or refuses; the model's own
rewrite must pass the same check as the draft, or it is dropped with a one-sentence note."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import openai
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.llm.engine import ModelEngine, explain
from bot.llm.transport import ModelUnavailable
from bot.privacy import redact
from bot.reply_check import ReplyChecker, ReplyReview

log = logging.getLogger("composure.llm")
MAX_REWRITE = 2000  # characters: a reply, not an essay
_TAGS = re.compile(r"<\s*/?\s*(?:customer_message|agent_draft)\s*>", re.I)
_WRAPPING = re.compile(r"^\s*(?:```\w*\s*|(?:here(?:'s| is) (?:the |a |my )?(?:rewritten|improved|revised) (?:reply|version|draft)\s*:\s*))", re.I)


def _clean(answer: str) -> str:
    """The reply itself: without a code fence, a 'Here is the rewrite:' lead-in or wrapping quotes."""
    text = _WRAPPING.sub("", answer.strip()).removesuffix("```").strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'“”":
        text = text[1:-1].strip()
    return text


class ModelRewriter:
    """Asks the suggestion engine's model (same client, pace, retries and deadline) for a better rewrite."""

    def __init__(self, engine: ModelEngine, checker: ReplyChecker, prompts_dir: Path) -> None:
        self.engine, self.checker = engine, checker
        env = Environment(loader=FileSystemLoader(str(prompts_dir)), undefined=StrictUndefined, autoescape=False)
        self.system, self.user = env.get_template("rewrite.j2"), env.get_template("rewrite_user.j2")

    def improve(self, draft: str, customer: str | None, review: ReplyReview) -> ReplyReview:
        """The model's rewrite when it passes the check; otherwise the offline one, with the reason."""
        if review.ok:
            return review  # nothing to fix: the model is not asked
        engine, settings = self.engine, self.engine.settings
        started = engine.clock()
        user = self.user.render(customer=_TAGS.sub(" ", customer or "").strip(), draft=_TAGS.sub(" ", draft).strip(),
                                findings=review.findings, offline=review.rewrite)
        hidden = redact(user, settings.model.pii_patterns) if settings.model.redact else None
        messages = [{"role": "system", "content": self.system.render(company=settings.voice.company_name)},
                    {"role": "user", "content": hidden.text if hidden else user}]
        try:
            answer = engine.ask_text(messages, started)
        except (openai.OpenAIError, ModelUnavailable, ValueError) as exc:
            reason = str(exc) if isinstance(exc, ModelUnavailable) else explain(exc, engine.model)
            log.warning("model rewrite not used after %.1fs: %s", engine.clock() - started, reason)
            return self._offline(review, f"This is the offline rewrite: {reason}.")
        text = _clean(hidden.restore(answer.content) if hidden else answer.content)
        if not text or len(text) > MAX_REWRITE:
            return self._offline(review, "The model's rewrite was not used: it was empty or far too long for a reply.")
        kinds = self.checker.check(text, customer).kinds
        if kinds:
            log.info("model rewrite refused by the check: %s", ", ".join(kinds))
            return self._offline(review, "The model's rewrite was not used: the check still found "
                                         f"{', '.join(k.replace('_', ' ') for k in kinds)} in it.")
        return replace(review, rewrite=text, engine="openai")

    @staticmethod
    def _offline(review: ReplyReview, note: str) -> ReplyReview:
        return replace(review, engine="offline-fallback", notes=review.notes + (note,))
