"""The forms a piece of text can hide in, undone before anything is checked.

An attacker who cannot get "refund issued" past a check can still get "ref\u200bund іssued"
(a zero-width space, a Cyrillic і), a link split over two lines, or the whole instruction in
base64. `views` gives every reading a check should see: the text normalised (NFKC, invisible
characters dropped, look-alike letters folded to Latin), the same with line breaks joined, and
each encoded run decoded (base64, hex, %-escapes, HTML entities).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from urllib.parse import unquote

_INVISIBLE = re.compile(r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                        r"\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]|[\x00-\x08\x0b-\x1f\x7f]")
# Cyrillic and Greek letters that look Latin (the usual homoglyph set).
_CONFUSABLE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "ɡ": "g", "һ": "h", "ӏ": "l", "ԛ": "q",
    "ԝ": "w", "ү": "y", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C",
    "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "α": "a", "ε": "e", "ι": "i", "κ": "k", "ν": "v",
    "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I",
    "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_BASE64 = re.compile(r"(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])")
_HEX = re.compile(r"(?<![0-9a-fA-F])(?:[0-9a-fA-F]{2}[\s:]?){8,}(?![0-9a-fA-F])")
_ESCAPED = re.compile(r"%[0-9a-fA-F]{2}|&#?\w+;")


def normalise(text: str) -> str:
    """NFKC, invisible characters removed, look-alike letters folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_CONFUSABLE)
    return re.sub(r"[ \t]+", " ", text)


def _readable(raw: bytes) -> str | None:
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    letters = sum(c.isalpha() or c.isspace() for c in decoded)
    return decoded if decoded and letters / len(decoded) > 0.7 else None


def decoded_runs(text: str) -> list[str]:
    """Whatever an encoded run in the text says, when it decodes to readable words."""
    found = []
    for m in _BASE64.finditer(text):
        run = m.group(0)
        if run.isalpha() and (run.islower() or run.isupper()):
            continue  # a long plain word, not an encoding
        try:
            decoded = _readable(base64.b64decode(run + "=" * (-len(run) % 4), validate=True))
        except (binascii.Error, ValueError):
            decoded = None
        if decoded:
            found.append(decoded)
    for m in _HEX.finditer(text):
        digits = re.sub(r"[\s:]", "", m.group(0))
        if len(digits) % 2 == 0 and not digits.isdigit():
            decoded = _readable(bytes.fromhex(digits))
            if decoded:
                found.append(decoded)
    if _ESCAPED.search(text):
        found.append(html.unescape(unquote(text)))
    return found


def views(text: str) -> list[str]:
    """Every reading of `text` a check should see (the first is the plain normalised text)."""
    plain = normalise(text)
    out = [plain, re.sub(r"(?<=\S)[ \t]*\n[ \t]*(?=\S)", "", plain)]  # "https://evil.\nexample" is one link
    out += [normalise(d) for d in decoded_runs(plain)]
    return list(dict.fromkeys(out))
