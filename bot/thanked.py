"""Whom a thank-you is for: "Thank you Nicole on flight 238", "big shout out to Rebecca at LAS", "Abbey was so
helpful". A reply that says "I'll make sure Nicole hears this" shows the letter was read; "the people who helped
you" shows it was not (reviewers of rounds 17-19). Names are kept exactly as written, and only where the words
around them make them a person: a company ("kudos to Xcel", "at Tesco"), the account the tweet is addressed to
and everyday capitalised words ("Thanks. Situation resolved.") are left out. Someone thanked by their role
("Thanks Southwest and to the flight attendant!") is named by it: "the flight attendant"."""

from __future__ import annotations

import re

from bot.name_list import first_names, word_names
from bot.people_named import people_named

_NAME = r"(?P<name>[A-Z][a-z]{1,14})(?![\w'’-])(?!\s+[A-Z][a-z])"  # one first name; "Southwest Airlines" is a company
_THANKS = r"(?i:(?:a\s+)?(?:big\s+|huge\s+|special\s+|many\s+)?(?:thank(?:s| you)?(?:\s+so\s+much|\s+very\s+much|\s+again)?|kudos|shout\s?-?out|props|hats\s+off)[ \t]+(?:to\s+)?)"
_PRAISED = (r"(?i:\s+(?:was|is|has\s+been|were)\s+(?:so\s+|very\s+|really\s+|extremely\s+|incredibly\s+|super\s+|absolutely\s+|just\s+)?"
            r"(?:helpful|kind|patient|friendly|lovely|amazing|wonderful|fantastic|brilliant|professional|awesome|excellent|"
            r"courteous|a\s+star|a\s+credit)\b|\s+went\s+(?:above|out\s+of|the\s+extra)|\s+helped\s+(?:me|us)\b)")

# more names in the same thanks: "Special thanks to Antonia (nurse) and Julie (HCA)"
_AND_NAME = re.compile(r"(?:\s*\([^()\n]{0,30}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)" + _NAME.replace("?P<name>", "?P<more>"))
# where a capitalised word is a business or a place, not a person ("at Tesco", "your Diss store", "Dear Ford")
_PLACE_BEFORE = r"(?i:\b(?:at|from|dear|the|your|with|in|of|by)\s+)"
NOT_NAMES = frozenset("Lol Done Really Situation Which Thanks Thank Guys Team Everyone All God Sir Madam You Again Much "
                       "Very So Ok Okay Great Awesome Amazing Customer Service Support Staff Mom Dad Mum Christmas Just "
                       "Yes No Sorry Hello Hi Hey Well Also Everything Today Tomorrow Yesterday Monday Tuesday Wednesday "
                       "Thursday Friday Saturday Sunday Santa Folks Ladies Gents Man Mate Bro Dude Girl Boys Girls This "
                       "That Our Your Their Management Security Cabin Crew Manager Driver Captain Pilot It We He She They "
                       "With Will Anyway Many Happy Giant Special Alright And Ayyy My Me Us Who What When Where Why How "
                       "But Or If Then There Here Now Still Even Please Cheers Kind Best Warm Regards Love Sincerely Yours From "
                      "Disappointed Frustrated Angry Regular Loyal Customers Member Mr Mrs Ms Miss Dr".split())


# everyday capitalised words, less the titles: a title before a surname makes a name, not a word
_NOT_NAMED_PEOPLE = NOT_NAMES - {"Mr", "Mrs", "Ms", "Miss", "Dr", "Captain"}
_ADVERB = re.compile(r"[A-Z][a-z]+ly")
MAX_NAMED = 4  # "Claude, Patti, Kyle and Sherrell": more than this reads as a list, not thanks

_ROLE = (r"(?:flight attendants?|cabin crew|crew|pilots?|captain|drivers?|nurses?|doctors?|paramedics?|agents?|"
         r"reps?|representatives?|technicians?|engineers?|waiters?|waitress(?:es)?|servers?|baristas?|cashiers?|"
         r"receptionists?|concierge|housekeepers?|housekeeping team|porters?|gate agents?|delivery drivers?|courier|"
         r"installers?|advisors?|advisers?|pharmacists?|chef|cooks?|guards?|conductors?|stewards?|stewardess(?:es)?|operators?)")
