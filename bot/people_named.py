"""The people a message names, told from the capitalised words around them: "a great employee you have in Pat King",
"Brandon quickly took my reservation", "steward Claude, attendant Patti and chef Kyle", "Mr. Williams, the attendant".
A word is a person's name when it is a known first name (bot.name_list) or follows a title, and it is not one of the
customer's own circle ("my husband Dave"), the signature under the letter, a place ("flew in to Virginia"), a month
("in April") or part of a business's name ("Swindon Town", "Trader Joe's").
"""

from __future__ import annotations

import re

from bot.name_list import first_names, word_names

_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Capt|Captain|Officer|Nurse|Sister|Father|Chef|Pastor|Professor|Prof|Coach|Judge)"
_CAPITAL = r"(?:Mc|Mac|O['’]|De|Di|La|Le)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_CANDIDATE = re.compile(
    rf"(?<![\w@#'’.-])(?:(?P<title>{_TITLE})\.?\s+(?P<surname>{_CAPITAL}(?:[ \t]+{_CAPITAL})?)"
    rf"|(?P<initials>(?:[A-Z]\.\s){{2}})(?P<initialled>{_CAPITAL})"
    rf"|(?P<first>[A-Z][a-z]+)(?:[ \t]+(?P<last>{_CAPITAL}))?)(?P<possessive>['’]s\b)?(?![\w@'’-]|\.\w)")
# the customer's own people: "my husband Dave", "our son, Tom", "my name is Ann", "I'm Joe"
_OWN_CIRCLE = re.compile(r"(?i:\b(?:my|our)\s+(?:\w+\s+)?|\b(?:my|our|his|her|their)\s+(?:[\w-]+\s+){0,3}(?:husband|wife|son|daughter|mother|father|mom|mum|dad|"
                         r"parents?|friends?|sister|brother|grand\w+|kids?|child(?:ren)?|partner|boyfriend|girlfriend|fiance\w*|"
                         r"aunt|uncle|nephew|niece|baby|dog|cat|puppy|neighbou?r|colleague|boss|family|cousin|in-laws?|"
                         r"mother-in-law|father-in-law|name\s+is)[,:]?\s*\(?|\bi\s*(?:am|'m|’m)\s+|\bnamed\s+(?:him|her|it)\s+)$")
# whom staff helped is the customer's side: "helped Jo pack her bags", "to help Jo wrestle Susie out of the seat"
_HELPED = re.compile(r"(?i:\b(?:help|helped|helping|helps|assist\w*|serv(?:e|ed|ing)|greet\w*|welcom\w*|wrestle|lift\w*|carry|"
                     r"carried|drove|gave|told|asked|sent|took)\s+)$")
_WITH_ME_AFTER = re.compile(r"(?i:\s+(?:and|&)\s+(?:i|me|myself)\b)")  # "Mike and I": the customer's own
_PLACE_BEFORE = re.compile(r"(?i:\b(?:in|to|into|near|via|through|outside|around|across|of|visiting|toward|towards)\s+)$")
_MONTHS = frozenset("January February March April May June July August September October November December".split())
_HOLIDAYS = frozenset("Easter Christmas Merry Noel Eve Hanukkah Diwali Eid Ramadan Thanksgiving".split())
_BUSINESS_AFTER = re.compile(r"\s+(?:Airlines?|Airways|Air|Inc|Ltd|LLC|Co|Company|Bank|Energy|Power|Water|Gas|Hotels?|Inn|"
                             r"Stores?|Motors|Express|Foods?|Town|City|County|Street|St|Road|Rd|Avenue|Ave|Park|Hospital|"
                             r"University|College|School|Center|Centre|Mall|Grill|Cafe|Café|Restaurant|Pizza|Cable|Insurance|"
                             r"Group|Games|Studios?|Pharmacy|Mail|Post|Office|staff|team|employees|customer|support|Clinic|Station|Airport|Services?|Bakery|Market|Square|Garden|"
                             r"Gardens|Inc\.|Corp|Corporation|Ltd\.|Media|Mobile|Telecom|Rail|Railway|Trains?|Buses|Lines)\b")
# a name at the head of the letter: "Dear Gary,", "Hello, Peter!", "Hi Sharon"
_ADDRESSED = re.compile(r"(?i:(?:^|\n)\s*(?:dear|hi|hello|hey|to)\b,?\s*|^\s*)$")
# the people who serve a customer, by their job
_STAFF_ROLES = (r"employees?|staff|team\s+leader|manager|supervisor|agent|clerk|associate|attendant|steward\w*|officer|"
                r"post(?:man|woman)|carrier|mechanic|technician|engineer|representative|rep|driver|cashier|server|waiter|"
                r"waitress|bartender|barista|nurse|doctor|consultant|advis[eo]r|receptionist|concierge|housekeeper|porter|"
                r"pilot|captain|conductor|flagman|chef|cook|guard|installer|operator|specialist|genius|guide|"
                r"paramedics?|salesman|saleswoman|salesperson")
