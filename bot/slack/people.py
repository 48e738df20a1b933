"""Who people are: display names for mentions, and who counts as a team lead.

Both answers are cached briefly, so a busy channel does not cost a Web API call per message.
A lookup that failed because Slack was in trouble (429, 5xx: `is_transient`) is never cached as
an answer: a lead would otherwise be refused, and times read in UTC, until the entry expired.
"""

from __future__ import annotations

import threading
import time
from typing import Callable, Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.settings import EscalationContacts
from bot.slack.client import is_transient


class TTLCache:
    def __init__(self, ttl: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl, self.clock = ttl, clock
        self._items: dict[str, tuple[float, object]] = {}
        self._lock = threading.Lock()

    def get(self, key: str, load: Callable[[], object]) -> object:
        with self._lock:
            hit = self._items.get(key)
            if hit and self.clock() - hit[0] < self.ttl:
                return hit[1]
        value = load()
        with self._lock:
            self._items[key] = (self.clock(), value)
            if len(self._items) > 5000:
                self._items.clear()
        return value


class People:
    def __init__(self, client: WebClient, contacts: EscalationContacts, ttl: float = 300.0) -> None:
        self.client = client
        self.contacts = contacts
        self.names = TTLCache(ttl)
        self.leads_cache = TTLCache(min(ttl, 120.0))

    def _user(self, user_id: str) -> dict | None:
        """users.info; None when Slack says there is no such user, an exception when Slack is in trouble."""
        try:
            return self.client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            if is_transient(exc):
                raise
            return None

    def display_name(self, user_id: str) -> str | None:
        def load() -> str | None:
            user = self._user(user_id) or {}
            profile = user.get("profile") or {}
            return profile.get("display_name") or profile.get("real_name") or user.get("real_name") or user.get("name")
        return self.names.get(f"name:{user_id}", load)  # type: ignore[return-value]

    def names_for(self, user_ids: Iterable[str]) -> dict[str, str]:
        """Names are a nicety: when Slack cannot say, the mention stays as it is (and is asked again next time)."""
        found = {}
        for uid in user_ids:
            try:
                found[uid] = self.display_name(uid)
            except (SlackApiError, SlackClientError, OSError):
                found[uid] = None
        return {uid: name for uid, name in found.items() if name}

    def timezone(self, user_id: str) -> str | None:
        """The user's timezone; raises when Slack is in trouble rather than let times be read in UTC."""
        return self.names.get(f"tz:{user_id}", lambda: (self._user(user_id) or {}).get("tz"))  # type: ignore[return-value]

    def _usergroup_members(self) -> frozenset[str]:
        handle = self.contacts.lead_usergroup
        if not handle:
            return frozenset()
        try:
            groups = self.client.usergroups_list()["usergroups"]
            group = next((g for g in groups if g.get("handle") == handle or g.get("id") == handle), None)
            if group is None:
                return frozenset()
            return frozenset(self.client.usergroups_users_list(usergroup=group["id"])["users"])
        except SlackApiError as exc:
            if is_transient(exc):
                raise  # not "nobody is a lead": the caller tells the person to try again
            return frozenset()

    def lead_ids(self) -> frozenset[str]:
        members = self.leads_cache.get("leads", self._usergroup_members)
        return frozenset(self.contacts.lead_user_ids) | members  # type: ignore[operator]

    def is_lead(self, user_id: str) -> bool:
        return user_id in self.contacts.lead_user_ids or user_id in self.lead_ids()

    def who_leads(self) -> str:
        """A sentence naming who may use lead-only features, for refusals."""
        parts = [f"<@{uid}>" for uid in self.contacts.lead_user_ids]
        if self.contacts.lead_usergroup:
            parts.append(f"members of @{self.contacts.lead_usergroup}")
        return ", ".join(parts) if parts else "the team leads named in config/escalation.toml"
