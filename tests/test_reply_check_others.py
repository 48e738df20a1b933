"""Blame on a colleague, another team or a partner (blames_others): found with the agent's words, left alone when
a partner's part is only explained or the team owns it, reported by the CLI, and the learned part, which has no
labels for it yet, leaves it to the cues and still trains and reports."""

from __future__ import annotations

import json

import pytest

from bot import reply_training
from bot.evaluation import format_reply_cv
from bot.reply_check import KINDS, ReplyChecker, load_checker
from bot.reply_check_config import ATTITUDE
from bot.reply_model import ReplyModel
from conftest import REPO, run_cli
from reply_support import assert_rewrite


@pytest.fixture(scope="module")
def checker(assistant):
    return load_checker(assistant.settings, assistant.playbook, assistant.rules)


@pytest.mark.parametrize("sentence, quote", [
    ("Honestly the night shift made a mess of your order.", "the night shift made a mess"),
    ("Our supplier is hopeless, so it's late again.", "Our supplier is hopeless"),
    ("Blame the billing department for that one.", "Blame the billing department for that one"),
    ("My colleague gave you the wrong return address.", "My colleague gave you the wrong return"),
    ("That one is down to our delivery partner.", "That one is down to our delivery partner"),
    ("The fault lies with the manufacturer, not us.", "The fault lies with the manufacturer"),
    ("Our engineer forgot to order the part.", "Our engineer forgot to order the part"),
    ("It was the other agent's mistake, not mine.", "It was the other agent's mistake"),
    ("The packing team screwed up the labels.", "The packing team screwed up the labels"),
    ("It's not my fault, the billing team never passed it on.", "not my fault, the billing team never passed it on"),
])
def test_blame_on_others_is_found_with_the_agents_words(checker, assistant, sentence, quote):
    draft = f"Sorry about your order. {sentence} I'll send a replacement today."
    review = checker.check(draft)
    found = [f for f in review.findings if f.kind == "blames_others"]
    assert [f.quote for f in found] == [quote], review.findings
    assert found[0].source == "empathy.ownership" and found[0].source in assistant.playbook
    assert_rewrite(checker, review, ["ownership", "Sorry about your order."], [quote])


@pytest.mark.parametrize("draft", [
    "Sorry for the wait. The courier's scan shows it reached the depot this morning, and I'll chase them now.",
    "Thanks for asking. The warehouse doesn't ship on bank holidays, so it leaves on Tuesday.",
    "I'm sorry, we made a mistake with your order, and I'll send the right one today.",
    "Sorry about this. I've asked my colleague in billing to refund the fee, and she'll email you by 5pm.",
    "Sorry. It isn't the driver's fault: the road was closed. I'll rebook you for Thursday.",
    "Sorry for the delay. The courier should have it with you by Friday.",
    "Thanks for waiting. Our supplier has confirmed the new stock, and I'll ship yours on Monday.",
])
def test_explaining_a_partners_part_or_owning_it_is_not_blame(checker, draft):
    assert "blames_others" not in checker.check(draft).kinds


def test_the_cli_reports_it_in_text_and_json():
    draft = "The returns team got your refund wrong. I'll fix it today."
    data = json.loads(run_cli("check-reply", "--json", draft).stdout)
    [finding] = [f for f in data["findings"] if f["kind"] == "blames_others"]
    assert finding["quote"] == "The returns team got your refund wrong" and finding["source"] == "empathy.ownership"
    text = run_cli("check-reply", draft).stdout
    assert "blames others" in text and '"The returns team got your refund wrong"' in text


def test_the_guide_and_the_readme_name_every_kind():
    guide = (REPO / "tests/data/labels/REPLY_GUIDE.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"| `{kind}` |" in guide, kind
        assert f"`{kind}`" in readme, kind


def test_a_kind_without_labels_is_left_to_the_cues_when_training(checker, assistant, monkeypatch, tmp_path):
    """Training on rows that label every attitude kind but blames_others: it ships no weights for it, the model
    still loads and checks, and the eval's table of the learned part shows it as the cues'."""
    learnable = [k for k in ATTITUDE if k != "blames_others"]
    rows = []
    for i in range(120):
        labels = {k for n, k in enumerate(learnable) if (i + n) % (n + 2) == 0}
        per_sentence = [{f"w:{k}": 1.0 for k in labels} | {f"w:noise{i % 7}": 1.0}]
        rows.append(reply_training.Row(per_sentence, {}, set(), labels, i % 5 < 3))
    monkeypatch.setattr(reply_training, "dev_rows", lambda _checker: rows)
    out = tmp_path / "reply_model.json.gz"
    lines: list[str] = []
    reply_training.train(checker, out=out, log=lines.append)
    model = ReplyModel.load(out)
    assert set(model.kinds) == set(learnable)
    assert model.meta["cv"]["blames_others"] == {"mode": "rules", "positives": 0}
    assert any("blames_others" in line and "too few" in line for line in lines)
    with_model = ReplyChecker(checker.content, assistant.settings, assistant.rules, model=model)
    assert "blames_others" in with_model.check("Our courier is useless. I'll chase it today.").kinds
    table = format_reply_cv(model.meta["cv"], ATTITUDE)
    assert "blames_others" in table and "cues alone (0 labelled)" in table
