"""Shared fixtures: the real assistant on the repository's config, and the real CLI in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.assistant import Assistant
from fakes.openai_api import fake_openai  # noqa: F401  (fixtures shared by the tests)
from fakes.postgres import postgres_server, postgres_url  # noqa: F401
from fakes.slack_api import fake_slack  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
EVALDATA = REPO.parent / "shared" / "evaldata"


@pytest.fixture(scope="session")
def assistant() -> Assistant:
    return Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config")}, dotenv_path=None)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """Each store test runs on a SQLite file and on the real PostgreSQL server the run started."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/test.db"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def config_copy(tmp_path: Path) -> Path:
    """A writable copy of config/, to break on purpose."""
    target = tmp_path / "config"
    shutil.copytree(REPO / "config", target)
    return target


@pytest.fixture
def prompts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "prompts"
    shutil.copytree(REPO / "prompts", target)
    return target


@pytest.fixture
def slack(fake_slack, assistant, tmp_path):
    """The real Bolt app over HTTP against the fake Slack Web API, with a team lead group."""
    from slack_harness import SlackHarness

    fake_slack.add_usergroup("support-leads", "S0LEADS", ["ULEAD"])
    fake_slack.add_user("UAGENT", display_name="Ana", tz="Europe/Paris")
    fake_slack.add_user("ULEAD", display_name="Lee", tz="America/New_York")
    fake_slack.add_user("UCUST", display_name="Customer Carla")
    harness = SlackHarness(fake_slack, assistant, tmp_path / "slack.db")
    yield harness
    harness.close()


def clean_env(**extra: str) -> dict[str, str]:
    """The environment a user would have: no Slack or model settings unless a test adds them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "OPENAI_", "COMPOSURE_", "DATABASE_URL"))}
    env["COMPOSURE_CONFIG"] = str(REPO / "config")
    env.update(extra)
    return env


def run_cli(*args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None,
            cwd: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    data = stdin.encode() if isinstance(stdin, str) else stdin
    result = subprocess.run([sys.executable, "-m", "bot", *args], input=data, capture_output=True,
                            env=env or clean_env(), cwd=cwd or REPO, timeout=timeout)
    result.stdout = result.stdout.decode("utf-8", "replace")
    result.stderr = result.stderr.decode("utf-8", "replace")
    return result
