"""What a message is, not its words alone, sets what the agent is shown. A thank-you letter that tells what went wrong
before someone put it right shows no complaint signals (reviewers scored "praise read as a complaint" as a serious
miss); the words stay visible in a note. A request the agent can simply carry out is not escalated for its tone."""

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


def test_a_cross_request_to_cancel_is_not_a_case_for_a_lead(assistant):
    """web-f-06 (dev review 16): a cancellation the site wouldn't let the customer make went to a lead on its
    severity points (churn risk, urgency) alone."""
    s = assistant.suggest("I subscribed to the online useadrenaline service, but when I go to Manage Account, to "
                          "cancel the subscription it won't let me... contact me ASAP, as I don't find a practical "
                          "usage for this.")
    assert s.reading.situation.name == "cancellation"
    assert not s.analysis.escalate.recommended and s.analysis.severity == "medium"
