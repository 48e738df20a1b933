"""Sarcasm the learned model alone reads in a letter reads the praise itself ("excellent", "apparently"): it does not
hold back a thank-you. Sarcasm in the customer's own cues still does (round 38: a letter praising an SSA officer,
web-ak-18, was apologised to once the model was allowed to read sarcasm on letters)."""

from __future__ import annotations

from dataclasses import replace

from draft_defects import drafts, real_messages

from bot.reading import read_case
from bot.suggestion import Evidence, SignalHit


def test_a_real_letter_praising_an_officer_is_thanked_without_an_apology(assistant):
    s = assistant.suggest(real_messages()["web-ak-18"])
    assert s.reading.stance.name == "thanks"
    assert "sorry" not in drafts(s).lower()


def _read_with_sarcasm(assistant, text: str, cue: str):
    analysis = assistant.analyze_text(text)
    hits = tuple(h for h in analysis.signals if h.name != "sarcasm") + (
        SignalHit("sarcasm", 1.0, (Evidence(cue, "excellent", text.find("excellent")),)),)
    return read_case(text, replace(analysis, signals=hits), assistant.composer.vocab).stance.name


def test_only_sarcasm_read_in_the_customers_cues_holds_back_the_thanks(assistant):
    letter = ("I am writing to thank Mr. Patel at your Leeds office. He is an excellent professional, helpful, concerned "
              "and capable, and he went out of his way to sort out a payment that had gone to the wrong account. "
              "Thank you so much for having someone like him on your team; I am very grateful for his kindness.")
    assert _read_with_sarcasm(assistant, letter, "model") == "thanks"
    assert _read_with_sarcasm(assistant, letter, "praise next to a complaint") != "thanks"
