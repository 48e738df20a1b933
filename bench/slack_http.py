"""3. Slack HTTP mode: the real Bolt app (tests/slack_harness.py: build_app + start_http, waitress with
its 8 threads) answering bursts of 1, 10 and 50 simultaneous signed requests, half "Suggest a reply"
message shortcuts and half DM events, against the fake Slack Web API.

Two processes, as in production: this one runs the app; a second "world" process runs the fake
Slack Web API (tests/fakes/slack_api/) and sends the signed requests with the harness's own
helpers, so the load generator and the fake never compete with the app for its interpreter lock.
Both clocks are CLOCK_MONOTONIC, so times compare across the two processes.

Per request:
  ack          send → HTTP 200 from the app (what Slack waits at most 3 s for)
  first post   send → the first call the fake Slack records for that request: the placeholder
               ("Reading the message…": a response_url POST for a shortcut, chat.postMessage in a DM)
  result       send → the second call: the suggestion replacing the placeholder
Each burst is released at once (a barrier), and the next starts when every result has arrived.
Target: ack p99 < 100 ms at 50 concurrent.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import re
import signal
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from bench.common import Context, eval_texts, load_assistant, pcts, row, say, summary

TITLE = "Slack HTTP mode (Bolt + waitress, bursts of signed requests, fake Slack Web API)"
TARGET_ACK_P99_MS = 100.0
LEVELS_FULL = ((1, 30), (10, 10), (50, 8))    # (simultaneous requests, bursts)
LEVELS_QUICK = ((1, 8), (10, 3), (50, 2))
RESULT_TIMEOUT = 60.0


# ------------------------------------------------------------------------------ the world process

class _RemoteFake:
    """What SlackHarness needs of a FakeSlack that lives in the world process: its URLs."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.url = f"{origin}/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.origin}/respond/{quote(name, safe='')}"


def _key(call) -> str | None:
    """Which request a call answers: the response_url name (shortcut) or the DM channel."""
    if call.method.startswith("response_url:"):
        return call.method[len("response_url:"):]
    if call.method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
        return str(call.params.get("channel", ""))
    return None


