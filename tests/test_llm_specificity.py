"""The specificity gate: a model's draft must say what the message is about where the offline draft
does. Measured on honest and generic model drafts for real messages, and on the guard's honest set."""

from __future__ import annotations

import json
from functools import lru_cache

import pytest
from test_llm_engine import answer, on_the_fake

from bot.assistant import Assistant
from bot.llm.engine import topic_names
from bot.llm.specificity import Specifics, less_than_offline
from conftest import REPO

DRAFTS = json.loads((REPO / "tests" / "data" / "llm" / "real_message_drafts.json").read_text())
MESSAGES = {row["id"]: row["text"] for row in map(json.loads, (REPO / "tests" / "data" / "real_messages.jsonl").open())}
GUARD_HONEST = [row for name in ("honest.jsonl", "heldout_honest.jsonl")
                for row in map(json.loads, (REPO / "tests" / "data" / "guard" / name).open()) if row["field"] == "replies"]


@lru_cache(maxsize=1)
def offline_assistant() -> Assistant:
    return Assistant.load(environ={"COMPOSURE_CONFIG": str(REPO / "config")}, dotenv_path=None)


@lru_cache(maxsize=None)
def offline(text: str):
    return offline_assistant().suggest(text)


@lru_cache(maxsize=1)
def synonyms():
    return topic_names(offline_assistant().settings, offline_assistant().playbook)


def verdict(draft: str, customer: str, style: str) -> str | None:
    s = offline(customer)
    return less_than_offline(draft, next(r.text for r in s.replies if r.style == style),
                             Specifics.of(s.reading, customer, synonyms()))


def test_honest_drafts_for_real_messages_are_kept():
    refused = [(row["id"], why) for row in DRAFTS["honest"]
               if (why := verdict(row["text"], MESSAGES[row["id"]], row["style"]))]
    assert len(DRAFTS["honest"]) >= 40 and refused == []  # measured: 0 of 42


def test_the_guards_honest_drafts_are_kept():
    refused = [row["id"] for row in GUARD_HONEST if verdict(row["text"], row["customer"], "empathetic")]
    assert len(GUARD_HONEST) == 50 and refused == []  # measured: 0 of 50 (word overlap refused 10 of 72)


def test_generic_drafts_are_refused_wherever_the_offline_draft_names_something():
    refused = named = 0
    for row in DRAFTS["honest"]:
        s = offline(MESSAGES[row["id"]])
        offline_draft = next(r.text for r in s.replies if r.style == row["style"])
        names = bool(Specifics.of(s.reading, MESSAGES[row["id"]], synonyms()).named_in(offline_draft))
        for generic in DRAFTS["generic"]:
            named += names
            refused += bool(verdict(generic, MESSAGES[row["id"]], row["style"]))
    # measured: 138 of 252 refused: all 138 that face an offline draft naming something (before the stock words
    # "hello", "received", "services", "department"... were listed as common, 130); the rest face offline drafts
    # that name nothing either, where a generic draft is no worse. 120 since one cue in a long letter no longer
    # names its situation (bot/reading.py, ONE_CUE_IN_A_LETTER), 114 since a thing mentioned once in passing in a long
    # letter is not its topic (OWN_THING); 120 again once a bus complaint was named by its route ("possible",
    # as in "as soon as possible", is listed as common so a generic draft doesn't restate by it)
    assert refused == named and refused >= 114


@pytest.mark.parametrize("draft, kept", [
    ("I'm sorry we lost your bag on the way to New York.", True),           # another name for the suitcase
    ("I'm sorry about the lost suitcases.", True),                          # a plural
    ("Thank you for reaching out; we'll look into your issue.", False),
    ("We're sorry for the inconvenience and will get back to you soon.", False),
])
def test_the_thing_may_be_named_in_any_of_its_names(draft, kept):
    customer = "You lost my suitcase on the flight to New York and I need it for a wedding."
    assert (verdict(draft, customer, "concise") is None) == kept


def test_a_quoted_amount_or_reference_is_found_in_any_writing():
    customer = "Order 55512345 was refunded $157.69 seven weeks ago and it never reached my card."
    specifics = Specifics.of(offline(customer).reading, customer, synonyms())
    assert {"55512345", "$157.69"} <= specifics.named_in("Your order #55512345 and the 157.69 dollars")


def test_a_topic_the_reading_assumed_is_not_required():
    """The reading may assume 'your account' where the customer never said it; a draft need not repeat that."""
    customer = "I would appreciate a response. I was assured I would hear from you Monday and have heard nothing."
    s = offline(customer)
    assert Specifics.of(s.reading, customer, synonyms()).things == ()


def test_a_generic_model_draft_gives_way_to_the_offline_one_with_a_plain_note(model_on_fake):
    assistant, fake = model_on_fake
    data = answer()
    data["replies"][0]["text"] = "Thank you for reaching out to us. Our team will look into your issue and reply soon."
    fake.reply(data)
    customer = "You lost my suitcase on the flight to New York and I need it for a wedding on Saturday."
    s = assistant.suggest_with(customer, engine="openai")
    assert s.replies[0].text == assistant.suggest(customer).replies[0].text
    assert any(n.startswith("the empathetic draft did not say what the customer's message is about") for n in s.notes)


@pytest.fixture
def model_on_fake(fake_openai, config_copy):
    return on_the_fake(fake_openai, config_copy), fake_openai
