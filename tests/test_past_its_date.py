"""Food past its date is a quality complaint; a warranty or a card that expired is not food, and a thing of theirs that
ran out of coolant or ink is no sold-out shelf (round 38: a fridge that failed "right after the warranty expired" and
"ran out of coolant" was answered about "what went wrong with your food" and asked "Which branch was it?")."""

from __future__ import annotations

import pytest

from bot.situation_reading import situation_named


def _situation(assistant, text: str) -> str | None:
    kind = situation_named(text, assistant.composer.vocab, set())[0]
    return kind.name if kind else None


@pytest.mark.parametrize("text", ["The milk was expired when it arrived.", "They sold me expired yoghurt again."])
def test_food_past_its_date_is_a_quality_complaint(assistant, text):
    assert _situation(assistant, text) == "quality"


@pytest.mark.parametrize("text", [
    "After 13 months it lost cooling, right after the warranty expired.",
    "My card expired last month so the payment failed.",
])
def test_a_warranty_or_a_card_that_expired_is_no_food(assistant, text):
    assert _situation(assistant, text) != "quality"


def test_a_thing_that_ran_out_of_coolant_is_no_sold_out_shelf_but_a_shop_that_ran_out_is(assistant):
    assert _situation(assistant, "It ran out of coolant six months later.") != "sold_out"
    assert _situation(assistant, "The printer ran out of ink after a week.") != "sold_out"
    assert _situation(assistant, "They ran out of the vegan burgers by noon.") == "sold_out"


def test_the_fridge_letter_is_not_answered_about_food(assistant):
    from draft_defects import drafts, real_messages

    text = drafts(assistant.suggest(real_messages()["web-al-05"])).lower()
    assert "food" not in text and "branch" not in text
