"""What the fake Slack remembers (users, channels, messages, views), and the ids and timestamps it hands out.

Each group of methods (messages, conversations, people, views, assistant) is a mixin over this state;
``FakeSlack`` puts them together and holds the one lock they all run under.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Any

CHANNEL_ID = re.compile(r"^[CDGUWZ][A-Z0-9]+$")  # Slack channel names are lowercase
TS_BASE_MICROS = 1_700_000_000 * 1_000_000


def truthy(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True", "yes")


def ts_key(ts: str) -> tuple[int, int]:
    sec, _, frac = str(ts).partition(".")
    try:
        return int(sec), int((frac + "000000")[:6])
    except ValueError:
        return 0, 0


def short_hash(text: str, n: int = 9) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:n].upper()


def paginate(items: list, params: dict, default_limit: int = 100) -> tuple[list, str]:
    """Slice items by Slack's cursor/limit; answer (page, next_cursor or "")."""
    try:
        limit = int(params.get("limit") or default_limit)
    except (TypeError, ValueError):
        limit = default_limit
    limit = max(1, limit)
    start = 0
    cursor = params.get("cursor")
    if cursor:
        try:
            start = int(str(cursor).removeprefix("offset:"))
        except ValueError:
            start = 0
    page = items[start:start + limit]
    nxt = f"offset:{start + limit}" if start + limit < len(items) else ""
    return page, nxt


class SlackState:
    """The registries the Web API methods read and change; callers hold ``_lock``."""

    bot_user_id: str
    bot_id: str
    team_id: str
    bot_name: str
    team_name: str
    app_id: str
    _lock: threading.RLock

    def _init_registries(self) -> None:
        self._ts_counter = 0
        self._id_counter = 0
        self._users: dict[str, dict] = {}
        self._usergroups: dict[str, dict] = {}
        self._channels: dict[str, str] = {}  # name -> id
        self._messages: dict[str, dict[str, dict]] = {}  # channel id -> ts -> message
        self._ims: set[str] = set()
        self._views: dict[str, dict] = {}
        self._home_views: dict[str, str] = {}  # user id -> view id
        self._triggers: dict[str, float] = {}  # trigger id -> when issued (monotonic), for trigger_life
        self._outside: set[str] = set()  # channels the bot is not a member of

    def _next_ts(self) -> str:
        self._ts_counter += 1
        micros = TS_BASE_MICROS + self._ts_counter * 100
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        self._id_counter += 1
        return f"{prefix}{self._id_counter:08d}"

    def _resolve_channel(self, channel: Any) -> str | None:
        if not isinstance(channel, str) or not channel.strip():
            return None
        channel = channel.strip()
        if CHANNEL_ID.match(channel):
            if channel[0] in "UW":
                return "D" + channel[1:]
            return channel
        name = channel.lstrip("#")
        if name not in self._channels:
            self._channels[name] = "C" + short_hash(name)
        return self._channels[name]

    def _known_channel(self, channel: Any) -> str | None:
        cid = self._resolve_channel(channel)
        if cid is None:
            return None
        if cid in self._messages or cid in self._ims:
            return cid
        return None
