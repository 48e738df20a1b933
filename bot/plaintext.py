"""Turn what an agent pastes or forwards (Slack markup, e-mail quotes, junk bytes) into the
customer's own words, so analysis reads what the customer wrote and nothing else."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping

MAX_CHARS = 20_000

_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>")
_SPECIAL = re.compile(r"<!(here|channel|everyone)(?:\|[^>]*)?>")
_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")
_LINK = re.compile(r"<((?:https?|mailto|tel):[^|>]*)(?:\|([^>]*))?>")
_CODE_BLOCK = re.compile(r"```.*?```", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_EMOJI = re.compile(r":([a-z0-9_+\-']{1,40}):")
_FORMAT = re.compile(r"(?<![\w*_~])([*_~])(?=\S)(.+?)(?<=\S)\1(?![\w*_~])")
_QUOTE_HEADER = re.compile(r"^\s*(on .{3,120} wrote:|-{2,}\s*original message\s*-{2,}|from: .+)\s*$", re.I)
_LETTER_HEADER = re.compile(r"^\s*(to|from|subject|re|date|sent|cc|bcc|ref)\s*:(.*)$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")

# A few emoji codes carry feeling; naming them keeps the evidence readable.
EMOJI_WORDS = {
    "rage": "rage", "angry": "angry", "face_with_symbols_on_mouth": "cursing",
    "unamused": "unamused", "roll_eyes": "eye roll", "face_with_rolling_eyes": "eye roll",
    "confused": "confused", "thinking_face": "unsure", "question": "?", "sob": "crying",
    "cry": "crying", "disappointed": "disappointed", "triumph": "fuming", "clap": "clap",
}


@dataclass(frozen=True)
class PlainText:
    """`display` is readable text for the agent; `own_words` is what analysis reads."""

    display: str
    own_words: str
    truncated: bool
    dropped_quote: bool
    dropped_code: bool
    original_length: int


def slack_to_text(text: str, user_names: Mapping[str, str] | None = None) -> str:
    """Resolve Slack's angle-bracket markup to what a person sees."""
    names = user_names or {}
    text = _USER.sub(lambda m: "@" + (names.get(m.group(1)) or m.group(2) or "someone"), text)
    text = _CHANNEL.sub(lambda m: "#" + (m.group(2) or "a-channel"), text)
    text = _SUBTEAM.sub(lambda m: m.group(1) or "@a-group", text)
    text = _SPECIAL.sub(lambda m: "@" + m.group(1), text)
    text = _DATE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(2) or m.group(1).removeprefix("mailto:"), text)
    text = _EMOJI.sub(lambda m: f":{m.group(1)}:" if m.group(1) not in EMOJI_WORDS else f":{m.group(1)}: ", text)
    text = html.unescape(text)
    return _FORMAT.sub(lambda m: m.group(2), text)


def clean_junk(text: str) -> str:
    """Drop control characters and lone surrogates; normalise Unicode so cues match."""
    text = text.encode("utf-8", "replace").decode("utf-8", "replace")
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return _CONTROL.sub(" ", text)


def _strip_quotes(text: str) -> tuple[str, bool]:
    """Drop an older message quoted below the customer's own words. A header block at the very top
    ("To: American Airlines / From: Me / Re: Your business") is the letter's own heading, not a quote:
    it is left out and the letter is read."""
    kept: list[str] = []
    dropped = False
    for line in text.split("\n"):
        heading = _LETTER_HEADER.match(line) if not any(k.strip() for k in kept) else None
        if heading:  # the subject is the customer's own summary; who it is to and from is not
            kept += [heading.group(2).strip()] if heading.group(1).lower() in {"subject", "re", "ref"} else []
            continue
        if _QUOTE_HEADER.match(line):
            return "\n".join(kept), True
        if line.lstrip().startswith(">"):
            dropped = True
            continue
        kept.append(line)
    return "\n".join(kept), dropped


_QUOTE_MARK = re.compile(r'"')
PASSAGE_WORDS = 15  # a quoted passage this long is someone else's text pasted in (terms, an e-mail, what staff said)


