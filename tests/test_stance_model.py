"""The learned stance model: which changes of the cues' stance it may make (only those it made well out
of fold, never to or from a threat, abuse or extortion), and what the drafts do with a changed stance."""

from __future__ import annotations

import json

import pytest

from bot import label_fitting as lf
from bot import stance_training as stt
from bot.label_model import BACKGROUND, STANCE_MODEL_PATH, Guess, LabelModel
from bot.plaintext import prepare
from bot.reading import read_case
from bot.stance_changes import FIXED_STANCES, ROUTED_STANCES


def _read(assistant, text, stance_guess):
    return read_case(prepare(text).own_words, assistant.analyze_text(text), assistant.composer.vocab,
                     None, stance_guess)


def test_changes_are_keyed_by_what_the_cues_read_and_never_touch_routed_stances():
    keys, right, open_ = stt.changes(["complaint", "threat", "thanks", "question", "complaint", "extortion", "abuse",
                                      "complaint"],
                                     ["thanks", "complaint", "thanks", "none", "abuse", "complaint", "none", "none"],
                                     ["thanks", "threat", "thanks", "question", "abuse", "complaint", "none", "none"])
    assert keys == ["complaint>thanks", "threat>complaint", "thanks>thanks", "question>none", "complaint>abuse",
                    "extortion>complaint", "abuse>none", "complaint>none"]
    assert right[0] == keys[0] and right[1] != keys[1]
    # agreeing is no change; abuse (or a threat) is never guessed; extortion is never changed; abuse or a threat
    # becomes a complaint or nothing (never a friendly remark); a complaint never becomes a remark
    assert open_ == [True, True, False, True, False, False, False, False]


def test_the_changes_allowed_are_the_ones_right_out_of_fold():
    keys = ["complaint>thanks"] * 6 + ["question>complaint"] * 6
    right = ["complaint>thanks"] * 6 + ["question>question"] * 3 + ["question>complaint"] * 3
    allowed = lf.guessable_classes(keys, [0.9] * 12, right, [True] * 12, 0.5, stt.CLASS_PRECISION, stt.MIN_GUESSES)
    assert allowed == {"complaint>thanks"}


def test_a_change_that_leaves_a_question_unanswered_needs_its_own_higher_bar():
    # "question>none" is right 9 times out of 10 only above 0.8; "complaint>request" is right at any bar
    keys = ["question>none"] * 20 + ["complaint>request"] * 10
    sure = [0.6] * 10 + [0.9] * 10 + [0.6] * 10
    right = ["question>question"] * 5 + ["question>none"] * 5 + ["question>none"] * 10 + ["complaint>request"] * 10
    accept, allowed, bars = stt.choose(keys, sure, right, [True] * 30)
    assert accept <= 0.6 and allowed == {"question>none", "complaint>request"}
    assert bars == {"question>none": 0.9}


def test_a_change_right_only_when_the_model_is_surer_gets_its_own_bar_if_shown_often_enough():
    # "complaint>thanks": wrong at 0.6, right at 0.9 (12 times); "question>request": right only 3 times at 0.9
    keys = ["complaint>request"] * 10 + ["complaint>thanks"] * 20 + ["question>request"] * 6
    sure = [0.6] * 10 + [0.6] * 8 + [0.9] * 12 + [0.6] * 3 + [0.9] * 3
    right = (["complaint>request"] * 10 + ["complaint>complaint"] * 8 + ["complaint>thanks"] * 12
             + ["question>question"] * 3 + ["question>request"] * 3)
    accept, allowed, bars = stt.choose(keys, sure, right, [True] * 36)
    assert accept <= 0.6 and "complaint>request" in allowed
    assert "complaint>thanks" in allowed and bars["complaint>thanks"] == 0.9
    assert "question>request" not in allowed


def test_doubting_a_thank_you_needs_only_to_be_right_three_times_in_five():
    # both changes right 6 times in 10 at 0.9, wrong below: the cues' thank-you the model takes for a complaint is
    # changed (left, its hedge thanks the complaints among them); a complaint the model takes for a question is not
    keys = ["complaint>request"] * 10 + ["thanks>complaint"] * 14 + ["complaint>question"] * 14
    sure = [0.6] * 10 + ([0.6] * 4 + [0.9] * 10) * 2
    right = (["complaint>request"] * 10 + ["thanks>thanks"] * 4 + ["thanks>complaint"] * 6 + ["thanks>thanks"] * 4
             + ["complaint>complaint"] * 4 + ["complaint>question"] * 6 + ["complaint>complaint"] * 4)
    accept, allowed, bars = stt.choose(keys, sure, right, [True] * 38)
    assert "thanks>complaint" in allowed and bars["thanks>complaint"] == 0.9
    assert "complaint>question" not in allowed


def test_agreement_with_labels_counts_recall_per_stance():
    report = stt.agreement_with(["thanks", "complaint", "complaint"], ["thanks", "thanks", "complaint"])
    assert report == {"right": 2, "of": 3, "recall": {"complaint": "1/1", "thanks": "1/2"}}


def test_a_guessed_thanks_turns_a_misread_thank_you_note_into_praise(assistant):
    text = ("With our paper we received a card from our carrier Jim. You are lucky to have such a person, "
            "delivering in cold and bad weather. Joe")
    asked = []
    case = _read(assistant, text, lambda t, over: asked.append(over) or Guess("thanks", 0.9, "lucky to have"))
    assert case.stance.name == "thanks" and case.learned_stance and case.situation is None and not case.wants
    assert asked and asked[0] != "thanks"  # the model is told what the cues read


