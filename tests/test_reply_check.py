"""Check my reply: findings quote the agent's exact words, good replies pass, the rewrite passes, the CLI."""

from __future__ import annotations

import json

import pytest

from bot.errors import ConfigError
from bot.reply_check import KINDS, load_checker, load_reply_check, sentences
from conftest import REPO, run_cli

LAWYER = "I'm going to sue you over the damage to my floor. My lawyer will be in touch."


@pytest.fixture(scope="module")
def checker(assistant):
    return load_checker(assistant.settings, assistant.playbook, assistant.rules)


@pytest.mark.parametrize("kind, draft, quote, customer", [
    ("admits_liability", "I'm sorry, Mark. We were negligent and I'll have someone call you tomorrow.", "We were negligent", None),
    ("admits_liability", "I'm so sorry. This was our mistake, and I'll send someone out on Monday.", "This was our mistake", LAWYER),
    ("promises_beyond_policy", "Sorry about that! I'll refund the full $450 today.", "I'll refund the full $450 today.", None),
    ("promises_beyond_policy", "I'm sorry. I guarantee this will never happen again, and I'll call you on Friday.",
     "will never happen again", None),
    ("blames_customer", "Thanks for writing. You should have read the terms before buying. I'll send them today.",
     "You should have read the terms before buying", None),
    ("defensive_tone", "Thanks for waiting. As I already explained, refunds take 5 days. I'll check on Friday.",
     "As I already explained", None),
    ("defensive_tone", "Please calm down. I'm sorry, I'll look at the order now.", "Please calm down", None),
    ("echoes_abuse", "Sorry for the wait. We're not idiots, and the parcel will arrive on Monday.", "We're not idiots", None),
    ("echoes_abuse", "Thanks for your message. Go ahead and sue. I'll pass this on today.", "Go ahead and sue", "I'll see you in court."),
])
def test_each_kind_is_found_with_the_agents_exact_words(checker, kind, draft, quote, customer):
    review = checker.check(draft, customer)
    found = [f for f in review.findings if f.kind == kind]
    assert found, review.findings
    assert quote in [f.quote for f in found]
    assert all(f.quote in draft for f in review.findings)


@pytest.mark.parametrize("kind, draft, quote", [
    ("admits_liability", "We accept responsibility for the broken window, and the glazier will come on Friday.",
     "accept responsibility for the broken window"),
    ("admits_liability", "I'm sorry. The report shows the outage was caused by our error; I'll update you at noon.",
     "caused by our error"),
    ("admits_liability", "Your mother's fall was a failure of our care, and the manager will ring you today.", "failure of our care"),
    ("promises_beyond_policy", "Sorry, Jo. I'll make sure this never happens again, and the fee is refunded.", "this never happens again"),
    ("promises_beyond_policy", "I'm so sorry about the fall. We'll cover your medical bills, just send them over.",
     "We'll cover your medical bills"),
    ("promises_beyond_policy", "Thanks for bearing with us. Your order will definitely arrive on Saturday.", "will definitely arrive"),
    ("promises_beyond_policy", "Sorry again; your subscription for the rest of the year is on us.",
     "the rest of the year is on us"),
    ("blames_others", "I'm sorry. The vet who saw Rex didn't bother to check his notes; I'll call you at 4.",
     "The vet who saw Rex didn't bother to check his notes"),
    ("blames_others", "Sorry! The parcel was damaged by the delivery company, not by us. A new one ships today.",
     "the delivery company, not by us"),
    ("blames_others", "Sorry about this. Typical of the night shift, they forgot to scan it. It goes out today.", "Typical of the night shift"),
    ("blames_others", "I'm sorry, the engineers we use have been letting you down. I've booked ours for Monday.",
     "the engineers we use have been letting you down"),
])
def test_wider_families_of_admission_promise_and_blame(checker, kind, draft, quote):
    found = [f.quote for f in checker.check(draft).findings if f.kind == kind]
    assert any(quote in q for q in found), (found, checker.check(draft).findings)


@pytest.mark.parametrize("draft", [
    "I'm sorry for the muddle over your invoice; it's corrected and I'll email the new copy today.",
    "We're responsible for getting your order to you safely, so I've sent a replacement today.",
    "Sorry for the trouble. We are not liable for costs caused by the storm, but I've booked a repair for Monday.",
    "I can't promise it will arrive by Saturday, but I'll chase the courier this morning and update you.",
    "Sorry for the wait. We're working hard to make sure it doesn't happen again, and I'll call you on Friday.",
    "Thanks for your patience. I'll refund the full amount or send a new one, whichever you prefer.",
    "Sorry about the wait. The delivery company's depot is closed on bank holidays, so it will arrive Tuesday.",
    "Our team let you down here, and I'm sorry; I've booked a new slot for Friday.",
    "Thanks, Ravi. My colleague in the returns team will email you the label today.",
])
def test_near_misses_of_the_wider_families_are_not_found(checker, draft):
    kinds = checker.check(draft).kinds
    assert not {"admits_liability", "promises_beyond_policy", "blames_others"} & set(kinds), checker.check(draft).findings


