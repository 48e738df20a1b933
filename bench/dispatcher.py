"""5. The follow-up dispatcher: 10,000 follow-ups (1,000 with --quick) due at the same instant over
100 channels, delivered by one real Dispatcher (bot/followups/dispatcher.py, in its own thread as
`serve` runs it) through SlackReminderPoster to the fake Slack Web API (no delay), on SQLite and on
PostgreSQL 15 (tests/fakes/postgres.py).

Two runs per database, labelled:
  real pace   per_channel_gap from config/followups.toml (1.0 s: about one post per second per
              channel), so 10,000 over 100 channels cannot take less than (100 − 1) × 1 s = 99 s;
              the figure to compare is the ratio to that floor
  pace-free   per_channel_gap = 0: the dispatcher's own throughput (claim, renew, post, record)

The rows are written first with a due time far ahead; the dispatcher is started (steady state:
it wakes every interval_seconds), then one UPDATE makes all of them due at D = now + 1 s.
  time to deliver all   D → the last reminder recorded by the fake Slack (includes the wait for
                        the dispatcher's next wake-up, ≤ interval_seconds)
  lateness              first post of each follow-up − D, p50 / p99 / max
  duplicates            posts per follow-up id beyond the first (the id is the value of the
                        reminder's buttons); must be 0. "missing" counts ids never posted
  DB work / follow-up   time inside FollowUpStore.claim_due / renew / mark_delivered / release /
                        claim_overdue (a timing subclass) ÷ follow-ups delivered; target < 2 ms
  Slack post / f-u      time inside SlackReminderPoster.post_reminder (HTTP to the fake) ÷ delivered
  pacing sleep          time the dispatcher slept to keep the per-channel pace
"""

from __future__ import annotations

import dataclasses
import math
import tempfile
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

from bench.common import Context, fmt, pcts, row, say, summary

TITLE = "follow-up dispatcher (all due at once over 100 channels; SQLite and PostgreSQL)"
N_FULL, N_QUICK, CHANNELS = 10_000, 1_000, 100
TARGET_DB_MS = 2.0
DUE_IN = 1.0  # seconds between making the rows due and their due time
CLAIM_CHECK_ROWS = 1_000
HOL_BUSY, HOL_QUIET = 200, 200
TIMED = ("claim_due", "renew", "mark_delivered", "release", "claim_overdue")


def _timed_store_class():
    """FollowUpStore whose dispatcher-facing methods record how long each call took."""
    from bot.followups.store import FollowUpStore

    class TimedStore(FollowUpStore):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.spent: dict[str, list[float]] = {name: [] for name in TIMED}
            self.claimed: list[int] = []  # rows returned by each claim_due that returned any

    def timed(name: str):
        base = getattr(FollowUpStore, name)

        def method(self, *args, **kwargs):
            started = time.perf_counter()
            try:
                result = base(self, *args, **kwargs)
            finally:
                self.spent[name].append(time.perf_counter() - started)
            if name == "claim_due" and result:
                self.claimed.append(len(result))
            return result

        method.__name__ = name
        return method

    for name in TIMED:
        setattr(TimedStore, name, timed(name))
    return TimedStore


class _TimedPoster:
    """SlackReminderPoster, timed."""

    def __init__(self, poster) -> None:
        self.poster = poster
        self.spent: list[float] = []

    def post_reminder(self, followup, late):
        started = time.perf_counter()
        try:
            return self.poster.post_reminder(followup, late)
        finally:
            self.spent.append(time.perf_counter() - started)

    def escalate_overdue(self, followup, grace):
        return self.poster.escalate_overdue(followup, grace)


