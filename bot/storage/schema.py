"""Tables and the versioned migrations that create and upgrade them in place.

Each migration runs once, in order, inside a transaction, and is recorded in
`schema_migrations`; a database made by an older version upgrades with every row kept.
"""

from __future__ import annotations

import re
from typing import Callable

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    MetaData,
    Table,
    delete,
    func,
    inspect,
    select,
)
from sqlalchemy import String as _String
from sqlalchemy import Text as _Text
from sqlalchemy.engine import Connection
from sqlalchemy.types import TypeDecorator

_UNSTORABLE = re.compile(r"\x00|[\ud800-\udfff]")  # NUL (PostgreSQL refuses it) and lone surrogates (no encoding has them)


def clean(value: str) -> str:
    """What a database can store of a string: NUL dropped, a lone surrogate replaced by U+FFFD."""
    return _UNSTORABLE.sub(lambda m: "" if m.group(0) == "\x00" else "\ufffd", value)


class _Cleaned(TypeDecorator):
    """A string column cleaned on the way in, so one odd character in a customer's message can't fail a write.
    (SQLAlchemy reads `cache_ok` from each class itself, so every subclass sets it.)"""

    def process_bind_param(self, value, dialect):
        return clean(value) if isinstance(value, str) else value


class Text(_Cleaned):
    impl = _Text
    cache_ok = True


class String(_Cleaned):
    impl = _String
    cache_ok = True


metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# Slack event ids and (channel, message ts) keys already handled: replaced by `inbox` (migration 3).
seen_events = Table(
    "seen_events", metadata,
    Column("key", String(200), primary_key=True),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)

# One row per suggestion shown, so buttons can re-compose it and feedback can refer to it.
suggestions = Table(
    "suggestions", metadata,
    Column("id", String(40), primary_key=True),
    Column("user_id", String(40), nullable=False, index=True),
    Column("channel_id", String(40), nullable=False, default=""),
    Column("source", String(20), nullable=False),  # shortcut | mention | dm
    Column("message_ts", String(40), nullable=False, default=""),  # the customer's message, for follow-up links
    Column("customer_text", Text, nullable=True),  # cleared after the retention period
    Column("signals", String(400), nullable=False, default=""),
    Column("severity", String(10), nullable=False),
    Column("engine", String(20), nullable=False),
    Column("tone", String(20), nullable=False, default=""),  # "" | warmer | firmer | shorter
    Column("prompt_tokens", Integer, nullable=True),  # the model's usage, when a model wrote the drafts
    Column("completion_tokens", Integer, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)

feedback = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("suggestion_id", String(40), nullable=False, index=True),
    Column("user_id", String(40), nullable=False),
    Column("helpful", Boolean, nullable=False),
    Column("style", String(20), nullable=False, default=""),
    Column("signals", String(400), nullable=False, default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# One vote per agent per suggestion: a second press changes it (migration 5; the upsert relies on it).
feedback_one_vote = Index("feedback_one_vote", feedback.c.suggestion_id, feedback.c.user_id, unique=True)

escalations = Table(
    "escalations", metadata,
    Column("id", String(40), primary_key=True),
    Column("user_id", String(40), nullable=False, index=True),
    Column("guidance", Text, nullable=False),  # JSON of EscalationGuidance.to_dict()
    Column("shared_at", DateTime(timezone=True), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
)


# Follow-up reminders. `claimed_by` / `claimed_until` are a dispatcher's lease on a due row, so
# several dispatchers never post the same reminder; a lease that runs out is free again.
followups = Table(
    "followups", metadata,
    Column("id", String(40), primary_key=True),
    Column("owner_id", String(40), nullable=False, index=True),
    Column("assignee_id", String(40), nullable=False, index=True),
    Column("channel_id", String(40), nullable=False),
    Column("due_at", DateTime(timezone=True), nullable=False, index=True),
    Column("note", Text, nullable=False),
    Column("message_link", Text, nullable=True),
    Column("customer", String(200), nullable=False, default=""),
    Column("status", String(12), nullable=False, index=True),  # pending | delivered | done | cancelled
    Column("late", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("delivered_at", DateTime(timezone=True), nullable=True),
    Column("posted_channel", String(40), nullable=True),
    Column("posted_ts", String(40), nullable=True),
    Column("escalated_at", DateTime(timezone=True), nullable=True),
    Column("claimed_by", String(80), nullable=True),
    Column("claimed_until", DateTime(timezone=True), nullable=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", String(200), nullable=True),
)

# Work accepted from Slack (an event, a shortcut, a command, a button press), recorded as Slack is
# told "received" and kept until it is done. `key` is what identifies the delivery, so a retry finds
# it; `owner` / `lease_until` are the lease of the instance doing it, so a stopped instance's work is
# taken over once its lease runs out. `body` is cleared when the work is done (it holds customer text).
inbox = Table(
    "inbox", metadata,
    Column("key", String(200), primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("body", Text, nullable=False),
    Column("state", String(10), nullable=False, index=True),  # pending | done | failed
    Column("owner", String(80), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=False, index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("accepted_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True), nullable=True, index=True),
)

followup_events = Table(
    "followup_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("followup_id", String(40), nullable=False, index=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(40), nullable=False),  # a user id, or "dispatcher"
    Column("action", String(20), nullable=False),
    Column("detail", Text, nullable=False, default=""),
)


# What an agent is looking at in Slack, from the agent view's app_context_changed (one row per user,
# the latest only): the message "What's going on here?" refers to. `event_at` orders the events, so a
# late one never replaces a newer view; `seen_at` is when it arrived, for the short expiry.
viewing = Table(
    "viewing", metadata,
    Column("user_id", String(40), primary_key=True),
    Column("channel_id", String(40), nullable=False),
    Column("message_ts", String(40), nullable=False, default=""),  # "" when only a channel is in view
    Column("thread_ts", String(40), nullable=False, default=""),
    Column("event_at", DateTime(timezone=True), nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
)

# A bare suggested prompt ("Check my reply") asks for the text in the agent's next message; this is
# what that next message is for, until `until`.
awaiting = Table(
    "awaiting", metadata,
    Column("user_id", String(40), primary_key=True),
    Column("what", String(20), nullable=False),
    Column("until", DateTime(timezone=True), nullable=False, index=True),
)


def _create(*tables: Table) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        for table in tables:
            table.create(conn, checkfirst=True)
    return run


def _one_vote_per_user(conn: Connection) -> None:
    """Keep each agent's latest vote on a suggestion (the highest id), then make that the rule."""
    latest = select(func.max(feedback.c.id)).group_by(feedback.c.suggestion_id, feedback.c.user_id).scalar_subquery()
    conn.execute(delete(feedback).where(feedback.c.id.not_in(latest)))
    feedback_one_vote.create(conn, checkfirst=True)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "seen events, suggestions, feedback, escalations", _create(seen_events, suggestions, feedback, escalations)),
    (2, "follow-up reminders and their history", _create(followups, followup_events)),
    (3, "the inbox of accepted Slack work (replaces seen events)", lambda conn: (
        _create(inbox)(conn), seen_events.drop(conn, checkfirst=True))),
    (4, "what each agent is viewing, and what their next message is awaited for (the agent view)",
     _create(viewing, awaiting)),
    (5, "one feedback vote per agent per suggestion: the latest", _one_vote_per_user),
]


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_migrations"):
        schema_migrations.create(conn, checkfirst=True)
        return set()
    return {row.version for row in conn.execute(schema_migrations.select())}
