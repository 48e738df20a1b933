"""Acknowledged work is never lost: two `serve --http` processes on one PostgreSQL, a slow fake Slack,
signed DM events, and one instance stopped mid-load, by SIGTERM (a deploy) or SIGKILL and a restart.

Every event Slack was told "received" gets its suggestion. After SIGTERM each gets exactly one (the
stopping instance finishes what runs and hands back the queue); after SIGKILL only work that was in
flight at the kill may be done twice, when the survivor takes it over.
"""

from __future__ import annotations

import collections
import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fakes.postgres import postgres_server, postgres_url  # noqa: F401
from slack_harness import SECRET
from slack_sdk.signature import SignatureVerifier

from conftest import REPO, clean_env
from slack_harness import raw_post

# The operator trial used 300 events and a 150 ms Slack; the suite runs a lighter load by
# default, and the full one with COMPOSURE_TRIAL_EVENTS=300 COMPOSURE_TRIAL_LATENCY=0.15.
EVENTS = int(os.environ.get("COMPOSURE_TRIAL_EVENTS", "120"))
LATENCY = float(os.environ.get("COMPOSURE_TRIAL_LATENCY", "0.1"))  # seconds each Slack Web API call takes
COMPOSE_THREADS = 6
WORK = """lease_seconds = 2
look_seconds = 0.2
drain_seconds = 30
attempts = 3
quick_threads = 2
compose_threads = {threads}
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Instance:
    """One `serve --http` process; its log goes to a file (a pipe nobody reads would block it)."""

    def __init__(self, env: dict, log: Path) -> None:
        self.port = _free_port()
        self.log = log
        with log.open("ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--http", "--no-dispatcher"],
                                            cwd=REPO, env={**env, "PORT": str(self.port)}, stdout=out, stderr=out)
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                assert self.process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "serve --http did not start"
                time.sleep(0.1)

    def send(self, event: dict, event_id: str, retry: int = 0):
        """Deliver one signed event as Slack does; None when the connection failed (Slack would retry)."""
        body = json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "ABOT", "event_id": event_id,
                           "event_time": 1_700_000_000, "event": event})
        now = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": now,
                   "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=now, body=body)}
        if retry:
            headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"})
        try:
            return raw_post(f"http://127.0.0.1:{self.port}/slack/events", body.encode(), headers).status
        except OSError:
            return None

    def stop(self, how: int, timeout: float = 60) -> int:
        self.process.send_signal(how)
        return self.process.wait(timeout)


def _dm(n: int) -> dict:
    return {"type": "message", "channel_type": "im", "channel": f"D{n:04d}", "user": "UAGENT",
            "ts": f"1700{n:06d}.000100", "text": f"Order {4000 + n} never arrived and nobody answers my emails."}


def _suggestions(fake) -> collections.Counter:
    """Suggestions delivered per DM channel (the placeholder replaced, or posted anew)."""
    counts: collections.Counter = collections.Counter()
    for call in fake.calls:
        if call.method in ("chat.update", "chat.postMessage") and call.outcome == "ok":
            if "draft_empathetic" in {b.get("block_id") for b in call.params.get("blocks") or []}:
                counts[call.params["channel"]] += 1
    return counts


@pytest.fixture
def instances(postgres_url, fake_slack, tmp_path):
    config = tmp_path / "config"
    import shutil
    shutil.copytree(REPO / "config", config)
    (config / "work.toml").write_text(WORK.format(threads=COMPOSE_THREADS))
    env = clean_env(SLACK_API_URL=fake_slack.url, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET,
                    DATABASE_URL=postgres_url, COMPOSURE_CONFIG=str(config))
    fake_slack.delay("*", LATENCY)
    started: list[Instance] = []

    def start(name: str) -> Instance:
        started.append(Instance(env, tmp_path / f"{name}.log"))
        return started[-1]
    yield start
    for instance in started:
        if instance.process.poll() is None:
            instance.process.kill()
            instance.process.wait(10)


def _load(a: Instance, b: Instance, stop_a) -> dict[int, int]:
    """Send EVENTS events, alternating instances, stopping `a` half way; a send that fails (the
    connection cut by the stop) is retried on `b`, as Slack would. Returns each event's status."""
    statuses: dict[int, int] = {}

    def deliver(n: int) -> None:
        first = a if n % 2 and n < EVENTS // 2 else b
        status = first.send(_dm(n), f"Ev{n}")
        if status != 200:
            status = b.send(_dm(n), f"Ev{n}", retry=1)
        statuses[n] = status

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(deliver, range(EVENTS // 2)))
        stop_a()
        list(pool.map(deliver, range(EVENTS // 2, EVENTS)))
    return statuses


def _wait_for_all(fake, timeout: float = 120) -> collections.Counter:
    deadline = time.monotonic() + timeout
    while True:
        counts = _suggestions(fake)
        if len(counts) == EVENTS or time.monotonic() > deadline:
            return counts
        time.sleep(0.2)


def test_sigterm_mid_load_loses_nothing_and_doubles_nothing(instances, fake_slack):
    a, b = instances("a"), instances("b")
    exit_codes = []
    statuses = _load(a, b, lambda: exit_codes.append(a.stop(signal.SIGTERM)))
    assert set(statuses.values()) == {200}
    counts = _wait_for_all(fake_slack)
    assert exit_codes == [0], a.log.read_text()[-3000:]
    assert len(counts) == EVENTS, f"{EVENTS - len(counts)} acknowledged events never answered"
    doubled = {c for c, n in counts.items() if n > 1}
    assert not doubled, f"answered twice: {sorted(doubled)}"
    assert "draining" in a.log.read_text()


def test_sigkill_and_restart_mid_load_loses_nothing(instances, fake_slack):
    a, b = instances("a"), instances("b")
    statuses = _load(a, b, lambda: a.stop(signal.SIGKILL))
    assert set(statuses.values()) == {200}
    restarted = instances("a-again")
    counts = _wait_for_all(fake_slack)
    assert len(counts) == EVENTS, f"{EVENTS - len(counts)} acknowledged events never answered"
    doubled = sum(n - 1 for n in counts.values())
    assert doubled <= COMPOSE_THREADS, f"{doubled} events answered twice: more than were in flight at the kill"
    assert restarted.process.poll() is None
