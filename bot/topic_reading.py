"""What a message is about: which configured topic (config/reading.toml) the customer's words name, the name they
give it, and the reference that goes with it. A draft names "your Showtime Anytime app" or "your order 4411"
from this, never a thing the customer did not mention."""

from __future__ import annotations

import re

from bot.facts import Fact, own_name
from bot.reading_wording import VERB_BEFORE, hypothetical_at
from bot.situations import CaseVocabulary, SituationKind, Topic


def thing_named(text: str, vocab: CaseVocabulary, allowed: tuple[str, ...] | None,
                facts: tuple[Fact, ...] = ()) -> tuple[Topic, str, float, str, bool] | None:
    """The customer's own thing ("my suitcase") first, or one they quote a reference for ("account
    number 37167475088"); a bare mention is less sure. With the word, the name they give it ("Sky Sports"), and
    whether a model number stands before it ("my hp 520-1030a wifi": a product's part, not a service)."""
    referenced = {f.label for f in facts if f.kind == "reference" and f.label}
    # a topic whose context is in the message takes over the words it claims ("order" among waiters and tables)
    claimed = {name: t for t in vocab.topics if t.claims and t.context.search(text) for name in t.claims}
    candidates = []
    for found in vocab.topics:
        topic = claimed.get(found.name, found)
        if allowed is not None and topic.name not in allowed:
            continue
        elsewhere = found.other_things(text)
        for match in found.pattern.finditer(text):
            if match.group("word").lower() in elsewhere:
                continue  # "my ticket" in a letter about a "parking ticket": that thing, not this topic
            if not match.group("mine") and VERB_BEFORE.search(text[max(0, match.start() - 12):match.start()]):
                continue  # "can't watch the game", "to charge it", "I order": the word is a verb here
            if hypothetical_at(text, match.start()):
                continue  # "If I checked the box of ashes in my luggage": what might have been, not what it is about
            if _SPEAKS.match(text, match.end()) or _SPOKEN_OVER.search(text[max(0, match.start() - 30):match.start()]):
                continue  # "the council's webpage says ...", "the lady came on the speaker": the messenger, not what failed
            mine = match.group("mine") or ""
            score = 0.9 if re.match(r"(?:my|our)\b", mine, re.I) or referenced & set(topic.labels) else 0.6
            if topic.platform and _PLATFORM.search(text[max(0, match.start() - 25):match.start()]):
                score = 0.5  # "the app doesn't work on my phone": the phone is where it runs, not what failed
            candidates.append((-score, match.start(), topic, match.group("word").lower(), score, mine))
    if not candidates:
        return None
    _, _, topic, word, score, mine = min(candidates, key=lambda c: (c[0], c[1]))
    name = own_name(mine.split(None, 1)[1] if len(mine.split()) > 1 else "", text)  # only for the one chosen
    word = next((w for w in topic.words if re.fullmatch(r"[\s\-]*".join(map(re.escape, w.split())), word, re.I)), topic.words[0])
    return topic, word, score, name, bool(_MODEL_NUMBER.search(mine))


_SPEAKS = re.compile(r"\s+(?:says|said|states|stated|claims|claimed|reads|told (?:me|us)|tells (?:me|us))\b", re.I)
_SPOKEN_OVER = re.compile(r"\b(?:came|comes|come|spoke|speaks|announced|announces|said|says|heard|called out)\s+(?:on|over|through)\s+"
                          r"(?:(?:the|a)\s+)?$", re.I)
_MODEL_NUMBER = re.compile(r"\b(?:\w*\d[a-z]\w*|\w*[a-z]\d\w*)\b", re.I)  # "520-1030a", "Win10"; not a time ("my 8:15 train")
_PLATFORM = re.compile(r"\b(?:work|works|working|worked|load|loads|loading|run|runs|running|install|installs|open|opens|"
                       r"crash|crashes|crashing|play|plays|download|downloads|sync|syncs)\s+(?:at all\s+|properly\s+)?on\s+$", re.I)


def fits_what_is_named(kind: SituationKind, text: str, vocab: CaseVocabulary, facts: tuple[Fact, ...]) -> bool:
    """A guess must fit what the message is plainly about: "tokens for account number 37167475088" guessed as a
    late delivery would lose the account the customer named."""
    found = thing_named(text, vocab, None, facts)
    return not (kind.topics and found and found[2] >= 0.9 and found[0].name not in kind.topics)


def reference_for(topic: Topic | None, facts: tuple[Fact, ...]) -> str:
    refs = [f for f in facts if f.kind == "reference"]
    labelled = [f for f in refs if topic is not None and f.label in topic.labels]
    unlabelled = [f for f in refs if not f.label and topic is not None and topic.name in {"order", "booking", "parcel", "bill"}]
    chosen = (labelled or unlabelled)[:1]
    return chosen[0].written if chosen else ""
