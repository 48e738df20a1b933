"""`serve` as a user runs it: refusals that name the variable, and HTTP mode really serving."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from slack_sdk.signature import SignatureVerifier

from conftest import REPO, clean_env, run_cli


def _env(fake, tmp_path, **extra):
    return clean_env(SLACK_API_URL=fake.url, DATABASE_URL=f"sqlite:///{tmp_path}/serve.db", **extra)


@pytest.mark.parametrize("extra, args, variable", [
    ({}, ("serve",), "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": "not-a-token"}, ("serve",), "xoxb-"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, ("serve",), "SLACK_APP_TOKEN"),
    ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-wrong"}, ("serve",), "xapp-"),
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, ("serve", "--http"), "SLACK_SIGNING_SECRET"),
])
def test_missing_or_wrong_tokens_stop_start_up(fake_slack, tmp_path, extra, args, variable):
    result = run_cli(*args, env=_env(fake_slack, tmp_path, **extra), timeout=30)
    assert result.returncode == 2
    assert variable in result.stderr and "Traceback" not in result.stderr
    assert "xoxb-1" not in result.stderr  # tokens are never printed


def test_rejected_token_is_reported(fake_slack, tmp_path):
    fake_slack.fail("auth.test", "invalid_auth")
    result = run_cli("serve", "--http", env=_env(fake_slack, tmp_path, SLACK_BOT_TOKEN="xoxb-bad",
                                                 SLACK_SIGNING_SECRET="s"), timeout=30)
    assert result.returncode == 2 and "invalid_auth" in result.stderr and "SLACK_BOT_TOKEN" in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method="POST" if body is not None else "GET")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_serve_http_starts_answers_health_and_verifies_signatures(fake_slack, tmp_path):
    port = _free_port()
    env = _env(fake_slack, tmp_path, SLACK_BOT_TOKEN="xoxb-good", SLACK_SIGNING_SECRET="shh", PORT=str(port))
    process = subprocess.Popen([sys.executable, "-m", "bot", "serve", "--http"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 20
        while True:
            try:
                status, body = _request(base + "/healthz")
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                assert time.monotonic() < deadline, "serve --http did not start"
                time.sleep(0.1)
        assert (status, body) == (200, "ok")
        payload = json.dumps({"type": "url_verification", "challenge": "abc", "token": "x"}).encode()
        now = str(int(time.time()))
        good = SignatureVerifier("shh").generate_signature(timestamp=now, body=payload.decode())
        assert _request(base + "/slack/events", payload, {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": good,
                                                          "Content-Type": "application/json"})[0] == 200
        bad = {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": "v0=" + "0" * 64, "Content-Type": "application/json"}
        assert _request(base + "/slack/events", payload, bad)[0] == 401
        old = str(int(time.time()) - 301)
        stale = {"X-Slack-Request-Timestamp": old, "Content-Type": "application/json",
                 "X-Slack-Signature": SignatureVerifier("shh").generate_signature(timestamp=old, body=payload.decode())}
        assert _request(base + "/slack/events", payload, stale)[0] == 401
        assert [c.method for c in fake_slack.calls][:1] == ["auth.test"]
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert b"xoxb-good" not in out + err and b"shh" not in out + err
