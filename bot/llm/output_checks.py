"""What a model may not write, checked on what it wrote rather than on what the customer sent.

Input detection misses attacks in new languages and disguises; these checks hold anyway. Each
runs over every reading of a field (`normalise.views`: look-alike letters folded, invisible
characters dropped, line breaks joined, encodings decoded):

- links, e-mail addresses, phone numbers and messaging handles that are not the company's own
  (config/voice.toml); a customer's own detail may be used to address them, never as a place
  to send, call or write to;
- any request for card numbers, security codes, passwords or one-time codes;
- "already done" claims (refund issued, account credited, order cancelled): the agent does that;
- offers above their own kind's limit (`bot.policy`);
- our instructions repeated, or a limit the policy marks as internal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit

from bot.llm.normalise import views
from bot.policy import promises_beyond_policy
from bot.settings import Settings

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+"
                  r"|\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?(?:/[^\s<>\"')\]]*)?"
                  r"|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|net|org|io|co|info|biz|xyz|ru|cn|ly|me|app|link|"
                  r"site|online|top|uk|de|fr|es|it|nl|pl|eu|us|example|support|help|click|live|shop|store|page|tk|gl|gd)"
                  r"\b(?::\d+)?(?:/[^\s<>\"')\]]*)?", re.I)
_MARKDOWN_LINK = re.compile(r"\[([^\]]{1,200})\]\(([^)\s]{1,500})\)")
_PHONE = re.compile(r"(?<![\w+])\+?\d[\d\s().-]{7,}\d(?![\w])")
_PHONE_CONTEXT = re.compile(r"\b(?:call|phone|ring|text|sms|whatsapp|telegram|signal|viber|wechat|dial|tel|number|line|"
                            r"hotline|mobile|reach)\b", re.I)
_APPS = r"(?:whats\s?app|telegram|signal|viber|wechat|wickr|kik|t\.me|discord|instagram|snapchat|skype)"
_HANDLE = re.compile(rf"\b{_APPS}\b[^.!?\n]{{0,30}}?(?:@\w{{3,}}|\+?\d[\d\s-]{{6,}}\d)|@\w{{3,}}[^.!?\n]{{0,25}}\b{_APPS}\b", re.I)
_REMOTE = re.compile(r"\b(?:any ?desk|team ?viewer|quick ?support|quick ?assist|ultra ?viewer|logmein|splashtop|rustdesk|"
                     r"remote (?:access|desktop|control)|screen ?shar\w*|access code)\b", re.I)
_PAYMENT = re.compile(r"\b(?:pay|transfer|wire|send|deposit|buy|purchase)\b[^.!?]{0,50}\b(?:release fee|handling fee|processing fee|unlock fee|"
                      r"customs fee|bank transfer|sort code|iban|swift|account (?:no\.?|number)?\s*\d|western union|moneygram|"
                      r"gift ?cards?|bitcoin|btc|crypto\w*|usdt|paypal friends)\b", re.I)
# Sending, calling or writing TO a detail ("call +44…", "email it to x@y"); "call you on" addresses the customer.
_DIRECTIVE = re.compile(r"\b(?:call|ring|phone|text|sms|message|e-?mail|contact|send|reach|write to|forward|dm|whatsapp|reply|respond|dial|"
                        r"visit|go to|click|log ?in|sign ?in|verify|confirm)\b(?!\s+(?:you|u)\b)", re.I)
_SECRET = re.compile(r"\b(?:(?:full |long )?(?:credit |debit )?card (?:number|no\.?|details|digits)|cvv2?|cvc|cv2|security code|"
                     r"\bpin\b|pin (?:code|number)|passwords?|pass ?codes?|one[- ]time (?:pass)?(?:code|password)|otp|"
                     r"verification code|(?:2fa|sms|login|auth\w*) code|login details|log-?in details|bank(?:ing)? (?:login|details|password)|"
                     r"online banking|sort code|account number and sort|seed phrase|recovery phrase|social security|ssn|"
                     r"mother'?s maiden name|expiry date|\d-digit code|code (?:we|i) (?:just )?(?:texted|sent|emailed)|"
                     r"code (?:on|from) the back)\b", re.I)
# Never asked for in any wording or language; a warning ("we'll never ask for your CVV") is the only reason to name them.
_FIRST_PERSON = re.compile(r"\b(?:i|we)(?:'ll|'d|'ve|\s+will|\s+can|\s+could|\s+would|\s+have|\s+shall)?\s*(?:also\s+|just\s+)?(?:re-?)?$", re.I)
_WE_SEND = re.compile(r"\b(?:i|we)(?:'ll|\s+will|\s+can|\s+shall)?\s+(?:re-?)?(?:send|e-?mail|call|ring|text|write|forward|post)\w*\b", re.I)
_STRONG_SECRET = re.compile(r"\b(?:cvv2?|cvc|cv2|otp|one[- ]time (?:pass)?code|seed phrase|recovery phrase)\b", re.I)
_ASK = re.compile(r"\b(?:send|share|provide|give|tell|reply|respond|confirm|enter|type|e-?mail|text|dm|message|read out|read me|"
                  r"what(?:'s| is) (?:your|the)|could you (?:read|tell)|can you (?:read|tell)|"
                  r"verify|submit|include|post|upload|need|require|ask (?:the customer|them|him|her) for|ask for|request)\b", re.I)
_WARNING = re.compile(r"\b(?:never|don'?t|do not|won'?t|will not|no need to|not (?:ask|need)|shouldn'?t|should not|avoid|"
                      r"please keep|keep (?:it|them|your \w+) (?:private|safe|to yourself))\b", re.I)
_LAST_DIGITS = re.compile(r"\blast (?:four|4) digits\b", re.I)
_NOT_YET = re.compile(r"\b(?:once|when|after|as soon as|if|until|before|whether|confirm(?: in writing)? that|make sure|ensure|"
                      r"check (?:that|whether))\b[^.!?]{0,30}$", re.I)
_DONE_FORMS = (  # "already done" in the forms a model writes it
    r"\b(?:refund|reimbursement|credit|compensation|payment|money)s?\s+(?:has|have|was|were|is|are)\s+(?:already\s+|now\s+|just\s+)?"
    r"(?:been\s+)?(?:processed|issued|approved|applied|sent|granted|completed?|done|paid|released|on (?:its|their) way|credited|made)\b",
    r"\b(?:chargeback|dispute|claim)s?\s+(?:has|have|was|were|is)\s+(?:already\s+|now\s+|just\s+)?(?:been\s+)?"
    r"(?:reversed|resolved|settled|closed|approved|won|decided)\b",
    r"\b(?:is|are|has been|have been)\s+(?:now\s+|already\s+)?back (?:on|in) your (?:card|account|wallet|balance)\b",
    r"\b(?:account|card|balance|wallet)\s+(?:has|have|was|is)\s+(?:already\s+|now\s+|just\s+)?(?:been\s+)?(?:credited|refunded|topped up)\b",
    r"\b(?:order|subscription|booking|account|membership|contract|plan|reservation)\s+(?:has|have|was|were|is)\s+"
    r"(?:already\s+|now\s+|just\s+)?(?:been\s+)?(?:cancell?ed|closed|terminated|refunded)\b",
    r"\b(?:i|we)\s*(?:'ve|\s+have|\s+just|\s+already)\s+(?:already\s+|just\s+)?(?:refunded|credited|approved|issued|processed|"
    r"cancell?ed|closed|waived|applied|reimbursed|compensated|sent (?:you )?(?:the|your|a) (?:refund|credit|payment))\b",
    r"\b(?:refund|credit)\s+(?:complete|completed|confirmed|approved|issued)\b",
    # the same in the languages customers write to us in: a refund noun, an auxiliary, a done participle
    r"\b(?:reembolso|remboursement|rückerstattung|erstattung|rimborso|terugbetaling|zwrot|gutschrift)\b[^.!?]{0,30}"
    r"\b(?:ya fue|ha sido|fue|a été|est|wurde|ist|è (?:già )?stat[oa]|is al|zosta\w*|został)\b[^.!?]{0,15}"
    r"\b(?:enviad\w*|procesad\w*|realizad\w*|effectu\w*|envoy\w*|trait\w*|überwiesen|bearbeitet|erstattet|veranlasst|"
    r"effettuat\w*|emess\w*|inviat\w*|verwerkt|uitbetaald|overgemaakt|zrealizowan\w*|wysłan\w*)",
)
_DONE = re.compile("|".join(_DONE_FORMS), re.I)
_ATTRIBUTED = re.compile(r"\b(?:you (?:said|mention\w*|told|asked|wrote|requested)|at your request|as your (?:e-?mail|message|letter|note)|"
                         r"according to your|your (?:e-?mail|message) (?:says|confirms|shows))\b", re.I)
_RESET = re.compile(r"\b(?:password[- ]?reset|reset (?:link|e-?mail|your|the|their)|(?:sign|log)[- ]?in link|new password|change (?:your|their|the) password|"
                    r"forgot(?:ten)? (?:your |their )?password)\b", re.I)
_MIXED = re.compile(r"\b(?=[\w.-]*[a-zA-Z])(?=[\w.-]*[\u0370-\u03ff\u0400-\u04ff])[\w.-]+\b")
ECHO_WORDS = 9  # words in a row from our instructions that make an echo
_LIMIT_WORDS = re.compile(r"\b(?:limit|approv\w*|authori[sz]\w*|up to|maximum|max|cap|threshold|without (?:a |my )?(?:lead|manager|supervisor))\b", re.I)


@dataclass(frozen=True)
class OutputRules:
    """What the checks compare against: the settings, our instructions and the customer's text."""

    settings: Settings
    system_prompt: str
    customer_text: str

    @cached_property
    def prompt_grams(self) -> frozenset[str]:
        """Our instructions as nine-word runs, read once for every field and reading checked."""
        return grams(self.system_prompt, ECHO_WORDS)

    @cached_property
    def internal_amounts(self) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(rf"(?<![\d.,])(?:[$€£]\s?)?{int(limit) if float(limit).is_integer() else limit}(?:\.00)?(?![\d,])")
                     for limit in self.settings.policy.internal_limits)

    def own(self, detail: str) -> bool:
        voice = self.settings.voice
        digits = re.sub(r"\D", "", detail)
        for contact in voice.own_contacts:
            if detail.lower() == contact.lower() or (digits and len(digits) >= 7 and digits == re.sub(r"\D", "", contact)):
                return True
        host = detail.lower().rsplit("@", 1)[-1]
        return any(host == d or host.endswith("." + d) for d in voice.own_domains)

    def customers(self, detail: str) -> bool:
        digits = re.sub(r"\D", "", detail)
        text = self.customer_text.lower()
        return detail.lower() in text or (len(digits) >= 7 and digits in re.sub(r"\D", "", text))


