"""What the customer says was wrong with a thing, in words we can say back: "the ribs were lukewarm" becomes "I'm
sorry your ribs were lukewarm", "the wait was terrible" becomes "I'm sorry about the wait".

Where no situation is read, the drafts otherwise apologise for "this" not going "the way you expected", which tells
the customer nobody read them (reviewers, rounds 25-27: "name the actual problem"). The sentence is built from
parts we control: a determiner we choose, one to three of the customer's plain words for the thing, a form of "be"
that agrees with them, and a state from config/reading.toml's `[complained_of]`; verdicts ("terrible",
"a joke") are never said back, only the thing they were about. A charge they quote an amount for is named with the
amount exactly as written and our own noun: "the $2 delivery charge", "the fee of $79", "the 300chf charge" (rounds
28-29: "the drafts must name the $30 administrative fee").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.facts import AMOUNT
from bot.reading_wording import hypothetical_at
from bot.tomlcheck import Table

# Words that never stand in a plain noun phrase for a thing: pronouns, verbs of being, linking words.
_FUNCTION = frozenset("""i me my you your we us our they them their he him his she her it its this that these those which
who whom what whose there here is are was were be been being am have has had do does did not no nor and or but if so as
at by for from in into on onto to with without about over under again all any some each every one ones thing things lot
very really just only also even still too then than when while because since until""".split())
_SINGULAR = {"was": "was", "were": "was", "is": "is", "are": "is", "has been": "has been", "have been": "has been", "got": "got",
             "arrived": "arrived", "came": "came"}
_PLURAL = {"was": "were", "were": "were", "is": "are", "are": "are", "has been": "have been", "have been": "have been", "got": "got",
           "arrived": "arrived", "came": "came"}
_OURS = {"my": "your", "our": "your", "your": "the", "the": "the", "this": "the"}  # said to the customer
_SPENT = re.compile(r"\b(?:incurred|incurring|spent|spending|had to (?:pay|spend|fork out|shell out))\s+(?:an?\s+|another\s+|over\s+|about\s+)?$", re.I)
_INTENSIFIERS = frozenset("extra additional hidden outrageous ridiculous stupid extortionate huge massive whopping mere "
                          "silly absurd unfair unexpected surprise mysterious random bogus fake so such".split())
_ADVERBS = r"(?:(?:so|very|really|absolutely|totally|completely|utterly|just|extremely|incredibly|quite|too|still|also)\s+)*"

_MONTHS = "(?:january|february|march|april|may|june|july|august|september|october|november|december)"
# The customer's wordings in config are written once, in the singular and with "I"; each stands for its other spellings
# ("hasn't" = "has not" = "hasnt", "I've" = "I have"), its other number ("has" = "have", "I" = "we") and curly quotes.
_NEGATED = {"won't": "(?:won'?t|will not)", "can't": "(?:can'?t|cannot|can not)", "ain't": "(?:ain'?t)"}
_NUMBER = {"has": "(?:has|have)", "have": "(?:has|have)", "is": "(?:is|are)", "are": "(?:is|are)", "was": "(?:was|were)",
           "were": "(?:was|were)", "does": "(?:does|do)", "do": "(?:does|do)", "keeps": "(?:keeps|keep)",
           "i": "(?:i|we)", "my": "(?:my|our)", "me": "(?:me|us)", "you": "(?:you|they|he|she|you guys|u)"}
_JOINED = {"i've": "(?:i|we)(?:'?ve| have)", "i'm": "(?:i'?m|i am|we'?re|we are)", "i'd": "(?:i|we)(?:'?d| had)"}


def _spelling(word: str) -> str:
    """One word of a configured wording as the pattern of its spellings."""
    if word in _NEGATED or word in _JOINED:
        return {**_NEGATED, **_JOINED}[word]
    if word.endswith("n't"):
        return rf"(?:{_NUMBER.get(word[:-3], re.escape(word[:-3]))}(?:n'?t|\s+not))"
    return _NUMBER.get(word, re.escape(word))


_BETWEEN = r"\s+(?:(?:still|just|also|even|really|now|actually|literally)\s+)?"  # "I still haven't received my"


def _wording_pattern(wordings: list[str]) -> str:
    return "|".join(_BETWEEN.join(_spelling(w) for w in phrase.lower().split())
                    for phrase in sorted(wordings, key=len, reverse=True))


# how long, or since when, as they wrote it: "for 48 minutes", "for over an hour", "since last Monday", "since 3 May"
_TIME = (r"(?:(?:for\s+)?(?:well\s+)?(?:over|nearly|almost|about|around|more than|at least|the (?:last|past))?\s*"
         r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|many)\s+"
         r"(?:whole\s+|full\s+|straight\s+)?(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)"
         r"|since\s+(?:last\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|week|"
         rf"{_MONTHS}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|\d{{1,2}}(?:st|nd|rd|th)(?:\s+(?:of\s+)?{_MONTHS})?|\d{{1,2}}\s+(?:of\s+)?{_MONTHS}"
         r"|\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm|o'clock)"
         r"|\d{1,2}/\d{1,2}(?:/\d{2,4})?)(?!\w))")


@dataclass(frozen=True)
class ComplaintWording:
    """The states we may say back, the verdicts we only name the thing for, and nouns that are no thing of ours."""

    pattern: re.Pattern
    states: frozenset[str]
    not_things: frozenset[str]
    charges: tuple[re.Pattern, ...] = ()  # "$2 delivery charge", "a fee of $79", "charged me £80"
    not_modifiers: frozenset[str] = frozenset()  # words never said back before a charge ("ridiculous", "this")
    failed: tuple[tuple[re.Pattern, str, str], ...] = ()  # "my parcel never came": ours for one thing and for several
    happened: tuple[tuple[re.Pattern, str], ...] = ()  # "I was left on hold for 48 minutes": ours, with "you"


def _charge_patterns(nouns: list[str]) -> tuple[re.Pattern, ...]:
    """An amount before the charge's noun (with up to two words of the customer's between), the noun "of" an
    amount, and an amount taken from them."""
    if not nouns:
        return ()
    noun = "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True))
    amount = AMOUNT.pattern
    return (re.compile(rf"(?P<amount>{amount})\s+(?P<mod>(?:[a-z][a-z-]+\s+){{0,2}}?)(?P<noun>{noun})\b", re.I),
            re.compile(rf"\b(?P<noun>{noun})\s+of\s+(?:about\s+|around\s+|nearly\s+|over\s+)?(?P<amount>{amount})", re.I),
            re.compile(rf"\b(?:charged|billed|took|deducted|debited|taken|charging|billing)\s+(?:me|us|my (?:card|account)|"
                       rf"our (?:card|account))?\s*(?P<amount>{amount})", re.I))


def _failed_patterns(table: Table) -> tuple[tuple[re.Pattern, str, str], ...]:
    """A thing of theirs, named in one to three words, then what it didn't do in one of their wordings."""
    found = []
    for ours in table.data:
        one, _, several = ours.partition("|")
        wordings = _wording_pattern(table.strings(ours))
        found.append((re.compile(rf"\b(?P<det>the|my|our|your|this)\s+(?:own\s+)?(?P<thing>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,2}}?)\s+"
                                 rf"{_ADVERBS}(?:{wordings})\b", re.I), one.strip(), (several or one).strip()))
    return tuple(found)