def _drop_passages(text: str) -> tuple[str, bool]:
    """Leave out long passages in quotation marks: the terms a customer quotes ("You can cancel an
    ongoing subscription ...") or the reply they got are not their own feelings, and raised
    signals ("ongoing" read as a problem still going on) and topics from someone else's words.
    Marks are paired in order, and a pair counts only when it opens after a space and closes
    before one, so two short quotes are never taken for one passage between them. Short
    quotes stay: "it said 'payment failed'" is the customer's account."""
    marks = [m.start() for m in _QUOTE_MARK.finditer(text)]
    spans = []
    for start, end in zip(marks[::2], marks[1::2]):
        opens = start == 0 or text[start - 1] in " \n\t(:"
        closes = end + 1 == len(text) or text[end + 1] in " \n\t).,;:!?"
        if opens and closes and len(text[start + 1:end].split()) >= PASSAGE_WORDS:
            spans.append((start, end + 1))
    if not spans:
        return text, False
    kept, at = [], 0
    for start, end in spans:
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    rest = " ".join(kept)
    if len(rest.split()) < 5:  # the quote is all there is: read it
        return text, False
    return rest, True


_SPEECH = re.compile(r"(?<!\bi )(?<!\bwe )\b(?:said|says|say|told|tells|telling|asked|asks|shouted|yelled|screamed|"
                     r"snapped|muttered|barked|replied|answered|responded|informed|warned|insisted|called (?:me|us|her|him))\b"
                     r"[^.!?\n]{0,60}$", re.I)
_QUOTED_SPEECH = re.compile(r"[\"“]([^\"“”\n]{1,300})[\"”]")


def reported_speech(text: str) -> list[tuple[int, int]]:
    """Where the customer quotes what someone else said: a quotation right after a verb of saying whose speaker is
    not the customer ("he told passengers “Don't come up here and bother me”, then informed us we should “buy a
    f***ing $1 watch”"). The words are the story, not the customer's own: an insult in them is not aimed at us."""
    return [(m.start(), m.end()) for m in _QUOTED_SPEECH.finditer(text)
            if _SPEECH.search(text[max(0, m.start() - 80):m.start()])]


def prepare(raw: str, user_names: Mapping[str, str] | None = None, max_chars: int = MAX_CHARS) -> PlainText:
    """Everything the analysis needs from raw input, with what was left out recorded."""
    text = clean_junk(raw)
    text = slack_to_text(text, user_names)
    truncated = len(text) > max_chars
    if truncated:
        text = text[:max_chars]
    display = text.strip()
    without_code, n_code = _CODE_BLOCK.subn(" ", display)
    without_code = _INLINE_CODE.sub(lambda m: m.group(0).strip("`"), without_code)
    own, dropped_quote = _strip_quotes(without_code)
    if not own.strip() and dropped_quote:
        own = "\n".join(line.lstrip()[1:] for line in without_code.split("\n"))  # only a quote: read it
        dropped_quote = False
    own, dropped_passage = _drop_passages(own)
    dropped_quote = dropped_quote or dropped_passage
    return PlainText(
        display=display,
        own_words=own.strip(),
        truncated=truncated,
        dropped_quote=dropped_quote,
        dropped_code=n_code > 0,
        original_length=len(raw),
    )


FOREIGN_WORDS = frozenset("""
el la los las que y en es por con para mi muy pero está estoy nada pedido gracias usted
le les et est je pas pour avec mon ma une des du très merci vous commande
der die das und ist nicht ich mit mein ein eine zu auf sehr danke bestellung
il che non per sono mio della grazie ordine
não eu meu uma com obrigado você
""".split())
ENGLISH_WORDS = frozenset("""
the and is you my to of it this that was for with have not your are be what why can please still just been
get i'm don't i we they has had will would at on an so but if me our us no do did your were again order
""".split())


