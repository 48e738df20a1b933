"""Accepted Slack work (bot.slack.work) on a real SQLite inbox: recorded before the acknowledgement,
done once, prompt lanes kept apart, leases renewed, and nothing lost when an instance stops or dies.

Times are an injected clock for leases; the only real waiting is for threads to reach a point."""

from __future__ import annotations

import collections
import threading
from datetime import datetime, timedelta, timezone

import pytest
from fault_support import wait_until

from bot.settings import WorkSettings
from bot.slack.work import COMPOSE, QUICK, Job, Workers, work_key
from bot.storage.database import migrate, open_engine
from bot.storage.inbox import Inbox


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 4, 9, 0, tzinfo=timezone.utc)
        self.seconds = 0.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)
        self.seconds += seconds


class Recorder:
    """Jobs that record each run and, when told to, wait at a gate until the test opens it."""

    def __init__(self) -> None:
        self.runs: collections.Counter = collections.Counter()
        self.started: collections.Counter = collections.Counter()
        self.gates: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def gate(self, name: str) -> threading.Event:
        return self.gates.setdefault(name, threading.Event())

    def job(self, lane: str) -> Job:
        def run(body: dict) -> None:
            with self._lock:
                self.started[body["n"]] += 1
            if "gate" in body:
                assert self.gate(body["gate"]).wait(30), "the test never opened the gate"
            with self._lock:
                self.runs[body["n"]] += 1
        return Job(run=run, lane=lane, relevant=lambda body: not body.get("noise"))


@pytest.fixture
def world(tmp_path):
    clock, recorder = Clock(), Recorder()
    engine = open_engine(f"sqlite:///{tmp_path}/work.db")
    migrate(engine)

    def instance(name: str, **settings) -> Workers:
        options = {"lease_seconds": 60.0, "look_seconds": 300.0, "drain_seconds": 5.0, "quick_threads": 2,
                   "compose_threads": 2, **settings}
        inbox = Inbox(engine, clock, lease=timedelta(seconds=options["lease_seconds"]), attempts=3)
        workers = Workers(inbox, {"compose": recorder.job(COMPOSE), "quick": recorder.job(QUICK)}, name,
                          WorkSettings(**options), monotonic=clock.monotonic)
        made.append(workers)
        return workers

    made: list[Workers] = []
    yield clock, recorder, instance
    for gate in recorder.gates.values():
        gate.set()
    for workers in made:
        workers.drain(seconds=5)
    engine.dispose()


def _event(n: int, **extra) -> dict:
    return {"type": "event_callback", "event_id": f"Ev{n}",
            "event": {"type": "message", "channel": "D1", "ts": f"{n}.000100"}, "n": n, **extra}


def test_work_is_recorded_before_the_acknowledgement_then_done_once(world):
    clock, recorder, instance = world
    a = instance("a")
    a.accept("compose", _event(1, gate="g1"))
    assert a.inbox.counts() == {"pending": 1}  # on record before accept() returned, i.e. before the ack
    a.accept("compose", _event(1, gate="g1"))  # Slack's retry while it runs
    a.accept("compose", {**_event(1), "event_id": "Ev1-mention"})  # the app_mention for the same message
    recorder.gate("g1").set()
    wait_until(lambda: a.inbox.counts() == {"done": 1})
    a.accept("compose", _event(1))  # a late retry
    a.accept("compose", _event(2, noise=True))  # not ours: not even stored
    assert recorder.runs == {1: 1} and a.inbox.counts() == {"done": 1}


def test_forms_and_buttons_are_not_held_up_by_a_burst_of_suggestions(world):
    clock, recorder, instance = world
    a = instance("a", compose_threads=2, quick_threads=1)
    for n in range(10):
        a.accept("compose", _event(n, gate="burst"))
    # both composers busy first (on a loaded machine the second may take a moment to pick its job up)
    wait_until(lambda: sum(recorder.started.values()) == 2, what="both composers busy with the burst")
    a.accept("quick", {"type": "shortcut", "trigger_id": "T1", "n": 100})
    wait_until(lambda: recorder.runs[100] == 1, what="the form opened while every composer was busy")
    assert sum(recorder.started.values()) == 3  # two composers busy, eight suggestions queued, the form done
    recorder.gate("burst").set()
    wait_until(lambda: sum(recorder.runs.values()) == 11)


