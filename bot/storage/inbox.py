"""Work accepted from Slack, kept in the shared store from the moment Slack is told "received".

Each piece of work (an event, a shortcut, a command, a button press) is recorded under the key
that identifies its delivery, with a lease held by the instance doing it. A retry of the same
delivery finds the row: done or in hand elsewhere, it is dropped; pending with its lease run out
(its instance stopped), it is taken over. Instances also look for such abandoned work on their own,
so nothing acknowledged waits for Slack to retry. The body, which holds customer text, is cleared
when the work is done; finished rows are kept for `keep` so late retries are still recognised.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Callable

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.storage.database import claim_rows, survives_outages, utcnow
from bot.storage.schema import inbox

KEY_LENGTH = 200  # the column's width; Slack's ids are far shorter


@dataclass(frozen=True)
class Work:
    key: str
    kind: str
    body: dict
    attempts: int = 1


class Inbox:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow, lease: timedelta = timedelta(seconds=60),
                 attempts: int = 3, keep: timedelta = timedelta(hours=1)) -> None:
        self.engine, self.clock, self.lease, self.attempts, self.keep = engine, clock, lease, attempts, keep
        self._last_purge: datetime | None = None

    def accept(self, key: str, kind: str, body: dict, owner: str) -> bool:
        """Record the work as ours; False when it is a repeat (done, failed, or in hand elsewhere).

        One attempt, no waiting: this runs while Slack waits for its acknowledgement. A database
        error is the caller's to handle (bot.slack.work holds the work in memory meanwhile).
        """
        now = self.clock()
        key = key[:KEY_LENGTH]
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(inbox).values(key=key, kind=kind, body=json.dumps(body), state="pending",
                                                  owner=owner, lease_until=now + self.lease, attempts=1,
                                                  accepted_at=now))
            return True
        except IntegrityError:
            return self._take_over(key, owner, now)

    accept_patiently = survives_outages(accept)  # for work accepted while the store was away: wait for it

    def _take_over(self, key: str, owner: str, now: datetime) -> bool:
        """A retry of pending work whose lease ran out: its instance stopped, so this one takes it."""
        with self.engine.begin() as conn:
            taken = conn.execute(update(inbox).where(
                inbox.c.key == key, inbox.c.state == "pending", inbox.c.lease_until < now,
                inbox.c.attempts < self.attempts,
            ).values(owner=owner, lease_until=now + self.lease, attempts=inbox.c.attempts + 1))
        return taken.rowcount == 1

    @survives_outages
    def abandoned(self, owner: str, limit: int = 20) -> list[Work]:
        """Claim pending work whose lease ran out; work tried `attempts` times is set aside as failed."""
        now = self.clock()
        self._maybe_purge(now)
        abandoned = (inbox.c.state == "pending") & (inbox.c.lease_until < now)
        with self.engine.begin() as conn:
            conn.execute(update(inbox).where(abandoned, inbox.c.attempts >= self.attempts)
                         .values(state="failed", body="", finished_at=now))
            rows = claim_rows(conn, inbox, abandoned, inbox.c.accepted_at, limit,
                              {"owner": owner, "lease_until": now + self.lease, "attempts": inbox.c.attempts + 1})
        return [Work(r.key, r.kind, json.loads(r.body), r.attempts) for r in sorted(rows, key=lambda r: r.accepted_at)]

    @survives_outages
    def renew(self, keys: list[str], owner: str) -> None:
        """Keep the leases on work still in hand (a slow model, a slow Slack)."""
        if keys:
            with self.engine.begin() as conn:
                conn.execute(update(inbox).where(inbox.c.key.in_(keys), inbox.c.owner == owner,
                                                 inbox.c.state == "pending")
                             .values(lease_until=self.clock() + self.lease))

    @survives_outages
    def finish(self, key: str, owner: str) -> None:
        """Done: the body (customer text) goes; the key stays for `keep` so late retries are dropped."""
        with self.engine.begin() as conn:
            conn.execute(update(inbox).where(inbox.c.key == key[:KEY_LENGTH], inbox.c.owner == owner,
                                             inbox.c.state == "pending")
                         .values(state="done", body="", finished_at=self.clock()))

    @survives_outages
    def release(self, keys: list[str], owner: str) -> None:
        """Give work back at once (a stopping instance), for another instance or the next start to take.
        The attempt it had is not counted against it."""
        if keys:
            with self.engine.begin() as conn:
                conn.execute(update(inbox).where(inbox.c.key.in_([k[:KEY_LENGTH] for k in keys]),
                                                 inbox.c.owner == owner, inbox.c.state == "pending")
                             .values(lease_until=self.clock() - timedelta(seconds=1), owner=None,
                                     attempts=inbox.c.attempts - 1))

    @survives_outages
    def lease_of(self, key: str) -> datetime | None:
        """Until when the work's lease runs (None: no such work), for tests and operators."""
        with self.engine.connect() as conn:
            until = conn.execute(select(inbox.c.lease_until).where(inbox.c.key == key[:KEY_LENGTH])).scalar()
        return until if until is None or until.tzinfo else until.replace(tzinfo=timezone.utc)

    @survives_outages
    def counts(self) -> dict[str, int]:
        """Rows per state, for tests, benchmarks and operators."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(inbox.c.state, func.count()).group_by(inbox.c.state)).all())

    def _maybe_purge(self, now: datetime) -> None:
        if self._last_purge is None or now - self._last_purge > timedelta(minutes=10):
            self._last_purge = now
            with self.engine.begin() as conn:
                conn.execute(delete(inbox).where(or_(inbox.c.state == "done", inbox.c.state == "failed"),
                                                 inbox.c.finished_at < now - self.keep))

