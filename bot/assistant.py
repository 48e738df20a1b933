"""The Slack-free core in one place: load configuration and content once, then answer.

The CLI, the Slack listeners and the tests all call this object; it holds no Slack code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from bot import locations
from bot.analysis import analyze
from bot.composer import Composer
from bot.errors import BadInput, ConfigError
from bot.escalation import (
    EscalationAdvisor,
    EscalationGuidance,
    Situation,
    load_escalation_content,
)
from bot.phrases import load_phrasebook
from bot.plaintext import prepare
from bot.playbook import Playbook, load_playbook
from bot.rules import AnalysisRules, load_rules
from bot.settings import Settings, load_settings
from bot.label_model import default_situation_model, default_stance_model
from bot.situations import load_case_vocabulary
from bot.suggestion import Analysis, Suggestion
from bot.templates import Templates



def _model_engine(settings: Settings, playbook: Playbook, prompts_dir: Path):
    """Imported only when a model is configured: the openai client costs ~0.4 s to import."""
    from bot.llm.engine import ModelEngine
    from bot.llm.prompt import PromptBuilder

    return ModelEngine(settings, PromptBuilder(settings, playbook, prompts_dir / "llm"))


@dataclass
class Assistant:
    settings: Settings
    rules: AnalysisRules
    playbook: Playbook
    composer: Composer
    advisor: EscalationAdvisor
    model: "ModelEngine | None" = None  # noqa: F821 (imported lazily)
    prompts_dir: Path = Path("prompts")

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, dotenv_path: Path | None = Path(".env"),
             prompts_dir: Path | None = None) -> "Assistant":
        """Read and validate every configuration and content file; fails fast with a ConfigError."""
        settings = load_settings(environ, dotenv_path)
        prompts_dir = prompts_dir or settings.env.prompts_dir
        if not (prompts_dir / "playbook").is_dir():
            raise ConfigError(f"COMPOSURE_PROMPTS: {prompts_dir} holds no playbook/ folder; point it at a playbook "
                              "folder (`composure init DIR` writes one), or unset it to use ./prompts or the built-in one")
        playbook = load_playbook(prompts_dir / "playbook")
        forbidden = settings.voice.avoid_phrases + tuple(p.lower() for p in settings.policy.forbidden_promises)
        phrases = load_phrasebook(prompts_dir / "replies" / "phrases.toml", playbook, forbidden)
        vocab = load_case_vocabulary(settings.config_dir, playbook)
        composer = Composer(settings, phrases, Templates.load(prompts_dir / "replies"), vocab, default_situation_model(),
                            default_stance_model())
        rules = load_rules(locations.config_file(settings.config_dir, "analysis.toml"))
        content = load_escalation_content(prompts_dir / "escalation.toml", playbook, rules.negators)
        assistant = cls(settings=settings, rules=rules, playbook=playbook, composer=composer,
                        advisor=EscalationAdvisor(settings, rules, content), prompts_dir=prompts_dir)
        if settings.env.engine != "offline" and settings.env.model_configured:
            assistant.model = _model_engine(settings, playbook, prompts_dir)
        return assistant

    def engine_for(self, requested: str | None) -> str:
        """offline | openai, from --engine or COMPOSURE_ENGINE; openai without a model is bad configuration."""
        engine = requested or self.settings.env.engine
        if engine == "openai" and not self.settings.env.model_configured:
            raise BadInput("engine 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server); "
                           "set one in .env, or use --engine offline")
        if engine == "openai" and self.model is None:
            self.model = _model_engine(self.settings, self.playbook, self.prompts_dir)
        return "openai" if engine != "offline" and self.model is not None else "offline"

    def suggest_with(self, text: str, engine: str | None = None, user_names: Mapping[str, str] | None = None,
                     tone: str | None = None) -> Suggestion:
        """The best suggestion the configured engine gives (the offline one when no model is set up)."""
        offline = self.suggest(text, user_names, tone)
        if self.engine_for(engine) == "offline":
            return offline
        return self.improve(text, offline, user_names, tone)

    def model_wait(self, text: str, offline: Suggestion, user_names: Mapping[str, str] | None = None) -> float:
        """Seconds the model may take for this message (its fitted budget), to tell the person waiting."""
        return self.model.expected_wait(prepare(text, user_names).own_words, offline)

    def improve(self, text: str, offline: Suggestion, user_names: Mapping[str, str] | None = None,
                tone: str | None = None) -> Suggestion:
        """The model's drafts over an offline suggestion; the model reads the customer's own words only."""
        return self.model.improve(prepare(text, user_names).own_words, offline, tone)

    def escalate(self, situation: Situation | str) -> EscalationGuidance:
        if isinstance(situation, str):
            situation = Situation(what_happened=situation)
        return self.advisor.advise(situation)

    def suggest(self, text: str, user_names: Mapping[str, str] | None = None, tone: str | None = None) -> Suggestion:
        """The offline suggestion for one customer message; empty input is refused."""
        if not text or not text.strip():
            raise BadInput("the message is empty: paste the customer's words")
        prepared = prepare(text, user_names)
        if not prepared.own_words:
            raise BadInput("the message has no readable text after removing markup and control characters")
        return self.composer.compose(prepared, analyze(prepared, self.rules), tone=tone)

    def analyze_text(self, text: str, user_names: Mapping[str, str] | None = None) -> Analysis:
        return analyze(prepare(text, user_names), self.rules)

    def signal_names(self, text: str) -> tuple[str, ...]:
        return self.analyze_text(text).signal_names

    def rule_signal_names(self, text: str) -> tuple[str, ...]:
        """The rules' verdict alone, without the learned model (for `eval --rules-only`)."""
        return analyze(prepare(text), self.rules, model=None).signal_names
