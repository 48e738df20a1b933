"""The playbook and the content built on it load with validation that names the file and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import SIGNALS
from bot.assistant import Assistant
from bot.errors import ConfigError
from bot.playbook import load_playbook

from conftest import REPO

REQUIRED = """types.warning-signs types.aggressive types.passive-aggressive types.unreasonable-demands types.inflexible
types.impatient types.entitled types.not-listening types.inconsistent types.perfectionist types.chronic-complainer
types.nitpicker types.gatekeeper types.ghost types.bargainer types.know-it-all types.victim types.rule-breaker
types.indecisive root-causes.overview empathy.acknowledge empathy.active-listening composure.stay-calm
deescalation.lower-temperature boundaries.abusive-language boundaries.level-1-request boundaries.level-2-consequence
boundaries.level-3-end-conversation options.offer-choices negotiation.compromise escalation.when escalation.manager
escalation.mediator escalation.legal followup.commit followup.feedback letting-go.assess letting-go.communicate
letting-go.transition letting-go.document prevention.expectations""".split()


def _load(prompts: Path) -> Assistant:
    return Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config")}, dotenv_path=None, prompts_dir=prompts)


def test_playbook_covers_the_brief(assistant):
    missing = [sid for sid in REQUIRED if sid not in assistant.playbook]
    assert not missing
    served = {s for section in assistant.playbook.sections.values() for s in section.signals}
    assert served == set(SIGNALS), "every signal has playbook sections serving it"


def test_relevant_sections_follow_metadata(assistant):
    chosen = assistant.playbook.relevant(["threat_legal"], ["escalate"], limit=5)
    assert chosen and all("threat_legal" in s.signals or "escalate" in s.situations for s in chosen)
    assert "threat_legal" in chosen[0].signals


def _edit(prompts: Path, name: str, old: str, new: str) -> None:
    path = prompts / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize("name, old, new, expected", [
    ("playbook/empathy.toml", 'id = "empathy.acknowledge"', 'id = "Empathy Acknowledge"', ["empathy.toml", "id", "topic.name"]),
    ("playbook/empathy.toml", 'id = "empathy.acknowledge"', 'id = "boundaries.acknowledge"', ["empathy.toml", "starting with the file's topic"]),
    ("playbook/empathy.toml", 'topic = "empathy"', 'topic = "empathie"', ["empathy.toml", "topic", "stem"]),
    ("playbook/empathy.toml", 'signals = [', 'signals = ["rage", ', ["empathy.toml", "signals", "rage"]),
    ("playbook/empathy.toml", 'situations = [', 'situations = ["dancing", ', ["empathy.toml", "situations", "dancing"]),
    ("playbook/empathy.toml", 'summary =', 'colour = "blue"\nsummary =', ["empathy.toml", "colour", "unknown key"]),
    ("replies/phrases.toml", 'source = "empathy.acknowledge"', 'source = "empathy.nowhere"', ["phrases.toml", "source", "empathy.nowhere"]),
    ("replies/phrases.toml", "level = 3", "level = 4", ["phrases.toml", "level"]),
    ("replies/formal.j2", "{{ greeting }}", "{{ greeting ", ["formal.j2"]),
    ("escalation.toml", '[situation_cues.abusive]', '[situation_cues.rudeness]', ["escalation.toml", "rudeness"]),
])
def test_content_errors_name_the_file(prompts_copy, name, old, new, expected):
    _edit(prompts_copy, name, old, new)
    with pytest.raises(ConfigError) as info:
        _load(prompts_copy)
    for fragment in expected:
        assert fragment in str(info.value)


def test_duplicate_section_ids_are_refused(prompts_copy):
    text = (prompts_copy / "playbook" / "empathy.toml").read_text()
    first = text.index("[[sections]]")
    second = text.index("[[sections]]", first + 1)
    (prompts_copy / "playbook" / "empathy.toml").write_text(text + "\n" + text[first:second])
    with pytest.raises(ConfigError, match="already used"):
        load_playbook(prompts_copy / "playbook")


def test_empty_playbook_folder(tmp_path):
    with pytest.raises(ConfigError, match="no playbook files"):
        load_playbook(tmp_path)
