"""Requests that are not Slack's: forged or replayed signatures, and generated malformed payloads.

Signatures: unsigned, wrongly signed, signed with another secret, replayed (older than five
minutes), from the future, a valid signature over a different body, a timestamp that is not a
number: each is 401 and no Web API call is made.

Payloads: several hundred generated from a seeded random generator (reproducible; no extra
package), sent signed to the real app over HTTP: events, interactivity (message_action,
block_actions, view_submission, view_closed, shortcut) and slash commands with fields dropped,
wrong types, 1 MB strings, odd Unicode (RTL marks, zero-width joiners, lone surrogates escaped in
JSON, emoji, NUL), deeply nested junk, and bodies that are not JSON at all. The app never answers
5xx, keeps serving, shows nobody a traceback, an exception name or a raw API error, and no
exception escapes our listeners (the log is read for it).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import logging
import random
import time
import urllib.parse

import pytest
from fault_support import assert_nothing_leaked, raw_post, settle
from slack_harness import SECRET, shortcut_payload

from bot.slack.server import MAX_BODY
from slack_sdk.signature import SignatureVerifier

SEED = 20261122
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


# --------------------------------------------------------------------------------------------
# Signatures


def _bodies(fake) -> dict[str, tuple[str, str]]:
    """One valid body per kind of Slack request, with its content type."""
    event = {"token": "x", "team_id": "T1", "api_app_id": "ABOT", "type": "event_callback", "event_id": "EvSIG",
             "event_time": int(time.time()),
             "event": {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT",
                       "ts": "1700000050.000100", "text": "Where is my refund? Third time asking."}}
    interaction = {"team": {"id": "T1"}, "api_app_id": "ABOT", "token": "x",
                   **shortcut_payload(fake, "You lost my parcel again.")}
    command = {"token": "x", "team_id": "T1", "channel_id": "C1", "user_id": "ULEAD", "command": "/escalate",
               "text": "Customer threatened to sue", "response_url": fake.response_url("cmd"), "trigger_id": "1.2.3"}
    return {"event": (json.dumps(event), JSON),
            "interaction": (urllib.parse.urlencode({"payload": json.dumps(interaction)}), FORM),
            "command": (urllib.parse.urlencode(command), FORM)}


def _signed(body: str, timestamp: int | str, secret: str = SECRET) -> str:
    return SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)


def _forgeries(body: str) -> dict[str, dict[str, str]]:
    """Header sets that must all be refused for `body`."""
    now = int(time.time())
    other = body.replace("T1", "T2", 1) if "T1" in body else body + " "
    return {
        "unsigned": {},
        "no_timestamp": {"X-Slack-Signature": _signed(body, now)},
        "no_signature": {"X-Slack-Request-Timestamp": str(now)},
        "wrong_signature": {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": "v0=" + "ab" * 32},
        "other_secret": {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": _signed(body, now, "not-it")},
        "replayed_6_min_old": {"X-Slack-Request-Timestamp": str(now - 360), "X-Slack-Signature": _signed(body, now - 360)},
        "replayed_just_over_5_min": {"X-Slack-Request-Timestamp": str(now - 302),
                                     "X-Slack-Signature": _signed(body, now - 302)},
        "from_the_future": {"X-Slack-Request-Timestamp": str(now + 360), "X-Slack-Signature": _signed(body, now + 360)},
        "signature_of_another_body": {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": _signed(other, now)},
        "timestamp_not_a_number": {"X-Slack-Request-Timestamp": "yesterday", "X-Slack-Signature": _signed(body, "yesterday")},
        "signature_without_version": {"X-Slack-Request-Timestamp": str(now),
                                      "X-Slack-Signature": _signed(body, now).removeprefix("v0=")},
    }


@pytest.mark.parametrize("kind", ["event", "interaction", "command"])
def test_forged_and_replayed_requests_are_refused_without_touching_slack(slack, kind):
    fake = slack.fake
    body, content_type = _bodies(fake)[kind]
    before = len(fake.calls)  # Bolt's own auth.test when the app was built
    for name, headers in _forgeries(body).items():
        answer = raw_post(slack.url + "/slack/events", body.encode(), {"Content-Type": content_type, **headers})
        assert answer.status == 401, f"{name}: {answer.status} {answer.body!r}"
        assert "Traceback" not in answer.body
    settle(fake, quiet=0.3)
    assert fake.calls[before:] == [], f"a refused request reached Slack: {fake.methods()[before:]}"
    # The same body, properly signed, is served: the refusals were about the signature alone.
    assert slack.post(body, content_type).status == 200
    fake.wait_for("response_url:cmd" if kind == "command" else "response_url:r1" if kind == "interaction"
                  else "chat.postMessage")


# --------------------------------------------------------------------------------------------
# Generated malformed payloads

# Strings that look like nothing a person would type, and nothing that reads like an error either
# (the check on what is shown looks for exception names).
ODD_STRINGS = [
    "", " ", "\n\n\t", "\u200f\u202eevil\u202c RTL override", "\u200d" * 40, "a\u200db\u200dc",
    "👩‍👩‍👧‍👦" * 30, "🔥💯🙏🏽", "\x00", "nul\x00in the middle\x00", "\x07\x1b[31mred\x1b[0m",
    "\ud800", "lone \udfff surrogate", "\ufeffBOM first", "ｆｕｌｌｗｉｄｔｈ", "e\u0301\u0301\u0301\u0301",
    "<@U123>", "<!channel> <!here>", "<https://x.example|link> <#C1|c>", "&amp;&lt;&gt;", "```code```",
    "Z̷̧̛̹͖̪a̵̯͔͆l̸̻̈́g̶͎̓o̷̱͗", "null", "undefined", "NaN", "{}", "[]", "%00%ff", "\\u0000",
    "My order #55512345 never came, refund me NOW!!!", "ты меня обманул, верните деньги", "لقد خدعتني",
]
JUNK_VALUES = [None, 0, -1, 1e308, 3.5, True, False, [], [1, "a", None], {}, {"x": {"y": [{}]}}, ["UAGENT"],
               {"id": ["nested"]}, "", 12345678901234567890]


def _nested(depth: int) -> object:
    node: object = "bottom"
    for i in range(depth):
        node = {"type": "rich_text_section", "elements": [node]} if i % 2 else [node]
    return node


def _junk(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(ODD_STRINGS)
    if roll < 0.85:
        return copy.deepcopy(rng.choice(JUNK_VALUES))
    if roll < 0.95:
        return _nested(rng.choice([5, 50, 300]))
    return rng.choice(ODD_STRINGS) * rng.randint(100, 2000)


def _paths(node, prefix=()) -> list[tuple]:
    """Every key path in a payload (dict keys and list indexes)."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            found.append(prefix + (key,))
            found += _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append(prefix + (index,))
            found += _paths(value, prefix + (index,))
    return found