# words after which a thing of theirs has ended: "my suitcase | on the way to Rome", "my order | without telling me"
_THING_ENDS = ("for|since|and|but|from|yet|after|which|that|or|on|in|at|to|with|without|when|while|during|because|before|"
               "by|again|today|yesterday|last|this")
# where a wording that drops its subject may stand: at the start of a sentence, or after the account it is sent to
_OPENS = r"(?:^|(?<=[.!?\n])\s*|@\w+\s+)"


def _happened_patterns(table: Table) -> tuple[tuple[re.Pattern, str], ...]:
    """What happened to them, in one of their wordings; a time they give follows it ("for 48 minutes"), and a thing of
    theirs it was about ("for my refund") where our wording has a place for it."""
    found = []
    for ours in table.data:
        wordings = table.strings(ours)
        with_subject = [w for w in wordings if w.lower().split()[0] in {"i", "i've", "i'm", "i'd", "my", "you"}]
        dropped = [w for w in wordings if w not in with_subject]
        alternatives = [rf"\b(?:{_wording_pattern(with_subject)})"] if with_subject else []
        alternatives += [rf"{_OPENS}(?:{_wording_pattern(dropped)})"] if dropped else []
        thing = rf"\s+(?P<thing>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,2}}?)(?=\s*(?:[.,!?;:)\n]|$|\s(?:{_THING_ENDS})\b))" \
            if "{thing}" in ours else rf"(?:\s+for\s+(?:my|our)\s+(?P<own>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){{0,1}}?)(?=\s*[.,!?;\n]|$|\s(?:{_THING_ENDS})\b))?"
        time = rf"\s+(?P<time>{_TIME})" if "{time}" in ours else rf"(?:\s+(?P<time>{_TIME}))?"
        found.append((re.compile(rf"(?:{'|'.join(alternatives)}){thing}{time}", re.I), ours))
    return tuple(found)


