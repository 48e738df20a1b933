"""Say the customer's issue back in their own terms, from our side of the conversation.

A draft that names "your order #4411 that still hasn't arrived" shows the customer they
were heard; generic filler does not. We pick the sentence that carries the complaint,
swap its point of view (my -> your, you -> we), and clean it of insults and shouting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.suggestion import Analysis

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_ORDER_REF = re.compile(r"(?:\b(?:order|ticket|case|invoice|account|booking|reservation|ref(?:erence)?)\s*(?:no\.?|number|#|:)?\s*#?([A-Z0-9][A-Z0-9-]{3,})\b)|(?:#([A-Z0-9-]*\d[A-Z0-9-]{2,})\b)", re.I)
_AMOUNT = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d{2})?|\b\d[\d,]*(?:\.\d{2})?\s?(?:usd|eur|gbp|dollars|euros|pounds)\b", re.I)
_SPAN = re.compile(r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|several|few)\s+(?:minutes?|hours?|days?|weeks?|months?)|since\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+\w+|\w+\s+\d{1,2}))\b", re.I)
_MY_THING = re.compile(r"\b(?:my|our)\s+((?:[a-z-]+\s+){0,2}?(?:order|package|parcel|delivery|refund|bill|invoice|charge|subscription|account|card|payment|phone|laptop|device|item|product|booking|flight|reservation|internet|connection|service|app|plan|car|meal|food|room|ticket|machine|tv|blender|fridge|washer|headphones|router|sofa|bag|shoes|jacket|coat|dress|parcel))\b", re.I)
_OBJECT_YOU = {"to", "for", "with", "at", "from", "told", "asked", "called", "emailed", "contacted", "paid", "gave",
               "sent", "about", "of", "messaged", "trusted", "chose", "and", "than", "tell", "ask", "call", "pay",
               "email", "contact", "message", "thank", "thanked", "sue", "trust", "want", "need"}
_SWAP_FIXED = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "i'm": "you're",
    "i've": "you've", "i'd": "you'd", "i'll": "you'll", "im": "you're", "ive": "you've",
    "your": "our", "yours": "ours", "yourself": "ourselves", "yourselves": "ourselves",
    "you're": "we're", "you've": "we've", "you'll": "we'll", "you'd": "we'd", "ur": "our", "u": "we",
}
_TOKEN = re.compile(r"[A-Za-z']+|[^A-Za-z']+")

CAUSE_PROBLEM = {
    "delivery": "hasn't reached you when it should have",
    "billing": "wasn't billed the way you expected",
    "product_defect": "isn't working the way it should",
    "service_failure": "didn't get the service it deserved",
    "miscommunication": "wasn't explained to you clearly",
    "expectations": "hasn't lived up to what you expected",
    "policy": "ran into one of our policies",
    "other": "has caused you trouble",
}
CAUSE_OBJECT = {
    "delivery": "your delivery", "billing": "your bill", "product_defect": "your product",
    "service_failure": "your request", "miscommunication": "your request", "expectations": "your purchase",
    "policy": "your request", "other": "this",
}


@dataclass(frozen=True)
class Issue:
    """The issue in the customer's terms: `clause` completes "I can see that ..."."""

    clause: str
    subject: str              # "your order #4411" / "your delivery"
    references: tuple[str, ...]
    amounts: tuple[str, ...]
    spans: tuple[str, ...]
    from_customer: bool       # the clause is the customer's own sentence, re-voiced
    problem: bool = True      # the message states a problem (not only a question or a request)
    cause_confirmed: bool = True  # the root cause rests on words the customer complained in
    noun_phrase: bool = False  # "another update that broke everything": restated as "the problem: …"

    @property
    def lead(self) -> str:
        """What goes between "I can see" and the clause."""
        return "the problem:" if self.noun_phrase else "that"


def swap_point_of_view(sentence: str) -> str:
    """my -> your, you -> we/us, I am -> you are; the rest stays as the customer wrote it."""
    tokens = _TOKEN.findall(sentence)
    out: list[str] = []
    previous = ""
    for token in tokens:
        low = token.lower()
        if low == "you":
            word = "us" if (previous in _OBJECT_YOU or previous.endswith("ed")) else "we"
        elif low in {"am", "was"} and previous == "i":
            word = {"am": "are", "was": "were"}[low]
        elif low == "guys" and previous == "you":
            word = ""
        elif low in _SWAP_FIXED:
            word = _SWAP_FIXED[low]
        else:
            word = token
        if word and token[:1].isupper() and not low.startswith(("i'", "im", "ive")) and low != "i" and not token.isupper():
            word = word[:1].upper() + word[1:]
        out.append(word)
        if token.strip():
            previous = low
    return re.sub(r"\s{2,}", " ", "".join(out)).strip()


