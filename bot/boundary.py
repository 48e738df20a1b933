"""How firm a boundary the drafts set: graded on the abuse itself, not on the overall severity."""

from __future__ import annotations

import re

from bot.suggestion import Analysis, SignalHit

# An insult is aimed at someone when a person is named just before it ("you idiots", "your useless agent",
# "she is a nobody"); "this stupid bullshit" swears at the situation, which asks for a first request at most.
_AIMED = re.compile(r"\b(?:you|you'?re|youre|u|ur|your|yours|yourself|he|he'?s|she|she'?s|him|her|they|them|"
                    r"agents?|staff|employees?|managers?|people|guys|clowns?|morons?|idiots?)\b[^.!?\n]{0,25}$", re.I)


def boundary_level(analysis: Analysis, text: str = "", letter: bool = False) -> int:
    """0 none; 1 a first respectful request; 2 a firm reminder with the consequence; 3 end politely.

    Graded on the abuse itself (how many insults aimed at people, how heated), not on the overall
    severity, so one insult in an otherwise serious complaint gets a first respectful request, and
    swearing at the situation ("this stupid bullshit") never more than that. A customer reporting danger
    (a reckless driver, an injury, "she almost died") is not threatening anyone. A `letter` has no live
    conversation to end: insults in one get the firm reminder at most (round 18: "I'm going to end our
    conversation here" answered an open letter swearing at two companies); a threat still gets level 3, and
    insults get it only where the message answers a warning.
    """
    if threatens(analysis, text) and not analysis.escalate.reason.startswith("possible self-harm"):
        return 3
    # ending the conversation is for abuse that "continues after a warning" (the playbook's level 3): one message
    # shows that only when it answers a warning ("No, I will not keep it civil"); otherwise the firm reminder
    # (round 25: "I'm going to end our conversation here" was the first reply to a stranded passenger's insults)
    warned = bool(text) and not letter and bool(_AFTER_WARNING.search(text))
    if letter and swears_at_no_one(analysis.hit("abusive"), text):
        return 0  # a swear word in a letter's story ("I was living in a shitty apartment", round 33) is no rudeness to us
    return min(_insult_level(analysis, text), 3 if warned else 2)


_AFTER_WARNING = re.compile(r"\b(?:keep (?:it|this) civil|watch (?:my|your|the) language|mind (?:my|your) language|"
                            r"(?:be|stay|keep it) (?:respectful|polite)|calm down|tone it down|language like that|"
                            r"(?:your|the|a) (?:warning|last warning)|warned me|threaten(?:ing)? to (?:end|close|hang up))\b", re.I)


def _insult_level(analysis: Analysis, text: str) -> int:
    if analysis.hit("abusive") is None:
        return 0
    insults, aimed = insults_in(analysis.hit("abusive"), text)
    if not aimed:
        return 1
    if insults >= 3 and (analysis.intensity >= 0.5 or analysis.has("anger")):
        return 3
    if insults >= 2 or analysis.intensity >= 0.5 or analysis.has("unreasonable_demand"):
        return 2
    return 1


# sworn at the reader from behind: "fuck you", "screw you guys", "f off"
_AT_READER_AFTER = re.compile(r"^\W{0,3}(?:you|u|ya|y'?all|yourselves|off)\b", re.I)


def insults_in(abuse: SignalHit | None, text: str = "", pattern: re.Pattern = _AIMED) -> tuple[int, int]:
    """(insults, those aimed at a person, or at whoever `pattern` names): overlapping cues ("you idiot",
    "idiot") are one insult."""
    insults, aimed, reach = 0, 0, -1
    for e in sorted((e for e in abuse.evidence if e.start >= 0), key=lambda e: e.start) if abuse else ():
        if e.start >= reach:
            insults += 1
            end = e.start + len(e.text)
            aimed += bool(not text or pattern.search(text[max(0, e.start - 40):e.start] + " " + e.text)
                          or _AT_READER_AFTER.search(text[end:end + 12])) and not _AT_A_THING.match(text[end:end + 25])
        reach = max(reach, e.start + len(e.text))
    return insults, aimed