def _mutate(payload: dict, rng: random.Random, protect: tuple = ()) -> dict:
    """Drop fields, change their types, make them huge or strange: 1 to 4 changes."""
    payload = copy.deepcopy(payload)
    for _ in range(rng.randint(1, 4)):
        paths = [p for p in _paths(payload) if p[:len(protect)] != protect or len(p) > len(protect)]
        if not paths:
            break
        path = rng.choice(paths)
        parent = payload
        for key in path[:-1]:
            parent = parent[key]
        key, roll = path[-1], rng.random()
        if roll < 0.3 and isinstance(parent, dict):
            del parent[key]
        elif roll < 0.9:
            parent[key] = _junk(rng)
        else:
            parent[key] = {"deep": _nested(rng.choice([20, 300]))}
    return payload


def _event_templates(fake) -> list[dict]:
    im = {"type": "message", "channel_type": "im", "channel": "DAGENT", "user": "UAGENT", "ts": "1700000060.000100",
          "text": "You people lost my parcel AGAIN and I want my money back today."}
    shared = dict(im, text="how do I answer?", attachments=[
        {"is_share": True, "text": "I'm disputing the charge with my bank.", "message_blocks": [
            {"message": {"blocks": [{"type": "rich_text", "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": "hello"}]}]}]}}]}])
    rich = dict(im, text="", blocks=[{"type": "rich_text", "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": "Fix it "}, {"type": "user", "user_id": "UCUST"},
                                                   {"type": "emoji", "name": "rage"}]}]}])
    mention = {"type": "app_mention", "channel": "C1", "user": "UAGENT", "ts": "1700000061.000100",
               "text": "<@UBOT> customer says: this is the worst service ever"}
    thread = dict(mention, thread_ts="1700000020.000100", text="<@UBOT> what should I say?")
    home = {"type": "app_home_opened", "user": "UAGENT", "channel": "DAGENT", "tab": "home"}
    return [im, shared, rich, mention, thread, home]


def _envelope(event: dict, n: int) -> dict:
    return {"token": "x", "team_id": "T1", "api_app_id": "ABOT", "type": "event_callback", "event_id": f"EvFuzz{n:05d}",
            "event_time": 1700000000, "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event": event}


