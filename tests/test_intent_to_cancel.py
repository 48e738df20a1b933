"""A declared intent to cancel is an ask to cancel: "the purpose of this letter is to inform you of my intent to cancel
my membership" (a gym letter had been offered only to look into what went wrong)."""

from __future__ import annotations

import re

from draft_defects import drafts


def test_a_declared_intent_to_cancel_is_asked(assistant):
    s = assistant.suggest("To the manager of the Riverside leisure centre. I have been a member for six years, and the pool "
                          "has now been closed for repairs for most of this year while the fee went up twice. The "
                          "purpose of this letter is to give you notice of my intention to cancel my membership at the "
                          "end of this month.")
    assert any(w.name == "cancel" and w.confidence > 0.5 for w in s.reading.wants)
    assert re.search(r"cancel", drafts(s))
