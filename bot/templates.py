"""The three reply templates (`prompts/replies/{empathetic,concise,formal}.j2`), loaded and checked once: a
template that does not parse is a configuration error named with its file and line, found at start-up,
not in the middle of a reply."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError

from bot.errors import ConfigError
from bot.phrases import STYLES


@dataclass(frozen=True)
class Templates:
    env: Environment
    phrases: dict = field(default_factory=dict)  # each phrase's template, compiled once: compiling is most of a fill

    @classmethod
    def load(cls, folder: Path) -> "Templates":
        env = Environment(loader=FileSystemLoader(str(folder)), undefined=StrictUndefined,
                          autoescape=False, keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
        env.filters["sentences"] = lambda parts: " ".join(p.strip() for p in parts if p and p.strip())
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
        template = self.phrases.get(text)
        if template is None:
            template = self.phrases[text] = self.env.from_string(text)  # a race compiles twice, harmlessly
        return template.render(**context)
