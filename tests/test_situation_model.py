"""The learned situation model: how its labels are merged, how sure it must be, and how the reading
uses its guess (only where no cue names what went wrong, never as grounds for admitting fault)."""

from __future__ import annotations

import json

import pytest
from scipy.stats import beta

from bot import label_fitting as lf
from bot import situation_training as st
from bot.label_model import BACKGROUND, SITUATION_MODEL_PATH as MODEL_PATH, Guess, LabelModel


def _write_labels(repo, batches):
    folder = repo / "tests" / "data" / "labels"
    folder.mkdir(parents=True)
    for n, rows in enumerate(batches, 1):
        (folder / f"situations_{n}.jsonl").write_text(
            "".join(json.dumps({"id": i, "situation": s, "other": "", "sure": True}) + "\n" for i, s in rows))


def test_labels_two_labellers_disagree_on_are_left_out_and_agreement_is_reported(tmp_path):
    _write_labels(tmp_path, [[("a", "late"), ("b", "outage"), ("c", "none")],
                             [("b", "outage"), ("c", "quality"), ("d", "wrong_item")]])
    labels, agreement = lf.labelled("situations_*.jsonl", "situation", tmp_path)
    assert labels == {"a": "late", "b": "outage", "d": "wrong_item"}
    assert agreement["double_labelled"] == 2 and agreement["agreed"] == 1 and agreement["agreement"] == 0.5


def test_kappa_is_one_for_perfect_agreement_and_zero_for_chance():
    assert lf.kappa([["late", "late"], ["outage", "outage"]]) == 1.0
    assert lf.kappa([["late", "outage"], ["outage", "late"]]) < 0
    assert lf.kappa([]) is None


def test_the_threshold_is_the_lowest_that_keeps_guesses_where_cues_found_nothing_precise():
    # 12 sure guesses all right, then 8 less sure ones all wrong: the threshold stops above the wrong ones
    best = ["late"] * 20
    sure = [0.9] * 12 + [0.5] * 8
    truth = ["late"] * 12 + ["outage"] * 8
    accept, report = lf.threshold(best, sure, truth, [True] * 20, 0.75, 0.6)
    assert accept == 0.9 and report == {"accepted": 12, "right": 12}
    # guesses where a cue already placed the message don't count either way
    accept, _ = lf.threshold(best, sure, truth, [False] * 20, 0.75, 0.6)
    assert accept > 1


def test_only_situations_whose_own_guesses_were_right_are_guessed():
    best = ["late"] * 4 + ["outage"] * 4 + ["quality"] * 2
    truth = ["late"] * 3 + ["none"] + ["outage"] * 2 + ["none"] * 2 + ["quality"] * 2
    guessable = lf.guessable_classes(best, [0.9] * 10, truth, [True] * 10, 0.6, 0.65, 3)
    assert guessable == {"late"}  # outage right half the time; quality guessed too seldom to tell


def test_coverage_counts_right_wrong_and_made_up_situations():
    report = st._coverage(["late", "outage", None, "late"], ["late", "late", "outage", "none"])
    assert report == {"labelled": 3, "named": 2, "right": 1, "precision": 0.5, "recall": 0.333, "named_where_none": 1}


@pytest.fixture(scope="module")
def model():
    if not MODEL_PATH.exists():
        pytest.fail(f"{MODEL_PATH} is missing: run `composure train`")
    return LabelModel.load(MODEL_PATH)


def test_the_shipped_model_is_small_and_was_chosen_for_precision(model):
    cv = model.model.meta["cv"]
    assert MODEL_PATH.stat().st_size < 3_000_000
    assert st.MIN_ACCEPT <= model.accept <= 1 and BACKGROUND in model.model.signals
    fills = cv["model_fills_out_of_fold"]
    assert fills["right"] / fills["accepted"] >= st.TARGET_PRECISION
    # ... on enough guesses to trust: the fills' precision is at least 0.6 with 90 % confidence (exact binomial bound).
    # As the cues name more situations the model fills fewer gaps (13 guesses, 11 right; then 8 of 8), so a count alone
    # would fail the surer model
    assert beta.ppf(0.1, fills["right"], fills["accepted"] - fills["right"] + 1) >= 0.6
    # the model adds situations the cues miss without making the reading less precise
    assert cv["rules_and_model"]["right"] > cv["rules"]["right"]
    assert cv["rules_and_model"]["precision"] >= cv["rules"]["precision"] - 0.05


def test_a_guess_is_used_only_where_no_cue_names_what_went_wrong(assistant):
    from bot.plaintext import prepare
    from bot.reading import read_case

    vocab = assistant.composer.vocab
    text = "my order arrived damaged"
    analysis = assistant.analyze_text(text)
    guessed = read_case(prepare(text).own_words, analysis, vocab, lambda t: Guess("outage", 0.95, "order"))
    assert guessed.situation.name == "damaged" and not guessed.learned


def test_a_guessed_situation_never_grounds_an_admission(assistant):
    """charged_twice is a plain company error when a cue reads it; a guess of it is not."""
    from bot.plaintext import prepare
    from bot.reading import read_case

    vocab = assistant.composer.vocab
    text = "the membership money went out on the 3rd and again on the 4th"
    analysis = assistant.analyze_text(text)
    case = read_case(prepare(text).own_words, analysis, vocab, lambda t: Guess("charged_twice", 0.9, "again"))
    assert case.learned and case.situation.name == "charged_twice" and case.understood
    assert not case.company_error


def test_a_guess_naming_a_situation_this_team_does_not_have_is_ignored(assistant):
    from bot.plaintext import prepare
    from bot.reading import read_case

    text = "the thing you sold me is not what I hoped for at all"
    case = read_case(prepare(text).own_words, assistant.analyze_text(text), assistant.composer.vocab,
                     lambda t: Guess("a_situation_we_never_configured", 0.99, "thing"))
    assert not case.learned


def test_a_guess_that_does_not_fit_what_the_message_plainly_names_is_dropped(assistant):
    """'tokens for account number 37167475088' guessed as a late delivery lost the account the customer named."""
    from bot.plaintext import prepare
    from bot.reading import read_case

    text = "@KenyaPower_Care kindly send me tokens for account number 37167475088. Been waiting since 7"
    case = read_case(prepare(text).own_words, assistant.analyze_text(text), assistant.composer.vocab,
                     lambda t: Guess("late", 0.9, "waiting"))
    assert not case.learned and "37167475088" in case.object


def test_a_situation_whose_cues_were_right_alone_in_letters_needs_no_second_reader():
    # six letters the cues placed as a company decision, all six right; five placed as late, three right
    cue = ["company_decision"] * 6 + ["late"] * 5 + ["outage"] * 6
    in_letter = [True] * 11 + [False] * 6  # the outage cues were read in short messages, where no second reader is asked
    truth = ["company_decision"] * 6 + ["late"] * 3 + ["none"] * 2 + ["outage"] * 6
    assert lf.trusted_alone(cue, in_letter, truth, 0.7) == ["company_decision"]
    assert lf.trusted_alone(cue[:4] + cue[6:], in_letter[:4] + in_letter[6:], truth[:4] + truth[6:], 0.7) == []  # 4 of 4 is too few
    model = LabelModel.__new__(LabelModel)
    model.alone = frozenset({"company_decision"})
    assert model.seconds("We object to your decision to close the branch.", "company_decision") is True
