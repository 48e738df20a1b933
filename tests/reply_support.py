"""Shared by the Check my reply suites: what a good rewrite of a draft with findings means."""

from __future__ import annotations


def assert_rewrite(checker, review, kept: list[str], gone: list[str], customer: str | None = None) -> None:
    """The rewrite keeps the agent's good words, loses the ones found wanting, and passes its own check."""
    for words in kept:
        assert words in review.rewrite, review.rewrite
    for words in gone:
        assert words not in review.rewrite, review.rewrite
    assert checker.check(review.rewrite, customer).ok, review.rewrite
