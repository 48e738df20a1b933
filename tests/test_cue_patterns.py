"""Checked patterns are remembered across runs without ever letting a bad pattern through."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cue_patterns import CheckedPatterns, leading_words
from bot.errors import ConfigError
from bot.tomlcheck import Table

ROOT = Path(__file__).resolve().parents[1]
TABLE = Table({}, Path("analysis.toml"), "signals.complaint.patterns")


def test_a_remembered_pattern_comes_back_as_it_was_checked(tmp_path):
    path = tmp_path / "patterns.json"
    first = CheckedPatterns(path)
    used = first.check(TABLE, "cue", r"\b(sue|sued)\b")
    assert used == r"\b(?:sue|sued)\b"  # capturing groups made non-capturing
    assert first.keys(used) == leading_words(used)
    first.save()
    again = CheckedPatterns(path)
    assert again.used == first.used
    assert again.check(TABLE, "cue", r"\b(sue|sued)\b") == used
    assert again.keys(used) == frozenset({"sue"})
    assert not again.added  # nothing new learned: nothing written


@pytest.mark.parametrize("pattern, reason", [("(unclosed", "a valid regular expression"),
                                             ("x?", "cannot match empty text")])
def test_a_bad_pattern_is_refused_whatever_the_cache_holds(tmp_path, pattern, reason):
    path = tmp_path / "patterns.json"
    path.write_text(json.dumps({"used": {"\\bok\\b": "\\bok\\b"}, "keys": {}}))
    with pytest.raises(ConfigError) as info:
        CheckedPatterns(path).check(TABLE, pattern, pattern)
    assert reason in str(info.value) and "signals.complaint.patterns" in str(info.value)


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"used": 3}', ""])
def test_an_unreadable_cache_is_ignored_and_replaced(tmp_path, content):
    path = tmp_path / "patterns.json"
    path.write_text(content)
    checked = CheckedPatterns(path)
    assert checked.used == {}
    checked.check(TABLE, "cue", r"\brefund\b")
    checked.save()
    assert json.loads(path.read_text())["used"] == {r"\brefund\b": r"\brefund\b"}


def test_an_unwritable_cache_does_not_stop_loading(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    checked = CheckedPatterns(blocker / "patterns.json")  # its folder cannot be made
    checked.check(TABLE, "cue", r"\brefund\b")
    checked.save()


def _signals_in_fresh_process(cache: str) -> str:
    code = ("import json; from bot.assistant import Assistant; a = Assistant.load(dotenv_path=None)\n"
            "texts = ['I will sue you', 'Can someone call me back immediately?', 'thanks for nothing, 2 hours on hold',\n"
            "         'I have already notified my credit card company', 'still waiting for my refund, third email']\n"
            "print(json.dumps([sorted(s.name for s in a.analyze_text(t).signals) for t in texts]))")
    env = {**os.environ, "COMPOSURE_CACHE_DIR": cache}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return out.stdout


def test_the_analysis_is_the_same_with_a_cold_cache_a_warm_one_and_none(tmp_path):
    cold = _signals_in_fresh_process(str(tmp_path))
    assert list(tmp_path.glob("patterns-py*.json"))
    warm = _signals_in_fresh_process(str(tmp_path))
    off = _signals_in_fresh_process("off")
    assert cold == warm == off
    assert "threat_legal" in cold and "urgency" in cold
