"""PostgreSQL stopped and started again in the middle of a run.

The Slack app on a PostgreSQL-backed History keeps acknowledging at once while the database is
away; the work behind each acknowledgement waits for it (store operations retry for up to
bot.storage.database.DB_OUTAGE_SECONDS) and is delivered once it is back, exactly once, with
nothing lost. The dispatcher keeps running through the outage and then delivers every reminder,
including those that fell due meanwhile, each exactly once.
"""

from __future__ import annotations

import collections
import time
from datetime import datetime, timedelta, timezone

import pytest
from fakes.postgres import private_postgres_server  # noqa: F401  (function-scoped: free to stop)
from fault_support import UrlHarness, assert_nothing_leaked, references, wait_until
from slack_harness import all_text, shortcut_payload
from slack_sdk import WebClient
from sqlalchemy import text

from bot.followups.dispatcher import Dispatcher, DispatchSettings
from bot.followups.store import FollowUpStore
from bot.slack.client import retry_handlers
from bot.slack.reminders import SlackReminderPoster
from bot.storage.database import migrate, open_engine

OUTAGE = 1.5  # seconds PostgreSQL stays down under the dispatcher; well inside DB_OUTAGE_SECONDS


@pytest.fixture
def pg_slack(private_postgres_server, fake_slack, assistant):
    """The real app over HTTP, its History on a PostgreSQL server the test may stop."""
    fake_slack.add_usergroup("support-leads", "S0LEADS", ["ULEAD"])
    fake_slack.add_user("UAGENT", display_name="Ana", tz="Europe/Paris")
    fake_slack.add_user("ULEAD", display_name="Lee", tz="America/New_York")
    harness = UrlHarness(fake_slack, assistant, private_postgres_server.new_database("slack"))
    yield harness, private_postgres_server
    harness.close()


def _dm(n: int, text: str) -> dict:
    return {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
            "ts": f"17000001{n:02d}.000100", "text": text}


def test_the_slack_app_keeps_serving_through_a_database_restart(pg_slack):
    slack, server = pg_slack
    fake = slack.fake
    assert slack.event(_dm(1, "Where is my parcel? Before the outage."), event_id="EvBefore").status == 200
    fake.wait_for("chat.update")  # the pools hold live connections now

    server.stop_only(mode="immediate")  # like a crash; started again only once every acknowledgement is in hand
    acks = [slack.event(_dm(2, "Third time asking: where is my refund?"), event_id="EvDuring"),
            slack.event(_dm(2, "Third time asking: where is my refund?"), event_id="EvDuring", retry_num=1),
            slack.interaction(shortcut_payload(fake, "You lost my parcel again, I want my money back.")),
            slack.command("/followup", "tomorrow 10am call Dana back", "UAGENT", response_url=fake.response_url("f")),
            slack.command("/escalate", "He swore at the agent and says his lawyer will call.", "ULEAD",
                          response_url=fake.response_url("e"))]
    assert all(a.status == 200 for a in acks), [a.status for a in acks]  # none of them waited for the database
    server.start_again()

    # Once PostgreSQL is back, everything asked during the outage is delivered.
    updates = fake.wait_for("chat.update", count=2, timeout=20)
    assert "refund" in all_text(updates[1].params["blocks"])
    suggestion = fake.wait_for("response_url:r1", count=2, timeout=20)[1].params
    assert "draft_empathetic" in {b.get("block_id") for b in suggestion["blocks"]}
    assert "Follow-up set" in all_text(fake.wait_for("response_url:f", timeout=20)[0].params)
    assert "handoff" in {b.get("block_id") for b in fake.wait_for("response_url:e", timeout=20)[0].params["blocks"]}

    # Exactly once: the retried event did not make a second suggestion; nothing was lost.
    time.sleep(0.3)
    assert len(fake.calls_to("chat.update")) == 2 and len(fake.calls_to("chat.postMessage")) == 2
    assert len(fake.calls_to("response_url:r1")) == 2
    with slack.history.engine.connect() as conn:
        assert conn.execute(text("select count(*) from suggestions")).scalar() == 3
        assert conn.execute(text("select count(*) from escalations")).scalar() == 1
    [followup] = slack.services.followups.open_for("UAGENT")
    assert followup.note == "call Dana back"
    assert references(fake) == []  # nobody was told "something went wrong"
    assert_nothing_leaked(fake)

    # And the app goes on as before, with what it remembered before the outage.
    assert slack.event(_dm(1, "Where is my parcel? Before the outage."), event_id="EvBefore", retry_num=2).status == 200
    assert slack.event(_dm(3, "After the outage: still no parcel."), event_id="EvAfter").status == 200
    fake.wait_for("chat.update", count=3)
    time.sleep(0.3)
    assert len(fake.calls_to("chat.update")) == 3


def test_the_dispatcher_runs_through_a_database_restart_and_delivers_each_reminder_once(private_postgres_server,
                                                                                       fake_slack, caplog):
    server = private_postgres_server
    url = server.new_database("dispatch")
    engine = open_engine(url)
    migrate(engine)
    store = FollowUpStore(engine)
    client = WebClient(token="xoxb-test", base_url=fake_slack.url)
    client.retry_handlers.extend(retry_handlers(backoff_factor=0.01))
    dispatcher = Dispatcher(store, SlackReminderPoster(client, "#support-escalations"), "w1",
                            DispatchSettings(interval=0.05, per_channel_gap=0.0))
    fake_slack.delay("chat.postMessage", 0.05)  # posts take a moment, so the outage can land mid-batch

    now = datetime.now(timezone.utc)
    due_now = [store.create(f"U{i}", f"C{i % 3}", now - timedelta(seconds=i), f"due now {i}").id for i in range(8)]
    due_during = [store.create(f"U{i}", f"C{i % 3}", now + timedelta(seconds=0.8 + i * 0.2), f"due during {i}").id
                  for i in range(6)]
    ids = set(due_now + due_during)

    thread, stop = dispatcher.start()
    try:
        wait_until(lambda: len(fake_slack.calls_to("chat.postMessage")) >= 2, timeout=10, what="the first posts")
        server.stop_only(mode="immediate")  # like a crash, in the middle of a batch
        time.sleep(OUTAGE)  # while reminders fall due
        server.start_again()
        wait_until(lambda: all(store.get(i).status == "delivered" for i in ids), timeout=30,
                   what="every reminder delivered after the restart", interval=0.1)
        assert thread.is_alive()  # the outage did not kill the loop
    finally:
        stop.set()
        thread.join(timeout=10)
        engine.dispose()

    posts = collections.Counter()
    for call in fake_slack.calls_to("chat.postMessage"):
        if call.ok:
            posts[next(e["value"] for b in call.params["blocks"] if b["type"] == "actions" for e in b["elements"])] += 1
    assert set(posts) == ids, "nothing lost"
    assert max(posts.values()) == 1, f"posted twice: {[i for i, n in posts.items() if n > 1]}"
    assert any("database unavailable" in r.getMessage() or "dispatcher pass failed" in r.getMessage()
               for r in caplog.records), "the outage was really met"
    assert_nothing_leaked(fake_slack)