def _host(link: str) -> str:
    link = link if re.match(r"^[a-z]+://", link, re.I) else "http://" + link
    return (urlsplit(link).hostname or "").lower().removeprefix("www.")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def _contact_problems(view: str, rules: OutputRules) -> list[str]:
    problems = []
    for m in _MARKDOWN_LINK.finditer(view):
        shown, target = m.group(1), m.group(2)
        shown_host = next((_host(u.group(0)) for u in _URL.finditer(shown)), "")
        if shown_host and shown_host != _host(target):
            problems.append("has a link whose text hides another address")
    emails = list(_EMAIL.finditer(view))
    for m in emails:
        if not rules.own(m.group(0)) and _borrowed(view, m, rules):
            problems.append("gives an e-mail address that is not ours")
    in_email = [(m.start(), m.end()) for m in emails]
    for m in _URL.finditer(view):
        if any(a <= m.start() < b for a, b in in_email):
            continue
        host = _host(m.group(0).rstrip(".,;:!?"))
        if host and not rules.own(host):
            problems.append("contains a link that is not ours")
    for m in _PHONE.finditer(view):
        number, digits = m.group(0), re.sub(r"\D", "", m.group(0))
        around = view[max(0, m.start() - 40):m.end() + 10]
        if len(digits) < 9 or not (number.startswith("+") or _PHONE_CONTEXT.search(around)):
            continue  # an order number or a date, not a phone number
        if not rules.own(number) and _borrowed(view, m, rules):
            problems.append("gives a phone number that is not ours")
    for m in _HANDLE.finditer(view):
        if not rules.own(m.group(0)):
            problems.append("points to a messaging account")
    return problems


