"""The agent view's short memory on SQLite and PostgreSQL: the latest view per user, its expiry,
out-of-order events, and the message awaited after a bare prompt."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from bot.storage.conversations import ConversationStore, Viewing
from bot.storage.database import migrate, open_engine
from bot.storage.schema import awaiting, viewing


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def _store(url: str) -> tuple[ConversationStore, Clock]:
    engine = open_engine(url)
    migrate(engine)
    clock = Clock()
    return ConversationStore(engine, clock, viewing_for=timedelta(minutes=15), awaiting_for=timedelta(minutes=10)), clock


def test_the_latest_view_per_user_is_kept_for_a_short_while(database_url):
    store, clock = _store(database_url)
    first, second = Viewing("C1", "1700000001.000100"), Viewing("C2", "1700000002.000200", "1700000001.000900")
    store.remember_viewing("UAGENT", first, clock.now)
    store.remember_viewing("UOTHER", Viewing("C9"), clock.now)
    store.remember_viewing("UAGENT", second, clock.now + timedelta(seconds=5))
    assert store.viewing("UAGENT") == second
    assert store.viewing("UOTHER") == Viewing("C9")
    store.remember_viewing("UAGENT", first, clock.now + timedelta(seconds=2))  # delivered late: older than the one kept
    assert store.viewing("UAGENT") == second
    clock.now += timedelta(minutes=16)
    assert store.viewing("UAGENT") is None
    store.remember_viewing("UAGENT", first, clock.now)
    store.forget_viewing("UAGENT", clock.now + timedelta(seconds=1))
    assert store.viewing("UAGENT") is None


def test_an_empty_context_is_ordered_like_any_view(database_url):
    """A late empty app_context_changed leaves a newer view alone, and a late view does not undo a newer empty one."""
    store, clock = _store(database_url)
    newer = Viewing("C2", "1700000002.000200")
    store.remember_viewing("UAGENT", newer, clock.now + timedelta(seconds=5))
    store.forget_viewing("UAGENT", clock.now + timedelta(seconds=3))  # sent before the view above, delivered after
    assert store.viewing("UAGENT") == newer
    store.forget_viewing("UAGENT", clock.now + timedelta(seconds=8))
    store.remember_viewing("UAGENT", Viewing("C1", "1700000001.000100"), clock.now + timedelta(seconds=6))
    assert store.viewing("UAGENT") is None


def _users(store: ConversationStore, table) -> list[str]:
    with store.engine.connect() as conn:
        return sorted(conn.execute(select(table.c.user_id)).scalars())


def test_expired_rows_are_deleted_by_the_next_write(database_url):
    store, clock = _store(database_url)
    store.remember_viewing("UGONE", Viewing("C1", "1700000001.000100"), clock.now)
    store.forget_viewing("ULEFT", clock.now)
    store.await_next("UGONE", "check")
    clock.now += timedelta(minutes=11)
    store.await_next("UAGENT", "check")  # the other's wait expired at 10 minutes
    assert _users(store, awaiting) == ["UAGENT"]
    store.remember_viewing("UKEPT", Viewing("C3"), clock.now)
    assert _users(store, viewing) == ["UGONE", "UKEPT", "ULEFT"]  # 11 minutes: views last 15
    clock.now += timedelta(minutes=5)
    store.remember_viewing("UAGENT", Viewing("C2", "1700000002.000200"), clock.now)
    assert _users(store, viewing) == ["UAGENT", "UKEPT"]


def test_an_awaited_message_is_taken_once_and_expires(database_url):
    store, clock = _store(database_url)
    assert store.take_awaited("UAGENT") == ""
    store.await_next("UAGENT", "check")
    store.await_next("UAGENT", "check")  # the prompt pressed twice: still one row
    assert store.take_awaited("UAGENT") == "check"
    assert store.take_awaited("UAGENT") == ""
    store.await_next("UAGENT", "check")
    clock.now += timedelta(minutes=11)
    assert store.take_awaited("UAGENT") == ""
