"""Follow-ups in the database: permissions, history, claiming, overdue once, and upgrades in place."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, inspect, select

from bot.followups.store import FollowUpStore, NotAllowed
from bot.storage.database import migrate, open_engine
from bot.storage.schema import MIGRATIONS, schema_migrations, suggestions

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(database_url):
    engine = open_engine(database_url)
    migrate(engine)
    return FollowUpStore(engine, Clock())


def test_create_defaults_and_history(store):
    f = store.create("UOWNER", "C1", T0 + timedelta(hours=2), "check the refund", customer="Acme",
                     message_link="https://slack.example/archives/C1/p1")
    assert f.assignee_id == "UOWNER" and f.status == "pending" and f.due_at == T0 + timedelta(hours=2)
    assert [c.action for c in store.history(f.id)] == ["created"]


def test_only_owner_assignee_or_lead_may_change(store):
    f = store.create("UOWNER", "C1", T0 + timedelta(hours=2), "x")
    with pytest.raises(NotAllowed, match="belongs to") as refused:
        store.complete(f.id, "USTRANGER")
    assert "UOWNER" not in str(refused.value)  # a refusal names no one: anyone may try any id
    store.reassign(f.id, "UOWNER", "UHELPER")
    store.snooze(f.id, "UHELPER", T0 + timedelta(hours=5))
    store.complete(f.id, "ULEAD", is_lead=True)
    with pytest.raises(NotAllowed, match="already done"):
        store.cancel(f.id, "UOWNER")
    assert [(c.actor, c.action) for c in store.history(f.id)] == [
        ("UOWNER", "created"), ("UOWNER", "reassigned"), ("UHELPER", "snoozed"), ("ULEAD", "done")]


def test_claims_are_exclusive_and_leases_expire(store):
    for i in range(5):
        store.create("U1", f"C{i}", T0 - timedelta(minutes=i), f"n{i}")
    first = store.claim_due("w1", 3, timedelta(seconds=30))
    second = store.claim_due("w2", 10, timedelta(seconds=30))
    assert len(first) == 3 and len(second) == 2 and not {f.id for f in first} & {f.id for f in second}
    assert [f.note for f in first] == ["n4", "n3", "n2"]  # oldest first
    assert store.claim_due("w3", 10, timedelta(seconds=30)) == []
    store.clock.now += timedelta(seconds=31)  # w1 and w2 crashed: their leases run out
    assert len(store.claim_due("w3", 10, timedelta(seconds=30))) == 5


def test_delivery_is_recorded_only_by_the_claim_holder(store):
    f = store.create("U1", "C1", T0, "n")
    [claimed] = store.claim_due("w1", 10, timedelta(seconds=30))
    assert not store.mark_delivered(claimed, "w2", "C1", "1.1", False, "x")
    assert store.mark_delivered(claimed, "w1", "C1", "1.1", False, "posted")
    assert store.get(f.id).status == "delivered" and store.claim_due("w1", 10, timedelta(seconds=30)) == []


def test_overdue_is_escalated_once_and_snooze_starts_a_new_cycle(store):
    f = store.create("U1", "C1", T0, "n")
    [claimed] = store.claim_due("w1", 10, timedelta(seconds=30))
    store.mark_delivered(claimed, "w1", "C1", "1.1", False, "posted")
    store.clock.now += timedelta(hours=23)
    assert store.claim_overdue(timedelta(hours=24)) == []
    store.clock.now += timedelta(hours=2)
    assert [o.id for o in store.claim_overdue(timedelta(hours=24))] == [f.id]
    assert store.claim_overdue(timedelta(hours=24)) == []
    store.snooze(f.id, "U1", store.clock.now + timedelta(hours=1))
    assert store.get(f.id).status == "pending" and store.get(f.id).escalated_at is None


def test_a_database_from_the_previous_version_upgrades_in_place(tmp_path):
    engine = open_engine(f"sqlite:///{tmp_path}/old.db")
    version, _, create_v1 = MIGRATIONS[0]
    with engine.begin() as conn:
        schema_migrations.create(conn)
        create_v1(conn)
        conn.execute(insert(schema_migrations).values(version=version, applied_at=T0))
        conn.execute(insert(suggestions).values(id="s-old", user_id="U1", channel_id="C1", source="dm", message_ts="",
                                                customer_text="hi", signals="", severity="low", engine="offline",
                                                tone="", created_at=T0))
    assert "followups" not in inspect(engine).get_table_names()
    assert migrate(engine) == [v for v, _, _ in MIGRATIONS[1:]]
    with engine.connect() as conn:
        assert conn.execute(select(suggestions.c.id)).scalars().all() == ["s-old"]
    assert {"followups", "followup_events"} <= set(inspect(engine).get_table_names())


def test_a_claim_takes_no_more_than_its_batch(store):
    """PostgreSQL once ran `IN (SELECT … LIMIT n)` per row and claimed every due row at once."""
    for i in range(1000):
        store.create("U1", f"C{i % 100:03d}", T0 - timedelta(seconds=i), f"n{i}")
    first = store.claim_due("w1", 20, timedelta(seconds=30))
    second = store.claim_due("w2", 20, timedelta(seconds=30))
    assert len(first) == 20 and len(second) == 20 and not {f.id for f in first} & {f.id for f in second}


def test_done_and_snooze_pressed_together_serialise(store):
    """Thirty pairs of concurrent presses. Each change applies to the row as its presser saw it, or is
    refused saying what happened: a "Done" that was shown is never undone by a snooze read before it."""
    import threading

    for i in range(30):
        f = store.create("UOWNER", "C1", T0 + timedelta(hours=2), f"pair {i}")
        start, outcomes = threading.Barrier(2), {}

        def press(name, change):
            start.wait()
            try:
                change()
                outcomes[name] = "applied"
            except NotAllowed as exc:
                outcomes[name] = str(exc)

        threads = [threading.Thread(target=press, args=("done", lambda: store.complete(f.id, "UOWNER"))),
                   threading.Thread(target=press, args=("snooze", lambda: store.snooze(f.id, "UOWNER", T0 + timedelta(hours=5))))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        actions = [c.action for c in store.history(f.id)][1:]
        assert outcomes["done"] == "applied" or "done" not in actions
        if outcomes["done"] == "applied":
            assert store.get(f.id).status == "done" and actions[-1] == "done", (outcomes, actions)
        assert len(actions) == list(outcomes.values()).count("applied")  # every applied change is logged once