# a sentence about what someone working for the company did, or praise: "Tina in the Grill and April at the front
# desk were particularly pleasant", "Brandon quickly and efficiently took my reservation", "steward Claude"
_STAFF_OR_PRAISE = re.compile(
    r"(?i:\b(?:thank\w*|grateful|gratitude|appreciat\w*|kudos|praise\w*|commend\w*|recogni[sz]e|shout|"
    r"helpful|kind(?:ly|ness)?|pleasant|lovely|wonderful|amazing|great|excellent|outstanding|fantastic|brilliant|superb|"
    r"professional\w*|courteous|patient|patience|friendly|efficient\w*|caring|polite|attentive|knowledgeable|a star|"
    r"a credit|above and beyond|out of (?:his|her|their) way|extra mile|made sure|took care|helped|assisted|explained|"
    r"fixed|sorted|resolved|apologi[sz]ed|greeted|welcomed|served|good|nice|awesome|best|"
    rf"{_STAFF_ROLES}|team\s+member|postal worker|housekeep\w*|crew|sales\s*(?:man|woman|person|associate)|"
    r"front desk|counter|till|desk)\b)")
_ROLE_WORDS = _STAFF_ROLES + r"|capit[aá]n"
# what puts a name beside staff: a role next to it ("steward Claude", "Jason, the service manager", "my cashier,
# Jermaine"), a thing done after it ("Brooke came and apologised", "Wayne was", "Brandon quickly ... took"), or a frame of
# thanks or praise before it ("Thanks to Catherine", "grateful to José", "recognize Bob Lloyd", "met with Bridget")
_ROLE_BEFORE = re.compile(rf"(?i:\b(?:{_ROLE_WORDS})\s*[,:—–-]*\s*(?:\w+\s+)?)$")
_ROLE_AFTER = re.compile(rf"(?i:\s*(?:\([^()]{{0,20}}\)\s*)?,?\s*(?:the|our|my|your|a|an|one of (?:your|the))\s+(?:[\w-]+\s+){{0,4}}"
                         rf"(?:{_ROLE_WORDS})\b|\s+(?:the\s+)?(?:{_ROLE_WORDS})\b|\s+(?:at|in|from)\s+(?:the\s+)?[\w@]|\s*,\s*(?:thank|thanks)\b)")
_DID_AFTER = re.compile(r"(?i:\s*[,”\"]?\s*(?:(?:,\s*|\s+and\s+|\s*&\s*)(?-i:[A-Z][a-z]+)(?:\s+(?-i:[A-Z][a-z]+))?\s*)*(?:\w+ly\s+(?:and\s+\w+ly\s+)?)?"
                        r"(?:was|is|were|wasn['’]t|has|had|have|came|went|took|made|gave|did|does|got|told|said|asked|knows|knew|"
                        r"helped|greeted|checked|fixed|showed|walked|called|answered|explained|stayed|worked|noticed|offered|"
                        r"assured|handled|found|kept|brought|sorted|saved|spent|treated|looked|listened|understood|returned|"
                        r"apologi[sz]ed|introduced|not only|also|always|really|truly|personally|immediately)\b)")
_PRAISED_BEFORE = re.compile(r"(?i:\b(?:thanks?(?:\s+you)?(?:\s+so\s+much)?\s+(?:to|for)|grateful\s+to|gratitude\s+to|"
                             r"recogni[sz]e|recommend|commend|praise|applaud|people like|(?:you )?have in|met with|spoke (?:with|to)|"
                             r"speaking (?:with|to)|response from|especially|particularly|thanks,?|thank you,?|"
                             r"letter to|open letter to|extol the virtues of|\w+ed by)\s*[“\"]?)$")
