"""Redact personal data from text before it leaves the process, and put it back afterwards.

    redacted = redact("Mail me at ana@example.com or call +44 20 7946 0958",
                      extra_patterns={"order": r"\\b(?:order|ord)\\s*#?\\s*(\\d{5,})\\b"})
    redacted.text     # 'Mail me at [EMAIL_1] or call [PHONE_1]'
    redacted.mapping  # {'[EMAIL_1]': 'ana@example.com', '[PHONE_1]': '+44 20 7946 0958'}
    redacted.restore(model_draft)  # originals back in whatever the model wrote

Kinds, in priority order when two detections overlap: configured patterns (named after their key,
upper-cased: ``order`` -> ``[ORDER_1]``), e-mail addresses, IBANs (mod-97 checked), payment card numbers
(13-19 digits, Luhn checked), phone numbers (7-15 digits, with heuristics that leave years, dates,
times, prices, IP addresses and plain reference numbers alone).

The same original value gets the same placeholder within one text; numbers count per kind in order of
appearance (skipping any number whose placeholder already appears in the input, so a round trip is
exact). ``restore`` also accepts the placeholders a model tends to mangle: any letter case, a missing
bracket, or inside brackets a space or dash instead of the underscore (``[email_1]``, ``EMAIL_1``,
``[Email 1]``). Unknown placeholders are left alone.

All built-in expressions run in linear time (bounded repetitions, possessive digit runs, lookbehinds
that reject starts inside a token); ``redact`` never raises on odd text. A configured pattern that is
not a valid regular expression raises ``ValueError`` (check them at configuration load time with
:func:`compile_patterns`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "BUILTIN_KINDS",
    "Redacted",
    "compile_patterns",
    "iban_valid",
    "luhn_valid",
    "redact",
    "restore",
]

BUILTIN_KINDS = ("EMAIL", "IBAN", "CARD", "PHONE")

# ---------------------------------------------------------------------------------------------- patterns

_EMAIL = re.compile(
    r"(?<![\w.%+\-])"                       # not inside a longer local part
    r"[\w.%+\-]{1,64}"                      # local part
    r"@"
    r"(?:[^\W_](?:[\w\-]{0,61}[^\W_])?\.){1,10}"  # domain labels
    r"[^\W\d_]{2,24}"                       # top-level domain
    r"(?![\w\-]|\.[^\W_])"                  # the address ends here
)

# Country code + 2 check digits + 11..30 alphanumerics, single spaces allowed between characters.
# The exact end is found in code (known length per country, then mod-97).
_IBAN = re.compile(r"(?<![^\W_])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}", re.IGNORECASE)

# 13-19 digits, contiguous or in groups of 3-6 after a first group of 4 (4-4-4-4, 4-6-5, 4-4-4-4-3).
_CARD = re.compile(r"(?<![\w+\-.,])(?:\d{13,19}|\d{4}(?:[ \-]\d{3,6}){2,4})(?![ \-]?\d)(?![\w])")

_PHONE = re.compile(
    r"(?<![\w+$€£¥#/=@&])"         # not glued to a word, an amount, a reference or a URL parameter
    r"(?<!\d[.,:/])"               # not the tail of 1,299 / 10:30 / 22/11 / 1.5
    r"(?<!\w[\-.])"                # not the tail of ABC-555 or 2024-11
    r"(?P<cc>\+\d{1,3}[ .\-]?)?"   # country code
    r"(?P<area>\(\d{1,5}\)[ .\-]?)?"
    r"(?P<body>\d++(?:(?P<sep>[ .\-])\d++(?:(?P=sep)\d++){0,4})?)"  # one separator throughout
    r"(?![\w])(?![.,:/\-]\d)"      # not followed by more of a number
)

_DATE = re.compile(r"^(?:\d{4}[.\-/ ]\d{1,2}[.\-/ ]\d{1,2}|\d{1,2}[.\-/ ]\d{1,2}[.\-/ ]\d{2,4})$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_CURRENCY_AFTER = re.compile(r"\s?(?:[$€£¥]|(?:EUR|USD|GBP|CHF|JPY|CAD|AUD|dollars?|euros?|pounds?)\b)",
                             re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(r"(?:[$€£¥]|\b(?:EUR|USD|GBP|CHF|JPY|CAD|AUD))\s?$", re.IGNORECASE)

# Lengths of IBANs per country (ISO 13616 registry). Unknown countries: 15..34 characters.
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29,
    "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29,
    "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28,
    "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
    "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29,
    "RO": 24, "RS": 22, "SA": 24, "SC": 31, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28,
    "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}


# ---------------------------------------------------------------------------------------------- checks

def luhn_valid(number: str) -> bool:
    """The Luhn checksum of the digits in ``number`` (other characters ignored)."""
    digits = [int(c) for c in number if c.isdigit() and c.isascii()]
    if not digits:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 check: known length for the country (15..34 otherwise) and mod 97 == 1. Spaces ignored."""
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    remainder = 0
    for ch in rearranged:
        value = ch if ch.isdigit() else str(ord(ch) - 55)
        remainder = int(str(remainder) + value) % 97
    return remainder == 1


