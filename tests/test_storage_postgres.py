"""The store on a real PostgreSQL server: migrations under concurrency, de-duplication across
instances sharing one database, expiry and retention, and surviving a database restart."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from functools import partial

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import OperationalError

from bot.errors import ConfigError
from bot.storage.database import _MIGRATION_LOCK, migrate, open_engine
from bot.storage.history import History
from bot.storage.schema import MIGRATIONS, schema_migrations
from fakes.postgres import postgres_server, postgres_url, private_postgres_server  # noqa: F401

VERSIONS = [v for v, _, _ in MIGRATIONS]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engines():
    """Engines made by the test, disposed of afterwards (their pools hold connections)."""
    made = []

    def make(url):
        engine = open_engine(url)
        made.append(engine)
        return engine
    yield make
    for engine in made:
        engine.dispose()


def _histories(engines, url, count, **kwargs):
    """`count` bot instances sharing one database, each with its own engine (own pool)."""
    first = engines(url)
    migrate(first)
    return [History(first if i == 0 else engines(url), **kwargs) for i in range(count)]


def _race(calls, workers=50):
    """Run the calls at once from `workers` threads, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        return call()
    with ThreadPoolExecutor(max_workers=min(workers, len(calls))) as pool:
        return list(pool.map(run, calls))


def _version_counts(engine):
    with engine.connect() as conn:
        return dict(conn.execute(select(schema_migrations.c.version, func.count())
                                 .group_by(schema_migrations.c.version)).all())


def test_migrate_applies_every_migration_once(postgres_url, engines):
    engine = engines(postgres_url)
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    assert migrate(engine) == VERSIONS
    assert migrate(engine) == []
    assert migrate(engines(postgres_url)) == []  # another instance starting later
    assert _version_counts(engine) == {v: 1 for v in VERSIONS}
    assert {"schema_migrations", "seen_events", "suggestions", "feedback", "escalations"} <= set(
        inspect(engine).get_table_names())
    with engine.connect() as conn:
        column = conn.execute(text("SELECT data_type FROM information_schema.columns "
                                   "WHERE table_name = 'seen_events' AND column_name = 'seen_at'")).scalar()
    assert column == "timestamp with time zone"


def test_instances_migrating_together_each_version_is_recorded_once(postgres_url, engines):
    first, second = engines(postgres_url), engines(postgres_url)
    results = _race([lambda: migrate(first), lambda: migrate(second)])
    assert sorted(results[0] + results[1]) == VERSIONS  # every version applied, by one of them
    assert _version_counts(first) == {v: 1 for v in VERSIONS}
    assert migrate(first) == [] and migrate(second) == []


