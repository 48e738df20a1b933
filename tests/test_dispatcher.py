"""The dispatcher against the fake Slack Web API, with an injected clock instead of sleeping."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from slack_sdk import WebClient

from bot.followups.dispatcher import DispatchSettings, Dispatcher
from bot.followups.store import FollowUpStore
from bot.slack.client import retry_handlers
from bot.slack.reminders import SlackReminderPoster
from bot.storage.database import migrate, open_engine

T0 = datetime(2026, 11, 22, 9, 0, tzinfo=timezone.utc)


class FakeTime:
    """One clock for the store (UTC) and the dispatcher (monotonic); sleeping just moves it on."""

    def __init__(self) -> None:
        self.now = T0
        self.slept: list[float] = []

    def utc(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return (self.now - T0).total_seconds()

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def world(database_url, fake_slack):
    time = FakeTime()
    engine = open_engine(database_url)
    migrate(engine)
    store = FollowUpStore(engine, time.utc)
    client = WebClient(token="xoxb-test", base_url=fake_slack.url)
    client.retry_handlers.extend(retry_handlers(backoff_factor=0.01))
    dispatcher = Dispatcher(store, SlackReminderPoster(client, "#support-escalations"), "w1",
                            DispatchSettings(per_channel_gap=1.0, grace=timedelta(hours=24)),
                            monotonic=time.monotonic, sleep=time.sleep)
    return time, store, dispatcher, fake_slack


def test_due_reminders_are_posted_once_mentioning_the_assignee(world):
    time, store, dispatcher, fake = world
    f = store.create("UOWNER", "C1", T0 + timedelta(minutes=5), "check the refund for Acme", assignee_id="UHELP")
    assert dispatcher.run_once() == 0 and not fake.calls_to("chat.postMessage")
    time.now += timedelta(minutes=5)
    assert dispatcher.run_once() == 1
    [post] = fake.calls_to("chat.postMessage")
    assert post.params["channel"] == "C1" and "<@UHELP>" in str(post.params["blocks"])
    actions = [e.get("action_id") for b in post.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert actions == ["followup_done", "followup_snooze_1h", "followup_snooze_tomorrow", "followup_reassign"]
    assert store.get(f.id).status == "delivered" and store.get(f.id).posted_ts == post.response["ts"]
    assert dispatcher.run_once() == 0 and len(fake.calls_to("chat.postMessage")) == 1


def test_after_downtime_overdue_reminders_go_out_oldest_first_marked_late(world):
    time, store, dispatcher, fake = world
    for hours in (3, 1, 2):
        store.create("U1", f"C{hours}", T0 - timedelta(hours=hours), f"due {hours}h ago")
    dispatcher.run_once()
    notes = [str(c.params["blocks"]) for c in fake.calls_to("chat.postMessage")]
    assert [n.count("due 3h ago") + 2 * n.count("due 2h ago") + 3 * n.count("due 1h ago") for n in notes] == [1, 2, 3]
    assert all("Late" in n for n in notes)
    assert all(store.get(f.id).late for f in store.open_for("U1"))


def test_pace_is_about_one_message_per_second_per_channel(world):
    time, store, dispatcher, fake = world
    busy = [store.create("U1", "CBUSY", T0, f"busy {i}") for i in range(4)]
    quiet = [store.create("U1", "CQUIET", T0, f"quiet {i}") for i in range(2)]
    for _ in range(20):
        dispatcher.run_once()
        time.now += timedelta(seconds=0.25)
    assert len(fake.calls_to("chat.postMessage")) == 6

    def delivered_at(f):
        return next(c.at for c in store.history(f.id) if c.action == "delivered")

    for group in (busy, quiet):
        times = sorted(delivered_at(f) for f in group)
        assert all(b - a >= timedelta(seconds=0.99) for a, b in zip(times, times[1:]))
    assert delivered_at(quiet[0]) - T0 < timedelta(seconds=1)  # the quiet channel did not wait its turn


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
def test_unreachable_channel_falls_back_to_a_dm_to_the_owner_saying_why(world, error):
    time, store, dispatcher, fake = world
    fake.fail("chat.postMessage", error)
    f = store.create("UOWNER", "CGONE", T0, "call Acme back")
    assert dispatcher.run_once() == 1
    dm = fake.calls_to("chat.postMessage")[-1]
    assert dm.response["channel"].startswith("D") and "couldn't post this follow-up" in str(dm.params["blocks"])
    assert fake.calls_to("conversations.open")[0].params["users"] == "UOWNER"
    assert any(c.action == "delivered" and error in c.detail for c in store.history(f.id))


def test_slack_errors_are_retried_with_backoff(world):
    time, store, dispatcher, fake = world
    fake.server_error("chat.postMessage", status=503, times=4)  # slack_sdk retries twice, then ours
    f = store.create("U1", "C1", T0, "n")
    assert dispatcher.run_once() == 1
    assert [c.outcome for c in fake.calls_to("chat.postMessage")][-1] == "ok"
    assert store.get(f.id).status == "delivered"


def test_a_failing_slack_releases_the_claim_for_later(world):
    time, store, dispatcher, fake = world
    fake.server_error("chat.postMessage", status=500, times=50)
    f = store.create("U1", "C1", T0, "n")
    assert dispatcher.run_once() == 0
    assert store.get(f.id).status == "pending" and any(c.action == "retry" for c in store.history(f.id))
    fake.reset()
    time.now += timedelta(minutes=11)
    assert dispatcher.run_once() == 1


def test_overdue_reminders_are_escalated_once_to_the_lead_channel(world):
    time, store, dispatcher, fake = world
    f = store.create("UOWNER", "C1", T0, "send the credit note", assignee_id="UHELP")
    dispatcher.run_once()
    time.now += timedelta(hours=25)
    dispatcher.run_once()
    dispatcher.run_once()
    escalations = [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "#support-escalations"]
    assert len(escalations) == 1
    text = str(escalations[0].params["blocks"])
    assert "<@UHELP>" in text and "<@UOWNER>" in text and "send the credit note" in text


def test_done_reminders_are_not_escalated(world):
    time, store, dispatcher, fake = world
    f = store.create("UOWNER", "C1", T0, "x")
    dispatcher.run_once()
    store.complete(f.id, "UOWNER")
    time.now += timedelta(hours=25)
    dispatcher.run_once()
    assert not [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "#support-escalations"]


def test_one_busy_channel_does_not_hold_up_the_others(world):
    time, store, dispatcher, fake = world
    for i in range(30):
        store.create("U1", "CBUSY", T0 - timedelta(seconds=60 - i), f"busy {i}")
    quiet = [store.create("U1", f"CQUIET{i}", T0 - timedelta(seconds=10), f"quiet {i}") for i in range(10)]
    dispatcher.run_once()
    assert all(store.get(f.id).status == "delivered" for f in quiet)  # in the first pass, not after 30 s
    assert time.now - T0 < timedelta(seconds=2)
    for _ in range(40):  # the busy channel keeps its pace: about one a second
        time.now += timedelta(seconds=1)
        dispatcher.run_once()
    busy = [c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "CBUSY"]
    assert len(busy) == 30 and len({c.params["blocks"][-1]["elements"][0]["value"] for c in busy}) == 30


def test_a_reminder_slack_accepted_but_answered_too_late_is_not_posted_again(world):
    """Slack takes chat.postMessage but its answer arrives after our timeout: the retry finds the
    post by its metadata (the follow-up's id) instead of posting a second copy."""
    time, store, _, fake = world
    client = WebClient(token="xoxb-test", base_url=fake.url, timeout=0.5)
    dispatcher = Dispatcher(store, SlackReminderPoster(client, "#support-escalations"), "w1",
                            DispatchSettings(per_channel_gap=1.0, grace=timedelta(hours=24)),
                            monotonic=time.monotonic, sleep=time.sleep)
    f = store.create("UOWNER", "C1", T0 - timedelta(minutes=1), "check the refund for Acme")
    fake.delay("chat.postMessage", 1.5)
    assert dispatcher.run_once() == 1
    fake.delay("chat.postMessage", 0)
    [post] = fake.calls_to("chat.postMessage")  # one post, though the first answer never arrived in time
    assert post.params["metadata"]["event_payload"]["followup_id"] == f.id
    assert store.get(f.id).status == "delivered" and store.get(f.id).posted_ts == post.response["ts"]


def test_a_first_post_does_not_search_the_channel_but_a_post_after_a_crash_does(world):
    """Looking for an earlier post (conversations.history) is for retries only: on every first post it
    made each reminder cost two Web API calls. A claim whose dispatcher died after posting is found."""
    time, store, dispatcher, fake = world
    first = store.create("UOWNER", "C1", T0 - timedelta(minutes=1), "call Dana back")
    assert dispatcher.run_once() == 1
    assert not fake.calls_to("conversations.history")

    crashed = store.create("UOWNER", "C2", T0 - timedelta(minutes=1), "chase the courier")
    [claimed] = store.claim_due("dead-dispatcher", 10, timedelta(seconds=60))  # it posted, then died
    WebClient(token="xoxb-test", base_url=fake.url).chat_postMessage(
        channel="C2", text="reminder", metadata={"event_type": "composure_followup",
                                                 "event_payload": {"followup_id": claimed.id}})
    time.now += timedelta(seconds=61)
    assert dispatcher.run_once() == 1
    assert fake.calls_to("conversations.history")
    assert len([c for c in fake.calls_to("chat.postMessage") if c.params["channel"] == "C2"]) == 1
    assert store.get(crashed.id).status == "delivered" and store.get(first.id).status == "delivered"