def _seed(engine, n: int, channels: int, channel_of=None, due_of=None) -> None:
    """n pending follow-ups shaped as FollowUpStore.create makes them: by default channel i % channels
    (interleaved, so that any 100 consecutive rows cover every channel) and due far ahead."""
    from sqlalchemy import insert

    from bot.storage.database import utcnow
    from bot.storage.schema import followups

    now = utcnow()
    later = now + timedelta(days=30)
    channel_of = channel_of or (lambda i: f"C{i % channels:04d}")
    due_of = due_of or (lambda i: later)
    rows = [{"id": uuid.uuid4().hex[:16], "owner_id": f"UOWN{i % 37:03d}", "assignee_id": f"UASG{i % 41:03d}",
             "channel_id": channel_of(i), "due_at": due_of(i), "note": f"Call the customer back about case {i}",
             "message_link": f"https://example.slack.com/archives/{channel_of(i)}/p17000000{i:08d}",
             "customer": f"Customer {i}", "status": "pending", "late": False, "created_at": now, "updated_at": now,
             "attempts": 0} for i in range(n)]
    with engine.begin() as conn:
        for start in range(0, n, 1000):
            conn.execute(insert(followups), rows[start:start + 1000])


def _posted_id(call) -> str | None:
    for block in call.params.get("blocks") or []:
        if isinstance(block, dict) and block.get("type") == "actions":
            for element in block.get("elements") or []:
                if element.get("action_id") == "followup_done":
                    return element.get("value")
    return None


def _count(fake, method: str = "chat.postMessage") -> int:
    return sum(1 for c in fake.calls if c.method == method)


def _run_once(url: str, n: int, channels: int, settings, fake, label: str) -> dict:
    from slack_sdk import WebClient
    from sqlalchemy import func, select, update

    from bot.followups.dispatcher import Dispatcher
    from bot.slack.client import retry_handlers
    from bot.slack.reminders import SlackReminderPoster
    from bot.storage.database import migrate, open_engine, utcnow
    from bot.storage.schema import followups

    engine = open_engine(url)
    migrate(engine)
    _seed(engine, n, channels)
    fake.reset()
    client = WebClient(token="xoxb-bench", base_url=fake.url, timeout=15)
    client.retry_handlers.extend(retry_handlers())  # as make_client does
    store = _timed_store_class()(engine)
    poster = _TimedPoster(SlackReminderPoster(client, "#support-escalations"))
    slept = [0.0]

    def pacing_sleep(seconds: float) -> None:
        slept[0] += seconds
        time.sleep(seconds)

    dispatcher = Dispatcher(store, poster, worker_id=f"bench-{label}", settings=settings, sleep=pacing_sleep)
    floor = (math.ceil(n / channels) - 1) * settings.per_channel_gap
    timeout = 60 + 3 * floor + n / 25.0
    thread, stop = dispatcher.start()
    try:
        due_wall = utcnow() + timedelta(seconds=DUE_IN)
        due_mono = time.monotonic() + DUE_IN
        with engine.begin() as conn:
            conn.execute(update(followups).values(due_at=due_wall))
        if time.monotonic() > due_mono:
            say(f"dispatcher: warning: making the rows due took longer than {DUE_IN} s")
        say(f"dispatcher: {label}: {n:,} due at once over {channels} channels"
            + (f" (floor {floor:.0f} s)" if floor else ""))
        deadline = due_mono + timeout
        last_report = time.monotonic()
        while time.monotonic() < deadline:
            posted = _count(fake)
            if posted >= n:
                break
            if time.monotonic() - last_report > 20:
                last_report = time.monotonic()
                say(f"dispatcher: {label}: {posted:,}/{n:,} posted")
            time.sleep(0.25)
        finished = time.monotonic()
        with engine.connect() as conn:  # the post is recorded right after it is made
            for _ in range(100):
                delivered = conn.execute(select(func.count()).select_from(followups)
                                         .where(followups.c.status == "delivered")).scalar_one()
                if delivered >= n:
                    break
                time.sleep(0.1)
    finally:
        stop.set()
        thread.join(30)
        engine.dispose()

    posts = fake.calls_to("chat.postMessage")
    ids = [_posted_id(c) for c in posts]
    per_id = Counter(i for i in ids if i)
    first_at: dict[str, float] = {}
    for call, fid in zip(posts, ids):
        if fid and fid not in first_at:
            first_at[fid] = call.at
    lateness = [at - due_mono for at in first_at.values()]
    duplicates = sum(c - 1 for c in per_id.values() if c > 1)
    timed_out = len(first_at) < n
    last_post = max(first_at.values()) if first_at else finished
    first_post = min(first_at.values()) if first_at else finished
    db_by_method = {name: {"calls": len(v), "total_s": round(sum(v), 3), **summary(v, 1000, 3)}
                    for name, v in store.spent.items() if v}
    db_total = sum(sum(v) for v in store.spent.values())
    return {
        "label": label, "followups": n, "channels": channels, "per_channel_gap_s": settings.per_channel_gap,
        "batch": settings.batch, "interval_s": settings.interval, "floor_s": floor,
        "delivered_db": delivered, "posted_unique": len(first_at), "posts": len(posts), "duplicates": duplicates,
        "ids_posted_more_than_once": sum(1 for c in per_id.values() if c > 1), "missing": n - len(first_at),
        "posts_without_id": sum(1 for i in ids if not i), "timed_out": timed_out,
        "time_to_deliver_all_s": round(last_post - due_mono, 3),
        "first_post_after_due_s": round(first_post - due_mono, 3),
        "delivery_span_s": round(last_post - first_post, 3),
        "throughput_per_s": round(len(first_at) / (last_post - first_post), 1) if last_post > first_post else None,
        "lateness_s": summary(lateness, 1, 3),
        "db_ms_per_followup": round(db_total * 1000 / max(1, delivered), 3),
        "db_by_method_ms": db_by_method,
        "slack_post_ms_per_followup": round(sum(poster.spent) * 1000 / max(1, delivered), 3),
        "slack_post_ms": summary(poster.spent, 1000, 3),
        "pacing_sleep_s": round(slept[0], 2),
        "claims_with_rows": len(store.claimed), "largest_claim": max(store.claimed, default=0),
        "claim_sizes_head": store.claimed[:10],
    }