# ---------------------------------------------------------------------------------------------- result

_PLACEHOLDER_ANY = re.compile(r"\[([A-Z][A-Z0-9_]*?)_(\d+)\]")


@dataclass(frozen=True)
class Redacted:
    """The redacted text and how to undo it. ``mapping`` is placeholder -> original value."""

    text: str
    mapping: dict[str, str] = field(default_factory=dict)

    def restore(self, text: str) -> str:
        """Put the originals back into ``text`` (the model's output, or ``self.text``)."""
        return restore(text, self.mapping)

    def hide(self, text: str) -> str:
        """The same values hidden in any other text derived from the message (a summary, a fact)."""
        for placeholder, original in sorted(self.mapping.items(), key=lambda kv: -len(kv[1])):
            text = text.replace(original, placeholder)
        return text

    def counts(self) -> dict[str, int]:
        """How many distinct values of each kind were redacted (safe to log: no values)."""
        out: dict[str, int] = {}
        for placeholder in self.mapping:
            m = _PLACEHOLDER_ANY.fullmatch(placeholder)
            if m:
                out[m.group(1)] = out.get(m.group(1), 0) + 1
        return out

    def __bool__(self) -> bool:  # truthy when something was redacted
        return bool(self.mapping)


# ---------------------------------------------------------------------------------------------- redact

def _kind_name(key: str) -> str:
    name = re.sub(r"[^A-Z0-9]+", "_", str(key).upper()).strip("_")
    if not name or not name[0].isalpha():
        name = "X" + name if name else "PII"
    return name