def load_complaint_wording(table: Table) -> ComplaintWording | None:
    table.reject_unknown({"states", "verdicts", "not_things", "charges", "failed", "happened"})
    states = [s.lower() for s in table.strings("states", [])]
    verdicts = [s.lower() for s in table.strings("verdicts", [])]
    if not states and not verdicts:
        return None
    said = "|".join(re.escape(w) for w in sorted(states + verdicts, key=len, reverse=True))
    pattern = re.compile(r"\b(?P<det>the|my|our|your|this)\s+(?:own\s+)?(?P<thing>[A-Za-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})\s+"
                         r"(?P<be>was|were|is|are|has been|have been|got|arrived|came)\s+" + _ADVERBS +
                         rf"(?P<said>{said})\b(?!\s+(?:of|to|for|about|with|into|up)\b)", re.I)  # "broken into": another verb
    return ComplaintWording(pattern, frozenset(states), frozenset(w.lower() for w in table.strings("not_things", [])),
                            _charge_patterns([n.lower() for n in table.strings("charges", [])]),
                            frozenset(w for v in verdicts for w in v.split()) | _FUNCTION | _INTENSIFIERS,
                            _failed_patterns(table.table("failed")), _happened_patterns(table.table("happened")))


def _plural(word: str) -> bool:
    return word.endswith("s") and not word.endswith(("ss", "us", "is", "ics"))


def charge_named(text: str, wording: ComplaintWording) -> str:
    """The first charge the customer quotes an amount for, in our noun phrase ("the $2 delivery charge", "the fee of
    $79"), or "": the amount exactly as written, their words before the noun only when they are plain ones."""
    found = []
    for kind, pattern in enumerate(wording.charges):
        for match in pattern.finditer(text):
            words = (match.groupdict().get("mod") or "").split()
            if any(w.lower() in wording.not_modifiers for w in words) or hypothetical_at(text, match.start()) or \
                    _SPENT.search(text[max(0, match.start() - 25):match.start()]):
                continue  # "I incurred a $100 cab charge": an expense of theirs elsewhere, not a charge of ours
            found.append((match.start(), kind, match))
            break
    if not found:
        return ""
    _, kind, match = min(found, key=lambda f: f[:2])
    amount = match.group("amount").strip()
    if kind == 0:
        return f"the {amount} {match.group('mod')}{match.group('noun').lower()}"
    if kind == 1:
        return f"the {match.group('noun').lower()} of {amount}"
    return f"the {amount} charge"


def _plain(words: list[str], wording: ComplaintWording) -> bool:
    """One to three of the customer's words that name a thing of theirs: no pronoun, adverb, person or weather."""
    return bool(words) and not any(w.lower() in _FUNCTION or w.lower().endswith("ly") or w.lower() in wording.not_things
                                   for w in words)


def _agreeing(words: list[str], one: str, several: str) -> str:
    return several if _plural(words[-1].lower()) else one


# a cancellation the customer made or asked for is not a wrong done to them: "I cancelled the internet services ...
# your position is that my service was cancelled" (a real letter to Charter)
_THEY_CANCELLED = re.compile(r"\b(?:i|we)\s+(?:(?:had|have|'ve|already|then|just|finally)\s+)*cancell?ed\b"
                             r"|\b(?:want|wanted|asked|tried|trying|like|need|needed|wish)\s+to\s+cancel\b", re.I)


# what is only looked forward to: "please confirm once the subscription has been cancelled", "let me know whether"
_LOOKED_FOR = re.compile(r"\b(?:once|as soon as|whether|until|till|before)\s+(?:[\w'-]+\s+){0,3}$", re.I)