# "thanks ... to the flight attendant", "and to the crew", "thank your driver": whom, by role (one adjective allowed)
_THANKED_ROLE = re.compile(rf"(?i:\b(?:thank(?:s|\s+you)?|kudos|shout\s?-?out|props|grateful|gratitude)\b[^.!?\n]{{0,40}}?"
                           rf"\b(?:to\s+|and\s+to\s+|thank\s+)?(?:the|your|our|that|this)\s+(?:[a-z]+\s+)?(?P<role>{_ROLE})\b)")

# "but Damien, you rock. You put the Service back in your job title": praised to their face (round 52); only a name from
# the list of first names ("in the deserts of Nevada and Utah, you are the only civilization they see")
_VOCATIVE = re.compile(rf"(?:^|[.!?]\s+|,\s+|\b(?i:but|and|so)\s+){_NAME},\s+(?i:you(?:\s+(?:rock|rule|are|were|have\s+been|made|saved|went|did)\b|['’]re\b))")
_PATTERNS = (re.compile(rf"\b{_THANKS}{_NAME}"),
             re.compile(rf"(?:^|[.!?]\s+|@\w+\s+){_NAME},\s+(?i:thank(?:s|\s+you)\b)"),
             re.compile(rf"(?:^|[.!?]\s+|,\s+|\band\s+){_NAME}{_PRAISED}"),
             # "Sarah, the operator of the 116, honked at the 201": who did it, by name and role
             re.compile(rf"(?:^|[.!?]\s+|,\s+|\band\s+){_NAME},\s+(?i:the|our|your|my)\s+(?:[a-z-]+\s+)?(?i:{_ROLE})\b"),
             _VOCATIVE,
             # "thanks for all your great work, Peter!": the thanks addressed to them at the end
             re.compile(rf"(?i:\bthank(?:s|\s+you)\b)[^.!?\n]{{0,60}},\s+{_NAME}\s*[!.]"))


def thanked_people(text: str) -> tuple[str, ...]:
    """The first names a thank-you is for, then anyone thanked by role ("the flight attendant"), each once."""
    handles = " ".join(re.findall(r"@(\w+)", text)).lower()
    found: dict[str, int] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            name = match.group("name")
            if pattern is _VOCATIVE and name not in first_names():
                continue
            if name in NOT_NAMES or name in found or name.lower() in handles or _ADVERB.fullmatch(name) and (
                    name not in first_names() and name not in word_names()):
                continue  # "Firstly, thank you to Robert": a sentence adverb, not the person thanked (round 45)
            if re.search(rf"{_PLACE_BEFORE}{re.escape(name)}\b|\b{re.escape(name)}(?:'s|’s)\b", text):
                continue  # the same word names a business elsewhere in the message
            found[name] = match.start("name")
            end = match.end()
            while pattern is _PATTERNS[0] and (more := _AND_NAME.match(text, end)) and more.group("more") not in NOT_NAMES:
                found.setdefault(more.group("more"), more.start("more"))
                end = more.end()
    # ... and the people a thank-you letter names without a pattern of thanks around them ("a great employee you have
    # in Pat King", "Brandon quickly took my reservation"): in a thank-you, the people it names are those it is for
    for name, at in people_named(text, _NOT_NAMED_PEOPLE).items():
        if not any(name in other or other in name for other in found) and name.lower() not in handles:
            found[name] = at
    roles = {f"the {m.group('role').lower()}": m.start("role") for m in _THANKED_ROLE.finditer(text)}
    named = tuple(sorted(found, key=found.get))[:MAX_NAMED]
    return named + (tuple(sorted(roles, key=roles.get))[:2] if len(named) < 2 else ())


def names_joined(names: tuple[str, ...]) -> str:
    """"Nicole", "Antonia and Julie", "Ken, Rebecca and Nicole"."""
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""