def _lead_in(view: str, match: re.Match) -> str:
    before = view[max(0, match.start() - 60):match.start()]
    return before[max(before.rfind(". "), before.rfind("\n")) + 1:]


def _borrowed(view: str, match: re.Match, rules: OutputRules) -> bool:
    """A detail that is not ours may appear only as the customer's own, used to address them
    ("we'll call you on …", "your e-mail …"), never as where they are told to call, write or send."""
    lead_in = _lead_in(view, match)
    ours = [d for d in _DIRECTIVE.finditer(lead_in) if _FIRST_PERSON.search(lead_in[:d.start()])]
    told = [d for d in _DIRECTIVE.finditer(lead_in) if d not in ours]  # "call …", "reply STOP to …"
    addressed = bool(ours) or re.search(r"\b(?:you|your)\b", lead_in, re.I) or _WE_SEND.search(lead_in)
    return not (rules.customers(match.group(0)) and addressed and not told)


def _secret_problems(view: str) -> list[str]:
    """Card details, codes and passwords are never asked for; nor is money sent anywhere, nor remote access."""
    for sentence in _sentences(view):
        if _WARNING.search(sentence):
            continue  # "we will never ask for your card number"
        secret = _SECRET.search(sentence)
        if secret and secret.group(0).lower().startswith("password") and _RESET.search(sentence):
            secret = None  # sending a reset link is not asking for the password
        if secret and (_ASK.search(sentence) or _STRONG_SECRET.search(sentence)) and not _LAST_DIGITS.search(sentence):
            return ["asks for a security detail (a card number, code, password or identity answer), which no one should ever be asked to send"]
        if _REMOTE.search(sentence):
            return ["asks for remote access to the customer's computer"]
        if _PAYMENT.search(sentence):
            return ["asks the customer to pay or send money somewhere"]
    return []


