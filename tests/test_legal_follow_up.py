"""A case handed to legal is promised legal's usual interval, not "within the hour" on their behalf (round 18: a
threat to report to the regulators, with a 24-hour ultimatum, was told legal "will reply to you within the hour").
The reminder step repeats the same promise."""

from __future__ import annotations


def test_a_legal_threat_said_urgently_gets_the_usual_interval(assistant):
    s = assistant.suggest("I want my money back within 24 hours or I will report you to the CFPB and my lawyer, urgent")
    assert s.analysis.escalate.to == "legal"
    text = " ".join(r.text for r in s.replies)
    assert "within the hour" not in text and "by this time tomorrow" in text
    assert any("by this time tomorrow" in step for step in s.next_steps)


def test_an_urgent_problem_with_no_legal_threat_keeps_the_short_interval(assistant):
    s = assistant.suggest("Our internet is down right now and we have a launch in two hours, please fix it urgently")
    assert s.analysis.escalate.to != "legal"
    assert "within the hour" in " ".join(r.text for r in s.replies)
