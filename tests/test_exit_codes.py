"""Every mistake a user can make ends in exit 2 and one sentence naming what to fix: no traceback,
no library log lines before it (issue 13). Each case runs the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import pty
import socket
import subprocess
import sys

import pytest

from conftest import REPO, clean_env, run_cli


def _refused(result: subprocess.CompletedProcess, *fragments: str) -> None:
    """Exit 2 and a single line on stderr that names each fragment."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("composure: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def _serve_env(fake, tmp_path, **extra: str) -> dict[str, str]:
    return clean_env(SLACK_API_URL=fake.url, SLACK_BOT_TOKEN="xoxb-good",
                     DATABASE_URL=f"sqlite:///{tmp_path}/serve.db", **extra)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- serve


def test_socket_mode_with_an_app_token_slack_rejects(fake_slack, tmp_path):
    fake_slack.fail("apps.connections.open", "invalid_auth")
    result = run_cli("serve", env=_serve_env(fake_slack, tmp_path, SLACK_APP_TOKEN="xapp-rejected"), timeout=60)
    _refused(result, "SLACK_APP_TOKEN", "invalid_auth", "App-Level Tokens")
    assert "xapp-rejected" not in result.stderr


@pytest.mark.parametrize("args, extra, named", [
    (("serve", "--http"), {"PORT": "abc"}, "PORT='abc'"),
    (("serve", "--http"), {"PORT": "70000"}, "PORT='70000'"),
    (("serve", "--http", "--port", "0"), {}, "--port"),
])
def test_a_port_that_is_not_a_port(fake_slack, tmp_path, args, extra, named):
    result = run_cli(*args, env=_serve_env(fake_slack, tmp_path, SLACK_SIGNING_SECRET="s", **extra), timeout=60)
    _refused(result, named, "1 to 65535")


def test_a_port_already_in_use(fake_slack, tmp_path):
    with socket.socket() as taken:
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--http", "--port", str(port),
                         env=_serve_env(fake_slack, tmp_path, SLACK_SIGNING_SECRET="s"), timeout=60)
    # one line also means Bolt's "As you gave `client` as well, `token` will be unused" is gone:
    # the app was built (and SLACK_BOT_TOKEN is in the environment) before the port was taken
    _refused(result, f"port {port}", "already in use", "--port")


def test_an_unreachable_slack_is_one_sentence(tmp_path):
    env = clean_env(SLACK_API_URL=f"http://127.0.0.1:{_closed_port()}/api/", SLACK_BOT_TOKEN="xoxb-good",
                    SLACK_SIGNING_SECRET="s", DATABASE_URL=f"sqlite:///{tmp_path}/serve.db")
    result = run_cli("serve", "--http", env=env, timeout=120)
    _refused(result, "SLACK_API_URL", "cannot reach")


@pytest.mark.parametrize("url", ["sqlite:////proc/nope/x.db", "sqlite:///{tmp}/a-file/x.db", "sqlite:///{tmp}"],
                         ids=["folder-cannot-be-created", "file-where-a-folder-should-be", "folder-where-the-file-should-be"])
def test_an_unusable_database_url(fake_slack, tmp_path, url):
    (tmp_path / "a-file").write_text("")
    env = _serve_env(fake_slack, tmp_path, SLACK_SIGNING_SECRET="s") | {"DATABASE_URL": url.format(tmp=tmp_path)}
    _refused(run_cli("serve", "--http", env=env, timeout=60), "DATABASE_URL")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write anywhere")
def test_a_database_folder_without_write_permission(fake_slack, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    env = _serve_env(fake_slack, tmp_path, SLACK_SIGNING_SECRET="s") | {"DATABASE_URL": f"sqlite:///{folder}/x.db"}
    _refused(run_cli("serve", "--http", env=env, timeout=60), "DATABASE_URL", str(folder))


# ---------------------------------------------------------------- configuration files


def test_a_config_file_that_is_not_utf8(config_copy):
    policy = config_copy / "policy.toml"
    policy.write_bytes(b"\xff\xfe" + policy.read_text(encoding="utf-8").encode("utf-16-le"))
    result = run_cli("suggest", "hello", env=clean_env(COMPOSURE_CONFIG=str(config_copy)))
    _refused(result, "policy.toml", "UTF-8")


def test_a_config_file_with_a_utf8_byte_order_mark_is_read(config_copy):
    policy = config_copy / "policy.toml"
    policy.write_bytes(b"\xef\xbb\xbf" + policy.read_bytes())
    result = run_cli("suggest", "--json", "My parcel is late.", env=clean_env(COMPOSURE_CONFIG=str(config_copy)))
    assert result.returncode == 0, result.stderr


def test_a_mistyped_key_is_named_with_the_key_meant(config_copy):
    policy = config_copy / "policy.toml"
    text = policy.read_text(encoding="utf-8")
    assert "max_percent = 15" in text
    policy.write_text(text.replace("max_percent = 15", "max_percnt = 15"), encoding="utf-8")
    result = run_cli("suggest", "hello", env=clean_env(COMPOSURE_CONFIG=str(config_copy)))
    _refused(result, str(policy), "unknown key 'discount.max_percnt'", "did you mean 'max_percent'?")


# ---------------------------------------------------------------- eval


def test_eval_errors_for_a_signal_that_does_not_exist(tmp_path):
    data = tmp_path / "labelled.csv"
    data.write_text("text,labels\nyou idiots,abusive\n", encoding="utf-8")
    _refused(run_cli("eval", str(data), "--errors", "bogus"), "'bogus'", "complaint", "unreasonable_demand")


@pytest.mark.parametrize("name, body", [
    ("labelled.csv", "text,labels\nyou idiots lost my parcel,abusive;complaint\nthanks!,\n"),
    ("labelled.jsonl", json.dumps({"text": "you idiots lost my parcel", "labels": ["abusive"]}) + "\n"
                       + json.dumps({"text": "thanks!", "labels": []}) + "\n"),
])
def test_eval_reads_files_with_a_byte_order_mark(tmp_path, name, body):
    data = tmp_path / name
    data.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    result = run_cli("eval", str(data), "--rules-only", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == 2


# ---------------------------------------------------------------- suggest on a terminal


def test_suggest_from_a_terminal_says_how_to_finish():
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "bot", "suggest", "-"], stdin=follower,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO, env=clean_env())
        os.close(follower)
        os.write(leader, b"My parcel never arrived and I am annoyed.\n\x04")  # Ctrl-D at a line's start: end of input
        out, err = process.communicate(timeout=60)
    finally:
        os.close(leader)
    assert process.returncode == 0, err.decode()
    assert "Paste the customer's message, then press Ctrl-D" in err.decode()
    assert "Reply drafts" in out.decode()
