"""Deliver due follow-ups: claim, pace, post, record; escalate the ones nobody finished.

Delivery is at least once: a claim (a lease) is held from claiming to recording, renewed
when a batch runs long, so a crash between posting and recording (the reminder in flight)
is the only way a reminder can be posted twice, once its lease runs out. A reminder that a
person snoozes or completes in the seconds between its claim and its post may still be
posted that once (the record then keeps their change). Everything else is exactly once.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Protocol

from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from bot.followups.model import FollowUp
from bot.followups.store import FollowUpStore

log = logging.getLogger("composure.dispatcher")
ESCALATION_RETRY = timedelta(minutes=1)  # an overdue escalation Slack refused for a while waits this long


PACE_DEFER = 0.2  # seconds: a channel busier than this hands its reminder back for a later slot


class TransientFailure(Exception):
    """Slack or the network failed in a way worth retrying."""


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str
    detail: str  # "posted in C…" or "DM to owner: not_in_channel"


class ReminderPoster(Protocol):
    def post_reminder(self, followup: FollowUp, late: bool) -> Posted: ...
    def escalate_overdue(self, followup: FollowUp, grace: timedelta) -> None: ...


@dataclass(frozen=True)
class DispatchSettings:
    interval: float = 1.0                      # seconds between looks for due rows
    batch: int = 20
    lease: timedelta = timedelta(seconds=60)
    grace: timedelta = timedelta(hours=24)     # delivered but not done this long: tell the lead
    late_after: timedelta = timedelta(minutes=2)
    per_channel_gap: float = 1.0               # Slack's pace: about one message per second per channel
    attempts: int = 3                          # quick retries of one post before giving the claim back

    @classmethod
    def from_config(cls, c) -> "DispatchSettings":
        """From config/followups.toml (bot.settings.FollowUpSettings)."""
        return cls(interval=c.interval_seconds, batch=c.batch, lease=timedelta(seconds=c.lease_seconds),
                   grace=timedelta(hours=c.grace_hours), late_after=timedelta(minutes=c.late_after_minutes),
                   per_channel_gap=c.per_channel_gap_seconds)


class Dispatcher:
    def __init__(self, store: FollowUpStore, poster: ReminderPoster, worker_id: str,
                 settings: DispatchSettings = DispatchSettings(),
                 monotonic: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self.store, self.poster, self.worker_id, self.settings = store, poster, worker_id, settings
        self.monotonic, self.sleep = monotonic, sleep
        self._next_post: dict[str, float] = {}
        self._next_slot: float | None = None  # monotonic time of the earliest reminder handed back for later

    @property
    def now(self) -> datetime:
        return self.store.clock()

    def _pace(self, channel: str) -> None:
        wait = self._next_post.get(channel, 0.0) - self.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._next_post[channel] = self.monotonic() + self.settings.per_channel_gap

    def _post(self, followup: FollowUp, late: bool) -> Posted:
        retrying = Retrying(stop=stop_after_attempt(self.settings.attempts), reraise=True, sleep=self.sleep,
                            wait=wait_exponential_jitter(multiplier=0.5, max=8),
                            retry=retry_if_exception(lambda e: isinstance(e, TransientFailure)))
        return retrying(self.poster.post_reminder, followup, late)

    def _busy_channels(self) -> list[str]:
        """Channels that can't take a post yet; their reminders are left unclaimed until they can."""
        now = self.monotonic()
        for channel in [c for c, t in self._next_post.items() if t <= now]:
            del self._next_post[channel]  # free again: forget it, so the map stays small
        busy = [c for c, t in self._next_post.items() if t - now > PACE_DEFER]
        if busy:
            soonest = min(self._next_post[c] for c in busy)
            self._next_slot = soonest if self._next_slot is None else min(self._next_slot, soonest)
        return busy

    def _defer_if_busy(self, followup: FollowUp, queued: dict[str, int]) -> bool:
        """A channel still cooling down gets a later slot instead of holding up every other channel."""
        wait = self._next_post.get(followup.channel_id, 0.0) - self.monotonic()
        if wait <= PACE_DEFER:
            return False
        ahead = queued.get(followup.channel_id, 0)
        queued[followup.channel_id] = ahead + 1
        slot = wait + ahead * self.settings.per_channel_gap
        self.store.defer(followup, self.worker_id, self.now + timedelta(seconds=slot))
        due = self.monotonic() + slot
        self._next_slot = due if self._next_slot is None else min(self._next_slot, due)
        return True

    def deliver_due(self) -> int:
        """One pass: every due reminder this worker can claim, oldest first. Returns how many were posted."""
        delivered = 0
        queued: dict[str, int] = {}
        while True:
            claimed = self.store.claim_due(self.worker_id, self.settings.batch, self.settings.lease, self._busy_channels())
            if not claimed:
                return delivered
            claimed_at = self.monotonic()
            for followup in _interleave_channels(claimed):
                if self._defer_if_busy(followup, queued):
                    continue
                self._pace(followup.channel_id)
                # Within half the lease the claim is surely still ours; past that, renew (or learn it was lost).
                stale = self.monotonic() - claimed_at > self.settings.lease.total_seconds() / 2
                if stale and not self.store.renew(followup, self.worker_id, self.settings.lease):
                    continue  # no longer ours (changed, snoozed, or taken over after the lease ran out)
                late = self.now - followup.due_at > self.settings.late_after
                try:
                    posted = self._post(followup, late)
                except (TransientFailure, RetryError) as exc:
                    backoff = timedelta(seconds=min(600, 15 * 2 ** min(followup.attempts, 6)))
                    self.store.release(followup, self.worker_id, self.now + backoff, str(exc) or type(exc).__name__)
                    log.warning("follow-up %s not delivered, retry in %s: %s", followup.id, backoff, exc)
                    continue
                detail = f"{posted.detail} by {self.worker_id}" + (" (late)" if late else "")
                if self.store.mark_delivered(followup, self.worker_id, posted.channel, posted.ts, late, detail):
                    delivered += 1

    def escalate_overdue(self) -> int:
        overdue = self.store.claim_overdue(self.settings.grace)
        for followup in overdue:
            try:
                self.poster.escalate_overdue(followup, self.settings.grace)
            except TransientFailure as exc:
                # Slack was down: give the claim back, or the lead would never hear of it while the
                # history said "escalated". Tried again on a later pass, not at once.
                self.store.release_escalation(followup, self.now + ESCALATION_RETRY, str(exc) or type(exc).__name__)
                log.warning("overdue follow-up %s not escalated, retry in %s: %s", followup.id, ESCALATION_RETRY, exc)
            except Exception:  # a lasting problem (e.g. not in the lead channel): the claim is spent, the log says why
                log.exception("could not tell the lead channel about follow-up %s", followup.id)
        return len(overdue)

    def run_once(self) -> int:
        delivered = self.deliver_due()
        self.escalate_overdue()
        return delivered

    def _pause(self) -> float:
        """Until the next look: the interval, or sooner when a deferred reminder's slot comes first."""
        pause = self.settings.interval
        if self._next_slot is not None:
            pause = min(pause, max(0.02, self._next_slot - self.monotonic()))
            self._next_slot = None
        return pause

    def run_forever(self, stop: threading.Event) -> None:
        log.info("dispatcher %s started", self.worker_id)
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:  # a database outage must not kill the loop; try again next tick
                log.exception("dispatcher pass failed; trying again")
            stop.wait(self._pause())

    def start(self) -> tuple[threading.Thread, threading.Event]:
        stop = threading.Event()
        thread = threading.Thread(target=self.run_forever, args=(stop,), name="composure-dispatcher", daemon=True)
        thread.start()
        return thread, stop


def _interleave_channels(followups: list[FollowUp]) -> list[FollowUp]:
    """Round-robin over channels, oldest first in each, so one busy channel does not hold up the rest."""
    queues: dict[str, list[FollowUp]] = {}
    for f in followups:
        queues.setdefault(f.channel_id, []).append(f)
    ordered: list[FollowUp] = []
    while queues:
        for channel in list(queues):
            ordered.append(queues[channel].pop(0))
            if not queues[channel]:
                del queues[channel]
    return ordered
