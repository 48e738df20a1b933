"""What Composure remembers, briefly, about each agent's conversation with it under Slack's agent view.

Two short-lived facts per user, in the shared store so any instance answering the next message
knows them: the message the agent is viewing (from `app_context_changed`, kept `viewing_for`),
and what their next message is awaited for after a bare prompt such as "Check my reply"
(kept `awaiting_for`). Both expire on their own, and each write deletes the rows already expired
(an indexed range, so cheap), so nothing here outlives a working session, on disk either.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine

from bot.storage.database import aware, survives_outages, upsert, utcnow
from bot.storage.schema import awaiting, viewing


@dataclass(frozen=True)
class Viewing:
    """A place in Slack the agent had in view: a channel, and the message in it when there was one."""

    channel_id: str
    message_ts: str = ""
    thread_ts: str = ""


class ConversationStore:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow, *,
                 viewing_for: timedelta, awaiting_for: timedelta) -> None:
        """`viewing_for` and `awaiting_for` come from config/work.toml (viewing_minutes, awaiting_minutes)."""
        self.engine, self.clock = engine, clock
        self.viewing_for, self.awaiting_for = viewing_for, awaiting_for

    @survives_outages
    def remember_viewing(self, user_id: str, where: Viewing, event_at: datetime) -> None:
        """The latest view wins: an event older than the one stored (Slack delivers out of order) changes nothing."""
        now = self.clock()
        values = {"user_id": user_id, "channel_id": where.channel_id, "message_ts": where.message_ts,
                  "thread_ts": where.thread_ts, "event_at": event_at, "seen_at": now}
        with self.engine.begin() as conn:
            conn.execute(delete(viewing).where(viewing.c.seen_at < now - self.viewing_for))
            upsert(conn, viewing, values, ("user_id",), only_if=lambda old, new: old.event_at <= new.event_at)

    @survives_outages
    def viewing(self, user_id: str) -> Viewing | None:
        """What the agent is viewing, or None when nothing is known or it is older than `viewing_for`."""
        with self.engine.connect() as conn:
            row = conn.execute(select(viewing).where(viewing.c.user_id == user_id,
                                                     viewing.c.seen_at >= self.clock() - self.viewing_for)).first()
        return Viewing(row.channel_id, row.message_ts, row.thread_ts) if row and row.channel_id else None

    def forget_viewing(self, user_id: str, event_at: datetime) -> None:
        """An empty context (the agent left every channel view), ordered like any other view: it is kept
        as an empty place, so neither a late empty event erases a newer view nor a late view undoes it."""
        self.remember_viewing(user_id, Viewing(""), event_at)

    @survives_outages
    def await_next(self, user_id: str, what: str) -> None:
        now = self.clock()
        with self.engine.begin() as conn:
            conn.execute(delete(awaiting).where(awaiting.c.until < now))
            upsert(conn, awaiting, {"user_id": user_id, "what": what, "until": now + self.awaiting_for},
                   ("user_id",))

    @survives_outages
    def take_awaited(self, user_id: str) -> str:
        """What this message was awaited for ('' when nothing, or no longer), forgotten once taken."""
        with self.engine.begin() as conn:
            row = conn.execute(delete(awaiting).where(awaiting.c.user_id == user_id)
                               .returning(awaiting.c.what, awaiting.c.until)).first()
        return row.what if row and aware(row.until) >= self.clock() else ""
