"""Reading "when" phrases ("tomorrow 10am", "in 2 days", "on 3 Dec at 14:00") in the user's timezone.

dateparser does the reading; this module fixes what a reminder needs on top: the phrase
is relative to the user's local now, a date without a time means 09:00 local, and the
result must be in the future and within a year. Errors say what was understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import dateparser

from bot.errors import BadInput

DEFAULT_HOUR = 9
MAX_AHEAD = timedelta(days=366)
MAX_WHEN_WORDS = 7
MAX_NOTE = 3000  # what Slack's own text inputs allow; a confirmation that quotes it stays within Slack's limits
_HAS_TIME = re.compile(r"\b\d{1,2}(:\d{2})?\s*(am|pm)\b|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b|\b\d{1,2}h\d{0,2}\b", re.I)
_RELATIVE = re.compile(r"^\s*in\s+(an?|\d+|one|two|three|few|several)\s+(min|minute|hour|hr|day|week|month|year)", re.I)
# Words that, right after the phrase read as the time, mean the reader gave up on a longer time
# ("31 feb" read as "31", "tomorrow at 25:99" read as "tomorrow"): refuse rather than guess.
_TIME_WORD = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|^(?:at|am|pm|a\.m\.|p\.m\.)$"
                        r"|^\d{1,2}(?::\d{1,2})?(?:am|pm|h)?$|^\d{1,2}(?:st|nd|rd|th)$", re.I)
_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b|\b(\d{1,2})\s*(am|pm)\b", re.I)
_NEGATIVE = re.compile(r"^\s*in\s+-\s*\d", re.I)
_SHORTHANDS = [
    (re.compile(r"\btmrw\b|\btmr\b|\btomorow\b", re.I), "tomorrow"),
    (re.compile(r"\b(eod|end of (the )?day|cob|close of business)\b", re.I), "today 17:00"),
    (re.compile(r"\b(eow|end of (the )?week)\b", re.I), "friday 17:00"),
    (re.compile(r"\bnext week\b", re.I), "next monday"),
]


@dataclass(frozen=True)
class Due:
    at: datetime          # UTC
    phrase: str           # the words read as the time
    local: datetime       # the same instant in the user's timezone

    def shown(self) -> str:
        return self.local.strftime("%a %d %b %Y, %H:%M ") + (self.local.tzname() or "")


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _parse(phrase: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    text = phrase.strip()
    for pattern, replacement in _SHORTHANDS:
        text = pattern.sub(replacement, text)
    local_now = now.astimezone(tz)
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": local_now.replace(tzinfo=None),
                "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    if not _HAS_TIME.search(text) and not _RELATIVE.match(text):
        parsed = datetime.combine(parsed.date(), time(DEFAULT_HOUR))
    return parsed.replace(tzinfo=tz)


def parse_due(phrase: str, now: datetime, tz_name: str | None = None) -> Due:
    """One phrase that is all time; raises BadInput saying what is wrong."""
    tz = zone(tz_name)
    when = _parse(phrase, now, tz)
    if when is None:
        raise BadInput(f"I couldn't read {phrase.strip()!r} as a time. Try \"in 2 days\", \"tomorrow 9am\", "
                       "\"next Monday\" or \"on 3 Dec at 14:00\".")
    return check_due(Due(when.astimezone(timezone.utc), phrase.strip(), when), now)


def check_due(due: Due, now: datetime) -> Due:
    """In the future, and within a year; otherwise say what was understood."""
    if due.at <= now:
        raise BadInput(f"I read {due.phrase!r} as {due.shown()}, which is in the past. Pick a time ahead.")
    if due.at - now > MAX_AHEAD:
        raise BadInput(f"I read {due.phrase!r} as {due.shown()}, more than a year ahead. Pick a time within a year.")
    return due


def _impossible(text: str) -> str:
    """Why the start of `text` cannot be a time at all ("in -5 minutes", "25:99"), or ""."""
    if _NEGATIVE.match(text):
        return "a reminder can't be set in the past"
    for m in _CLOCK.finditer(" ".join(text.split()[:MAX_WHEN_WORDS])):
        hour, minute = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), 0)
        if hour > 23 or minute > 59 or (m.group(4) and not 1 <= hour <= 12):
            return f"{m.group(0)!r} isn't a time of day"
    return ""


def split_when_and_note(text: str, now: datetime, tz_name: str | None = None) -> tuple[Due, str]:
    """`in 2 days check the refund for Acme` -> (due in 2 days, "check the refund for Acme").

    The longest leading run of words that reads as a time is the when; the rest is the note. A
    phrase that only reads as a time once its last words are dropped ("31 feb", "tomorrow at 25:99")
    is refused with what was understood, never silently shortened.
    """
    words = text.split()
    if not words:
        raise BadInput("Say when and what: for example /followup tomorrow 10am check the refund for Acme")
    impossible = _impossible(text)
    if impossible:
        raise BadInput(f"I couldn't read a time at the start of {' '.join(words[:MAX_WHEN_WORDS])[:60]!r}: {impossible}. "
                       "Try \"in 2 days\", \"tomorrow 9am\" or \"on 3 Dec at 14:00\".")
    tz = zone(tz_name)
    for n in range(min(MAX_WHEN_WORDS, len(words)), 0, -1):
        phrase = " ".join(words[:n])
        when = _parse(phrase, now, tz)
        if when is not None and n < len(words) and _TIME_WORD.match(words[n]):
            raise BadInput(f"I could read {phrase!r} as a time, but not {' '.join(words[:n + 1])!r}. "
                           "Write the date or time another way, for example \"on 3 Dec at 14:00\".")
        if when is not None:
            note = " ".join(words[n:]).strip(" ,:-")
            if len(note) > MAX_NOTE:
                raise BadInput(f"The note is {len(note):,} characters; keep it to {MAX_NOTE:,} (put the details in the "
                               "ticket and the link in the note). Nothing was saved.")
            if not note:
                raise BadInput(f"I read {phrase!r} as the time, but there is no note. Add what to follow up on, "
                               "for example: /followup tomorrow 10am check the refund for Acme")
            return check_due(Due(when.astimezone(timezone.utc), phrase, when), now), note
    raise BadInput(f"I couldn't find a time at the start of {text[:60]!r}. Start with when, for example "
                   "\"in 2 days\", \"tomorrow 9am\", \"next Monday\" or \"on 3 Dec at 14:00\", then the note.")
