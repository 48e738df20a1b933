"""Composure's benchmark suite: ``python -m bench`` (see bench/README.md).

Six measurements, one module each, every one run in a fresh child process so that one
measurement's threads, memory and servers never colour the next:

    offline      Assistant.suggest / analyze_text over every row of ../shared/evaldata/*.csv
    cold_start   `python -m bot suggest --json "..."` as a subprocess, with a breakdown
    slack_http   the real Bolt app behind waitress, bursts of signed requests, fake Slack Web API
    slack_load   the same with a slow Slack (150 ms a call): 80 DMs at once, then forms to open
    model_path   the bot's own overhead around a fake model that answers in a fixed 500 ms
    dispatcher   10,000 follow-ups due at once over 100 channels, SQLite and PostgreSQL

The fakes and the Slack harness are the test suite's own (tests/fakes/*, tests/slack_harness.py),
imported, not copied: importing this package puts the repository root and tests/ on sys.path.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = REPO / "tests"
RESULTS = Path(__file__).resolve().parent / "results"

for _path in (str(TESTS), str(REPO)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

# In the order they run; each name is a module of this package with run(ctx) -> dict.
MEASUREMENTS = ("offline", "cold_start", "slack_http", "slack_load", "model_path", "dispatcher")
