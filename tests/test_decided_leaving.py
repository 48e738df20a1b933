"""A customer who says they have decided to leave is not asked for "the chance to help before you decide": the drafts
say we are sorry to have lost their trust. One who threatens to leave, or might, still gets the chance (real letters:
"I have decided to end our relationship", "I will no longer be requiring your services")."""

from __future__ import annotations

import pytest

from draft_defects import drafts, real_messages


@pytest.mark.parametrize("key", ["web-j-02", "web-d-01", "web-p-13", "web-d-02"])
def test_a_decided_leaver_is_not_asked_to_wait_before_deciding(assistant, key):
    text = drafts(assistant.suggest(real_messages()[key]))
    assert "before you decide" not in text
    assert "lost your trust" in text or "lost your confidence" in text


@pytest.mark.parametrize("text", [
    "My broadband has been down for a week. If it isn't fixed by Friday I'm thinking of switching to another provider.",
    "Honestly I might just go elsewhere, this is the third late delivery this month.",
])
def test_one_who_might_leave_still_gets_the_chance(assistant, text):
    out = drafts(assistant.suggest(text))
    assert "lost your trust" not in out and "lost your confidence" not in out
