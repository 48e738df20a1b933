"""The store on real SQLite: migrations, the inbox of accepted work, records and retention."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from sqlalchemy import inspect, select

from bot.storage.database import migrate, open_engine
from bot.storage.history import History
from bot.storage.inbox import Inbox
from bot.storage.schema import MIGRATIONS, schema_migrations
from bot.storage.schema import inbox as inbox_table


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def test_sqlite_file_is_created_and_migrated_once(tmp_path):
    url = f"sqlite:///{tmp_path}/sub/composure.db"
    engine = open_engine(url)
    assert migrate(engine) == [v for v, _, _ in MIGRATIONS]
    assert migrate(engine) == []
    assert (tmp_path / "sub" / "composure.db").exists()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert {r.version for r in conn.execute(select(schema_migrations))} == {v for v, _, _ in MIGRATIONS}
    tables = set(inspect(engine).get_table_names())
    assert {"inbox", "suggestions", "feedback", "escalations"} <= tables and "seen_events" not in tables


def test_inbox_recognises_repeats_takes_over_abandoned_work_and_forgets(tmp_path):
    clock = Clock()
    engine = open_engine(f"sqlite:///{tmp_path}/db.sqlite")
    migrate(engine)
    inbox = Inbox(engine, clock, lease=timedelta(seconds=60), attempts=3, keep=timedelta(minutes=30))
    body = {"event": {"text": "Where is my refund? I'm Dana, order 4471."}}
    assert inbox.accept("message:D1:1.0", "direct_message", body, "a")
    assert not inbox.accept("message:D1:1.0", "direct_message", body, "b")  # in hand at a: a retry is dropped
    clock.now += timedelta(seconds=61)                                         # a stopped; its lease ran out
    assert inbox.accept("message:D1:1.0", "direct_message", body, "b")        # Slack's retry: b takes it over
    assert not inbox.accept("message:D1:1.0", "direct_message", body, "c")
    inbox.finish("message:D1:1.0", "b")
    with engine.connect() as conn:
        [(state, kept)] = conn.execute(select(inbox_table.c.state, inbox_table.c.body)).all()
    assert (state, kept) == ("done", "")                                       # customer text gone once done
    clock.now += timedelta(minutes=20)
    assert not inbox.accept("message:D1:1.0", "direct_message", body, "c")    # a late retry: still recognised
    clock.now += timedelta(minutes=11)
    assert inbox.abandoned("c") == []                                          # ... and forgotten after `keep`
    assert inbox.counts() == {}
    assert inbox.accept("k" * 300, "direct_message", body, "a")                # over-long keys are cut to 200
    assert not inbox.accept("k" * 250, "direct_message", body, "b")


def test_inbox_hands_back_and_sets_aside_work_that_keeps_failing(tmp_path):
    clock = Clock()
    engine = open_engine(f"sqlite:///{tmp_path}/db.sqlite")
    migrate(engine)
    inbox = Inbox(engine, clock, lease=timedelta(seconds=10), attempts=2)
    assert inbox.accept("trigger:T1", "suggest_reply", {"n": 1}, "a")
    assert inbox.accept("trigger:T2", "suggest_reply", {"n": 2}, "a")
    assert inbox.abandoned("b") == []                     # leases still held
    inbox.release(["trigger:T1"], "a")                   # a stops: T1 was only queued, so it is given back
    [work] = inbox.abandoned("b")
    assert (work.key, work.kind, work.body, work.attempts) == ("trigger:T1", "suggest_reply", {"n": 1}, 1)
    inbox.renew(["trigger:T2"], "b")                     # not b's: nothing renewed
    clock.now += timedelta(seconds=11)                   # a died holding T2; b's T1 lease ran out too
    taken = {w.key: w.attempts for w in inbox.abandoned("c")}
    assert taken == {"trigger:T1": 2, "trigger:T2": 2}
    clock.now += timedelta(seconds=11)                   # c died as well: two attempts, set aside
    assert inbox.abandoned("d") == []
    assert inbox.counts() == {"failed": 2}


def test_suggestions_feedback_and_retention(tmp_path, assistant):
    clock = Clock()
    history = History.open(f"sqlite:///{tmp_path}/db.sqlite", clock=clock, retention=timedelta(days=7))
    suggestion = assistant.suggest("You idiots charged me twice!")
    history.save_suggestion("s1", "UAGENT", "C1", "shortcut", "You idiots charged me twice!", suggestion, "firmer")
    record = history.suggestion("s1")
    assert record.customer_text.startswith("You idiots") and "abusive" in record.signals and record.tone == "firmer"
    history.record_feedback("s1", "UAGENT", helpful=True)
    [row] = history.feedback_for("s1")
    assert row["helpful"] is True and row["style"] == "firmer" and "abusive" in row["signals"]
    clock.now += timedelta(days=8)
    history.purge()
    assert history.suggestion("s1").customer_text is None  # text cleared, the record stays


def test_escalations_share_once_and_recent_activity(tmp_path, assistant):
    clock = Clock()
    history = History.open(f"sqlite:///{tmp_path}/db.sqlite", clock=clock)
    guidance = assistant.escalate("Customer threatened to sue over the broken sofa.")
    history.save_escalation("e1", "ULEAD", guidance.to_dict())
    assert history.escalation("e1")[0] == "ULEAD"
    assert history.mark_shared("e1") and not history.mark_shared("e1")
    clock.now += timedelta(minutes=5)
    history.save_suggestion("s2", "ULEAD", "C1", "dm", "text", assistant.suggest("my parcel is late"))
    items = history.recent_activity("ULEAD")
    assert [i["kind"] for i in items] == ["suggestion", "escalation"]
    assert items[0]["when"].tzinfo is not None and "(shared)" in items[1]["summary"]
    assert history.recent_activity("USOMEONE") == []


def test_odd_characters_in_a_customers_message_are_stored_not_fatal(database_url, assistant, caplog):
    """A NUL (PostgreSQL refuses it) or a lone surrogate (no encoding has it) must not fail the write,
    and a database error must never log the customer's words."""
    import logging

    from bot.storage.database import DBAPIError

    history = History.open(database_url)
    text = "My order\x00 4411 is late \ud83d and I'm furious"
    history.save_suggestion("odd", "UAGENT", "C1", "dm", text, assistant.suggest("my order is late"))
    stored = history.suggestion("odd").customer_text
    assert "\x00" not in stored and "\ufffd" in stored and "4411 is late" in stored
    caplog.set_level(logging.INFO)
    with pytest.raises(DBAPIError) as failed:  # a real database error: the same id twice
        with history.engine.begin() as conn:
            conn.exec_driver_sql("insert into suggestions (id, user_id, channel_id, source, message_ts, customer_text, "
                                 "signals, severity, engine, tone, created_at) values "
                                 "('odd', 'U', '', 'dm', '', 'SECRET CUSTOMER WORDS', '', 'low', 'offline', '', "
                                 "CURRENT_TIMESTAMP)")
    assert "SECRET CUSTOMER WORDS" in str(failed.value.statement)  # written literally, so not a parameter
    with pytest.raises(DBAPIError) as hidden:
        history.save_suggestion("odd", "UAGENT", "C1", "dm", "PRIVATE WORDS", assistant.suggest("late"))
    assert "PRIVATE WORDS" not in str(hidden.value) and "PRIVATE WORDS" not in caplog.text