def _tidy(sentence: str, banned: set[str]) -> str | None:
    words = sentence.split()
    kept = [w for w in words if re.sub(r"\W", "", w.lower()) not in banned]
    if len(words) - len(kept) > 2:
        return None
    text = " ".join(kept)
    text = re.sub(r"\b[A-Z]{3,}\b", lambda m: m.group(0).lower() if len(m.group(0)) > 3 or m.group(0) not in {"USB", "ATM"} else m.group(0), text)
    text = re.sub(r"[!?.]+$", "", text).strip(" ,;:-")
    text = re.sub(r"^(?:and|but|so|also|plus|well|ok|okay|hi|hello|hey)\b[ ,]*", "", text, flags=re.I)
    text = re.sub(r"^@\w+\s*", "", text)
    return text or None


# Clauses carrying these are demands or threats: we answer them, we don't say them back.
NOT_RESTATED = {"threat_legal", "threat_safety", "public_exposure", "churn_risk", "refund_request", "bargaining",
                "urgency", "unreasonable_demand", "abusive", "sarcasm"}
_CLAUSE = re.compile(r"[^,;]+?(?=,|;|\s+or\s+|\s+otherwise\s+|\s+unless\s+|\s+so\s+|\s+and\s+(?:i|i'm|im)\b|$)", re.I)
_CONSEQUENCE = re.compile(r"^(?:or|otherwise|unless|so|else|and)\b", re.I)
_MASKED = re.compile(r"\w\*{2,}|\*{2,}\w|[@#$%&!]{3,}\w")  # f***, sh*t-style and @#$% swearing
_NOUN_PHRASE = re.compile(r"^(?:another|yet another|a|an|the|this|these|those|some|more)\b.*\b(?:that|which|who)\b", re.I)
_NOT_INSULTS = {"you", "your", "you're", "u", "ur", "the", "a", "an", "are", "is", "bunch", "of", "such", "and", "this"}
PROBLEM_SIGNALS = {"complaint", "anger", "abusive", "repeat_contact", "sarcasm", "threat_legal", "threat_safety",
                   "churn_risk", "public_exposure", "refund_request", "unreasonable_demand"}
_QUESTION_FORMS = [
    (re.compile(r"^(?:can|could|would) you (?:please )?(?:tell me|let me know|explain|show me) (.+)$", re.I), "you'd like to know {}"),
    (re.compile(r"^how (?:do|can|should|would) (?:i|we) (.+)$", re.I), "you'd like to know how to {}"),
    (re.compile(r"^(?:is|are) there (?:a|an|any) (?:way|option) to (.+)$", re.I), "you'd like a way to {}"),
    (re.compile(r"^(?:can|could|may) (?:i|we) (.+)$", re.I), "you'd like to {}"),
]


def _starts(analysis: Analysis, names) -> list[int]:
    return [e.start for s in analysis.signals if s.name in names for e in s.evidence if e.start >= 0]


def _pick_sentence(text: str, analysis: Analysis) -> str | None:
    """The sentence with the most complaint evidence, keeping only its clauses that state the problem."""
    complaint = _starts(analysis, {"complaint", "anger", "repeat_contact", "confusion"})
    excluded = _starts(analysis, NOT_RESTATED - {"abusive"})  # insults are cut out of the clause instead
    feeling_only = _starts(analysis, {"anger"})
    causes = [c.lower() for c in analysis.root_cause_evidence]
    best, best_score = None, 0
    for match in _SENTENCE.finditer(text):
        if match.group(0).strip().endswith("?"):
            continue
        clauses = []
        for clause in _CLAUSE.finditer(match.group(0)):
            lo, hi = match.start() + clause.start(), match.start() + clause.end()
            words = clause.group(0).strip()
            if not words or _CONSEQUENCE.match(words) or _MASKED.search(words) or any(lo <= p < hi for p in excluded):
                continue
            if any(lo <= p < hi for p in feeling_only) and not any(c in words.lower() for c in causes):
                continue  # "I am furious", "your useless company": the acknowledgement answers the feeling
            clauses.append((lo, hi, words))
        kept = ", ".join(c for _, _, c in clauses)
        if len(kept) < 12:
            continue
        score = sum(1 for p in complaint if any(lo <= p < hi for lo, hi, _ in clauses))
        score += sum(1 for cue in analysis.root_cause_evidence if cue.lower() in kept.lower())
        if score > best_score:
            best, best_score = kept, score
    return best


