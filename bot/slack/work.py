"""Slack work after the acknowledgement: recorded as it is accepted, done from the record, never lost.

The acknowledgement listener records each piece of work in the shared inbox (bot.storage.inbox)
before Slack is told "received", then hands it to a lane of threads here. Two lanes, so a burst of
suggestions never delays what must happen within seconds: `quick` opens forms (a trigger_id lives
3 s), answers commands and buttons; `compose` writes suggestions, mostly waiting on Slack and the
model, so it has more threads than there are cores (a thread waiting on the network does not hold
the interpreter). A look-out thread renews the leases on work in hand and takes over work whose
instance stopped. `drain()` (SIGTERM) stops taking work, lets what is running finish within a bound
and hands the rest back at once, so another instance or the next start resumes it.

When the store can't be reached at accept time the work is still acknowledged and held in memory,
and recorded (so a repeat is still recognised) as soon as the store is back, before it is done.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Callable

from sqlalchemy.exc import SQLAlchemyError

from bot.settings import WorkSettings
from bot.storage.inbox import Inbox

log = logging.getLogger("composure.work")
QUICK, COMPOSE = "quick", "compose"


@dataclass(frozen=True)
class Job:
    """What to do with one kind of work: the listener (given the body), its lane, and a cheap test
    of whether a delivery concerns us at all (most channel messages don't), so those aren't stored."""

    run: Callable[[dict], None]
    lane: str = COMPOSE
    relevant: Callable[[dict], bool] = lambda body: True


@dataclass
class _Item:
    key: str
    kind: str
    body: dict
    recorded: bool


def work_key(body: dict) -> str:
    """What identifies one delivery, so a retry or a double submit finds the first; "" if nothing does.

    A message is keyed on its channel and ts, so the `message` and `app_mention` events Slack sends
    for one DM that mentions the bot are one piece of work; a shortcut, command or form on its
    trigger_id; a button press on its action_ts.
    """
    if not isinstance(body, dict):
        return ""
    kind = body.get("type")
    event = body.get("event") if kind == "event_callback" else None
    if isinstance(event, dict):
        if event.get("type") in ("message", "app_mention") and event.get("channel") and event.get("ts"):
            return f"message:{event['channel']}:{event['ts']}"
        return f"event:{body['event_id']}" if body.get("event_id") else ""
    actions = body.get("actions") if kind == "block_actions" else None
    if isinstance(actions, list) and actions and isinstance(actions[0], dict) and actions[0].get("action_ts"):
        user = body.get("user") if isinstance(body.get("user"), dict) else {}
        return f"action:{user.get('id', '')}:{actions[0].get('action_id', '')}:{actions[0]['action_ts']}"
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    return ""


class Workers:
    def __init__(self, inbox: Inbox, jobs: dict[str, Job], owner: str, settings: WorkSettings = WorkSettings(),
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.inbox, self.jobs, self.owner, self.settings, self.monotonic = inbox, jobs, owner, settings, monotonic
        self._lanes = {QUICK: queue.Queue(), COMPOSE: queue.Queue()}
        self._threads = {QUICK: settings.quick_threads, COMPOSE: settings.compose_threads}
        self._held: dict[str, _Item] = {}   # queued or running here, with a lease to renew
        self._running: set[str] = set()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)  # notified when the last running work ends
        self._stopping = threading.Event()  # drain() began: take no more work
        self._closed = threading.Event()    # drain() ended: nothing is held here any more
        self._started = False
        self._last_renewal = monotonic()

    # ------------------------------------------------------------------ accepting

    def accept(self, kind: str, body: dict) -> None:
        """Called while Slack waits for the acknowledgement: record the work, queue it, return."""
        job = self.jobs[kind]
        if not job.relevant(body):
            return
        key = work_key(body) or f"once:{uuid.uuid4().hex}"
        try:
            fresh, recorded = self.inbox.accept(key, kind, body, self.owner), True
        except SQLAlchemyError as exc:
            log.warning("the store is unavailable (%s): %s held in memory until it is back", type(exc).__name__, kind)
            fresh, recorded = True, False
        if not fresh:
            log.info("repeated delivery ignored (%s)", key.split(":", 1)[0])
            return
        self._queue(_Item(key, kind, body, recorded))

    def _queue(self, item: _Item) -> None:
        if self._stopping.is_set():  # accepted in the last moments before the server closed
            if item.recorded:
                self._release([item.key])
            else:
                log.error("%s accepted while stopping with the store unavailable: it cannot be resumed", item.kind)
            return
        with self._lock:
            self._held[item.key] = item
        self._lanes[self.jobs[item.kind].lane].put(item)
        self.start()

    # ------------------------------------------------------------------ doing

    def start(self) -> "Workers":
        """Start the lanes' threads and the look-out, once (the first accepted work does it too)."""
        with self._lock:
            if self._started:
                return self
            self._started = True
        for lane, count in self._threads.items():
            for n in range(count):
                # Daemon threads: a stopping instance must not wait past its drain time on a slow model
                # (concurrent.futures joins its threads at exit).
                threading.Thread(target=self._serve_lane, args=(lane,), name=f"composure-{lane}-{n}", daemon=True).start()
        threading.Thread(target=self._look_out, name="composure-look-out", daemon=True).start()
        return self

    def _serve_lane(self, lane: str) -> None:
        while True:
            item = self._lanes[lane].get()
            if item is None:
                return
            self._do(item)

    def _do(self, item: _Item) -> None:
        with self._lock:
            if item.key not in self._held:  # handed back by drain() while it waited in the queue
                return
            self._running.add(item.key)
        try:
            if not item.recorded and not self._record_late(item):
                return
            self.jobs[item.kind].run(item.body)
        except Exception:  # listeners report their own failures; this is the last line of defence
            log.error("work failed (%s)", item.kind, exc_info=True)
        finally:
            with self._lock:
                held = self._held.pop(item.key, None)
            if held is not None:  # recorded as done before drain() may let the process end
                self._finish(item.key)
            with self._lock:
                self._running.discard(item.key)
                if not self._running:
                    self._idle.notify_all()

    def _record_late(self, item: _Item) -> bool:
        """Work accepted while the store was away: record it now (waiting for the store), unless it is a repeat."""
        try:
            if self.inbox.accept_patiently(item.key, item.kind, item.body, self.owner):
                return True
            log.info("repeated delivery ignored once the store was back (%s)", item.key.split(":", 1)[0])
            with self._lock:
                self._held.pop(item.key, None)
            return False
        except SQLAlchemyError:
            log.warning("the store is still unavailable; doing %s without a record", item.kind)
            return True

    def _finish(self, key: str) -> None:
        try:
            self.inbox.finish(key, self.owner)
        except SQLAlchemyError:
            log.warning("could not record finished work; its lease will run out and it may be done again")

    # ------------------------------------------------------------------ looking out

    def _look_out(self) -> None:
        """Runs until the drain is over: work still finishing during a drain keeps its lease."""
        while not self._closed.is_set():
            self.look_once()
            self._closed.wait(min(self.settings.look_seconds, self.settings.lease_seconds / 3))

    def look_once(self) -> None:
        """Renew the leases on work held here (every third of a lease), then take over abandoned work."""
        try:
            if self.monotonic() - self._last_renewal >= self.settings.lease_seconds / 3:
                self._last_renewal = self.monotonic()
                with self._lock:
                    keys = [k for k, item in self._held.items() if item.recorded]
                self.inbox.renew(keys, self.owner)
            self._take_abandoned()
        except SQLAlchemyError as exc:
            log.warning("could not look for abandoned work (%s)", type(exc).__name__)

    def _take_abandoned(self) -> None:
        """Work a stopped instance left, as much as the lanes have room for."""
        room = sum(self._threads.values()) - sum(q.qsize() for q in self._lanes.values())
        if room <= 0 or self._stopping.is_set():
            return
        for work in self.inbox.abandoned(self.owner, limit=room):
            if work.kind not in self.jobs:
                log.error("abandoned work of an unknown kind %r set aside", work.kind)
                self._finish(work.key)
                continue
            log.info("taking over %s left by a stopped instance (attempt %d)", work.kind, work.attempts)
            self._queue(_Item(work.key, work.kind, work.body, True))

    # ------------------------------------------------------------------ stopping

    def held(self) -> int:
        with self._lock:
            return len(self._held)

    def drain(self, seconds: float | None = None) -> int:
        """Stop taking work; give queued work back at once, let running work finish within `seconds`,
        then give back what is left. Returns how many pieces of work were handed back."""
        self._stopping.set()
        with self._lock:
            waiting = [k for k in self._held if k not in self._running]
            for key in waiting:
                del self._held[key]
        handed_back = self._release(waiting)
        with self._lock:
            self._idle.wait_for(lambda: not self._running,
                                timeout=self.settings.drain_seconds if seconds is None else seconds)
            left = list(self._held)
            self._held.clear()
        self._closed.set()
        for lane, count in self._threads.items():
            for _ in range(count):
                self._lanes[lane].put(None)
        return handed_back + self._release(left)

    def _release(self, keys: list[str]) -> int:
        if keys:
            try:
                self.inbox.release(keys, self.owner)
                log.info("handed back %d piece(s) of work for another instance to resume", len(keys))
            except SQLAlchemyError:
                log.warning("could not hand back %d piece(s) of work; they resume when their leases run out", len(keys))
        return len(keys)