def _empty_transaction_ms(url: str, repeat: int = 300, pooled: bool = False) -> float:
    """Cost of one empty transaction on the bot's own engine (open_engine): the fixed price of each
    store call before any SQL runs (on SQLite a new connection and its PRAGMAs every time). With
    pooled=True, the same on SQLite with SQLAlchemy's default pool, for comparison."""
    from sqlalchemy import create_engine, event, text

    from bot.storage.database import _sqlite_pragmas, open_engine

    if pooled:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = open_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT 1"))
        started = time.perf_counter()
        for _ in range(repeat):
            with engine.begin() as conn:
                conn.execute(text("SELECT 1"))
        return round((time.perf_counter() - started) * 1000 / repeat, 3)
    finally:
        engine.dispose()


def _claim_check(url: str, n: int, batch: int) -> dict:
    """One FollowUpStore.claim_due(batch) on a fresh table with n due rows: how many rows it claims
    (the configured batch is the most it should) and how long it takes."""
    from bot.followups.store import FollowUpStore
    from bot.storage.database import migrate, open_engine, utcnow

    engine = open_engine(url)
    try:
        migrate(engine)
        due = utcnow() - timedelta(seconds=5)
        _seed(engine, n, CHANNELS, due_of=lambda i: due)
        started = time.perf_counter()
        claimed = FollowUpStore(engine).claim_due("bench-claim-check", batch, timedelta(seconds=60))
        return {"due_rows": n, "batch": batch, "claimed": len(claimed),
                "ms": round((time.perf_counter() - started) * 1000, 2)}
    finally:
        engine.dispose()


class _VirtualClock:
    """The dispatcher's pacing clock, with sleeping replaced by moving the clock on (as the tests
    do): the real work runs at full speed and the pace is accounted for, not waited for."""

    def __init__(self) -> None:
        self.offset = 0.0

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += max(0.0, seconds)


