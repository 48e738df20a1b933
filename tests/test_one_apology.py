"""The empathetic draft apologises once: a feeling line that apologises ("I'm sorry this is still going on")
is not followed by the general apology ("I'm sorry this hasn't gone the way you expected, and I'd like to
help put it right"), which read as two stock sentences saying the same thing. A specific one (naming what
went wrong) stays."""

from __future__ import annotations


def _empathetic(assistant, text):
    return next(r.text for r in assistant.suggest(text).replies if r.style == "empathetic")


def test_a_problem_that_keeps_happening_is_apologised_for_once(assistant):
    draft = _empathetic(assistant, "@Acme the thing goes wrong every time, again and again. Still happening.")
    assert draft.lower().count("sorry") == 1


def test_a_long_letter_is_apologised_to_once(assistant):
    import json
    from pathlib import Path
    rows = (Path(__file__).parent / "data" / "real_messages.jsonl").read_text().splitlines()
    letter = next(r["text"] for r in map(json.loads, rows) if r["id"] == "web-a-07")  # a bus driver's conduct, told at length
    draft = _empathetic(assistant, letter)
    assert draft.lower().count("sorry") == 1 and "setting it out so clearly" not in draft


def test_a_named_situation_keeps_its_own_apology(assistant):
    draft = _empathetic(assistant, "You charged me twice again this month, still not fixed after three calls")
    assert "I'm sorry this hasn't gone the way you expected" not in draft
    assert "charge" in draft.split("\n\n")[1]  # the apology names the double charge
