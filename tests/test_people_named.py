"""Whom a thank-you names: people found by the words around them, not only by a pattern of thanks, measured on 236
real thank-you messages whose praised people a labelling helper wrote down (tests/data/labels/thanked_names.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.name_list import build, first_names, word_names
from bot.people_named import people_named
from bot.thanked import thanked_people

DATA = Path(__file__).parent / "data"


def _real_thank_yous() -> list[tuple[str, list[str]]]:
    texts = {}
    for path in sorted(DATA.glob("real_messages*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    labels = [json.loads(line) for line in (DATA / "labels" / "thanked_names.jsonl").read_text(encoding="utf-8").splitlines()]
    return [(texts[row["id"]], row["names"]) for row in labels]


def test_the_people_real_thank_yous_praise_are_named_back():
    """Before the name list, the patterns of thanks found 10 of the 76 names (precision 0.91); now three in four, with
    the wrong ones mostly the chief executive a letter is addressed to ("Dear Mr. Parker")."""
    found = wrong = missed = 0
    for text, gold in _real_thank_yous():
        named = [n for n in thanked_people(text) if not n.startswith("the ")]
        found += sum(1 for n in named if any(n in g or g in n for g in gold))
        wrong += sum(1 for n in named if not any(n in g or g in n for g in gold))
        missed += sum(1 for g in gold if not any(n in g or g in n for n in named))
    assert found / (found + wrong) >= 0.8 and found / (found + missed) >= 0.7, (found, wrong, missed)


@pytest.mark.parametrize("text, names", [
    ("I want someone over at Southwest Airlines to know what a great employee you have in Pat King.", ("Pat King",)),
    ("Brandon quickly and efficiently took my reservation. Tina in the Grill and the desk staff were pleasant.",
     ("Brandon", "Tina")),
    ("Your employees — Herbert, Reggie and Greg — came out to help me. Thank you so much.", ("Herbert", "Reggie", "Greg")),
    ("I asked Southwest Captain Mark Greising, who was standing behind me, if he could help.", ("Captain Mark Greising",)),
    ("Dear Sharon,\nI am sending you two photographs of the garden you planted.", ("Sharon",)),
    ("When we boarded, Mr. Williams, the attendant, greeted us by name.", ("Mr. Williams",)),
    ("What sealed the deal is when my cashier, Jermaine, told me he'd be right back.", ("Jermaine",)),
])
def test_people_are_named_by_what_they_did_their_role_or_the_letter_to_them(text, names):
    assert thanked_people(text) == names


@pytest.mark.parametrize("text", [
    "My wife Donna had never been on a train. The crew were wonderful and Donna loved every minute.",   # their own
    "Our precious Amos, still in his pyjamas, was so excited. Thank you to the staff for being so kind.",
    "But Mike and I realised we really needed to go shopping, and the staff were so helpful.",
    "Two of them helped Jo pack her bags at the till, and their attitude was outstanding.",             # whom staff helped
    "Flight 169 from Denver to Chicago today was great!",                                                # a place
    "Thank you for the wonderful stay in April, the staff were lovely.",                                  # a month
    "To Thomas Cook staff.\nToday is a sad day. Your lovely staff have helped us plan many holidays.",  # the company
    "The staff were wonderful and helpful.\n\nSincerely,\nStuart Matthews\n2240 Larkin Street",         # the signature
    "The postman was brilliant, as helpful as the Royal Mail always is.",
])
def test_the_customers_own_people_places_and_businesses_are_not_named(text):
    assert not [n for n in thanked_people(text) if not n.startswith("the ")]


def test_a_name_once_the_customers_own_is_never_staff_later_in_the_letter():
    text = "My son Jake is nine. The staff were so kind to Jake, and Jake said the guide was great."
    assert "Jake" not in people_named(text)


def test_the_name_list_leaves_out_names_that_are_everyday_words(tmp_path):
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    rows = ["I will hope for the best, said Grace", "we will wait", "no hope left", "hope it works", "they will see"]
    for name in ("complaints_train.csv", "goemotions_train.csv", "sarcasm_train.csv"):
        (corpora / name).write_text("text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "first_names.txt"
    kept = build(tmp_path, out, log=lambda *_: None)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "Will" not in kept and "~Will" in lines and "~Hope" in lines   # "will", "hope" in lower case mid-sentence
    assert "Grace" in kept and "Tina" in kept                              # "Grace" only as a name here


def test_the_shipped_list_holds_first_names_and_marks_the_everyday_ones():
    assert {"Brandon", "Tina", "Jermaine", "Herbert"} <= first_names()
    assert {"Will", "Hope", "Mark"} <= word_names() and not {"Will", "Hope"} & first_names()


def test_a_sentence_adverb_before_thanks_is_not_a_name():
    """Round 45: "Firstly, thank you to Robert" was answered "I'll make sure your message reaches Firstly and Robert"."""
    assert thanked_people("We wanted to give special thanks to three of them. Firstly, thank you to Robert, who always "
                          "greets you with a smile.") == ("Robert",)
    assert thanked_people("Kelly, thank you so much for sorting my order out!") == ("Kelly",)