def _head_of_line(url: str, busy: int, quiet: int, settings, fake) -> dict:
    """`busy` reminders in one channel due first, then `quiet` ones over the 99 other channels due
    a second later; one dispatcher pass at the real per-channel pace on a simulated clock. How late
    are the quiet channels' reminders, which nothing in Slack's pace holds back?"""
    from slack_sdk import WebClient

    from bot.followups.dispatcher import Dispatcher
    from bot.followups.store import FollowUpStore
    from bot.slack.reminders import SlackReminderPoster
    from bot.storage.database import migrate, open_engine, utcnow

    engine = open_engine(url)
    try:
        migrate(engine)
        base = utcnow() - timedelta(seconds=30)
        _seed(engine, busy + quiet, CHANNELS,
              channel_of=lambda i: "C0000" if i < busy else f"C{1 + (i - busy) % (CHANNELS - 1):04d}",
              due_of=lambda i: base if i < busy else base + timedelta(seconds=1))
        fake.reset()
        clock = _VirtualClock()
        posted: list[tuple[str, float]] = []
        slack = SlackReminderPoster(WebClient(token="xoxb-bench", base_url=fake.url, timeout=15), "#support-escalations")

        class Recording:
            def post_reminder(self, followup, late):
                answer = slack.post_reminder(followup, late)
                posted.append((followup.channel_id, clock.monotonic()))
                return answer

            def escalate_overdue(self, followup, grace):
                return slack.escalate_overdue(followup, grace)

        dispatcher = Dispatcher(FollowUpStore(engine), Recording(), "bench-hol", settings,
                                monotonic=clock.monotonic, sleep=clock.sleep)
        start = clock.monotonic()
        real_start = time.monotonic()
        dispatcher.deliver_due()
        real_seconds = time.monotonic() - real_start
    finally:
        engine.dispose()
    quiet_at = [at - start for channel, at in posted if channel != "C0000"]
    busy_at = [at - start for channel, at in posted if channel == "C0000"]
    per_quiet_channel = math.ceil(quiet / (CHANNELS - 1))
    return {"busy_channel_followups": busy, "quiet_followups": quiet, "quiet_channels": CHANNELS - 1,
            "per_channel_gap_s": settings.per_channel_gap, "posted": len(posted),
            "quiet_lateness_simulated_s": summary(quiet_at, 1, 2), "busy_last_post_simulated_s": round(max(busy_at, default=0), 2),
            "quiet_ideal_s": (per_quiet_channel - 1) * settings.per_channel_gap + 1,
            "real_seconds": round(real_seconds, 2)}


def _rows_for(db: str, kind: str, r: dict) -> list[dict]:
    name = f"{db}, {kind}"
    late = r["lateness_s"]
    rows = []
    if kind == "real pace":
        rows.append(row(f"{name}: time to deliver all", r["time_to_deliver_all_s"], "s",
                        note=f"{r['followups']:,} over {r['channels']} ch; pace floor {r['floor_s']:.0f} s → "
                             f"{r['time_to_deliver_all_s'] / r['floor_s']:.2f}× the floor; slept {r['pacing_sleep_s']:.0f} s "
                             f"pacing" if r["floor_s"] else ""))
    else:
        rows.append(row(f"{name}: throughput", r["throughput_per_s"], "/s",
                        note=f"all {r['followups']:,} delivered {r['time_to_deliver_all_s']:.1f} s after due "
                             f"(first post after {r['first_post_after_due_s']:.2f} s)"))
    rows.append(row(f"{name}: lateness", late.get("p99"), "s", shown=pcts(late, "s", ("p50", "p99")),
                    note=f"max {fmt(late.get('max'), 's')}"))
    rows.append(row(f"{name}: duplicates", r["duplicates"], "", target=0, op="==",
                    note=(f"{r['missing']:,} never posted (timed out)" if r["missing"] else "none missing")))
    m = r["db_by_method_ms"]
    parts = " · ".join(f"{k} {v['mean']:.2f}" for k, v in m.items() if k in ("claim_due", "renew", "mark_delivered"))
    rows.append(row(f"{name}: DB work per follow-up", r["db_ms_per_followup"], "ms", target=TARGET_DB_MS,
                    note=f"mean per call (ms): {parts}; Slack post {r['slack_post_ms_per_followup']:.2f} ms/f-u"))
    rows.append(row(f"{name}: largest claim (config batch)", r["largest_claim"], "rows", target=r["batch"], op="<=",
                    note=f"{r['claims_with_rows']} claims returned rows; first sizes {r['claim_sizes_head'][:5]}"))
    return rows