def looks_english(text: str) -> bool:
    """English unless the text is mostly another script or its function words are another language's."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if c.isascii()) / len(letters) < 0.6:
        return any(w in ENGLISH_WORDS for w in re.findall(r"[a-z']+", text.lower()))
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower())
    foreign = sum(1 for w in words if w in FOREIGN_WORDS)
    english = sum(1 for w in words if w in ENGLISH_WORDS)
    return not (foreign >= 2 and foreign > english)


# --- The analysis view -------------------------------------------------------------------
# Analysis reads the customer's words, not the addressing around them: @handles, links,
# e-mail addresses and retweet markers are blanked (a handle such as @Sue or @DICKS must not
# trigger a cue), #hashtags are read as words (#NotWorthIt -> "#Not Worth It"), and stretched
# words are read as the word ("sooooo" -> "so", "haaaate" -> "hate"). Every character of the
# view remembers where it stood in `own_words`, so evidence still points at what was written.

_URL = re.compile(r"\b(?:https?://|www\.)\S+|\b(?:pic\.twitter\.com|t\.co|bit\.ly)/\S+", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_HANDLE = re.compile(r"(?<![\w@])@[A-Za-z0-9_][\w.\-]*\w|(?<![\w@])@\w")
_RETWEET = re.compile(r"(?<!\w)(?:RT|MT)(?=\s*@)|^\s*RT\b")
_HASHTAG = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])|_")
_RUN = re.compile(r"([A-Za-z])\1{2,}")
_REWRITE = re.compile(r"(?<![\w&])#([A-Za-z][A-Za-z0-9_]*)|([A-Za-z])\2{2,}")
_PLACEHOLDER = re.compile(r"\[(?:NAME|RELIGION|ETHNICITY|USER|URL)\]")
# names whose repeated letters are the name, not stretching (the BBB, the ACCC, AAA, www)
KEEP_REPEATS = frozenset({"bbb", "accc", "aaa", "www", "iii", "xxx"})
_WORD_AROUND = re.compile(r"\w+")


@dataclass(frozen=True)
class View:
    """`masked` has the same length as the source (addressing blanked); `text` is what cues are
    matched against, and `origin[i]` is the index in the source of `text[i]`."""

    source: str
    masked: str
    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where text[start:end] stands in the source."""
        if start >= len(self.origin):
            return len(self.source), len(self.source)
        last = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], last

    def source_text(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.source[a:b]


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def mask_addressing(text: str) -> str:
    """Blank links, e-mail addresses, @handles, retweet markers and placeholders; same length."""
    for pattern in (_URL, _EMAIL, _HANDLE, _RETWEET, _PLACEHOLDER):
        text = pattern.sub(_blank, text)
    return text


def analysis_view(text: str) -> View:
    """The text cues are matched against, with a map back to `text` (see the comment above)."""
    masked = mask_addressing(text)
    out: list[str] = []
    origin: list[int] = []
    pos = 0
    # one pass over the two rewrites: hashtags (split into words) and stretched letters
    for match in _REWRITE.finditer(masked):
        start = match.start()
        out.append(masked[pos:start])
        origin.extend(range(pos, start))
        if match.group(1) is not None:  # a hashtag: keep '#', split its words
            out.append("#")
            origin.append(start)
            word_start = start + 1
            for piece in _split_camel(match.group(1)):
                if piece[0] is None:
                    out.append(" ")
                    origin.append(word_start + piece[1])
                else:
                    collapsed = _RUN.sub(r"\1", piece[0])
                    out.append(collapsed)
                    origin.extend(_collapsed_origin(piece[0], word_start + piece[1]))
        elif _word_at(masked, start).lower() in KEEP_REPEATS:  # an acronym: read as written
            out.append(match.group(0))
            origin.extend(range(start, match.end()))
        else:  # a letter repeated three or more times: read it once
            out.append(match.group(2))
            origin.append(start)
        pos = match.end()
    out.append(masked[pos:])
    origin.extend(range(pos, len(masked)))
    return View(text, masked, "".join(out), tuple(origin))


def _word_at(text: str, pos: int) -> str:
    """The whole word around position `pos`."""
    start = pos
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    match = _WORD_AROUND.match(text, start)
    return match.group(0) if match else ""


def _split_camel(tag: str) -> list[tuple[str | None, int]]:
    """'NotWorthIt' -> [('Not',0), (None,3), ('Worth',3), (None,8), ('It',8)]; None marks a space."""
    pieces: list[tuple[str | None, int]] = []
    last = 0
    for m in _CAMEL.finditer(tag):
        if m.start() > last:
            pieces.append((tag[last:m.start()], last))
            pieces.append((None, m.start()))
        last = m.end()
    if last < len(tag):
        pieces.append((tag[last:], last))
    return pieces


def _collapsed_origin(word: str, offset: int) -> list[int]:
    positions = []
    i = 0
    for m in _RUN.finditer(word):
        positions.extend(range(offset + i, offset + m.start() + 1))
        i = m.end()
    positions.extend(range(offset + i, offset + len(word)))
    return positions