def _unique_delivery(payload, n: int) -> None:
    if isinstance(payload, dict) and isinstance(payload.get("trigger_id"), str):
        payload["trigger_id"] = f"fuzz.{n}"
    actions = payload.get("actions") if isinstance(payload, dict) else None
    if isinstance(actions, list) and actions and isinstance(actions[0], dict) and isinstance(actions[0].get("action_ts"), str):
        actions[0]["action_ts"] = f"1700000000.{n}"


def _interaction_templates(fake) -> list[dict]:
    base = {"team": {"id": "T1"}, "api_app_id": "ABOT", "token": "x"}
    shortcut = {**base, **shortcut_payload(fake, "You idiots lost my parcel. Refund me or I call my lawyer.", trigger_id="9.9.9")}
    followup_shortcut = dict(copy.deepcopy(shortcut), callback_id="create_followup")
    actions = [{**base, "type": "block_actions", "user": {"id": "UAGENT"}, "trigger_id": "1.2.3",
                "response_url": fake.response_url("fuzz"), "channel": {"id": "C1"},
                "container": {"type": "message", "is_ephemeral": True},
                "actions": [{"action_id": action_id, "block_id": "b_0123456789abcdef", "value": "0123456789abcdef",
                             "type": "button", "action_ts": "1.1"}]}
               for action_id in ("tone_warmer", "tone_firmer", "tone_shorter", "feedback_helpful", "feedback_not_helpful",
                                 "share_escalation", "followup_from_suggestion", "followup_done", "followup_cancel",
                                 "followup_snooze_1h", "followup_snooze_tomorrow", "followup_reassign")]
    actions[-1]["actions"][0]["selected_user"] = "UCUST"
    escalate_view = {**base, "type": "view_submission", "user": {"id": "ULEAD"}, "trigger_id": "1.2.3",
                     "view": {"id": "V1", "type": "modal", "callback_id": "escalate_modal",
                              "private_metadata": json.dumps({"channel_id": "C7"}),
                              "state": {"values": {"what_happened": {"value": {"type": "plain_text_input",
                                                                               "value": "He swore at the agent."}},
                                                   "customer": {"value": {"value": "Acme"}}}}}}
    followup_view = {**base, "type": "view_submission", "user": {"id": "UAGENT"},
                     "view": {"id": "V2", "type": "modal", "callback_id": "followup_modal",
                              "private_metadata": json.dumps({"channel_id": "C1"}),
                              "state": {"values": {"date": {"value": {"type": "datepicker", "selected_date": "2030-01-02"}},
                                                   "time": {"value": {"type": "timepicker", "selected_time": "10:30"}},
                                                   "note": {"value": {"value": "call back"}},
                                                   "customer": {"value": {"value": "Acme"}},
                                                   "link": {"value": {"value": "https://x.example/p1"}}}}}}
    closed = {**base, "type": "view_closed", "user": {"id": "UAGENT"}, "view": {"id": "V3", "type": "modal",
                                                                                 "callback_id": "followup_modal"}}
    global_shortcut = {**base, "type": "shortcut", "callback_id": "suggest_reply", "trigger_id": "1.2.3",
                       "user": {"id": "UAGENT"}}
    return [shortcut, followup_shortcut, *actions, escalate_view, followup_view, closed, global_shortcut]


def _command_templates(fake) -> list[dict]:
    base = {"token": "x", "team_id": "T1", "team_domain": "acme", "channel_id": "C1", "channel_name": "support",
            "user_id": "ULEAD", "user_name": "lee", "api_app_id": "ABOT", "response_url": fake.response_url("fuzzcmd"),
            "trigger_id": "1337.42.abcd"}
    return [dict(base, command="/escalate", text="Customer swore at two agents and says his lawyer will call."),
            dict(base, command="/escalate", text=""),
            dict(base, command="/followup", text="tomorrow 10am call Dana back", user_id="UAGENT"),
            dict(base, command="/followup", text="list", user_id="UAGENT"),
            dict(base, command="/followup", text="in 2 days check the refund", user_id="UAGENT"),
            dict(base, command="/unknown", text="hi")]


def _form_value(value: object, rng: random.Random) -> str:
    """A form field can only carry text: junk types arrive as their JSON or Python spelling."""
    if isinstance(value, str):
        return value
    return json.dumps(value) if rng.random() < 0.5 else str(value)