def test_extortion_stays_and_a_guess_of_a_routed_stance_is_ignored(assistant):
    extortion = "Give me a full refund and a $100 voucher or I'll leave a 1-star review on every site I can find."
    case = _read(assistant, extortion, lambda t, over: Guess("complaint", 0.99, "refund"))
    assert case.stance.name == "extortion" and not case.learned_stance
    plain = "the app keeps crashing when I open my basket"
    case = _read(assistant, plain, lambda t, over: Guess("abuse", 0.99, "crashing"))
    assert case.stance.name != "abuse" and not case.learned_stance


def test_a_message_the_model_reads_as_not_about_a_case_is_a_remark(assistant):
    text = ("@roblee4 It does count as an official miracle that you didn't roll your eyes so far back into your "
            "head that you can see behind you right?")
    assert _read(assistant, text, None).stance.name == "question"
    case = _read(assistant, text, lambda t, over: Guess(BACKGROUND, 0.9, "miracle"))
    assert case.remark and case.learned_stance


def test_a_stance_the_model_does_not_change_stays_the_cues(assistant):
    text = "my parcel is two weeks late"
    assert _read(assistant, text, lambda t, over: None).stance == _read(assistant, text, None).stance


def test_a_learned_stance_reaches_the_drafts(assistant, monkeypatch):
    """The composer asks the shipped model; with a model that reads praise, no draft apologises."""
    text = "OK this might be the best customer experience ever! Thanks a lot, it's fine now. Hats off to you sir!"

    class Praise:
        def guess(self, text, over=None):
            return Guess("thanks", 0.95, "best customer experience")

        def best(self, text, lean=None):
            return self.guess(text)

        def hedged_thanks(self, text, said="complaint"):
            return None

    monkeypatch.setattr(assistant.composer, "stances", Praise())
    drafts = [r.text.lower() for r in assistant.suggest(text).replies]
    assert all("sorry" not in d and "apolog" not in d for d in drafts)
    assert any("thank" in d for d in drafts)


@pytest.fixture(scope="module")
def model():
    if not STANCE_MODEL_PATH.exists():
        pytest.fail(f"{STANCE_MODEL_PATH} is missing: run `composure train`")
    return LabelModel.load(STANCE_MODEL_PATH)


def test_the_shipped_stance_model_is_small_and_its_changes_were_chosen_for_precision(model):
    cv = model.model.meta["cv"]
    assert STANCE_MODEL_PATH.stat().st_size < 3_000_000 and BACKGROUND in model.model.signals
    made = cv["changes_out_of_fold"]
    assert all(model.bars[c] >= model.accept for c in stt.UNANSWERED & set(model.guessable))
    assert made["made"] >= 10 and made["right"] / made["made"] >= stt.TARGET_PRECISION
    assert all(change.split(">")[0] not in FIXED_STANCES and change.split(">")[1] not in ROUTED_STANCES
               for change in model.guessable)
    assert all(change.split(">")[1] == "complaint" for change in model.guessable if change.split(">")[0] in ROUTED_STANCES)
    # the model makes the reading agree with the labels more often than the cues alone
    assert cv["cues_and_model"]["right"] > cv["cues"]["right"]


def test_the_shipped_model_only_makes_its_allowed_changes(model):
    for text in ("my parcel is two weeks late and nobody answers the phone",
                 "Thank you so much, Sam sorted my refund in minutes!"):
        for over in ("thanks", "complaint", "question", "request"):
            guessed = model.guess(text, over)
            assert guessed is None or f"{over}>{guessed.label}" in model.guessable


def test_labels_files_carry_the_guide_fields():
    for path in sorted((lf.REPO / "tests" / "data" / "labels").glob("stance_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            assert set(row) == {"id", "stance", "sarcastic", "sure"}, path
            assert row["stance"] in stt.STANCES | {BACKGROUND}, (path, row)


def test_insults_are_never_answered_as_a_remark_whatever_the_model_says(assistant):
    text = "You people make me sick. You're are actually sub-human."
    case = _read(assistant, text, lambda t, over: Guess(BACKGROUND, 0.99, "people"))
    assert case.stance.name == "abuse" and not case.remark and not case.learned_stance


def test_a_complaint_is_never_answered_as_a_remark_whatever_the_model_says(assistant):
    text = "@Delta I honestly don't believe that. You would change your ways if you were truly sorry"
    case = _read(assistant, text, lambda t, over: Guess(BACKGROUND, 0.99, "Delta"))
    assert not case.remark and not case.learned_stance


def test_the_held_out_letters_are_never_trained_on():
    """tests/data/labels/heldout_stance_*.jsonl tests the shipped model (composure train prints its figures);
    a row there that is also a training label would make the test a training figure."""
    held, _ = lf.labelled("heldout_stance_*.jsonl", "stance")
    trained, _ = lf.labelled("stance_*.jsonl", "stance")
    assert len(held) >= 80 and not set(held) & set(trained)


def test_a_need_in_so_many_words_is_never_a_remark_whatever_the_model_says(assistant):
    case = _read(assistant, "@ShopService 5550001234 i need this", lambda t, over: Guess(BACKGROUND, 0.99, "5550001234"))
    assert not case.remark and not case.learned_stance


def test_insults_at_the_reader_stay_abuse_whatever_the_model_says(assistant):
    text = "You stupid useless man, nobody cares about your pathetic rules. Get off your high horse."
    case = _read(assistant, text, lambda t, over: Guess("complaint", 0.99, "rules"))
    assert case.stance.name == "abuse" and not case.learned_stance
    # swearing about the situation, no one insulted, is still a complaint the model may put right
    case = _read(assistant, "Tesco needs to get their shit together, my delivery is late again",
                 lambda t, over: Guess("complaint", 0.99, "delivery"))
    assert case.stance.name == "complaint"
