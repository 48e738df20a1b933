"""Where Composure reads its configuration and playbook and keeps its data, found as other tools find theirs.

Configuration (`config/*.toml`) and playbook (`prompts/`), each on its own:
  1. `COMPOSURE_CONFIG` / `COMPOSURE_PROMPTS`, when set;
  2. `./config` / `./prompts` in the current folder, when there is one (a team's copy: `composure init`);
  3. the built-in defaults: the repository's own folders in a clone or an editable install, or the
     copies inside the installed package (pyproject.toml ships them as bot/defaults/).
`.env` is read from the current folder, and the SQLite store, unless `DATABASE_URL` says otherwise,
is `./data/composure.db` (the contract's default; a per-user folder would suit a desktop install better,
and is proposed in issue 13's closing note).
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE.parent


MARKERS = {"config": "policy.toml", "prompts": "escalation.toml"}  # a file that says "this is the folder"


def _built_in(name: str) -> Path:
    """The repository's folder in a clone (or an editable install); the packaged copy in an installed wheel."""
    in_clone = REPO_ROOT / name
    return in_clone if (in_clone / MARKERS[name]).is_file() else PACKAGE / "defaults" / name


def _find(name: str, chosen: str | None) -> Path:
    if chosen and chosen.strip():
        return Path(chosen.strip()).expanduser()
    here = Path(name)
    return here if (here / MARKERS[name]).is_file() else _built_in(name)


def config_dir(chosen: str | None = None) -> Path:
    """The configuration folder: `chosen` (COMPOSURE_CONFIG), ./config, or the built-in one."""
    return _find("config", chosen)


def prompts_dir(chosen: str | None = None) -> Path:
    """The playbook folder: `chosen` (COMPOSURE_PROMPTS), ./prompts, or the built-in one."""
    return _find("prompts", chosen)


def config_file(folder: Path, name: str) -> Path:
    """`folder/name`, or the built-in file when a team's copy predates it (a file added in a later version)."""
    mine = folder / name
    built_in = _built_in("config") / name
    return mine if mine.is_file() or not built_in.is_file() else built_in


def write_team_copy(target: Path) -> list[Path]:
    """`composure init DIR`: an editable copy of the built-in configuration and playbook for a team.
    Refuses to overwrite: an existing copy may hold the team's edits."""
    made = []
    for name in ("config", "prompts"):
        destination = target / name
        if destination.exists():
            raise FileExistsError(f"{destination} already exists; move it away or choose another folder")
    for name in ("config", "prompts"):
        shutil.copytree(_built_in(name), target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        made.append(target / name)
    return made