def _done_problems(view: str) -> list[str]:
    for sentence in _sentences(view):
        done = _DONE.search(sentence)
        if done and _NOT_YET.search(sentence[:done.start()]):
            continue  # "once the refund is processed you'll see it"
        if done and not _ATTRIBUTED.search(sentence):
            return ["says something is already done, which only the agent can do and say"]
    return []


def grams(text: str, window: int) -> frozenset[str]:
    """`window`-word runs of `text`, lower-cased."""
    words = re.findall(r"[a-z0-9']+", text.lower())
    return frozenset(" ".join(words[i:i + window]) for i in range(len(words) - window + 1))


def echoes(text: str, source_grams: frozenset[str], window: int = ECHO_WORDS) -> bool:
    """Nine words in a row from our instructions is an echo, not a coincidence."""
    return not grams(text, window).isdisjoint(source_grams)


def _leak_problems(view: str, rules: OutputRules) -> list[str]:
    if echoes(view, rules.prompt_grams):
        return ["repeats the model's instructions"]
    for amount in rules.internal_amounts:
        for sentence in _sentences(view):
            if amount.search(sentence) and _LIMIT_WORDS.search(sentence):
                return ["tells the customer an internal limit"]
    return []


def problems_in(text: str, rules: OutputRules) -> list[str]:
    """Every reason this model-written text may not reach an agent (empty when it may). The reasons name
    the kind of problem, never the detail: the agent must not be handed the phishing number."""
    found: list[str] = []
    mixed = _MIXED.search(text)
    if mixed:
        found.append("mixes look-alike letters from another alphabet into a word or address")
    for view in views(text):
        found += _contact_problems(view, rules)
        found += _secret_problems(view)
        found += _done_problems(view)
        found += promises_beyond_policy(view, rules.settings.policy, rules.settings.voice)
        found += _leak_problems(view, rules)
    return list(dict.fromkeys(found))
