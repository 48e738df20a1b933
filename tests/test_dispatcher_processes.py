"""Nothing lost, nothing doubled: dispatchers as real processes, killed and racing.

At-least-once window: a dispatcher killed after Slack accepted a post but before the
database recorded it leaves that one reminder claimed; when its lease runs out it is
posted again. That reminder, the one in flight at the kill, is the only possible double.
"""

from __future__ import annotations

import collections
import re
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.followups.store import FollowUpStore
from bot.storage.database import migrate, open_engine

SCRIPT = Path(__file__).with_name("dispatcher_process.py")


def _seed(url: str, count: int, channels: int) -> tuple[FollowUpStore, set[str]]:
    engine = open_engine(url)
    migrate(engine)
    store = FollowUpStore(engine)
    due = datetime.now(timezone.utc) - timedelta(minutes=1)
    ids = {store.create(f"U{i % 7}", f"C{i % channels:03d}", due - timedelta(seconds=i), f"reminder {i}").id
           for i in range(count)}
    return store, ids


def _start(url: str, fake, worker: str) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, str(SCRIPT), url, fake.url, worker], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    assert process.stdout.readline().strip() == b"ready", process.stderr.read().decode()
    return process


def _posts_by_followup(fake) -> collections.Counter:
    """Each reminder's buttons carry its id, so the posts Slack received say which reminder they were."""
    counts: collections.Counter = collections.Counter()
    for call in fake.calls_to("chat.postMessage"):
        if call.outcome != "ok":
            continue
        for block in call.params.get("blocks") or []:
            if block.get("type") == "actions":
                counts[block["elements"][0]["value"]] += 1
    return counts


def _wait_until(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _delivered(store: FollowUpStore, ids: set[str]) -> int:
    return sum(1 for i in ids if store.get(i).status == "delivered")


def test_sigkill_mid_batch_loses_nothing_and_doubles_at_most_the_one_in_flight(tmp_path, fake_slack):
    url = f"sqlite:///{tmp_path}/kill.db"
    store, ids = _seed(url, 120, channels=6)
    fake_slack.delay("chat.postMessage", 0.02)  # slow enough that the kill lands mid-batch
    first = _start(url, fake_slack, "worker-a")
    _wait_until(lambda: len(fake_slack.calls_to("chat.postMessage")) >= 30, 30, "the first posts")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    posted_before = sum(_posts_by_followup(fake_slack).values())
    assert 0 < posted_before < len(ids), "the kill should land in the middle of the batch"

    second = _start(url, fake_slack, "worker-b")
    try:
        _wait_until(lambda: _delivered(store, ids) == len(ids), 60, "every reminder delivered after the restart")
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=10)
    counts = _posts_by_followup(fake_slack)
    assert set(counts) == ids  # nothing lost
    doubled = [i for i, n in counts.items() if n > 1]
    assert len(doubled) <= 1 and all(counts[i] == 2 for i in doubled)


def test_two_dispatcher_processes_on_postgresql_never_double_post(postgres_url, fake_slack):
    store, ids = _seed(postgres_url, 500, channels=20)
    workers = [_start(postgres_url, fake_slack, f"worker-{n}") for n in (1, 2)]
    try:
        _wait_until(lambda: _delivered(store, ids) == len(ids), 120, "500 reminders delivered")
    finally:
        for process in workers:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            process.wait(timeout=10)
    counts = _posts_by_followup(fake_slack)
    assert set(counts) == ids and max(counts.values()) == 1
    by_worker = collections.Counter(re.search(r"by (worker-\d)", c.detail).group(1) for i in ids
                                    for c in store.history(i) if c.action == "delivered")
    assert sum(by_worker.values()) == 500 and set(by_worker) == {"worker-1", "worker-2"}  # both really worked