def test_an_admission_beside_a_plain_billing_error_is_fine(checker):
    draft = "Sorry about that, it was our mistake. I've refunded the $12 difference and you'll see it in 3 days."
    assert checker.check(draft, "Why was I charged the higher rate?").ok
    assert "admits_liability" in checker.check(draft, LAWYER).kinds


def test_missing_acknowledgement_and_next_step_quote_nothing(checker):
    review = checker.check("The refund policy is 30 days from delivery.")
    assert review.kinds == ("no_acknowledgement", "no_next_step")
    assert [f.quote for f in review.findings] == ["", ""]


def test_thanks_from_the_customer_needs_no_next_step(checker):
    assert checker.check("Great to hear, thanks for letting us know!", "All sorted now, thanks!").ok


def test_sources_are_playbook_sections(checker, assistant):
    review = checker.check("Calm down. As you were told, it's your own fault. We're liable, obviously.", LAWYER)
    assert review.findings and all(f.source in assistant.playbook for f in review.findings)


@pytest.mark.parametrize("draft", [
    "Hi Maria,\n\nI'm sorry your order #4411 still hasn't arrived. I've opened a trace with the carrier and I'll update "
    "you by 5pm tomorrow.\n\nBest regards,\nSam",
    "Thanks for flagging this. I've refunded the second charge of $29.99 and you'll see it within 3-5 business days.",
    "I'm sorry for the inconvenience. I can offer 15% off your next renewal; let me know if you'd like it and I'll apply it.",
    "totally get it, that's annoying. I'll escalate to the delivery team now and ping you within the hour",
])
def test_good_replies_have_no_findings(checker, draft):
    review = checker.check(draft)
    assert review.ok, review.findings
    assert review.rewrite == draft.strip()


@pytest.mark.parametrize("draft, customer, kept", [
    ("Hi Mark,\n\nThis is completely our fault and we take full responsibility. Obviously the installer should have checked. "
     "Your floor will be inspected on Tuesday.\n\nBest regards,\nSam", LAWYER, ["Your floor will be inspected on Tuesday."]),
    ("Per my last email, the replacement ships on Monday. You'll get tracking when it leaves.", None,
     ["The replacement ships on Monday.", "You'll get tracking when it leaves."]),
    ("I'm really sorry about the delay. I've refunded the full $450 to your card.", None, ["I'm really sorry about the delay."]),
    ("We're not idiots. Your parcel is at the depot.", "You absolute idiots can't even ship a box.", ["Your parcel is at the depot."]),
    ("Noted.", None, []),
])
def test_the_rewrite_passes_the_check_and_keeps_good_sentences(checker, draft, customer, kept):
    review = checker.check(draft, customer)
    assert not review.ok
    assert checker.check(review.rewrite, customer).ok, review.rewrite
    for sentence in kept:
        assert sentence in review.rewrite
    for finding in review.findings:
        if finding.quote:
            assert finding.quote not in review.rewrite


def test_the_rewrite_keeps_the_greeting_and_sign_off(checker):
    review = checker.check("Hi Tom,\n\nCalm down. The account is reactivated.\n\nBest regards,\nNina")
    assert review.rewrite.startswith("Hi Tom,\n\n")
    assert review.rewrite.endswith("\n\nBest regards,\nNina")


@pytest.mark.parametrize("name", ["reply_check.jsonl", "reply_check_real_dev.jsonl", "reply_check_real_dev2.jsonl",
                                  "reply_check_real_dev3.jsonl", "reply_check_real_dev4.jsonl"])
def test_every_labelled_reply_gets_a_rewrite_that_passes(checker, name):
    for line in (REPO / "tests/data" / name).read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        review = checker.check(row["text"], row.get("customer"))
        assert checker.check(review.rewrite, row.get("customer")).ok, (row["text"], review.rewrite)