_BILLING_WORD = re.compile(r"\b(charge[sd]?|charging|fees?|bill(?:ed)?|invoice[sd]?|paid|payments?|cost|price|debited)\b", re.I)


def _billed_amount(text: str, match: re.Match) -> bool:
    """An amount we were charged, not one the customer demands ("a refund plus $500")."""
    lo = max(text.rfind(sep, 0, match.start()) for sep in ",;.!?\n") + 1
    hi = min([i for i in (text.find(sep, match.end()) for sep in ",;.!?\n") if i >= 0] or [len(text)])
    return bool(_BILLING_WORD.search(text[lo:hi]))


def _question_clause(text: str) -> str | None:
    """ "Can you tell me how to change my address?" -> "you'd like to know how to change your address"."""
    for match in _SENTENCE.finditer(text):
        sentence = re.sub(r"^(?:hi|hello|hey|dear \w+)[ ,!]*", "", match.group(0).strip(), flags=re.I)
        if not sentence.endswith("?"):
            continue
        body = sentence.rstrip("?").strip()
        for pattern, form in _QUESTION_FORMS:
            found = pattern.match(body)
            if found:
                clause = form.format(swap_point_of_view(found.group(1)))
                return clause if len(clause) <= 180 else None
    return None


def _cause_confirmed(text: str, analysis: Analysis) -> bool:
    """The root cause counts only if its words stand outside demands and threats ("free shipping for life")."""
    if analysis.root_cause == "other":
        return True
    demands = _starts(analysis, NOT_RESTATED)
    for cue in analysis.root_cause_evidence:
        for found in re.finditer(re.escape(cue), text, re.I):
            sentence = next((m for m in _SENTENCE.finditer(text) if m.start() <= found.start() < m.end()), None)
            if sentence is None:
                continue
            for clause in _CLAUSE.finditer(sentence.group(0)):
                lo, hi = sentence.start() + clause.start(), sentence.start() + clause.end()
                if lo <= found.start() < hi and not any(lo <= p < hi for p in demands):
                    return True
    return False


def issue_from(text: str, analysis: Analysis, fallback_subject: str | None = None) -> Issue:
    references = tuple(dict.fromkeys((m.group(1) or m.group(2)) for m in _ORDER_REF.finditer(text)))
    amounts = tuple(dict.fromkeys(m.group(0).strip() for m in _AMOUNT.finditer(text) if _billed_amount(text, m)))
    spans = tuple(dict.fromkeys(m.group(0) for m in _SPAN.finditer(text)))
    confirmed = _cause_confirmed(text, analysis)
    statements = [m.group(0) for m in _SENTENCE.finditer(text) if not m.group(0).strip().endswith("?")]
    problem = bool(PROBLEM_SIGNALS & set(analysis.signal_names)) or (
        confirmed and analysis.root_cause != "other" and any(len(s.split()) > 3 for s in statements))
    cause = analysis.root_cause if confirmed else "other"
    thing = _MY_THING.search(text)
    if thing:
        subject = "your " + thing.group(1).lower()
        if references and references[0].lower() not in subject:
            subject += f" #{references[0].lstrip('#')}" if "order" in subject or "invoice" in subject else ""
    elif references:
        subject = f"your order #{references[0].lstrip('#')}" if cause == "delivery" else f"your case #{references[0].lstrip('#')}"
    else:
        subject = fallback_subject or CAUSE_OBJECT[cause]
    details = dict(subject=subject, references=references, amounts=amounts, spans=spans, problem=problem,
                   cause_confirmed=confirmed)
    if not problem:
        asked = _question_clause(text)
        clause = asked or (f"you have a question about {subject}" if subject != "this" else "you have a question for us")
        return Issue(clause, from_customer=bool(asked), **details)
    banned = {w for s in analysis.signals if s.name == "abusive" for e in s.evidence
              for w in re.findall(r"[a-z*']+", e.text.lower()) if w not in _NOT_INSULTS}
    sentence = _pick_sentence(text, analysis)
    clause = _tidy(swap_point_of_view(sentence), banned) if sentence else None
    if clause and 12 <= len(clause) <= 180:
        clause = clause[:1].lower() + clause[1:] if not clause.startswith("I ") else clause
        return Issue(clause, from_customer=True, noun_phrase=bool(_NOUN_PHRASE.match(clause)), **details)
    if amounts and cause in {"billing", "policy"}:
        summary = f"the {amounts[0]} charge on {subject} isn't what you expected"
    elif confirmed and cause != "other":
        summary = f"{subject} {CAUSE_PROBLEM[cause]}" + (f" (the {amounts[0]} involved)" if amounts else "")
    else:
        summary = "this hasn't gone the way it should have"
    return Issue(summary, from_customer=False, **details)