def run(ctx: Context) -> dict:
    from fakes.postgres import PostgresServer, PostgresUnavailable
    from fakes.slack_api import FakeSlack

    from bench import REPO
    from bot.followups.dispatcher import DispatchSettings
    from bot.settings import load_settings

    n = N_QUICK if ctx.quick else N_FULL
    config = load_settings({"COMPOSURE_CONFIG": str(REPO / "config")}, None)
    real = DispatchSettings.from_config(config.followups)
    free = dataclasses.replace(real, per_channel_gap=0.0)
    runs: dict[str, dict] = {}
    rows: list[dict] = []
    overhead: dict[str, float] = {}
    checks: dict[str, dict] = {}
    hol: dict = {}
    ctx.partial.update(rows=rows, details={"runs": runs, "claim_check": checks})
    tmp = tempfile.TemporaryDirectory(prefix="composure-bench-dispatch-")
    pg = None
    try:
        with FakeSlack() as fake:
            databases: list[tuple[str, callable]] = [
                ("sqlite", lambda label: f"sqlite:///{Path(tmp.name) / (label + '.db')}")]
            try:
                started = time.monotonic()
                pg = PostgresServer().start()
                say(f"dispatcher: PostgreSQL started in {time.monotonic() - started:.1f} s (port {pg.port})")
                databases.append(("postgresql", lambda label: pg.new_database(label)))
            except PostgresUnavailable as exc:
                rows.append(row("postgresql", None, note=f"skipped: {exc}"))
            for db, url_for in databases:
                overhead[db] = _empty_transaction_ms(url_for(f"{db}_overhead"))
                checks[db] = _claim_check(url_for(f"{db}_claim_check"), CLAIM_CHECK_ROWS, real.batch)
                rows.append(row(f"{db}: one claim_due on {CLAIM_CHECK_ROWS:,} due rows (config batch)",
                                checks[db]["claimed"], "rows", target=real.batch, op="<=",
                                note=f"took {checks[db]['ms']:.0f} ms"))
                for kind, settings in (("pace-free", free), ("real pace", real)):
                    label = f"{db}_{kind.replace(' ', '_').replace('-', '_')}"
                    result = _run_once(url_for(label), n, CHANNELS, settings, fake, label)
                    runs[f"{db}, {kind}"] = result
                    say(f"dispatcher: {label}: all in {result['time_to_deliver_all_s']:.1f} s, "
                        f"{result['throughput_per_s']}/s, DB {result['db_ms_per_followup']:.2f} ms/f-u, "
                        f"duplicates {result['duplicates']}, missing {result['missing']}")
                    rows += _rows_for(db, kind, result)
                note = "fixed cost of every store call before its SQL"
                if db == "sqlite":
                    overhead["sqlite_pooled"] = _empty_transaction_ms(url_for("sqlite_pooled"), pooled=True)
                    note += f"; {overhead['sqlite_pooled']:.3f} ms with a connection pool (SQLAlchemy's default)"
                rows.append(row(f"{db}: one empty transaction (open_engine)", overhead[db], "ms", note=note))
            say("dispatcher: head-of-line scenario (simulated pacing clock)")
            hol = _head_of_line(databases[0][1]("sqlite_head_of_line"), HOL_BUSY, HOL_QUIET, real, fake)
            q = hol["quiet_lateness_simulated_s"]
            rows.append(row("sqlite, real pace: quiet channels behind a busy one", q.get("p50"), "s",
                            shown=pcts(q, "s", ("p50", "max")),
                            note=f"simulated pacing clock: {HOL_QUIET} reminders over {CHANNELS - 1} channels, due 1 s "
                                 f"after {HOL_BUSY} in one channel; the per-channel pace alone allows "
                                 f"≈{hol['quiet_ideal_s']:.0f} s (busy channel's last post at "
                                 f"{hol['busy_last_post_simulated_s']:.0f} s)"))
    finally:
        if pg is not None:
            pg.stop()
        tmp.cleanup()
    return {"rows": rows, "details": {"runs": runs, "empty_transaction_ms": overhead, "claim_check": checks,
                                      "head_of_line_simulated": hol,
                                      "settings_real_pace": dataclasses.asdict(real),
                                      "followups": n, "channels": CHANNELS}}
