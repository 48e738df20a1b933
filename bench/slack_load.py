"""6. Slack under load with a slow Slack: every Web API call answers after 150 ms (SLACK_LATENCY).

The real app (tests/slack_harness.py: build_app + start_http, the inbox on SQLite) in this process;
the fake Slack Web API and the load in a second process (bench.slack_http's world). Each round sends
a burst of 80 DM events at once and, 100 ms later while the suggestions are being written, 10
"Create a follow-up" shortcuts, each of which must open a form with its trigger_id. The fake refuses
a trigger older than 3 s with `expired_trigger_id`, as Slack does.

Per request: the acknowledgement; for a DM, send → its suggestion (the second call in its channel:
the placeholder, then the suggestion in its place); for a form, send → its views.open call, and
whether Slack still accepted the trigger. Target: views.open p99 < 2.5 s.
"""

from __future__ import annotations

import threading
import time

from bench.common import Context, eval_texts, pcts, row, say, summary
from bench.slack_http import slack_world

TITLE = "Slack under load (150 ms per Web API call; 80 DMs at once, then forms)"
SLACK_LATENCY = 0.150
TRIGGER_LIFE = 3.0
DMS, FORMS = 80, 10
ROUNDS_FULL, ROUNDS_QUICK = 4, 1
TARGET_FORM_P99_S = 2.5
RESULT_TIMEOUT = 120.0


# ------------------------------------------------------------------------------ the world process

def world_slow(fake, latency: float, trigger_life: float) -> str:
    fake.delay("*", latency)
    fake.trigger_life = trigger_life
    return "ok"


def _sender(fake, url: str):
    from slack_harness import SlackHarness

    client = SlackHarness.__new__(SlackHarness)  # the harness's signing and sending only
    client.fake, client.url, client._events = fake, url, 0
    return client


def world_round(fake, url: str, texts: list[str], round_no: int, timeout: float) -> dict:
    from slack_harness import shortcut_payload

    client = _sender(fake, url)
    dms = [{"type": "message", "channel_type": "im", "channel": f"DL{round_no}{i:03d}", "user": "UAGENT",
            "ts": f"17001{round_no:02d}{i:03d}.000100", "text": texts[(round_no * DMS + i) % len(texts)]}
           for i in range(DMS)]
    forms = []
    for i in range(FORMS):
        payload = shortcut_payload(fake, texts[i], ts=f"17002{round_no:02d}{i:03d}.000100",
                                   response_url=f"form{round_no}-{i}", trigger_id=fake.trigger_id())
        forms.append({**payload, "callback_id": "create_followup"})
    start_index = len(fake.calls)
    sent: dict[str, dict] = {}
    barrier = threading.Barrier(DMS)

    def send_dm(event: dict) -> None:
        barrier.wait()
        began = time.monotonic()
        answer = client.event(event, event_id=f"EvL{event['channel']}")
        sent[event["channel"]] = {"kind": "dm", "sent": began, "ack": answer.seconds, "status": answer.status}

    def send_form(payload: dict) -> None:
        began = time.monotonic()
        answer = client.interaction(payload)
        sent[payload["trigger_id"]] = {"kind": "form", "sent": began, "ack": answer.seconds, "status": answer.status}

    threads = [threading.Thread(target=send_dm, args=(e,), daemon=True) for e in dms]
    for t in threads:
        t.start()
    time.sleep(0.1)  # the forms arrive while the burst is being worked on
    form_threads = [threading.Thread(target=send_form, args=(p,), daemon=True) for p in forms]
    for t in form_threads:
        t.start()
    for t in threads + form_threads:
        t.join()

    deadline = time.monotonic() + timeout
    while True:
        calls = fake.calls[start_index:]
        per_dm: dict[str, list] = {}
        opens = {}
        for call in calls:
            channel = str(call.params.get("channel", ""))
            if call.method in ("chat.postMessage", "chat.update") and channel in sent:
                per_dm.setdefault(channel, []).append(call)
            if call.method == "views.open" and call.params.get("trigger_id") in sent:
                opens[call.params["trigger_id"]] = call
        if (len(opens) == FORMS and all(len(per_dm.get(e["channel"], ())) >= 2 for e in dms)) \
                or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    for key, record in sent.items():
        if record["kind"] == "dm":
            got = per_dm.get(key, [])
            record["result"] = got[1].at - record["sent"] if len(got) > 1 else None
        else:
            call = opens.get(key)
            record["open"] = call.at - record["sent"] if call else None
            record["open_outcome"] = call.outcome if call else "never opened"
    return {"records": list(sent.values())}


# ------------------------------------------------------------------------------ the app side

def _values(records: list[dict], kind: str, field: str) -> list[float]:
    return [r[field] for r in records if r["kind"] == kind and r.get(field) is not None]


def run(ctx: Context) -> dict:
    rounds = ROUNDS_QUICK if ctx.quick else ROUNDS_FULL
    texts = [t.text for t in eval_texts(ctx.evaldata) if t.file == "complaints.csv" and t.text.strip()]
    records: list[dict] = []
    with slack_world("bench.slack_load", "bench-slack-load") as (conn, harness):
        conn.send(("slow", SLACK_LATENCY, TRIGGER_LIFE))
        conn.recv()
        for n in range(rounds):
            conn.send(("round", harness.url, texts, n, RESULT_TIMEOUT))
            got = conn.recv()["records"]
            records += got
            forms = _values(got, "form", "open")
            say(f"slack_load: round {n + 1}/{rounds}: forms opened after up to {max(forms, default=float('nan')):.2f} s")
            ctx.partial = {"records": len(records)}
            time.sleep(1.0)

    ack = summary([r["ack"] for r in records], 1000, 1)
    result = summary(_values(records, "dm", "result"), 1, 2)
    opened = summary(_values(records, "form", "open"), 1, 2)
    expired = [r for r in records if r["kind"] == "form" and r.get("open_outcome") != "ok"]
    missing = [r for r in records if r["kind"] == "dm" and r.get("result") is None]
    bad = [r for r in records if r.get("status") != 200]
    rows = [
        row("acknowledgement", ack.get("p99"), "ms", shown=pcts(ack, "ms", ("p50", "p99")),
            note=f"n={ack.get('n', 0)}" + (f"; {len(bad)} not HTTP 200" if bad else "")),
        row("DM: send → suggestion", result.get("p99"), "s", shown=pcts(result, "s", ("p50", "p99")),
            note=f"{len(missing)} without a suggestion" if missing else ""),
        row("form: send → views.open", opened.get("p99"), "s", target=TARGET_FORM_P99_S,
            shown=pcts(opened, "s", ("p50", "p99")),
            note=f"{len(expired)} of {len(_values(records, 'form', 'open')) + sum(1 for r in expired if r.get('open') is None)}"
                 " refused as expired_trigger_id or never opened"),
    ]
    details = {"ack_ms": ack, "dm_result_s": result, "form_open_s": opened, "forms_refused": len(expired),
               "dms_without_result": len(missing), "not_200": len(bad),
               "setup": {"slack_latency_s": SLACK_LATENCY, "trigger_life_s": TRIGGER_LIFE, "rounds": rounds,
                         "per_round": f"{DMS} DM events at once, then {FORMS} create_followup shortcuts",
                         "store": "SQLite (the embedded default)"}}
    return {"rows": rows, "details": details}
