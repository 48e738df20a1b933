"""A question whose answer is in the message asks the customer to repeat themselves: "What is the deadline
you're working to?" after "I need it by Tuesday" (dev review 16) is not asked."""

from __future__ import annotations

import pytest

DEADLINE = "What is the deadline you're working to"


@pytest.mark.parametrize("text", [
    # the real tweet below asks for the deadline; with the time given, it is not asked again
    "@PowerbombTV I did please get back as soon as possible please, I need it by Tuesday",
    "@PowerbombTV I did please get back as soon as possible please, I need it by 5pm",
])
def test_the_deadline_they_gave_is_not_asked_for(assistant, text):
    s = assistant.suggest(text)
    assert "urgency" in s.analysis.signal_names and not s.reading.live  # not told to skip it for another reason
    assert not any(q.startswith(DEADLINE) for q in s.questions)


def test_urgency_with_no_time_still_asks_for_the_deadline(assistant):
    s = assistant.suggest("@PowerbombTV I did please get back as soon as possible please")  # a real tweet
    assert "urgency" in s.analysis.signal_names
    assert any(q.startswith(DEADLINE) for q in s.questions)


def test_a_fault_they_have_described_is_asked_about_the_warranty_not_what_happens(assistant):
    """A real tweet (round 15): "my lenovo flex 4 has stopped working. It does not turn on, i have tried pressing the
    novo button" was asked "What happens exactly when you try to use it?"."""
    told = assistant.suggest("@LenovoSupport my lenovo flex 4 has stopped working. It does not turn on, i have tried "
                             "pressing the novo button i still wont turn.")
    assert told.reading.situation.name == "not_working" and told.reading.told
    assert not any(q.startswith("What happens exactly") for q in told.questions)
    assert any("warranty" in q for q in told.questions)
    untold = assistant.suggest("my headphones stopped working")
    assert not untold.reading.told and any(q.startswith("What happens exactly") for q in untold.questions)


def test_a_delay_whose_promised_date_they_gave_is_not_asked_for_it(assistant):
    told = assistant.suggest("@AmazonHelp Yes. promised for arrival today, but just dispatched.")  # a real tweet
    assert told.reading.situation.name == "late" and told.reading.told
    assert not any(q.startswith("What date or time were you given") for q in told.questions)
    untold = assistant.suggest("my order is late, where is it")
    assert any(q.startswith("What date or time were you given") for q in untold.questions)