def world_burst(fake, url: str, specs: list[dict], timeout: float) -> list[dict]:
    from slack_harness import SlackHarness, shortcut_payload

    # The harness's signing and sending, without building an app: only .url and .fake are used.
    client = SlackHarness.__new__(SlackHarness)
    client.fake, client.url, client._events = fake, url, 0

    def request_for(spec: dict):
        if spec["kind"] == "shortcut":
            payload = shortcut_payload(fake, spec["text"], user="UAGENT", channel="C1", ts=spec["ts"],
                                       response_url=spec["key"])
            return lambda: client.interaction(payload)
        event = {"type": "message", "channel_type": "im", "channel": spec["key"], "user": "UAGENT",
                 "ts": spec["ts"], "text": spec["text"]}
        return lambda: client.event(event, event_id=spec["event_id"])

    sends = [request_for(s) for s in specs]
    start_index = len(fake.calls)
    barrier = threading.Barrier(len(specs))
    out: list[dict] = [{} for _ in specs]

    def go(i: int) -> None:
        barrier.wait()
        sent = time.monotonic()
        try:
            answer = sends[i]()
            out[i] = {"sent": sent, "status": answer.status, "ack": answer.seconds}
        except Exception as exc:  # noqa: BLE001 - a refused connection or a timeout is a result too
            out[i] = {"sent": sent, "status": None, "ack": time.monotonic() - sent, "error": repr(exc)[:200]}

    threads = [threading.Thread(target=go, args=(i,), daemon=True) for i in range(len(specs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    wanted = {s["key"]: i for i, s in enumerate(specs)}
    deadline = time.monotonic() + timeout
    while True:
        seen: dict[str, list] = {}
        for call in fake.calls[start_index:]:
            key = _key(call)
            if key in wanted:
                seen.setdefault(key, []).append(call)
        if all(len(seen.get(k, ())) >= 2 for k in wanted) or time.monotonic() > deadline:
            break
        time.sleep(0.005)
    for key, i in wanted.items():
        calls = seen.get(key, [])
        sent = out[i]["sent"]
        out[i].update(kind=specs[i]["kind"], methods=[c.method.split(":")[0] for c in calls],
                      first=(calls[0].at - sent) if calls else None,
                      result=(calls[1].at - sent) if len(calls) > 1 else None,
                      failed_calls=[c.outcome for c in calls if not c.ok])
    return out


def _world_main(conn, commands: str = "bench.slack_http") -> None:
    """The fake Slack Web API and the load generator, in their own process. Each message names a
    function `world_<name>(fake, *args)` of the `commands` module; its return value is sent back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the measurement process stops us when it is done
    from fakes.slack_api import FakeSlack

    fake = FakeSlack().start()
    try:
        fake.add_user("UAGENT", display_name="Ana", tz="Europe/Paris")
        fake.add_user("UCUST", display_name="Customer Carla")
        fake.add_channel("C1", "support")
        conn.send(fake.origin)
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                break
            if message[0] == "stop":
                break
            conn.send(getattr(importlib.import_module(commands), f"world_{message[0]}")(fake, *message[1:]))
    finally:
        fake.close()


# ------------------------------------------------------------------------------ the app side

@contextlib.contextmanager
def slack_world(commands: str, name: str):
    """The world process (fake Slack + load, running `commands`' world_* functions) and the real app
    (SlackHarness on a throwaway SQLite) served to it; both stopped on the way out, however it ends."""
    from slack_harness import SlackHarness

    mp = multiprocessing.get_context("spawn")
    conn, child_conn = mp.Pipe()
    world = mp.Process(target=_world_main, args=(child_conn, commands), name=name, daemon=True)
    world.start()
    tmp = tempfile.TemporaryDirectory(prefix=f"composure-{name}-")
    harness = None
    try:
        if not conn.poll(60):
            raise RuntimeError("the fake Slack process did not start")
        harness = SlackHarness(_RemoteFake(conn.recv()), load_assistant(), Path(tmp.name) / "slack.db")
        yield conn, harness
    finally:
        if harness is not None:
            harness.close()
        try:
            conn.send(("stop",))
        except (OSError, BrokenPipeError):
            pass
        world.join(10)
        if world.is_alive():
            world.terminate()
            world.join(5)
        tmp.cleanup()


class _QueueDepth(logging.Handler):
    """waitress logs "Task queue depth is N" when all its threads are busy; keep the highest N."""

    def __init__(self) -> None:
        super().__init__()
        self.max = 0
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        match = re.search(r"depth is (\d+)", record.getMessage())
        if match:
            self.warnings += 1
            self.max = max(self.max, int(match.group(1)))

    def reset(self) -> tuple[int, int]:
        found = (self.max, self.warnings)
        self.max = self.warnings = 0
        return found


def _specs(texts: list[str], level: int, burst: int, serial: list[int]) -> list[dict]:
    specs = []
    for i in range(level):
        serial[0] += 1
        n = serial[0]
        text = texts[n % len(texts)]
        ts = f"17000{n:05d}.{i:06d}"
        if n % 2 == 1:  # alternate over the whole run, so that bursts of one are mixed too
            specs.append({"kind": "shortcut", "key": f"b{n:06d}", "text": text, "ts": ts})
        else:
            specs.append({"kind": "dm", "key": f"DB{n:06d}", "text": text, "ts": ts, "event_id": f"EvB{n:06d}"})
    return specs


def _ms(values) -> list[float]:
    return [v for v in values if v is not None]


def run(ctx: Context) -> dict:
    levels = LEVELS_QUICK if ctx.quick else LEVELS_FULL
    texts = [t.text for t in eval_texts(ctx.evaldata) if t.file == "complaints.csv" and t.text.strip()]
    depth = _QueueDepth()
    queue_log = logging.getLogger("waitress.queue")
    queue_log.addHandler(depth)
    queue_log.propagate = False

    try:
        with slack_world("bench.slack_http", "bench-slack-world") as (conn, harness):
            serial = [0]

            def burst(level: int, b: int) -> list[dict]:
                conn.send(("burst", harness.url, _specs(texts, level, b, serial), RESULT_TIMEOUT))
                return conn.recv()

            burst(2, 0)  # warm-up (auth.test, first connections, first SQLite writes); not counted
            per_level: dict[int, dict] = {}
            for level, bursts in levels:
                depth.reset()
                results: list[dict] = []
                for b in range(bursts):
                    results += burst(level, b)
                    time.sleep(0.1)
                max_depth, warnings = depth.reset()
                per_level[level] = {"results": results, "bursts": bursts, "waitress_queue_max": max_depth,
                                    "waitress_queue_warnings": warnings}
                ack = summary(_ms(r["ack"] for r in results), 1000, 1)
                say(f"slack_http: {level:>2} concurrent × {bursts} bursts: ack p50 {ack['p50']:.0f} p99 {ack['p99']:.0f} ms")
    finally:
        queue_log.removeHandler(depth)

    rows, details = [], {}
    for level, data in per_level.items():
        results = data["results"]
        ack = summary(_ms(r["ack"] for r in results), 1000, 1)
        first = summary(_ms(r.get("first") for r in results), 1000, 1)
        result = summary(_ms(r.get("result") for r in results), 1000, 1)
        bad = [r for r in results if r.get("status") != 200]
        missing = [r for r in results if r.get("result") is None]
        by_kind = {}
        for kind in ("shortcut", "dm"):
            mine = [r for r in results if r.get("kind") == kind]
            by_kind[kind] = {"ack_ms": summary(_ms(r["ack"] for r in mine), 1000, 1),
                             "first_post_ms": summary(_ms(r.get("first") for r in mine), 1000, 1),
                             "result_ms": summary(_ms(r.get("result") for r in mine), 1000, 1)}
        kinds = " · ".join(f"{k} p50 {v['ack_ms'].get('p50', 0):.0f}/p99 {v['ack_ms'].get('p99', 0):.0f}"
                           for k, v in by_kind.items() if v["ack_ms"].get("n"))
        target = TARGET_ACK_P99_MS if level == 50 else None
        rows.append(row(f"{level:>2} concurrent: ack", ack.get("p99"), "ms", target=target,
                        shown=pcts(ack, "ms", ("p50", "p99")),
                        note=f"n={ack['n']}, max {ack['max']:.0f} ms; {kinds} ms; waitress queue depth up to "
                             f"{data['waitress_queue_max']}" + (f"; {len(bad)} not HTTP 200" if bad else "")))
        rows.append(row(f"{level:>2} concurrent: first Web API post", first.get("p99"), "ms",
                        shown=pcts(first, "ms", ("p50", "p99"))))
        rows.append(row(f"{level:>2} concurrent: suggestion delivered", result.get("p99"), "ms",
                        shown=pcts(result, "ms", ("p50", "p99")),
                        note=f"{len(missing)} requests without a result" if missing else ""))
        details[f"concurrency_{level}"] = {
            "bursts": data["bursts"], "requests": len(results), "ack_ms": ack, "first_post_ms": first,
            "result_ms": result, "by_kind": by_kind, "not_200": len(bad), "without_result": len(missing),
            "errors": sorted({r["error"] for r in results if r.get("error")})[:5],
            "waitress_queue_max": data["waitress_queue_max"], "waitress_queue_warnings": data["waitress_queue_warnings"],
        }
    details["setup"] = {"app": "SlackHarness (build_app + start_http: waitress, 8 threads; work lanes from config/work.toml)",
                        "world": "separate process: FakeSlack + signed requests via SlackHarness.post",
                        "mix": "alternating message shortcut (response_url) and DM event", "texts": "complaints.csv"}
    return {"rows": rows, "details": details}
