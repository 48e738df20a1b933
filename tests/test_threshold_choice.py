"""How training chooses thresholds out of fold: folds dealt by a hash of each row's text (a row keeps its fold when
rows are added), bootstrap resamples dealt the same way, and F1's maximum found on a smoothed curve (its raw maximum
jumps along a flat top)."""

from __future__ import annotations

import numpy as np

from bot.letter_training import BOOTSTRAPS, SEED, letter_mode, resampled_fbeta
from bot.threshold_choice import SMOOTH, best_threshold, dealt_folds, dealt_resamples


def test_a_row_keeps_its_fold_when_rows_are_added():
    texts = [f"message number {i}" for i in range(500)]
    before = dealt_folds(texts, 5)
    after = dealt_folds(texts + [f"a letter labelled later {i}" for i in range(80)], 5)
    fold_of = lambda folds: {int(i): k for k, (_, test) in enumerate(folds) for i in test}  # noqa: E731
    old, new = fold_of(before), fold_of(after)
    assert all(new[i] == old[i] for i in range(500))
    for train, test in after:  # each fold's rows are tested once and trained on otherwise
        assert not set(train) & set(test) and len(train) + len(test) == 580
    assert sorted(i for _, test in after for i in test) == list(range(580))
    assert min(len(test) for _, test in after) > 80  # no fold left nearly empty


def test_the_same_text_falls_in_the_same_fold():
    folds = dealt_folds(["same words", "other words", "same words"], 5)
    (k0,) = [k for k, (_, test) in enumerate(folds) if 0 in test]
    assert 2 in folds[k0][1]


def test_a_flat_top_gives_a_threshold_from_its_middle_not_from_one_lucky_point():
    rng = np.random.default_rng(3)
    y = np.array([True] * 40 + [False] * 360)
    p = np.where(y, rng.uniform(0.55, 0.95, 400), rng.uniform(0.02, 0.5, 400))  # anywhere in 0.50-0.55 is as good
    threshold, f1 = best_threshold(y, p, np.ones(400))
    assert 0.45 <= threshold <= 0.6 and f1 > 0.95
    spike = p.copy()
    spike[0] = 0.9  # one point moved does not move the choice far
    assert abs(best_threshold(y, spike, np.ones(400))[0] - threshold) <= SMOOTH


def test_no_positive_gives_the_middle_and_no_f1():
    assert best_threshold(np.zeros(10, dtype=bool), np.linspace(0, 1, 10), np.ones(10)) == (0.5, 0.0)


def test_a_row_weighs_the_same_in_every_resample_when_rows_are_added():
    texts = [f"letter number {i}" for i in range(300)]
    before = dealt_resamples(texts, 200, seed=5)
    after = dealt_resamples(texts + [f"a letter labelled later {i}" for i in range(40)], 200, seed=5)
    assert before.shape == (200, 300) and after.shape == (200, 340)
    assert (after[:, :300] == before).all()
    assert abs(before.mean() - 1.0) < 0.05 and (before == 0).any()  # a bootstrap: some rows left out of a draw, some twice
    assert not (dealt_resamples(texts, 200, seed=6) == before).all()


def test_a_way_that_wins_its_resamples_keeps_winning_when_unrelated_letters_are_added():
    rng = np.random.default_rng(11)
    y = rng.random(400) < 0.15
    rules = y & (rng.random(400) < 0.7) | (~y & (rng.random(400) < 0.05))
    either = rules | (y & (rng.random(400) < 0.5))
    texts = [f"letter {i}" for i in range(400)]
    chosen = letter_mode(y, {"rules": rules, "either": either}, texts)
    scores = [resampled_fbeta(y, way, dealt_resamples(texts, BOOTSTRAPS, SEED)) for way in (rules, either)]
    for extra in (10, 40, 80):  # letters with no signal, which neither way raises: each resample scores as before
        grown = lambda a: np.concatenate([a, np.zeros(extra, dtype=bool)])  # noqa: E731
        more = texts + [f"a letter labelled later {i}" for i in range(extra)]
        draws = dealt_resamples(more, BOOTSTRAPS, SEED)
        assert all((resampled_fbeta(grown(y), grown(way), draws) == f1).all() for way, f1 in zip((rules, either), scores))
        assert letter_mode(grown(y), {"rules": grown(rules), "either": grown(either)}, more) == chosen
