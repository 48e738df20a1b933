"""Where configuration, playbook and data are found (bot/locations.py), and `composure init`.

The built-in folders ship inside the package (pyproject.toml maps config/ and prompts/ to
bot/defaults/), so an installed `composure` works from any folder; a team's copy in the current
folder, or COMPOSURE_CONFIG / COMPOSURE_PROMPTS, wins over them."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

import pytest

from bot import locations
from conftest import REPO, clean_env, run_cli


def test_the_wheel_ships_every_configuration_and_playbook_file_and_every_package():
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    data = setuptools["package-data"]
    for package, folder in setuptools["package-dir"].items():
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                relative = path.relative_to(REPO / folder).as_posix()
                assert any(fnmatch.fnmatch(relative, g) and relative.count("/") == g.count("/") for g in data[package]), \
                    f"{folder}/{relative} would be left out of the wheel"
    packages = {p.parent.relative_to(REPO).as_posix().replace("/", ".") for p in (REPO / "bot").rglob("__init__.py")}
    assert packages <= set(setuptools["packages"]), packages - set(setuptools["packages"])


def test_built_in_folders_are_found_from_anywhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert locations.config_dir() == REPO / "config" and locations.prompts_dir() == REPO / "prompts"
    assert locations.config_dir(str(tmp_path / "mine")) == tmp_path / "mine"


def test_a_teams_copy_in_the_current_folder_wins(tmp_path, monkeypatch):
    made = locations.write_team_copy(tmp_path)
    assert made == [tmp_path / "config", tmp_path / "prompts"] and (tmp_path / "config" / "policy.toml").is_file()
    monkeypatch.chdir(tmp_path)
    assert locations.config_dir() == Path("config") and locations.prompts_dir() == Path("prompts")
    with pytest.raises(FileExistsError, match="already exists"):
        locations.write_team_copy(tmp_path)  # never over a team's edits


def test_composure_runs_outside_the_repository_and_init_makes_an_editable_copy(tmp_path):
    env = {k: v for k, v in clean_env().items() if k != "COMPOSURE_CONFIG"}
    result = run_cli("suggest", "My order #4411 never arrived.", env=env, cwd=tmp_path)
    assert result.returncode == 0 and "4411" in result.stdout, result.stderr
    made = run_cli("init", str(tmp_path / "team"), env=env, cwd=tmp_path)
    assert made.returncode == 0 and (tmp_path / "team" / "config" / "voice.toml").is_file(), made.stderr
    voice = tmp_path / "team" / "config" / "voice.toml"
    voice.write_text(voice.read_text().replace('sign_off = "Best regards"', 'sign_off = "Warm wishes"'))
    edited = run_cli("suggest", "My order #4411 never arrived.", env=env, cwd=tmp_path / "team")
    assert edited.returncode == 0 and "Warm wishes" in edited.stdout, edited.stderr
    again = run_cli("init", str(tmp_path / "team"), env=env, cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr


def test_init_where_nothing_can_be_written_says_so(tmp_path):
    result = run_cli("init", "/proc/composure-team", cwd=tmp_path)
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_a_team_copy_made_before_a_file_existed_uses_the_built_in_one(tmp_path, monkeypatch):
    locations.write_team_copy(tmp_path)
    (tmp_path / "config" / "work.toml").unlink()  # a file later versions added
    monkeypatch.chdir(tmp_path)
    assert locations.config_file(Path("config"), "work.toml") == REPO / "config" / "work.toml"
    assert locations.config_file(Path("config"), "policy.toml") == Path("config") / "policy.toml"