def test_sigterm_drain_finishes_running_work_and_hands_back_the_queue_for_another_instance(world):
    clock, recorder, instance = world
    a = instance("a", compose_threads=1)
    for n in range(5):
        a.accept("compose", _event(n, gate="first" if n == 0 else "later"))
    recorder.gate("later").set()
    wait_until(lambda: recorder.started[0] == 1)
    draining = threading.Thread(target=lambda: setattr(draining, "handed_back", a.drain(seconds=30)))
    draining.start()
    wait_until(lambda: a.held() == 1, what="the queued work handed back at once")
    recorder.gate("first").set()  # the running suggestion finishes within the drain time
    draining.join(30)
    assert draining.handed_back == 4 and recorder.runs == {0: 1}
    b = instance("b").start()  # another instance (or this one restarted) resumes the rest at once
    wait_until(lambda: b.inbox.counts() == {"done": 5})
    assert recorder.runs == {n: 1 for n in range(5)}


def test_work_still_running_when_the_drain_time_is_up_is_handed_back(world):
    clock, recorder, instance = world
    a = instance("a", compose_threads=1)
    a.accept("compose", _event(7, gate="stuck"))
    wait_until(lambda: recorder.started[7] == 1)
    assert a.drain(seconds=0.05) == 1
    recorder.gate("stuck").set()  # it ends after all, too late to count: the record stays pending
    wait_until(lambda: recorder.runs[7] == 1)
    b = instance("b").start()
    wait_until(lambda: b.inbox.counts() == {"done": 1})
    assert recorder.runs == {7: 2}  # done again by b: at least once, never lost


def test_leases_are_renewed_while_slow_work_runs_so_nobody_takes_it_over(world):
    clock, recorder, instance = world
    a, b = instance("a"), instance("b")
    a.accept("compose", _event(3, gate="slow"))
    wait_until(lambda: recorder.started[3] == 1)
    for _ in range(6):  # three minutes of a slow model, with a lease of one
        clock.advance(30)
        a.look_once()
        b.look_once()
    assert recorder.started == {3: 1}
    recorder.gate("slow").set()
    wait_until(lambda: a.inbox.counts() == {"done": 1})


def test_work_finishing_during_a_drain_keeps_its_lease_and_late_arrivals_are_handed_back(world):
    clock, recorder, instance = world
    a, b = instance("a", look_seconds=0.02), instance("b")
    a.accept("compose", _event(5, gate="long"))
    wait_until(lambda: recorder.started[5] == 1)
    draining = threading.Thread(target=a.drain, kwargs={"seconds": 30})
    draining.start()
    wait_until(lambda: a._stopping.is_set())
    a.accept("compose", _event(6))  # arrived as the server closed: recorded, then handed back at once
    for _ in range(4):  # the drain outlasts the lease: the look-out keeps renewing it
        before = clock.now
        clock.advance(30)
        wait_until(lambda: a.inbox.lease_of(_key(5)) > before + timedelta(seconds=60), what="a renewed lease")
        b.look_once()
    wait_until(lambda: recorder.runs[6] == 1)
    assert recorder.started[5] == 1  # b took only the late arrival
    recorder.gate("long").set()
    draining.join(30)
    wait_until(lambda: b.inbox.counts() == {"done": 2})
    assert recorder.runs == {5: 1, 6: 1}


def _key(n: int) -> str:
    return work_key(_event(n))


def test_work_left_by_a_killed_instance_is_taken_over_once_its_lease_runs_out(world):
    clock, recorder, instance = world
    dead = Inbox(instance("unused").inbox.engine, clock)
    body = _event(4)
    assert dead.accept(work_key(body), "compose", body, "killed")  # accepted, acknowledged, then SIGKILL
    b = instance("b")
    b.accept("compose", body)  # Slack's retry arrives while the lease still looks alive: dropped
    b.look_once()
    assert recorder.runs == {}
    clock.advance(61)
    b.look_once()
    wait_until(lambda: b.inbox.counts() == {"done": 1})
    b.accept("compose", body)  # and a later retry is recognised
    assert recorder.runs == {4: 1}


@pytest.mark.parametrize("body, key", [
    ({"type": "event_callback", "event_id": "Ev1", "event": {"type": "app_mention", "channel": "C1", "ts": "1.2"}},
     "message:C1:1.2"),
    ({"type": "event_callback", "event_id": "Ev2", "event": {"type": "app_home_opened", "user": "U1"}}, "event:Ev2"),
    ({"type": "message_action", "trigger_id": "9.8.7"}, "trigger:9.8.7"),
    ({"command": "/followup", "trigger_id": "9.8.6"}, "trigger:9.8.6"),
    ({"type": "view_submission", "trigger_id": "9.8.5", "view": {}}, "trigger:9.8.5"),
    ({"type": "block_actions", "user": {"id": "U1"}, "trigger_id": "9.8.4",
      "actions": [{"action_id": "followup_done", "action_ts": "5.5"}]}, "action:U1:followup_done:5.5"),
    ({"type": "view_submission", "view": {}}, ""),
    ("not a dict", ""),
])
def test_each_delivery_is_keyed_on_what_slack_makes_unique(body, key):
    assert work_key(body) == key
