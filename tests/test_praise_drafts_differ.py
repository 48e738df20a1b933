"""A thank-you's three drafts do different things (reviewers, rounds 28-31: "all three thank and pass it on"): for
thanks to people with no one named, the empathetic draft asks what would find them, the concise one passes it on, the
formal one records a compliment for them and their manager; nothing is said to have "worked out" when nothing was
wrong. The messages are written for the mechanism."""

from __future__ import annotations

import pytest


def _drafts(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.stance.name == "thanks"
    return {r.style: r.text for r in s.replies}


def test_thanks_to_unnamed_staff_asks_what_would_find_them(assistant):
    d = _drafts(assistant, "Your staff were so kind to my dad when he got confused at the till. Thank you all.")
    assert "whoever helped you" in d["empathetic"] and "manager" in d["empathetic"]
    assert "recorded your message as a compliment" in d["formal"]
    assert "pass it on" in d["concise"]
    assert len({d["empathetic"], d["concise"], d["formal"]}) == 3


@pytest.mark.parametrize("text", [
    "Thank you Nicole on flight 238, you were wonderful with my kids.",          # named: no "a name" asked
    "Dear Sharon, thank you for the beautiful cake you and your staff made for us.",   # written to a person
    "Your staff were brilliant on 3 March when my car broke down. Thank you!",  # says when
    "I love your crisps, they are the best thing in my lunchbox. Thank you!",   # a product, nobody served them
])
def test_no_question_where_they_said_it_or_no_one_served_them(assistant, text):
    assert "whoever helped you" not in _drafts(assistant, text)["empathetic"]


def test_nothing_worked_out_when_nothing_went_wrong(assistant):
    """Round 31: "three letters" and "still has" read as trouble gave "I'm really glad things worked out"."""
    d = _drafts(assistant, "I got home to three letters today and still have a smile on my face. Excellent service "
                           "from your posties, thank you!")
    assert all("worked out" not in t for t in d.values())


@pytest.mark.parametrize("text", [
    "I have just spent a week in ward 24 and the staff were so kind to me. Thank you all.",
    "The staff at your Diss store were wonderful when my trolley tipped over. Thank you!",
])
def test_no_question_where_they_already_said_where(assistant, text):
    """A thank-you that names the ward or the store needs no "tell me anything that would help us find them"."""
    assert "whoever helped you" not in _drafts(assistant, text)["empathetic"]
