"""A product that has become dangerous (a swollen battery, a charger that smoked) is a safety matter: the customer
is asked to stop using it and unplug it first, the safety team sees it, and it is replaced or refunded. Round 16's
reviewer marked both swollen-battery letters as never-do: "What happens exactly when you try to use it?" invites
someone to keep using a swollen battery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parent / "data" / "review" / "round16" / "sample.json"


def _letter(message_id: str) -> str:
    return next(r["text"] for r in json.loads(SAMPLE.read_text()) if r["id"] == message_id)


@pytest.mark.parametrize("text", [
    _letter("web-l-15"),  # "I noticed that the battery had swollen ... request a replacement battery pack"
    _letter("web-l-35"),  # "I discovered the battery had bulged noticeably"
    "My phone charger started smoking last night and melted the plug!",
    "Smoke was coming out of the back of the heater, it's a fire hazard",
])
def test_a_dangerous_product_is_made_safe_first(assistant, text):
    s = assistant.suggest(text)
    assert s.reading.situation.name == "product_hazard" and s.reading.understood
    assert s.analysis.escalate.recommended and s.analysis.escalate.to == "security"
    for reply in s.replies:
        assert "stop using it" in reply.text or "team responsible for safety" in reply.text
        assert "What happens exactly when you try to use it" not in reply.text
    assert s.questions[0].startswith("Could you stop using it and unplug it")
    assert not any("store credit" in r.text or "credit to your account" in r.text for r in s.replies)


@pytest.mark.parametrize("text", [
    "The battery on my laptop is running out fast",
    "I am on fire today, booked 3 trips",
    "my laptop gets hot when gaming",
])
def test_an_ordinary_fault_or_a_figure_of_speech_is_not_a_hazard(assistant, text):
    case = assistant.suggest(text).reading
    assert case.situation is None or case.situation.name != "product_hazard"
