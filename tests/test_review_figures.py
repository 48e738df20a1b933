"""The review figures the README quotes are what the committed review scores say."""

from __future__ import annotations

import pytest

from bench.review_figures import figures
from conftest import REPO


@pytest.mark.parametrize("round_name, before, after, tweets_after", [
    ("round2", 2, 18, "8/20"), ("round3", 1, 25, "18/25"), ("round4", 0, 27, "16/25"),
])
def test_each_rounds_sendable_counts(round_name, before, after, tweets_after):
    table, worst = figures(REPO / "tests" / "data" / "review" / round_name)
    assert (table["before"]["sendable"], table["after"]["sendable"]) == (before, after)
    assert table["after"]["tweets"] == tweets_after and table["after"]["outputs"] == 40
    assert len(worst) == 40 - after