def generated_payloads(fake) -> dict[str, list[tuple[str, bytes, str]]]:
    """(name, body, content type) per category, the same on every run."""
    rng = random.Random(SEED)
    out: dict[str, list[tuple[str, bytes, str]]] = {"events": [], "interactivity": [], "commands": [], "raw": []}

    events = _event_templates(fake)
    for n in range(90):
        event = events[n % len(events)]
        mutated = _mutate(_envelope(event, n), rng, protect=()) if n % 3 == 0 else _envelope(_mutate(event, rng), n)
        out["events"].append((f"event{n}", json.dumps(mutated).encode(), JSON))
    for n, size in enumerate((1_000_000, 1_000_000)):
        event = dict(events[n * 3], text=("Refund me now. " * (size // 15 + 1))[:size])
        out["events"].append((f"event_1mb_{n}", json.dumps(_envelope(event, 900 + n)).encode(), JSON))

    interactions = _interaction_templates(fake)
    for n in range(110):
        mutated = _mutate(interactions[n % len(interactions)], rng)
        _unique_delivery(mutated, n)  # each one a new press, so every one reaches the listeners past de-duplication
        out["interactivity"].append((f"interaction{n}", urllib.parse.urlencode({"payload": json.dumps(mutated)}).encode(),
                                     FORM))
    huge = dict(interactions[0], message={"type": "message", "ts": "1.2", "text": "Where is it? " * 80_000})
    out["interactivity"].append(("interaction_1mb", urllib.parse.urlencode({"payload": json.dumps(huge)}).encode(), FORM))

    commands = _command_templates(fake)
    for n in range(60):
        form = dict(commands[n % len(commands)])
        for _ in range(rng.randint(1, 3)):
            key = rng.choice(sorted(form))
            if rng.random() < 0.3:
                del form[key]
            else:
                form[key] = _form_value(_junk(rng), rng)
        encoded = urllib.parse.urlencode(form, errors="surrogatepass").encode()
        out["commands"].append((f"command{n}", encoded, FORM))
    out["commands"].append(("command_1mb", urllib.parse.urlencode(dict(commands[2], text="tomorrow 9am " + "x" * 1_000_000))
                            .encode(), FORM))

    raw = [b"", b"{", b"[]", b"null", b"42", b'"text"', b'{"type": "event_callback", "event": "message"}',
           b'{"type": "event_callback", "event": {"type": ["message"]}}', b"\xff\xfe\x00junk", b"{" * 5000 + b"}" * 5000,
           b'{"type": "event_callback", "event": {"type": "message", "text": "\\ud800"}}',
           b'{"a": ' + b'[{"type": "rich_text_section", "elements": ' * 3000 + b'"x"' + b"}]" * 3000 + b"}", b"payload=", b"payload={", b"payload=%7B%22type%22%3A",
           b"payload=null", b"payload=[1,2]", b"payload=%22str%22", b"payload=%FF%FE", b"command=/escalate&text=%00",
           b"a=1&a=2&payload=%7B%7D", b"\x00" * 100, b"payload=" + urllib.parse.quote(json.dumps(
               {"type": "block_actions", "actions": [], "user": {"id": "UAGENT"}})).encode()]
    for n, body in enumerate(raw):
        for content_type in (JSON, FORM, "text/plain"):
            out["raw"].append((f"raw{n}:{content_type}", body, content_type))
    return out


# The exceptions that mean our code tripped over the payload (a bug), as opposed to Slack refusing a
# junk id (SlackApiError: handled, the person told).
PROGRAMMING_ERRORS = ("TypeError", "AttributeError", "KeyError", "IndexError", "ValueError", "UnicodeError",
                      "UnicodeEncodeError", "UnicodeDecodeError", "RecursionError", "JSONDecodeError", "AssertionError",
                      "NameError", "ZeroDivisionError", "OverflowError")


def _signed_post(slack, body: bytes, content_type: str):
    """Signed as Slack signs (over the raw bytes, which need not even be UTF-8 here)."""
    timestamp = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    signature = f"v0={digest}"
    return raw_post(slack.url + "/slack/events", body, {"Content-Type": content_type,
                                                        "X-Slack-Request-Timestamp": timestamp,
                                                        "X-Slack-Signature": signature})


def test_at_least_two_hundred_payloads_are_generated(fake_slack):
    payloads = generated_payloads(fake_slack)
    assert sum(len(v) for v in payloads.values()) >= 200
    assert generated_payloads(fake_slack) == payloads  # seeded: the same every run


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
@pytest.mark.parametrize("category", ["events", "interactivity", "commands", "raw"])
def test_malformed_payloads_never_break_the_app(slack, caplog, category):
    caplog.set_level(logging.WARNING)
    fake = slack.fake
    fake.add_channel("C1", "support")
    fake.add_message("C1", "1700000020.000100", "Your app charged my card twice.", user="UCUST")
    statuses, broken = {}, []
    for name, body, content_type in generated_payloads(fake)[category]:
        answer = _signed_post(slack, body, content_type)
        statuses[name] = answer.status
        if len(body) > MAX_BODY and answer.status != 413:
            broken.append(f"{name}: a {len(body):,}-byte body was not refused as too large ({answer.status})")
        if answer.status >= 500 or "Traceback" in answer.body or "Error" in answer.body:
            broken.append(f"{name} answered {answer.status} {answer.body[:100]!r} to {body[:300]!r}")
    assert not broken, "\n".join(broken[:10]) + f"\n({len(broken)} in all)"
    settle(fake, quiet=0.4, timeout=30)

    health = slack.get("/healthz")
    assert health.status == 200 and health.body == "ok"
    assert_nothing_leaked(fake)
    problems = []
    for record in caplog.records:
        text = record.getMessage()
        if record.name.startswith(("slack_bolt", "waitress")) and record.levelno >= logging.ERROR:
            problems.append(f"{record.name}: {text}")  # an exception escaped our listeners into Bolt or the server
        elif any(f": {name}" in text for name in PROGRAMMING_ERRORS) and "failed ref=" in text:
            problems.append(f"{record.name}: {text}")  # our last line of defence caught a bug, not a Slack refusal
        elif record.exc_info and record.exc_info[0].__name__ in PROGRAMMING_ERRORS:
            problems.append(f"{record.name}: {text} ({record.exc_info[0].__name__})")
    assert not problems, "\n".join(problems[:20])
    assert any(status == 200 for status in statuses.values())  # the generator still reaches the listeners


def test_the_guard_lets_every_shape_slack_sends_through(fake_slack):
    """The 400 guard must never refuse a real Slack request: the generator's templates, untouched,
    and a few more documented shapes (objects where ids usually are, nulls, url_verification, ssl_check)."""
    from bot.slack import wellformed

    shapes = [(json.dumps(_envelope(e, n)), JSON) for n, e in enumerate(_event_templates(fake_slack))]
    shapes += [(urllib.parse.urlencode({"payload": json.dumps(p)}), FORM) for p in _interaction_templates(fake_slack)]
    shapes += [(urllib.parse.urlencode(c), FORM) for c in _command_templates(fake_slack)]
    more_events = [{"type": "user_change", "user": {"id": "U1", "name": "x"}},
                   {"type": "reaction_added", "user": "U1", "item": {"type": "message", "channel": "C1", "ts": "1.2"}},
                   {"type": "message", "subtype": "message_changed", "channel": "C1", "message": {"text": "x"},
                    "previous_message": {"text": "y"}},
                   {"type": "channel_created", "channel": {"id": "C1", "name": "x", "creator": "U1"}},
                   {"type": "app_mention", "user": "U1", "text": "<@UBOT>", "channel": "C1", "team": None}]
    shapes += [(json.dumps(_envelope(e, 100 + n)), JSON) for n, e in enumerate(more_events)]
    shapes += [(json.dumps({"type": "url_verification", "challenge": "c", "token": "x"}), JSON),
               ("ssl_check=1&token=x", FORM),
               (urllib.parse.urlencode({"payload": json.dumps({"type": "block_suggestion", "action_id": "a", "value": "x",
                                                               "user": {"id": "U1"}, "team": None,
                                                               "enterprise": None, "view": {"type": "modal"}})}), FORM)]
    refused = [(body[:120], why) for body, content_type in shapes
               if (why := wellformed.problem(body.encode(), content_type))]
    assert refused == []


def test_hostile_bodies_are_refused_cheaply_and_real_requests_still_served(slack, caplog):
    """An unsigned body is refused on its signature alone, before anything parses it; a body over
    MAX_BODY is refused unread. Meanwhile a real, signed request is still answered 200."""
    fake = slack.fake
    body, content_type = _bodies(fake)["event"]
    caplog.set_level(logging.INFO)
    junk = b"{" * 200_000 + b'"token": [' * 1000  # would be slow to parse, and isn't JSON anyway
    unsigned = raw_post(slack.url + "/slack/events", junk, {"Content-Type": JSON})
    assert unsigned.status == 401
    assert "refused a request body Bolt cannot handle" not in caplog.text  # refused before any parsing
    huge = raw_post(slack.url + "/slack/events", b"x" * (8 * 1024 * 1024), {"Content-Type": JSON})
    assert huge.status == 413
    beyond = raw_post(slack.url + "/slack/events", b"x" * (MAX_BODY + 1),
                      {"Content-Type": JSON, "X-Slack-Request-Timestamp": str(int(time.time())),
                       "X-Slack-Signature": "v0=" + "ab" * 32})
    assert beyond.status == 413
    assert slack.post(body, content_type).status == 200
    fake.wait_for("chat.postMessage")
