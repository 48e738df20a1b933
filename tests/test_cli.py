"""The CLI end to end, through a real subprocess, as a user runs it."""

from __future__ import annotations

import json

from bot import ROOT_CAUSES, SEVERITIES, SIGNALS

from conftest import clean_env, run_cli

ANGRY = "My order #4411 still hasn't arrived after 3 weeks!!! I want a refund TODAY or I'm calling my lawyer."


def test_suggest_json_matches_the_contract():
    result = run_cli("suggest", "--json", ANGRY)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["engine"] == "offline"
    analysis = data["analysis"]
    assert set(analysis["signals"]) <= set(SIGNALS) and analysis["signals"]
    assert analysis["severity"] in SEVERITIES
    assert analysis["root_cause"] in ROOT_CAUSES
    assert set(analysis["escalate"]) >= {"recommended", "to", "reason"}
    assert analysis["escalate"]["to"] in {"none", "lead", "legal", "security"}
    assert [r["style"] for r in data["replies"]] == ["empathetic", "concise", "formal"]
    assert data["boundary"] is None or data["boundary"]["level"] in (1, 2, 3)
    for key in ("next_steps", "questions", "sources"):
        assert isinstance(data[key], list) and data[key]
    assert all(isinstance(e, list) for e in analysis["evidence"].values())


def test_suggest_reads_stdin_and_prints_readable_sections():
    result = run_cli("suggest", "-", stdin="You charged me twice and I'm really annoyed.")
    assert result.returncode == 0, result.stderr
    for heading in ("What's going on", "Reply drafts", "Questions to ask", "Next steps", "Playbook:"):
        assert heading in result.stdout
    assert "\033[" not in result.stdout  # no colour codes when not on a terminal


def test_empty_message_is_refused_with_exit_2():
    for args, stdin in ((("suggest", "   "), None), (("suggest", "-"), ""), (("suggest", "--json", "-"), "\n\t \n")):
        result = run_cli(*args, stdin=stdin)
        assert result.returncode == 2
        assert result.stderr.startswith("composure: ") and "empty" in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_huge_message_is_analysed_on_the_first_20000_characters():
    text = ("My parcel is late and I am disappointed. " * 1000)[:45_000]
    result = run_cli("suggest", "--json", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any("20,000" in note for note in data["notes"])


def test_binary_junk_does_not_crash():
    junk = bytes(range(256)) * 20 + "my order is broken \x00\x07\x1b[31m".encode()
    result = run_cli("suggest", "--json", "-", stdin=junk)
    assert result.returncode in (0, 2), result.stderr
    assert "Traceback" not in result.stderr


def test_slack_markup_is_read_as_text():
    text = "<@U123ABC> your <https://shop.example/o/1|order page> says delivered :rage: but nothing came. ```trace id 99```"
    result = run_cli("suggest", "--json", text)
    data = json.loads(result.stdout)
    assert "order page" in json.dumps(data) or data["analysis"]["signals"]
    assert "<https" not in "".join(r["text"] for r in data["replies"])


def test_openai_engine_without_a_key_says_what_to_set():
    result = run_cli("suggest", "--engine", "openai", "hello")
    assert result.returncode == 2
    assert "OPENAI_API_KEY" in result.stderr


def test_bad_configuration_exits_2_naming_the_file(tmp_path):
    folder = tmp_path / "config"
    folder.mkdir()
    for name in ("policy.toml", "voice.toml", "escalation.toml", "analysis.toml", "sentiment.toml"):
        src = clean_env()["COMPOSURE_CONFIG"] + "/" + name
        try:
            (folder / name).write_text(open(src).read())
        except FileNotFoundError:
            pass
    (folder / "policy.toml").write_text(open(clean_env()["COMPOSURE_CONFIG"] + "/policy.toml").read().replace("max_percent = 15", "max_percent = -5"))
    result = run_cli("suggest", "hi", env=clean_env(COMPOSURE_CONFIG=str(folder)))
    assert result.returncode == 2
    assert "policy.toml" in result.stderr and "discount.max_percent" in result.stderr


def test_analyze_jsonl_streams_in_order_and_reports_bad_lines():
    lines = [
        json.dumps({"id": 1, "text": "You idiots lost my parcel again"}),
        "this is not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": 3, "text": "Thanks, that fixed it!"}),
    ]
    result = run_cli("analyze", "--jsonl", stdin="\n".join(lines) + "\n")
    assert result.returncode == 2  # bad lines make the run fail, but nothing is lost
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id") for o in out] == [1, None, "b", 3]
    assert set(out[0]) >= {"id", "signals", "severity", "escalate"}
    assert "error" in out[1] and "line 2" in out[1]["error"]
    assert "error" in out[2]
    assert out[3]["signals"] == [] or "complaint" not in out[3]["signals"]
    assert "line 2" in result.stderr


def test_analyze_jsonl_handles_a_thousand_messages_in_order():
    rows = "\n".join(json.dumps({"id": i, "text": f"My order {i} is late and I'm annoyed, please refund me"}) for i in range(1000))
    result = run_cli("analyze", "--jsonl", stdin=rows)
    assert result.returncode == 0
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == list(range(1000))


def test_escalate_json_and_text():
    situation = "Customer swore at two agents again this week and says his lawyer will be in touch."
    data = json.loads(run_cli("escalate", "--json", situation).stdout)
    assert data["escalate"]["recommended"] is True and data["escalate"]["to"] == "legal"
    assert data["handoff_note"] and data["document"] and data["tell_customer"]
    text = run_cli("escalate", situation).stdout
    assert "Hand-off note" in text and "Tell the customer" in text


def test_every_subcommand_has_help():
    for command in ("suggest", "analyze", "escalate", "eval"):
        result = run_cli(command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout


def test_interactive_assistant_without_tokens():
    session = "My refund never arrived and I'm fed up.\n.\n/escalate customer has not paid for months and keeps missing payments again\n.\n"
    result = run_cli(stdin=session)
    assert result.returncode == 0, result.stderr
    assert "Paste the customer's message" in result.stdout
    assert "Reply drafts" in result.stdout and "Hand-off note" in result.stdout
    assert result.stdout.rstrip().endswith("Bye.")


def test_interactive_handles_empty_submission_and_quit():
    result = run_cli(stdin=".\nquit\n")
    assert result.returncode == 0
    assert "empty" in result.stdout