def _supposed(text: str, start: int) -> bool:
    """The words at `start` say what might be or is awaited, not what happened."""
    return hypothetical_at(text, start) or bool(_LOOKED_FOR.search(text[max(0, start - 40):start]))


def _said_back(text: str, wording: ComplaintWording):
    """Each thing the customer says was wrong, as (rank, where, what we say): what happened (rank 0) before a verdict
    we can only name the thing for (rank 1)."""
    for match in wording.pattern.finditer(text):
        words = match.group("thing").split()
        if words[-1].lower() == "itself":
            words = words[:-1]
        if not _plain(words, wording) or _supposed(text, match.start()):
            continue  # "the one I got", a person, the weather; "if the food is cold"
        be = match.group("be").lower()
        if be != _agreeing(words, _SINGULAR, _PLURAL)[be]:
            continue  # "this app are broken": their words don't agree, and ours must
        thing = f"{_OURS[match.group('det').lower()]} {' '.join(words)}"
        said = match.group("said").lower()
        if said.startswith("cancel") and _THEY_CANCELLED.search(text):
            continue
        clause = f"{thing} {be} {said}"
        if said in wording.states and not _repeats_them(clause, text):
            yield 0, match.start(), clause
        else:
            yield 1, match.start(), f"about {thing}"
    for pattern, one, several in wording.failed:
        for match in pattern.finditer(text):
            words = match.group("thing").split()
            if _plain(words, wording) and not _supposed(text, match.start()):
                yield 0, match.start(), f"{_OURS[match.group('det').lower()]} {' '.join(words)} {_agreeing(words, one, several)}"
    for pattern, ours in wording.happened:
        for match in pattern.finditer(text):
            if _supposed(text, match.start()):
                continue
            groups = match.groupdict()
            thing = (groups.get("thing") or groups.get("own") or "").split()
            if "{thing}" in ours and not _plain(thing, wording):
                continue
            said = ours.replace("{thing}", " ".join(thing)).replace(" {time}", "")
            if "{thing}" not in ours and thing and _plain(thing, wording):
                said += f" for your {' '.join(thing)}"
            yield 0, match.start(), said + (f" {groups['time']}" if groups.get("time") else "")


def _repeats_them(clause: str, text: str) -> bool:
    """Whether the clause we built is six or more of the customer's words as they wrote them ("the front door lock got
    stuck", round 58): a sentence pasted back, not a summary, so only the thing is named."""
    return len(clause.split()) >= 6 and re.sub(r"\s+", " ", clause.lower()) in re.sub(r"\s+", " ", text.lower())


def complained_of(text: str, wording: ComplaintWording | None, charge: str | None = None) -> str:
    """What follows "I'm sorry" for the first thing the customer says was wrong ("your pizza was bland", "you were
    left on hold for 48 minutes", "about the wait"), or for a charge they quote ("about the $2 delivery charge"), or ""
    when nothing is said plainly enough to say back. `charge` is charge_named's answer when the caller has it already
    (bot.reading does)."""
    return said_back(text, wording, charge)[0]


# what a failure that is over is said as: "The connection came back up at 12:45" is sorry it stopped working, not that
# it "isn't working"
_OVER_NOW = {"isn't working": "stopped working", "aren't working": "stopped working", "won't load": "wouldn't load",
             "won't turn on": "wouldn't turn on", "won't start": "wouldn't start", "keeps crashing": "kept crashing",
             "keep crashing": "kept crashing"}


def said_back(text: str, wording: ComplaintWording | None, charge: str | None = None,
              over: bool = False) -> tuple[str, bool]:
    """complained_of's answer, and whether it says what happened ("your flight was cancelled"), which names the
    trouble better than a situation's summary does, rather than only naming the thing ("about the wait"). `over`: the
    trouble is told as over, so a failure is said in the past."""
    if wording is None:
        return "", False
    found = min(_said_back(text.replace("\u2019", "'"), wording), default=None)
    if found:
        said = found[2]
        if over:
            said = next((said.removesuffix(now) + then for now, then in _OVER_NOW.items() if said.endswith(f" {now}")), said)
        return said, found[0] == 0
    charge = charge_named(text, wording) if charge is None else charge
    return (f"about {charge}" if charge else ""), False
