"""A long letter the cues read as a complaint, with no anger, sarcasm or abuse in it, is a "calm complaint" to
the stance model, whose change to thanks is chosen out of fold on its own: thank-you letters that recount a
hard time ("our power went out at 6:30 ... Duke Energy was here within 30 minutes") read that way, while the
sarcastic thank-you letters the model also took for thanks nearly all carry sarcasm or anger. Reviewers score
an apology to praise as a never-do."""

from __future__ import annotations

import json
from pathlib import Path

from bot.label_model import STANCE_MODEL_PATH, LabelModel
from bot.stance_changes import CALM, model_view, stance_change_allowed

DATA = Path(__file__).parent / "data"


def test_only_a_long_complaint_without_anger_sarcasm_or_abuse_is_calm():
    assert model_view("complaint", {"complaint"}, True) == "complaint" + CALM
    assert model_view("complaint", {"complaint", "repeat_contact"}, True) == "complaint" + CALM
    for loud in ("anger", "sarcasm", "abusive"):
        assert model_view("complaint", {"complaint", loud}, True) == "complaint"
    assert model_view("complaint", {"complaint"}, False)  # "The app logs me out every time. Thank you." == "complaint"
    assert model_view("question", set(), True) == "question"


def test_a_calm_complaint_may_change_as_a_complaint_may():
    assert stance_change_allowed("complaint" + CALM, "thanks")
    assert not stance_change_allowed("complaint" + CALM, "complaint")  # no change at all
    assert not stance_change_allowed("complaint" + CALM, "none")  # a complaint is never a remark


def test_the_shipped_model_changes_calm_complaints_to_thanks_only_above_its_own_bar():
    model = LabelModel.load(STANCE_MODEL_PATH)
    key = "complaint" + CALM + ">thanks"
    # allowed only where its own guesses were right 9 times in 10 on 10 or more letters out of fold: on today's
    # labels that bar is met or missed by one letter, so the change may be absent; it is never allowed below 0.6
    assert key not in model.guessable or model.bars[key] >= 0.6
    assert "complaint>thanks" not in model.guessable  # an angry or sarcastic "thank you" stays a complaint


def test_a_real_thank_you_letter_read_as_a_complaint_is_thanked_without_an_apology(assistant):
    text = next(r["text"] for r in map(json.loads, (DATA / "real_messages_2.jsonl").read_text().splitlines())
                if r["id"] == "web-c-35")  # "formally thank the crew of June 19th's Delta Flight 1215"
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks"  # by the cues since round 23, by the stance model before
    assert not s.analysis.escalate.recommended
    for reply in s.replies:
        assert "sorry" not in reply.text.lower() and "thank" in reply.text.lower()


def test_a_short_complaint_signed_off_with_thanks_stays_a_complaint(assistant):
    s = assistant.suggest("The app logs me out every time I open the basket and I lose everything in it. Thank you.")
    assert s.reading.stance.name == "complaint"