_LISTED = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?P<name>[A-Z][a-z]+)(?![\w'’-])")
_ROLE_TITLE = re.compile(r"(?:Capt|Captain|Officer|Nurse|Chef|Dr|Conductor|Coach)\b")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
SIGNATURE_WORDS = 5  # a last line this short holding a name is the writer signing off


def people_named(text: str, not_names: frozenset[str] = frozenset()) -> dict[str, int]:
    """Each person named in `text` as the reply would name them ("Pat King", "Mr. Williams", "Brandon"), with where
    they are first named, in the order named."""
    known = first_names()
    signature = _signature_start(text)
    found: dict[str, int] = {}
    # the customer's own people, wherever else the letter names them again ("Our precious Amos ... Amos loved it")
    theirs = {m.group(0).split()[0] for m in _CANDIDATE.finditer(text)
              if _OWN_CIRCLE.search(text[max(0, m.start() - 40):m.start()]) or _WITH_ME_AFTER.match(text, m.end())
              or _HELPED.search(text[max(0, m.start() - 20):m.start()])}
    at = 0
    while (match := _CANDIDATE.search(text, at)) and match.start() < signature:
        start = match.start()
        name = "" if match.group(0).split()[0] in theirs else _as_named(match, known, not_names, text)
        if not name:  # "Dear Gary": the next capitalised word may still be a name
            at = start + len(match.group(0).split()[0])
            continue
        at = match.end()
        if not _ADDRESSED.search(text[max(0, start - 12):start]) and not _as_staff(text, start, match.end()):
            continue  # "Dear Gary," is whom they write to; elsewhere a name counts for what they did, or beside a role
        for name, start in [(name, start)] + _listed_after(text, at, known, theirs):  # "Herbert, Reggie and Greg"
            surname = name.split()[-1]
            if not any(name in other or other in name or other.split()[-1] == surname for other in found):
                found[name] = start
    return found


def _listed_after(text: str, at: int, known: frozenset[str], theirs: set[str]) -> list[tuple[str, int]]:
    """The known first names listed straight after a name: "Herbert, Reggie and Greg", "Jennifer, Anna and Andrea"."""
    out = []
    while (more := _LISTED.match(text, at)) and more.group("name") in known and more.group("name") not in theirs:
        out.append((more.group("name"), more.start("name")))
        at = more.end()
    return out


def _as_named(match: re.Match, known: frozenset[str], not_names: frozenset[str], text: str) -> str:
    before = text[max(0, match.start() - 30):match.start()]
    if match.group("title"):
        words = match.group("surname").split()
        if words[0] in not_names or _BUSINESS_AFTER.match(text, match.end()):
            return ""
        if len(words) > 1 and words[0] not in known and words[0] not in word_names():  # "Captain Mark Greising", not "Dr. Sears Says"
            return f"{match.group('title')}{'.' if '.' in match.group(0)[:6] else ''} {words[0]}"
        return match.group(0).strip()
    if match.group("initials"):
        return match.group(0).strip() if match.group("initialled") not in not_names else ""
    first, last = match.group("first"), match.group("last")
    if first in not_names or match.group("possessive") or _BUSINESS_AFTER.match(text, match.end()) or (
            not last and re.search(rf"\b{first}['’]s\b", text)):  # "Lou Gehrig's disease", "Charlotte's web"
        return ""
    if last and _BUSINESS_AFTER.match(" " + last):  # "Royal Mail", "Elizabeth Hospital"
        return ""
    if last and (last in not_names or last in _MONTHS):
        last = None
    if first not in known and not (last and first in word_names()):
        return ""
    if first in _MONTHS | _HOLIDAYS and not last:
        return ""
    if not last and _PLACE_BEFORE.search(before):
        return ""
    return f"{first} {last}" if last else first


_SIGN_OFF = re.compile(r"(?im)^[ \t]*(?:(?:yours )?sincerely|(?:best|kind|warm|warmest)?\s*regards|yours(?: truly| faithfully)?|"
                       r"best(?: wishes)?|cheers|love|thanks(?: again)?|thank you(?: again)?|many thanks|gratefully(?: yours)?|"
                       r"respectfully(?: yours)?|with (?:thanks|gratitude|appreciation)(?: and appreciation)?)[ \t]*[,.!]?[ \t]*$")

_SIGNED_AFTER_THANKS = re.compile(r"(?i:\b(?:thanks|thank you|cheers|regards|best)[,!.]?\s+)(?P<name>[A-Z][a-z]+)\s*[.!]?\s*$")


def _signature_start(text: str) -> int:
    """Where the writer's sign-off begins: a line that only closes ("Sincerely,", "With thanks and appreciation,") and
    all after it (the name, an address), or else a last line of a few words; the text's length when neither."""
    closing = [m for m in _SIGN_OFF.finditer(text) if m.start() > len(text) // 2]
    if closing:
        return closing[-1].start()
    if last := _SIGNED_AFTER_THANKS.search(text):  # "... to my new computer?   Thank you, Tyler"
        return last.start("name")
    lines = text.rstrip().split("\n")
    if len(lines) < 2 or len(lines[-1].split()) > SIGNATURE_WORDS:
        return len(text)
    return len(text.rstrip()) - len(lines[-1])


def _as_staff(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] is someone who served the customer, by the words around it."""
    before = text[max(0, start - 45):start]
    return bool(_ROLE_TITLE.match(text, start) or _ROLE_BEFORE.search(before) or _PRAISED_BEFORE.search(before) or _ROLE_AFTER.match(text, end)
                or _DID_AFTER.match(text, end) and _STAFF_OR_PRAISE.search(_sentence_around(text, start, end)))


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[ends[-1] if ends else 0:after.start() if after else len(text)]
