"""Invariants over thousands of real messages: no draft may carry a defect a team lead rejects.

The texts are the committed review set of customer messages quoted on public pages and, when
../shared is present, the training rows of the public corpora (complaint tweets, sarcastic and
offensive tweets, Reddit comments); never a `test` row. Each defect class must count zero:
invented reference, changed amount, pasted fragment, admission under a legal or safety threat,
goodwill under abuse, threat or praise, apology to praise, malformed sentence, identical drafts.
"""

from __future__ import annotations

import pytest

from draft_defects import count_defects, real_texts

CHUNKS = 6
TEXTS = real_texts(limit_per_source=900)


def test_there_are_thousands_of_real_texts_when_the_corpora_are_present():
    from draft_defects import SHARED

    if (SHARED / "corpora").exists():
        assert len(TEXTS) >= 4000
    assert any(source == "web" for source, _ in TEXTS)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_no_defects_in_drafts_for_real_messages(assistant, chunk):
    texts = TEXTS[chunk::CHUNKS]
    counts, examples = count_defects(assistant, texts)
    assert not counts, {name: (n, examples[name][:3]) for name, n in counts.items()}