def test_migrate_waits_for_the_advisory_lock(postgres_url, engines):
    """Another instance holding the migration lock makes migrate() wait, not race."""
    holder, waiter = engines(postgres_url), engines(postgres_url)
    done = threading.Event()
    outcome = {}

    def run():
        try:
            outcome["applied"] = migrate(waiter)
        except Exception as exc:  # pragma: no cover - reported by the assertion below
            outcome["error"] = exc
        done.set()
    with holder.connect() as conn, conn.begin():
        conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK})
        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        waiting = 0
        while time.monotonic() < deadline and not waiting:
            waiting = conn.execute(text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND objid = :id"), {"id": _MIGRATION_LOCK}).scalar()
            time.sleep(0.02)
        assert waiting == 1, "migrate() did not wait for the advisory lock"
        assert not done.is_set()
    assert done.wait(30), "migrate() did not finish once the lock was released"
    thread.join()
    assert outcome == {"applied": VERSIONS}


def test_first_sighting_exactly_one_winner_across_instances(postgres_url, engines):
    """Two bot instances (two engines) racing 50 times for the same Slack event: one handles it."""
    a, b = _histories(engines, postgres_url, 2, clock=Clock())
    for n in range(3):  # a few rounds, as a lost race only shows some of the time
        results = _race([partial((a if i % 2 else b).first_sighting, f"event:Ev{n}", f"msg:C1:{n}.0:U1")
                         for i in range(50)])
        assert results.count(True) == 1, (n, results)
    with a.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM seen_events")).scalar() == 6


def test_first_sighting_same_message_under_different_event_ids(postgres_url, engines):
    """Slack delivers one message as several events (message, app_mention, retries with new ids):
    each attempt has its own event id but the same message key, and exactly one wins."""
    a, b = _histories(engines, postgres_url, 2, clock=Clock())
    for n in range(3):
        results = _race([partial((a if i % 2 else b).first_sighting, f"event:Ev{n}-{i}", f"msg:C1:{n}.0:U1")
                         for i in range(50)])
        assert results.count(True) == 1, (n, results)


def test_first_sighting_race_after_expiry(postgres_url, engines):
    """Once the key has expired (and purges run concurrently), a new race still has one winner."""
    clock = Clock()
    a, b = _histories(engines, postgres_url, 2, clock=clock, dedupe_ttl=timedelta(minutes=30))
    assert a.first_sighting("event:Ev9") and not b.first_sighting("event:Ev9")
    for n in range(3):
        clock.now += timedelta(minutes=31)
        results = _race([partial((a if i % 2 else b).first_sighting, "event:Ev9") for i in range(50)])
        assert results.count(True) == 1, (n, results)
    with a.engine.connect() as conn:
        [(seen_at,)] = conn.execute(text("SELECT seen_at FROM seen_events WHERE key = 'event:Ev9'")).all()
    assert seen_at == clock.now


def test_first_sighting_deduplicates_and_expires(postgres_url):
    clock = Clock()
    history = History.open(postgres_url, clock=clock, dedupe_ttl=timedelta(minutes=30))
    try:
        assert history.first_sighting("event:Ev1", "msg:C1:1.0:U1")
        assert not history.first_sighting("event:Ev1")                   # the same event id (a retry)
        assert not history.first_sighting("event:Ev2", "msg:C1:1.0:U1")  # the same message, another id
        clock.now += timedelta(minutes=29)
        assert not history.first_sighting("event:Ev1")                   # still within the TTL
        clock.now += timedelta(minutes=2)
        assert history.first_sighting("event:Ev1")                       # expired: bounded memory
        history.purge()
        with history.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM seen_events")).scalar() == 1
        assert not History(history.engine, clock=clock).first_sighting("event:Ev1")  # another instance
        assert history.first_sighting("k" * 300)  # over-long keys are cut to the column's 200
        assert not history.first_sighting("k" * 250)
    finally:
        history.engine.dispose()


def test_suggestions_feedback_and_retention(postgres_url, assistant):
    clock = Clock()
    history = History.open(postgres_url, clock=clock, retention=timedelta(days=7))
    try:
        suggestion = assistant.suggest("You idiots charged me twice!")
        history.save_suggestion("s1", "UAGENT", "C1", "shortcut", "You idiots charged me twice!", suggestion, "firmer")
        record = history.suggestion("s1")
        assert record.customer_text.startswith("You idiots") and "abusive" in record.signals
        assert record.tone == "firmer" and record.created_at == clock.now
        history.record_feedback("s1", "UAGENT", helpful=True)
        [row] = history.feedback_for("s1")
        assert row["helpful"] is True and row["style"] == "firmer" and "abusive" in row["signals"]
        clock.now += timedelta(days=6)
        history.purge()
        assert history.suggestion("s1").customer_text is not None  # within the retention period
        clock.now += timedelta(days=2)
        history.purge()
        assert history.suggestion("s1").customer_text is None  # text cleared, the record stays
        assert history.suggestion("nope") is None
    finally:
        history.engine.dispose()


def test_escalation_shared_once_across_instances_and_recent_activity(postgres_url, engines, assistant):
    clock = Clock()
    a, b = _histories(engines, postgres_url, 2, clock=clock)
    guidance = assistant.escalate("Customer threatened to sue over the broken sofa.")
    a.save_escalation("e1", "ULEAD", guidance.to_dict())
    assert b.escalation("e1") == ("ULEAD", guidance.to_dict())
    # A double click, landing on two instances at once, shares once.
    results = _race([partial((a if i % 2 else b).mark_shared, "e1") for i in range(20)])
    assert results.count(True) == 1, results
    clock.now += timedelta(minutes=5)
    b.save_suggestion("s2", "ULEAD", "C1", "dm", "text", assistant.suggest("my parcel is late"))
    items = a.recent_activity("ULEAD")
    assert [i["kind"] for i in items] == ["suggestion", "escalation"]
    assert items[0]["when"] == clock.now and items[0]["when"].tzinfo is not None
    assert "(shared)" in items[1]["summary"]
    assert a.recent_activity("USOMEONE") == []


def test_history_survives_a_database_restart(private_postgres_server, monkeypatch):
    """PostgreSQL goes away mid-run: calls wait for it (retrying), succeed once it is back, and lose
    nothing; an outage longer than the limit ends in a clear error instead of a hang."""
    import threading

    import bot.storage.database as database

    server = private_postgres_server
    url = server.new_database("restart")
    clock = Clock()
    history = History.open(url, clock=clock)
    other = History.open(url, clock=clock)  # a second instance, with its own pool
    try:
        assert history.first_sighting("event:Before")
        assert not other.first_sighting("event:Before")

        server.stop_only(mode="immediate")  # like a crash
        threading.Timer(1.5, server.start_again).start()
        began = time.monotonic()
        assert history.first_sighting("event:During")  # waited for the server, then succeeded
        assert 1.0 < time.monotonic() - began < database.DB_OUTAGE_SECONDS
        assert not history.first_sighting("event:Before")  # remembered across the restart
        assert not other.first_sighting("event:During")
        assert other.first_sighting("event:After")

        monkeypatch.setattr(database, "DB_OUTAGE_SECONDS", 1.0)
        server.stop_only(mode="immediate")
        began = time.monotonic()
        with pytest.raises(OperationalError):
            history.suggestion("s1")
        assert time.monotonic() - began < 10  # gives up after the limit, does not hang
        with pytest.raises(ConfigError, match="cannot open the database"):
            History.open(url)  # a new instance starting now is told why
        server.start_again()

        server.restart(mode="fast")  # a clean restart too, with connections sitting in the pools
        assert not history.first_sighting("event:After")
        assert other.first_sighting("event:AfterFast")
    finally:
        history.engine.dispose()
        other.engine.dispose()
