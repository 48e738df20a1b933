"""The playbook: sections with stable ids, loaded from `prompts/playbook/*.toml` and validated.

Each section says which signals and situations it serves, so the composer and the LLM
prompt can pick only what is relevant and cite it by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from bot import SIGNALS
from bot.errors import ConfigError
from bot.tomlcheck import Table, load_toml

SITUATIONS = ("assess", "reply", "boundary", "options", "negotiate", "escalate", "let-go", "follow-up", "prevent", "self-care")
SECTION_ID = re.compile(r"^[a-z][a-z-]*\.[a-z0-9-]+$")
SECTION_KEYS = {"id", "title", "signals", "situations", "summary", "guidance", "phrases", "warning_signs"}


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    signals: tuple[str, ...]
    situations: tuple[str, ...]
    summary: str
    guidance: tuple[str, ...]
    phrases: tuple[str, ...]
    warning_signs: tuple[str, ...]
    source: Path


class Playbook:
    """All sections by id, in file order."""

    def __init__(self, sections: Iterable[Section]) -> None:
        self.sections: dict[str, Section] = {}
        for section in sections:
            if section.id in self.sections:
                other = self.sections[section.id].source
                raise ConfigError(f"{section.source}: section id {section.id!r} is already used in {other}")
            self.sections[section.id] = section

    def __contains__(self, section_id: str) -> bool:
        return section_id in self.sections

    def __getitem__(self, section_id: str) -> Section:
        return self.sections[section_id]

    def __len__(self) -> int:
        return len(self.sections)

    def relevant(self, signals: Iterable[str], situations: Iterable[str] = (), limit: int = 8) -> list[Section]:
        """Sections serving the most of the given signals (then situations), best first."""
        wanted, places = set(signals), set(situations)
        scored = []
        for order, section in enumerate(self.sections.values()):
            score = 2 * len(wanted & set(section.signals)) + len(places & set(section.situations))
            if score:
                scored.append((-score, order, section))
        return [s for _, _, s in sorted(scored)[:limit]]


def _parse_section(raw: object, path: Path, index: int, topic: str) -> Section:
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: sections[{index}]: expected a table")
    label = raw.get("id", f"sections[{index}]")
    t = Table(raw, path, f"{label}.")
    t.reject_unknown(SECTION_KEYS)
    section_id = t.string("id", non_empty=True)
    if not SECTION_ID.match(section_id):
        raise t.fail("id", "an id like 'topic.name' (lower case, digits and hyphens)", section_id)
    if section_id.split(".")[0] != topic:
        raise t.fail("id", f"an id starting with the file's topic '{topic}.'", section_id)
    situations = t.strings("situations", choices=SITUATIONS)
    if not situations:
        raise t.fail("situations", f"at least one of {', '.join(SITUATIONS)}", [])
    guidance = t.strings("guidance", max_items=8, max_len=400)
    if len(guidance) < 2:
        raise t.fail("guidance", "at least two points", guidance)
    return Section(
        id=section_id,
        title=t.string("title", non_empty=True, max_len=100),
        signals=tuple(t.strings("signals", [], choices=SIGNALS)),
        situations=tuple(situations),
        summary=t.string("summary", non_empty=True, max_len=400),
        guidance=tuple(guidance),
        phrases=tuple(t.strings("phrases", [], max_items=8, max_len=300)),
        warning_signs=tuple(t.strings("warning_signs", [], max_len=200)),
        source=path,
    )


def load_playbook(folder: Path) -> Playbook:
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise ConfigError(f"{folder}: no playbook files (*.toml) found")
    sections: list[Section] = []
    for path in files:
        t = Table(load_toml(path), path)
        t.reject_unknown({"topic", "title", "sections"})
        topic = t.string("topic", non_empty=True)
        if topic != path.stem:
            raise t.fail("topic", f"the file name's stem '{path.stem}'", topic)
        t.string("title", non_empty=True, max_len=100)
        raw_sections = t.data.get("sections")
        if not isinstance(raw_sections, list) or not raw_sections:
            raise t.fail("sections", "at least one [[sections]] table")
        sections.extend(_parse_section(raw, path, i, topic) for i, raw in enumerate(raw_sections))
    return Playbook(sections)
