"""The store on a real PostgreSQL server: migrations under concurrency, the inbox of accepted work
shared by instances, retention, and surviving a database restart."""

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
from bot.storage.inbox import Inbox
from bot.storage.schema import MIGRATIONS, schema_migrations
from fakes.postgres import postgres_server, postgres_url, private_postgres_server  # noqa: F401
from fault_support import wait_until

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
    assert {"schema_migrations", "inbox", "suggestions", "feedback", "escalations"} <= set(
        inspect(engine).get_table_names())
    with engine.connect() as conn:
        column = conn.execute(text("SELECT data_type FROM information_schema.columns "
                                   "WHERE table_name = 'inbox' AND column_name = 'lease_until'")).scalar()
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


def _inboxes(engines, url, count, **kwargs):
    """`count` bot instances sharing one inbox, each with its own engine (own pool)."""
    return [Inbox(h.engine, **kwargs) for h in _histories(engines, url, count)]


def test_inbox_one_instance_wins_each_delivery(postgres_url, engines):
    """Two instances racing 50 times for one delivery (Slack's retries, a DM that is also a mention): one does it."""
    a, b = _inboxes(engines, postgres_url, 2, clock=Clock())
    for n in range(3):  # a few rounds, as a lost race only shows some of the time
        results = _race([partial((a if i % 2 else b).accept, f"message:D1:{n}.0", "direct_message", {"n": n},
                                 f"instance-{i % 2}") for i in range(50)])
        assert results.count(True) == 1, (n, results)
    assert a.counts() == {"pending": 3}


def test_inbox_one_instance_takes_over_abandoned_work(postgres_url, engines):
    """Once the owner's lease has run out, racing retries and look-outs still give the work to one instance."""
    clock = Clock()
    a, b = _inboxes(engines, postgres_url, 2, clock=clock, lease=timedelta(seconds=30))
    for n in range(20):
        assert a.accept(f"trigger:T{n}", "suggest_reply", {"n": n}, "dead")
    clock.now += timedelta(seconds=31)
    calls = [partial(a.accept, "trigger:T0", "suggest_reply", {"n": 0}, "retry-a"),
             partial(b.accept, "trigger:T0", "suggest_reply", {"n": 0}, "retry-b")]
    calls += [partial((a if i % 2 else b).abandoned, f"look-{i}", 5) for i in range(4)]
    results = _race(calls)
    retried = results[0] + results[1]
    claimed = [w.key for batch in results[2:] for w in batch]
    assert sorted(claimed + ["trigger:T0"] * retried) == sorted(f"trigger:T{n}" for n in range(20))  # each once
    with a.engine.connect() as conn:
        owners = conn.execute(text("SELECT count(*) FROM inbox WHERE owner = 'dead'")).scalar()
    assert owners == 0


def test_history_and_inbox_on_the_same_server_keep_records_apart(postgres_url):
    clock = Clock()
    history = History.open(postgres_url, clock=clock)
    try:
        inbox = Inbox(history.engine, clock)
        assert inbox.accept("event:Ev1", "home", {}, "a")
        assert not Inbox(history.engine, clock).accept("event:Ev1", "home", {}, "b")  # another instance
        assert inbox.accept("k" * 300, "home", {}, "a")  # over-long keys are cut to the column's 200
        assert not inbox.accept("k" * 250, "home", {}, "b")
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


def test_history_survives_a_database_restart(private_postgres_server, monkeypatch, caplog):
    """PostgreSQL goes away mid-run: calls wait for it (retrying), succeed once it is back, and lose
    nothing; an outage longer than the limit ends in a clear error instead of a hang."""
    import bot.storage.database as database

    server = private_postgres_server
    url = server.new_database("restart")
    clock = Clock()
    history = History.open(url, clock=clock)
    other = History.open(url, clock=clock)  # a second instance, with its own pool
    inbox, other_inbox = Inbox(history.engine, clock), Inbox(other.engine, clock)
    try:
        assert inbox.accept("event:Before", "home", {}, "a")
        assert not other_inbox.accept("event:Before", "home", {}, "b")

        server.stop_only(mode="immediate")  # like a crash
        with ThreadPoolExecutor(1) as pool:
            during = pool.submit(inbox.accept_patiently, "event:During", "home", {}, "a")
            wait_until(lambda: "database unavailable" in caplog.text, what="the call to meet the outage")
            assert not during.done()  # waiting for the server...
            server.start_again()  # (only now)
            assert during.result(timeout=database.DB_OUTAGE_SECONDS * 2)  # ...and done once it is back
        assert not inbox.accept("event:Before", "home", {}, "a")  # remembered across the restart
        assert not other_inbox.accept("event:During", "home", {}, "b")
        assert other_inbox.accept("event:After", "home", {}, "b")

        monkeypatch.setattr(database, "DB_OUTAGE_SECONDS", 0.0)  # read at each call: no patience left
        server.stop_only(mode="immediate")
        caplog.clear()
        with pytest.raises(OperationalError):
            history.suggestion("s1")
        assert "database unavailable" not in caplog.text  # gave up at the limit instead of waiting on
        with pytest.raises(ConfigError, match="cannot open the database"):
            History.open(url)  # a new instance starting now is told why
        server.start_again()

        server.restart(mode="fast")  # a clean restart too, with connections sitting in the pools
        assert not inbox.accept_patiently("event:After", "home", {}, "a")
        assert other_inbox.accept_patiently("event:AfterFast", "home", {}, "b")
    finally:
        history.engine.dispose()
        other.engine.dispose()
