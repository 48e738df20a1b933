"""Follow-ups in the shared database: create, change with history, and claim due rows atomically.

Claiming is one conditional UPDATE … RETURNING (with FOR UPDATE SKIP LOCKED on PostgreSQL),
so any number of dispatchers can run and none posts a reminder another has claimed.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Callable, Collection

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.followups.model import OPEN, Change, FollowUp, aware
from bot.storage.database import claim_rows, survives_outages, utcnow
from bot.storage.schema import followup_events, followups


class NotAllowed(Exception):
    """The person may not change this follow-up; the message says who can."""


class FollowUpStore:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow) -> None:
        self.engine = engine
        self.clock = clock

    # --- creating and reading -------------------------------------------------------------
    def create(self, owner_id: str, channel_id: str, due_at: datetime, note: str, *, assignee_id: str = "",
               message_link: str | None = None, customer: str = "") -> FollowUp:
        now = self.clock()
        row = {"id": uuid.uuid4().hex[:16], "owner_id": owner_id, "assignee_id": assignee_id or owner_id,
               "channel_id": channel_id, "due_at": due_at, "note": note, "message_link": message_link,
               "customer": customer[:200], "status": "pending", "late": False, "created_at": now, "updated_at": now,
               "attempts": 0}
        self._insert(row)
        return self.get(row["id"])

    @survives_outages
    def _insert(self, row: dict) -> None:
        """Idempotent: the id is chosen before any retry, so a retry after a lost commit finds it saved."""
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(followups).values(**row))
                self._log(conn, row["id"], row["owner_id"], "created", f"due {row['due_at'].isoformat()}: {row['note'][:200]}")
        except IntegrityError:
            if self.get(row["id"]) is None:
                raise

    @survives_outages
    def get(self, followup_id: str) -> FollowUp | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(followups).where(followups.c.id == followup_id)).first()
        return FollowUp.from_row(row) if row else None

    @survives_outages
    def history(self, followup_id: str) -> list[Change]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(followup_events).where(followup_events.c.followup_id == followup_id)
                                .order_by(followup_events.c.id)).all()
        return [Change(aware(r.at), r.actor, r.action, r.detail) for r in rows]

    @survives_outages
    def open_for(self, user_id: str, limit: int = 20) -> list[FollowUp]:
        """My upcoming and overdue follow-ups (as owner or assignee), soonest first."""
        query = (select(followups).where(followups.c.status.in_(OPEN),
                                         or_(followups.c.owner_id == user_id, followups.c.assignee_id == user_id))
                 .order_by(followups.c.due_at).limit(limit))
        with self.engine.connect() as conn:
            return [FollowUp.from_row(r) for r in conn.execute(query)]

    @survives_outages
    def team_overdue(self, limit: int = 20) -> list[FollowUp]:
        query = (select(followups).where(followups.c.status.in_(OPEN), followups.c.due_at < self.clock())
                 .order_by(followups.c.due_at).limit(limit))
        with self.engine.connect() as conn:
            return [FollowUp.from_row(r) for r in conn.execute(query)]

    # --- people changing them -----------------------------------------------------------
    def _change(self, followup_id: str, actor: str, is_lead: bool, action: str, values: dict, detail: str) -> FollowUp:
        current = self.get(followup_id)
        if current is None:
            raise NotAllowed("That follow-up no longer exists.")
        if actor not in (current.owner_id, current.assignee_id) and not is_lead:
            raise NotAllowed("Only the people this follow-up belongs to, or a team lead, can change it.")  # names no one
        if current.status not in OPEN:
            raise NotAllowed(f"This follow-up is already {current.status}.")
        with self.engine.begin() as conn:
            # Conditional on the row being as we read it: Done and Snooze pressed together serialise,
            # and the second is told what happened instead of undoing the first.
            changed = conn.execute(update(followups).where(followups.c.id == followup_id,
                                                           followups.c.status.in_(OPEN),
                                                           followups.c.updated_at == current.updated_at)
                                   .values(updated_at=self._after(current.updated_at), **values)).rowcount
            if changed:
                self._log(conn, followup_id, actor, action, detail)
        if not changed:
            now = self.get(followup_id)
            raise NotAllowed(f"Someone changed this follow-up at the same moment; it is now {now.status if now else 'gone'}.")
        return self.get(followup_id)

    def _after(self, previous: datetime) -> datetime:
        """Now, but strictly after the last change, so every change leaves a new version to compare with."""
        now = self.clock()
        return now if now > aware(previous) else aware(previous) + timedelta(microseconds=1)

    @survives_outages
    def complete(self, followup_id: str, actor: str, is_lead: bool = False) -> FollowUp:
        return self._change(followup_id, actor, is_lead, "done", {"status": "done"}, "marked done")

    @survives_outages
    def cancel(self, followup_id: str, actor: str, is_lead: bool = False) -> FollowUp:
        return self._change(followup_id, actor, is_lead, "cancelled", {"status": "cancelled"}, "cancelled")

    @survives_outages
    def snooze(self, followup_id: str, actor: str, until: datetime, is_lead: bool = False) -> FollowUp:
        values = {"status": "pending", "due_at": until, "late": False, "escalated_at": None, "claimed_by": None,
                  "claimed_until": None, "delivered_at": None}
        return self._change(followup_id, actor, is_lead, "snoozed", values, f"until {until.isoformat()}")

    @survives_outages
    def reassign(self, followup_id: str, actor: str, assignee_id: str, is_lead: bool = False) -> FollowUp:
        return self._change(followup_id, actor, is_lead, "reassigned", {"assignee_id": assignee_id}, f"to {assignee_id}")

    # --- the dispatcher -----------------------------------------------------------------
    @survives_outages
    def claim_due(self, worker: str, limit: int, lease: timedelta, skip_channels: Collection[str] = ()) -> list[FollowUp]:
        """Claim up to `limit` due reminders, oldest first; a row another worker holds is skipped, and so
        are channels the caller can't post in yet (its pace), so their rows stay free for later."""
        now = self.clock()
        due = and_(followups.c.status == "pending", followups.c.due_at <= now,
                   or_(followups.c.claimed_until.is_(None), followups.c.claimed_until < now))
        if skip_channels:
            due = and_(due, followups.c.channel_id.not_in(list(skip_channels)))
        with self.engine.begin() as conn:
            rows = claim_rows(conn, followups, due, followups.c.due_at, limit,
                              {"claimed_by": worker, "claimed_until": now + lease, "attempts": followups.c.attempts + 1})
        return sorted((FollowUp.from_row(r) for r in rows), key=lambda f: f.due_at)

    @survives_outages
    def defer(self, followup: FollowUp, worker: str, until: datetime) -> None:
        """Hand a claim back until `until` (its channel's next free slot); no history entry, nothing failed."""
        with self.engine.begin() as conn:
            conn.execute(update(followups).where(followups.c.id == followup.id, followups.c.claimed_by == worker)
                         .values(claimed_by=None, claimed_until=until))

    @survives_outages
    def renew(self, followup: FollowUp, worker: str, lease: timedelta) -> bool:
        """Extend this worker's claim just before posting; False if the claim was lost."""
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(update(followups).where(
                followups.c.id == followup.id, followups.c.claimed_by == worker, followups.c.status == "pending")
                .values(claimed_until=now + lease))
        return bool(result.rowcount)

    @survives_outages
    def mark_delivered(self, followup: FollowUp, worker: str, channel: str, ts: str, late: bool, detail: str) -> bool:
        """Record the post; False when this worker no longer held the claim (nothing is changed)."""
        now = self.clock()
        with self.engine.begin() as conn:
            result = conn.execute(update(followups).where(
                followups.c.id == followup.id, followups.c.claimed_by == worker, followups.c.status == "pending")
                .values(status="delivered", delivered_at=now, posted_channel=channel, posted_ts=ts, late=late,
                        claimed_by=None, claimed_until=None, updated_at=now, last_error=None))
            if result.rowcount:
                self._log(conn, followup.id, "dispatcher", "delivered", detail)
        return bool(result.rowcount)

    @survives_outages
    def release(self, followup: FollowUp, worker: str, retry_at: datetime, error: str) -> None:
        """Give a claim back after a failure, to be tried again at `retry_at`."""
        with self.engine.begin() as conn:
            conn.execute(update(followups).where(followups.c.id == followup.id, followups.c.claimed_by == worker)
                         .values(claimed_by=None, claimed_until=retry_at, last_error=error[:200], updated_at=self.clock()))
            self._log(conn, followup.id, "dispatcher", "retry", error[:200])

    @survives_outages
    def claim_overdue(self, grace: timedelta, limit: int = 50) -> list[FollowUp]:
        """Delivered reminders nobody marked done within `grace`; each is returned once, ever."""
        now = self.clock()
        waiting = and_(followups.c.status == "delivered", followups.c.delivered_at <= now - grace,
                       followups.c.escalated_at.is_(None),
                       or_(followups.c.claimed_until.is_(None), followups.c.claimed_until < now))
        with self.engine.begin() as conn:
            rows = claim_rows(conn, followups, waiting, followups.c.due_at, limit, {"escalated_at": now, "updated_at": now})
            for row in rows:
                self._log(conn, row.id, "dispatcher", "escalated", f"not done {grace} after delivery")
        return [FollowUp.from_row(r) for r in rows]

    @survives_outages
    def release_escalation(self, followup: FollowUp, retry_at: datetime, error: str) -> None:
        """Give back an escalation claim whose post failed, to be claimed again from `retry_at`.

        A delivered row holds no dispatch claim, so `claimed_until` is free to say when to retry."""
        with self.engine.begin() as conn:
            result = conn.execute(update(followups).where(followups.c.id == followup.id,
                                                          followups.c.status == "delivered",
                                                          followups.c.escalated_at.is_not(None))
                                  .values(escalated_at=None, claimed_until=retry_at, last_error=error[:200],
                                          updated_at=self.clock()))
            if result.rowcount:
                self._log(conn, followup.id, "dispatcher", "escalation retry", error[:200])

    def _log(self, conn, followup_id: str, actor: str, action: str, detail: str) -> None:
        conn.execute(insert(followup_events).values(followup_id=followup_id, at=self.clock(), actor=actor,
                                                    action=action, detail=detail))
