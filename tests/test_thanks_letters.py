"""A thank-you letter that tells what went wrong before someone put it right shows no complaint signals: reviewers
scored "praise read as a complaint" as a serious miss. The words stay visible to the agent in a note."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _message(file: str, message_id: str) -> str:
    rows = (json.loads(line) for line in (DATA / file).read_text(encoding="utf-8").splitlines() if line.strip())
    return next(r["text"] for r in rows if r["id"] == message_id)


# web-f-20 (dev review 16): a letter to Waitrose thanking a night manager who found the writer's wallet
WALLET = _message("real_messages_5.jsonl", "web-f-20")


def test_a_thank_you_letter_shows_the_story_in_a_note_not_as_signals(assistant):
    s = assistant.suggest(WALLET)
    assert s.reading.stance.name == "thanks"
    data = json.loads(json.dumps(s.to_dict()))
    assert not {"complaint", "anger", "repeat_contact"} & set(data["analysis"]["signals"])
    assert data["analysis"]["severity"] == "low" and not data["analysis"]["escalate"]["recommended"]
    assert any('complaint: "unpleasant"' in n for n in s.notes)


def test_abuse_in_a_thank_you_is_still_shown(assistant):
    s = assistant.suggest("Thanks for nothing, you useless idiots.")
    assert s.analysis.has("abusive")
