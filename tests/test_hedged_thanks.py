"""A letter the cues read as a complaint but the stance model as a thank-you: thanked in words that apologise for
nothing and leave the door open, never apologised to (rounds 35-39: thank-you letters whose stories raised complaint
words got "I'm sorry to hear about all of this"). The bar is chosen out of fold by the training."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from bot import stance_training as stt
from bot.label_model import STANCE_MODEL_PATH, LabelModel
from bot.plaintext import prepare
from bot.reading import read_case

DATA = Path(__file__).resolve().parent / "data"


def _letter(row_id: str) -> str:
    for path in sorted(DATA.glob("real_messages*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["id"] == row_id:
                return row["text"]
    raise KeyError(row_id)


# a real thank-you letter to a council's waste collectors whose story ("trying times", "health hazards") the cues read
# as a complaint; a real letter about a sealed fridge that failed, which asks for something to be done
THANKS_LETTER = "web-an-19"


@pytest.fixture(scope="module")
def hedging(assistant):
    """The shipped stance model with its hedge bar set low, so the mechanism is tested, not this training's bar."""
    model = LabelModel.load(STANCE_MODEL_PATH)
    model.hedged = 0.3
    composer = copy.copy(assistant.composer)
    composer.stances = model
    hedged = copy.copy(assistant)
    hedged.composer = composer
    return hedged


def _read(assistant, text: str, model: LabelModel | None):
    return read_case(prepare(text).own_words, assistant.analyze_text(text), assistant.composer.vocab,
                     hedged=model.hedged_thanks if model else None)


def test_the_bar_is_the_lowest_where_the_thanks_are_right_often_enough():
    # out of fold: right at 0.9 and 0.8 (6 of 6), then 0.7 brings 2 right and 1 wrong, 0.6 brings 8 wrong
    best = ["thanks"] * 17
    sure = [0.9] * 3 + [0.8] * 3 + [0.7] * 3 + [0.6] * 8
    truth = ["thanks"] * 8 + ["complaint"] * 9
    right = [y == "thanks" for y in truth]
    assert stt.hedged_bar(best, sure, right, [True] * 17) == 0.7  # 8 of 9 right; at 0.6, 8 of 17
    # letters that may not be hedged (a question, a want) and other guesses don't count
    assert stt.hedged_bar(best, sure, right, [True] * 6 + [False] * 11) == 1.01  # only 6 guesses: never
    assert stt.hedged_bar(["complaint"] * 17, sure, right, [True] * 17) == 1.01
    # the model's complaint for letters the cues thank: right when the letter was no thank-you
    assert stt.hedged_bar(["complaint"] * 17, sure, right, [True] * 17, other="complaint") == 0.7


def test_a_thank_you_letter_read_as_a_complaint_is_thanked_without_an_apology(hedging):
    text = _letter(THANKS_LETTER)
    case = _read(hedging, text, hedging.composer.stances)
    assert case.stance.name == "thanks" and case.mixed
    suggestion = hedging.suggest(text)
    drafts = " ".join(r.text for r in suggestion.replies)
    assert not re.search(r"\bsorry\b|\bapologi", drafts, re.I)
    assert "still needs putting right" in drafts and "Thank you for taking the time to write to us" in drafts
    assert any("reads both as thanks and as a complaint" in step for step in suggestion.next_steps)


def test_without_the_models_thanks_the_cues_reading_stands(assistant, hedging):
    text = _letter(THANKS_LETTER)
    assert not _read(assistant, text, None).mixed
    never = LabelModel.load(STANCE_MODEL_PATH)
    never.hedged = 1.01
    assert not _read(assistant, text, never).mixed


@pytest.mark.parametrize("tail", [
    " Could you tell me when the new bins will be delivered to our street?",   # a question waits for an answer
    " I would like a refund of the collection fee I paid in March.",            # they want something done
])
def test_a_letter_that_asks_or_wants_something_is_never_hedged(hedging, tail):
    case = _read(hedging, _letter(THANKS_LETTER) + tail, hedging.composer.stances)
    assert not case.mixed


def test_a_short_message_is_never_hedged(hedging):
    text = "Thanks for nothing, the bins were left full again and the street stinks."
    assert not _read(hedging, text, hedging.composer.stances).mixed


# a real complaint letter that praises what the company used to be ("I've been a huge fan of Walgreens over the years.
# For the longest time, it was my favorite place"): the cues read thanks from that praise. (Until 2026-12-07 this was
# web-y-13, then web-i-56, whose "I appreciate that you provide significant discounts for educators, however" the cues
# now read as the concession it is; then web-bc-14, whose "However this month, the pharmacist refused" after the last
# praise the cues now read as the turn it is.) web-aw-03 "thanks", in sarcasm, the United ticket agent who
# turned a daughter away 29 minutes before departure.
COMPLAINT_THE_CUES_THANK = "web-aw-03"


def test_a_letter_the_cues_thank_but_the_model_reads_as_a_complaint_gets_the_hedged_thanks(assistant):
    text = _letter(COMPLAINT_THE_CUES_THANK)
    model = LabelModel.load(STANCE_MODEL_PATH)
    model.doubted = 1.01
    assert _read(assistant, text, model).stance.name == "thanks" and not _read(assistant, text, model).mixed
    model.doubted = 0.3  # the mechanism, not this training's bar
    case = _read(assistant, text, model)
    assert case.stance.name == "thanks" and case.mixed
    composer = copy.copy(assistant.composer)
    composer.stances = model
    doubting = copy.copy(assistant)
    doubting.composer = composer
    drafts = " ".join(r.text for r in doubting.suggest(text).replies)
    assert "What a lovely message" not in drafts and "means a lot" not in drafts
    assert "still needs putting right" in drafts and not re.search(r"\bsorry\b|\bapologi", drafts, re.I)


def test_a_doubted_thank_you_is_hedged_whatever_it_asks(assistant):
    """Round 44: "Thank you for delivering my goods today ... you tossed my package in my FLOWER BED ... Was that
    necessary? Really?" asks only as the complaint it is: the question no longer keeps the full thank-you."""
    text = ("Thank you for delivering my goods today. The delivery was quite speedy and for that I'm grateful. One "
            "thing I'm not grateful about is the way you tossed my package in my flower bed instead of on the front "
            "porch. Was that necessary? Really? I fear my poor gardenia will never be the same again. It's the one that "
            "almost dies every winter that I have to nurse back to health. I am most displeased with you. Please change "
            "your ways. P.S. It was a nice touch that you managed to get it partially on a fire ant bed too.")
    model = LabelModel.load(STANCE_MODEL_PATH)
    model.doubted = 0.3  # the mechanism, not this training's bar
    case = _read(assistant, text, model)
    assert case.stance.name == "thanks" and case.mixed
