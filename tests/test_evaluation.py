"""Scoring maths and the data formats `composure eval` reads."""

from __future__ import annotations

import json

import pytest

from bot.errors import BadInput
from bot.evaluation import Score, evaluate, load_dataset

from conftest import EVALDATA, run_cli


def test_score_maths():
    s = Score("anger", tp=8, fp=2, fn=4, tn=6)
    assert s.precision == pytest.approx(0.8)
    assert s.recall == pytest.approx(8 / 12)
    assert s.f1 == pytest.approx(2 * 0.8 * (8 / 12) / (0.8 + 8 / 12))
    negative_f1 = 2 * (6 / 10) * (6 / 8) / (6 / 10 + 6 / 8)
    assert s.macro_f1 == pytest.approx((s.f1 + negative_f1) / 2)


def test_csv_and_jsonl_formats(tmp_path):
    csv_file = tmp_path / "set.csv"
    csv_file.write_text('text,labels\n"I will sue you",threat_legal\n"thanks!",\n')
    data = load_dataset(csv_file)
    assert [sorted(e.labels) for e in data.examples] == [["threat_legal"], []]
    jsonl = tmp_path / "set.jsonl"
    jsonl.write_text(json.dumps({"text": "refund me", "labels": ["refund_request"]}) + "\n")
    scores = {s.signal: s for s in evaluate(load_dataset(jsonl), lambda t: ["refund_request"])}
    assert scores["refund_request"].tp == 1 and scores["anger"].tp == 0


@pytest.mark.parametrize("content, message", [
    ("text,labels\nhello,rage\n", "unknown signal 'rage'"),
    ("words,tags\nhello,x\n", "expected CSV columns"),
])
def test_bad_files_are_explained(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content)
    with pytest.raises(BadInput, match=message):
        load_dataset(path)


def test_bad_jsonl_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok", "labels": []}\n{oops\n')
    with pytest.raises(BadInput, match="line 2"):
        load_dataset(path)


@pytest.mark.skipif(not EVALDATA.is_dir(), reason="../shared/evaldata is not beside the repository")
def test_eval_reads_the_public_corpora_on_dev_rows():
    result = run_cli("eval", str(EVALDATA / "complaints.csv"), "--split", "dev", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rows"] == 515
    assert [s["signal"] for s in data["scores"]] == ["complaint"]


def test_eval_missing_file_exits_2(tmp_path):
    result = run_cli("eval", str(tmp_path / "nope.csv"))
    assert result.returncode == 2 and "no such file" in result.stderr