def test_the_labelled_set_is_big_enough_and_holds_out_a_third():
    rows = [json.loads(line) for line in (REPO / "tests/data/reply_check.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 150
    assert sum(r["split"] == "holdout" for r in rows) * 3 >= len(rows)
    for kind in KINDS:
        assert sum(kind in r["labels"] for r in rows) >= 5, kind
    assert sum(not r["labels"] for r in rows) >= 30


def test_sentences_keep_their_place(checker):
    draft = "Hi Ana,\nThanks! I'll call you.  Bye"
    assert [draft[s.start:s.end] for s in sentences(draft)] == ["Hi Ana,", "Thanks!", "I'll call you.", "Bye"]


ATTITUDE = "reply_check_attitude.toml"
OTHERS = "reply_check_others.toml"


@pytest.mark.parametrize("name, old, new, expected", [
    (ATTITUDE, 'kind = "blames_customer"', 'kind = "blame"', ["reply_check_attitude.toml", "rules[", "kind", "one of"]),
    (ATTITUDE, 'kind = "blames_customer"', 'kind = "admits_liability"', ["rules[", "kind", "one of", "echoes_abuse"]),
    (ATTITUDE, 'source = "empathy.ownership"', 'source = "empathy.nowhere"', ["source", "playbook section"]),
    (ATTITUDE, "'\\bobviously\\b',", "'(obviously',", ["cues", "regular expression"]),
    (ATTITUDE, "'''\\b{insult_name}\\b''',", "'''\\b{insults_name}\\b''',", ["unknown {insults_name}", "insult_name"]),
    (ATTITUDE, "[learned.echoes_abuse]", "[learned.echoes]", ["unknown key 'learned.echoes'", "echoes_abuse"]),
    (OTHERS, 'kind = "blames_others"', 'kind = "blames_customer"', ["reply_check_others.toml", "rules[", "kind", "blames_others"]),
    (OTHERS, "\n[vocabulary]\n", "\n[vocabulary]\nOther = 'x'\n", ["reply_check_others.toml", "lower-case letters"]),
    (OTHERS, "{run_down}", "{rundown}", ["unknown {rundown}"]),
    ("reply_check.toml", '[layout]', '[layout]\ncolour = "red"', ["unknown key", "layout.colour"]),
    ("reply_check.toml", 'add = "Thank you for getting in touch about this."', 'add = "Thanks, {name}."',
     ["acknowledgement.add", "{hours}"]),
    ("reply_check.toml", 'not_in_sentence_with = ["echoes_abuse"]', 'not_in_sentence_with = ["insults"]',
     ["acknowledgement.not_in_sentence_with", "strings from", "insults"]),
    ("reply_check.toml", 'rewrite = "I\'m making sure this is looked into properly."', 'rewrite = "Obviously we will look at it."',
     ["would itself be found", "defensive_tone"]),
])
def test_both_files_of_the_configuration_are_validated_on_load(assistant, config_copy, name, old, new, expected):
    path = config_copy / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_reply_check(config_copy / "reply_check.toml", assistant.playbook)
    for part in expected:
        assert part in str(caught.value)


@pytest.mark.parametrize("name", [ATTITUDE, OTHERS])
def test_a_team_copy_without_the_attitude_or_others_file_reads_the_built_in_one(assistant, config_copy, name):
    (config_copy / name).unlink()
    content = load_reply_check(config_copy / "reply_check.toml", assistant.playbook)
    assert {r.kind for r in content.rules} >= {"blames_customer", "blames_others", "defensive_tone", "echoes_abuse"}


def test_cli_text_lists_findings_then_the_rewrite():
    result = run_cli("check-reply", "--customer", LAWYER, "This is our fault. Calm down, I'll refund $500.")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert '"our fault"' in out and "deescalation.legal-threats" in out and "why:" in out
    assert out.index("Safer rewrite:") > out.index("our fault")


def test_cli_json_and_stdin():
    result = run_cli("check-reply", "--json", "-", stdin="As I already explained, it ships Monday.")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"findings", "rewrite", "ok"} and data["ok"] is False
    assert {"kind", "quote", "why", "source"} <= set(data["findings"][0])
    assert data["findings"][0]["quote"] == "As I already explained"
    good = json.loads(run_cli("check-reply", "--json", "Thanks, Ana. I'll send the label today.").stdout)
    assert good == {"findings": [], "rewrite": "Thanks, Ana. I'll send the label today.", "ok": True}


@pytest.mark.parametrize("args, stdin, words", [
    (["check-reply", "-"], "   \n", "the reply is empty"),
    (["check-reply", "   "], None, "the reply is empty"),
    (["check-reply", "--customer", " ", "Thanks, I'll call you."], None, "--customer is empty"),
])
def test_cli_refuses_empty_input_with_exit_2(args, stdin, words):
    result = run_cli(*args, stdin=stdin if stdin is not None else "")
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_scores_reply_rows_per_kind_and_split():
    result = run_cli("eval", "--json", str(REPO / "tests/data/reply_check.jsonl"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["kind"] == "reply_check" and set(data["scores"]) == {"tune", "holdout", "all"}
    assert [s["signal"] for s in data["scores"]["holdout"]] == list(KINDS)
    text = run_cli("eval", str(REPO / "tests/data/reply_check.jsonl"), "--split", "holdout").stdout
    assert "split holdout" in text and "no_next_step" in text


def test_eval_refuses_an_unknown_finding_kind(tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_text(json.dumps({"kind": "reply_check", "text": "Hi", "labels": ["rude"]}) + "\n", encoding="utf-8")
    result = run_cli("eval", str(path))
    assert result.returncode == 2 and "unknown finding kind 'rude'" in result.stderr