@lru_cache(maxsize=64)
def _compile_cached(items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for key, pattern in items:
        try:
            compiled.append((_kind_name(key), re.compile(pattern, re.IGNORECASE)))
        except re.error as exc:
            raise ValueError(f"privacy pattern {key!r} is not a valid regular expression: {exc}") from None
    return tuple(compiled)


def compile_patterns(patterns: Mapping[str, str] | None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Compile configured patterns (case-insensitive) as ``((KIND, regex), ...)``; ValueError if one is invalid."""
    if not patterns:
        return ()
    items = []
    for key, pattern in patterns.items():
        if not isinstance(pattern, str):
            raise ValueError(f"privacy pattern {key!r} must be a string, not {type(pattern).__name__}")
        items.append((str(key), pattern))
    return _compile_cached(tuple(items))


def _configured(text: str, compiled: tuple[tuple[str, re.Pattern[str]], ...]) -> Iterator[tuple[int, int, str]]:
    for kind, regex in compiled:
        for m in regex.finditer(text):
            if regex.groups:
                for g in range(1, regex.groups + 1):
                    if m.group(g):
                        yield m.start(g), m.end(g), kind
                        break
            elif m.end() > m.start():
                yield m.start(), m.end(), kind


def _emails(text: str) -> Iterator[tuple[int, int, str]]:
    if "@" not in text:
        return
    for m in _EMAIL.finditer(text):
        yield m.start(), m.end(), "EMAIL"


def _ibans(text: str) -> Iterator[tuple[int, int, str | None]]:
    for m in _IBAN.finditer(text):
        start = m.start()
        chunk = m.group()
        # Positions (in the match) of each alphanumeric character.
        positions = [i for i, ch in enumerate(chunk) if ch != " "]
        country = chunk[:2].upper()
        if country in _IBAN_LENGTHS:
            lengths = [_IBAN_LENGTHS[country]]
        else:
            lengths = list(range(min(len(positions), 34), 14, -1))
        for length in lengths:
            if length > len(positions):
                continue
            end = start + positions[length - 1] + 1
            nxt = text[end:end + 1]
            if nxt and (nxt.isalnum() or nxt == "_"):
                continue  # glued to more letters or digits: not the whole token
            candidate = text[start:end]
            if iban_valid(candidate):
                yield start, end, "IBAN"
                break
            if len(lengths) == 1 and candidate.upper() == candidate:
                # Exactly an IBAN of that country but a wrong checksum: leave it alone, whole
                # (its digit groups must not turn into a phone number).
                yield start, end, None


def _cards(text: str) -> Iterator[tuple[int, int, str | None]]:
    for m in _CARD.finditer(text):
        value = m.group()
        if not 13 <= sum(c.isdigit() for c in value) <= 19:
            continue
        if luhn_valid(value):
            yield m.start(), m.end(), "CARD"
        elif sum(c.isdigit() for c in value) > 15:
            # Too long for a phone number and not a card: a reference number; keep its groups
            # from being picked apart as phone numbers.
            yield m.start(), m.end(), None


def _phone_ok(text: str, m: re.Match[str]) -> bool:
    body = m.group("body")
    cc = m.group("cc") or ""
    area = m.group("area") or ""
    sep = m.group("sep")
    groups = body.split(sep) if sep else [body]
    digits = sum(c.isdigit() for c in cc + area + body)
    if not 7 <= digits <= 15:
        return False
    if any(not g.isascii() for g in groups):
        return False  # other scripts' digits: leave them
    if not cc and not area:
        if sep is None:
            # A bare run of digits is a reference number unless written as a national number.
            if not (body.startswith("0") and 9 <= len(body) <= 11):
                return False
        if _DATE.match(body):
            return False
        if all(_YEAR.match(g) for g in groups):
            return False  # 2019-2024, "2023 2024"
        if sep == "." and (len(groups) < 3 or all(len(g) <= 3 for g in groups)):
            return False  # decimals, 1.299.000, IP addresses, versions
        before = text[max(0, m.start() - 5):m.start()]
        after = text[m.end():m.end() + 9]
        if _CURRENCY_BEFORE.search(before) or _CURRENCY_AFTER.match(after):
            return False  # 1 299 000 EUR
    if len(groups) > 1 and any(len(g) < 2 for g in groups[1:]):
        return False  # "1 2 3 4 5 6 7": counting, not a number
    return True


def _phones(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _PHONE.finditer(text):
        if _phone_ok(text, m):
            yield m.start(), m.end(), "PHONE"


@lru_cache(maxsize=64)
def _tolerant_placeholder(kinds: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(k) for k in sorted(kinds, key=len, reverse=True))
    return re.compile(
        r"\[\s*(?P<k1>" + alternatives + r")[ _\-]?(?P<n1>\d{1,6})\s*\]"    # [EMAIL_1], [email 1], [Email-1]
        r"|(?<![A-Za-z0-9_])\[?(?P<k2>" + alternatives + r")_(?P<n2>\d{1,6})\]?(?![A-Za-z0-9])",  # EMAIL_1, [EMAIL_1
        re.IGNORECASE,
    )


def redact(text: str, extra_patterns: Mapping[str, str] | None = None) -> Redacted:
    """Replace personal data in ``text`` by placeholders. See the module docstring."""
    if text is None:
        return Redacted("", {})
    if not isinstance(text, str):
        text = str(text)
    compiled = compile_patterns(extra_patterns)

    accepted_starts: list[int] = []
    accepted: list[tuple[int, int, str | None]] = []  # kind None: claimed, left as it is

    def take(start: int, end: int, kind: str | None) -> None:
        if end <= start:
            return
        i = bisect.bisect_right(accepted_starts, start)
        if i > 0 and accepted[i - 1][1] > start:
            return  # overlaps the span before
        if i < len(accepted) and accepted[i][0] < end:
            return  # overlaps the span after
        accepted_starts.insert(i, start)
        accepted.insert(i, (start, end, kind))

    for detector in (lambda t: _configured(t, compiled), _emails, _ibans, _cards, _phones):
        for start, end, kind in detector(text):
            take(start, end, kind)
    accepted = [span for span in accepted if span[2] is not None]
    if not accepted:
        return Redacted(text, {})

    # Numbers whose (tolerant) placeholder already appears in the input are skipped, so restore() of the
    # redacted text cannot turn the customer's own "[EMAIL_1]" into an address.
    kinds = tuple(sorted({kind for _, _, kind in accepted}))
    taken: set[tuple[str, int]] = set()
    for m in _tolerant_placeholder(kinds).finditer(text):
        kind = (m.group("k1") or m.group("k2")).upper()
        taken.add((kind, int(m.group("n1") or m.group("n2"))))

    counters: dict[str, int] = {}
    assigned: dict[tuple[str, str], str] = {}
    mapping: dict[str, str] = {}
    parts: list[str] = []
    last = 0
    for start, end, kind in accepted:
        original = text[start:end]
        placeholder = assigned.get((kind, original))
        if placeholder is None:
            n = counters.get(kind, 0) + 1
            while (kind, n) in taken:
                n += 1
            counters[kind] = n
            placeholder = f"[{kind}_{n}]"
            assigned[(kind, original)] = placeholder
            mapping[placeholder] = original
        parts.append(text[last:start])
        parts.append(placeholder)
        last = end
    parts.append(text[last:])
    return Redacted("".join(parts), mapping)


# ---------------------------------------------------------------------------------------------- restore

def restore(text: str, mapping: Mapping[str, str]) -> str:
    """Put the originals of ``mapping`` (placeholder -> original) back into ``text``, tolerating mangling."""
    if not text or not mapping:
        return text
    if not isinstance(text, str):
        text = str(text)
    canonical: dict[tuple[str, int], str] = {}
    for placeholder, original in mapping.items():
        m = _PLACEHOLDER_ANY.fullmatch(placeholder)
        if m:
            canonical[(m.group(1), int(m.group(2)))] = original
    if not canonical:
        out = text
        for placeholder, original in mapping.items():  # placeholders of another shape: exact replacement
            out = out.replace(placeholder, original)
        return out
    regex = _tolerant_placeholder(tuple(sorted({k for k, _ in canonical})))

    def put_back(m: re.Match[str]) -> str:
        kind = (m.group("k1") or m.group("k2")).upper()
        number = int(m.group("n1") or m.group("n2"))
        return canonical.get((kind, number), m.group())

    return regex.sub(put_back, text)
