"""What the cues read in a long letter is a word on the way more often than not (63 of 163 labelled letters right, two
cues no surer than one), so it is kept but not understood; when the learned situation model reads the same situation
too, the two readers together were right 36 of 46 times out of fold, and the letter is understood (remedies, a named
summary). A safety incident is understood from the cues alone: it is escalated whatever the model says."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from bot import label_fitting as lf
from bot.label_model import SITUATION_MODEL_PATH, LabelModel
from bot.plaintext import prepare
from bot.reading import ONE_CUE_IN_A_LETTER, SECONDED, read_case
from bot.situation_training import MIN_AGREE

DATA = Path(__file__).parent / "data"
LETTER = ("Dear Sir or Madam, I have banked with you for eleven years and have always paid on time. This month I "
          "noticed you charged me a $35 overdraft fee after a deposit cleared late, which was not my doing. I have "
          "spoken to two people at the branch and nobody could tell me why. I would like this looked at properly, "
          "because I have been a loyal customer for a long time and this has left a very bad taste.")


def _read(assistant, text, seconds):
    return read_case(prepare(text).own_words, assistant.analyze_text(text), assistant.composer.vocab,
                     seconds=seconds)


def test_one_cue_in_a_letter_is_understood_only_when_the_model_seconds_it(assistant):
    alone = _read(assistant, LETTER, None)
    assert alone.situation.name == "fee_dispute" and alone.situation_confidence == ONE_CUE_IN_A_LETTER
    assert not alone.understood
    asked = []
    seconded = _read(assistant, LETTER, lambda text, name: asked.append(name) or True)
    assert asked == ["fee_dispute"]  # the model is asked about the cue's situation, not for a guess of its own
    assert seconded.situation.name == "fee_dispute" and seconded.situation_confidence == SECONDED and seconded.understood
    refused = _read(assistant, LETTER, lambda text, name: False)
    assert not refused.understood


def test_a_short_message_never_asks_the_model(assistant):
    asked = []
    case = _read(assistant, "you charged me twice this month, I was charged twice", lambda t, n: asked.append(n) or False)
    assert case.understood and asked == []


TWO_CUES = ("Dear team, I have been a customer for years and I was charged twice for the same order last month. I "
            "checked my statement and the double charge is there, with two identical payments on the same day. I rang "
            "the number on your website and waited forty minutes, and nobody could explain it to me. I would like this "
            "put right, because it has left me short for the rest of the month and it is very stressful.")


def test_two_cues_in_a_letter_need_the_model_too(assistant):
    alone = _read(assistant, TWO_CUES, None)
    assert alone.situation.name == "charged_twice" and alone.understood  # no model shipped: the cues decide
    assert not _read(assistant, TWO_CUES, lambda text, name: False).understood
    assert _read(assistant, TWO_CUES, lambda text, name: name == "charged_twice").understood
    # a situation the model never learned (too few labels) is left to the cues: the model has no opinion on it
    assert _read(assistant, TWO_CUES, lambda text, name: None).understood


def test_a_safety_incident_in_a_letter_never_waits_for_the_model(assistant):
    letter = ("Dear manager, I am writing about my visit to your store on Saturday. While I was queueing at the till a "
              "member of your staff shoved my elderly mother so hard that she fell and hurt her wrist. Nobody came to "
              "help her up or asked if she was alright, and we left in tears. I expect this to be looked into properly "
              "and I would like to know what you will do about the employee involved.")
    asked = []
    case = _read(assistant, letter, lambda text, name: asked.append(name) or False)
    assert case.understood and case.situation.incident and asked == []


def test_the_bar_is_the_lowest_probability_whose_seconded_letters_are_right_often_enough():
    cue = ["late", "late", "late", "late", "late", "late", "outage", None]
    one = [True, True, True, True, True, True, True, False]
    prob = [0.9, 0.8, 0.7, 0.6, 0.5, 0.2, None, 0.9]
    truth = ["late", "late", "late", "late", "outage", "outage", "outage", "late"]
    bar, report = lf.agreement_bar(cue, one, prob, truth, target=0.75, floor=0.3, min_taken=4)
    assert bar == 0.5 and report["taken"] == 5 and report["right"] == 4  # 0.2 is below the floor; None never counts
    assert report["letters"] == 7 and report["letters_right"] == 5
    assert lf.agreement_bar(cue, one, prob, truth, target=0.75, floor=0.3, min_taken=6)[0] == 1.01  # too few: never


def test_the_shipped_model_seconds_only_with_a_bar_its_training_trusted():
    """The bar is chosen out of fold; when no bar's seconded letters were right often enough (round 23: the 162
    complaint tweets labelled then moved the model's probabilities), the model seconds nothing."""
    model = LabelModel.load(SITUATION_MODEL_PATH)
    rows = {r["id"]: r["text"] for r in map(json.loads, (DATA / "real_messages_3.jsonl").read_text().splitlines())}
    assert model.agree == 1.01 or MIN_AGREE <= model.agree <= 1.0
    assert not model.seconds(rows["web-d-32"], "outage")
    if model.agree > 1.0:
        assert not any(model.seconds(text, name) for text in rows.values() for name in ("refund_pending", "late"))


def test_a_seconded_letter_gets_the_situations_summary_and_remedy(assistant):
    rows = {r["id"]: r["text"] for r in map(json.loads, (DATA / "real_messages_3.jsonl").read_text().splitlines())}
    text = rows["web-d-32"]  # "I cancelled my services almost 2 months ago ... yet to receive a refund"
    trusting = LabelModel.load(SITUATION_MODEL_PATH)
    trusting.agree = 0.0  # a model whose training trusted any second opinion: the mechanism, whatever today's bar
    composer = copy.copy(assistant.composer)
    composer.situations = trusting
    s = composer.compose(prepare(text), assistant.analyze_text(text))
    assert s.reading.situation.name == "refund_pending" and s.reading.understood
    concise = next(r.text for r in s.replies if r.style == "concise")
    assert "refund that hasn't reached you yet" in concise and "where the refund stands" in concise