# an insult that describes a thing is aimed at the thing: "how dare you create this idiotic rule" (round 31: a lead
# escalation and "record the abusive wording" for a complaint about a household rule)
_AT_A_THING = re.compile(r"\s+(?:\w+\s+)?(?:rules?|polic(?:y|ies)|system|app|website|site|fees?|charges?|ideas?|decisions?|"
                         r"process|changes?|updates?|design|queue|machine|menu|prices?|pricing|plans?|forms?|features?|"
                         r"requirements?|restrictions?|limits?|terms|contract|law|laws|procedures?|advert|ad|campaign)\b", re.I)


# words that can only insult a person, whoever is named: "that racist bastard", "@someone jealous bitch"
_PERSON_INSULT = re.compile(r"\b(?:idiots?|morons?|bastards?|bitch(?:es)?|assholes?|arseholes?|pricks?|twats?|cunts?|"
                            r"dickheads?|jerks?|clowns?|imbeciles?|scumbags?|wankers?|dumbass(?:es)?|fuckwits?|"
                            r"piece of (?:shit|crap)|retards?|losers?|cretins?|muppets?|numpt(?:y|ies))\b", re.I)


def swears_at_no_one(abuse: SignalHit | None, text: str) -> bool:
    """Abuse that names no person: swearing at a product or a situation ("this fucking app keeps crashing").
    A lead need not take it over and it does not weigh as insults do; the drafts still ask for no more than a
    first respectful request. Evidence only the model found (no position in the text) is taken as aimed."""
    if abuse is None or not text or any(e.start < 0 for e in abuse.evidence):
        return False
    if any(_PERSON_INSULT.search(e.text) for e in abuse.evidence):
        return False
    return insults_in(abuse, text)[1] == 0


# aimed at the reader: "you idiots", "your useless lot"; "one idiot delivered it" vents about someone else
AT_READER = re.compile(r"\b(?:you|you'?re|youre|u|ur|your|yours|yourself|yourselves)\b[^.!?\n]{0,25}$", re.I)


# the customer's own intent or a menace aimed at someone: "I'll smash…", "you'll regret it", "watch your back"
# "I'd" is "I had" before a past participle ("the easiest claim situation I'd ever seen"): no menace there
_MENACE = re.compile(r"\b(?:i'?ll|i will|i'?m going to|im going to|i'?m gonna|im gonna|gonna|i would|i might|"
                     r"i'?d(?!\s+(?:ever|never|been|already|just|always|only|had|seen|done|gone|got|heard|said|told|paid|"
                     r"bought|spent|made|taken|given|known|left|sent|come|become|found|lost|brought|\w+ed)\b)|"
                     r"i may|we'?ll|we will|you'?ll (?:regret|pay|see|be sorry)|watch (?:your|his|her|their) backs?|"
                     r"or else|next time|find (?:you|him|her|them|out where)|come (?:down|round|over) (?:there|to)|"
                     # a weapon claimed: "@AmericanAir I have a bomb under the next plane to take off" (round 51: apologised to)
                     r"i (?:have|'?ve got|got|planted|placed|left|put) (?:a|an) (?:bomb|explosive|device|gun|knife|weapon)|"
                     r"i (?:put|planted|placed|hid) (?:it|them) there)\b", re.I)


def threatens(analysis: Analysis, text: str = "") -> bool:
    """threat_safety raised by a threat the customer makes, not by danger they report; without the text,
    assume the worst."""
    hit = analysis.hit("threat_safety")
    if hit is None:
        return False
    if not text:
        return True
    starts = [e.start for e in hit.evidence if e.start >= 0]
    for start in starts:
        begin = max(text.rfind(mark, 0, start) for mark in ".!?\n") + 1
        ends = [i for i in (text.find(mark, start) for mark in ".!?\n") if i >= 0]
        if _MENACE.search(text[begin:min(ends) if ends else len(text)]):
            return True
    return not starts  # raised only through other signals: keep the caution
