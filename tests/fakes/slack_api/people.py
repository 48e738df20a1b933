"""users.*, usergroups.*, auth.test and bots.info: who is in the workspace, and who the bot is."""

from __future__ import annotations

import json
import time
from typing import Any

from fakes.slack_api.state import SlackState, paginate, truthy


class People(SlackState):
    """Users and groups a test adds (``add_user``, ``add_usergroup``); the bot's own identity."""

    def add_user(self, user_id: str, display_name: str = "", real_name: str = "", tz: str = "Europe/London",
                 tz_offset: int = 0, is_bot: bool = False, tz_label: str | None = None, **extra: Any) -> dict:
        real = real_name or display_name or user_id
        profile = {
            "real_name": real,
            "real_name_normalized": real,
            "display_name": display_name,
            "display_name_normalized": display_name,
            "first_name": real.split(" ")[0],
            "last_name": " ".join(real.split(" ")[1:]),
            "title": "",
            "status_text": "",
            "status_emoji": "",
            "team": self.team_id,
        }
        profile.update(extra.pop("profile", {}))
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": extra.pop("name", (display_name or real or user_id).lower().replace(" ", ".")),
            "deleted": False,
            "color": "9f69e7",
            "real_name": real,
            "tz": tz,
            "tz_label": tz_label or _tz_label(tz, tz_offset),
            "tz_offset": tz_offset,
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }
        user.update(extra)
        with self._lock:
            self._users[user_id] = user
        return user

    def add_usergroup(self, handle: str, group_id: str, users: list[str], name: str | None = None,
                      description: str = "", **extra: Any) -> dict:
        group = {
            "id": group_id,
            "team_id": self.team_id,
            "is_usergroup": True,
            "is_subteam": True,
            "name": name or handle,
            "description": description,
            "handle": handle,
            "is_external": False,
            "date_create": 1_700_000_000,
            "date_update": 1_700_000_000,
            "date_delete": 0,
            "auto_type": None,
            "auto_provision": False,
            "enterprise_subteam_id": "",
            "created_by": self.bot_user_id,
            "updated_by": self.bot_user_id,
            "deleted_by": None,
            "prefs": {"channels": [], "groups": []},
            "users": list(users),
            "user_count": len(users),
            "channel_count": 0,
        }
        group.update(extra)
        with self._lock:
            self._usergroups[group_id] = group
        return group

    def _auth_test(self, params: dict) -> dict:
        return {
            "ok": True,
            "url": "https://composure-test.slack.com/",
            "team": self.team_name,
            "user": self.bot_name,
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _bots_info(self, params: dict) -> dict:
        return {"ok": True, "bot": {"id": self.bot_id, "deleted": False, "name": self.bot_name,
                                    "updated": 1_700_000_000, "app_id": self.app_id,
                                    "user_id": self.bot_user_id, "icons": {}}}

    def _users_info(self, params: dict) -> dict:
        user = self._users.get(str(params.get("user") or ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": json.loads(json.dumps(user))}

    def _users_list(self, params: dict) -> dict:
        members = [json.loads(json.dumps(u)) for u in self._users.values()]
        page, nxt = paginate(members, params, default_limit=1000)
        return {"ok": True, "members": page, "cache_ts": int(time.time()),
                "response_metadata": {"next_cursor": nxt}}

    def _usergroups_users_list(self, params: dict) -> dict:
        group = self._usergroups.get(str(params.get("usergroup") or ""))
        if group is None or (group.get("date_delete") and not truthy(params.get("include_disabled"))):
            return {"ok": False, "error": "no_such_subteam"}
        return {"ok": True, "users": list(group["users"])}

    def _usergroups_list(self, params: dict) -> dict:
        groups = []
        for group in self._usergroups.values():
            if group.get("date_delete") and not truthy(params.get("include_disabled")):
                continue
            item = json.loads(json.dumps(group))
            if not truthy(params.get("include_users")):
                item.pop("users", None)
            groups.append(item)
        return {"ok": True, "usergroups": groups}


def _tz_label(tz: str, tz_offset: int) -> str:
    known = {"Europe/London": "Greenwich Mean Time", "UTC": "Coordinated Universal Time",
             "America/New_York": "Eastern Standard Time", "America/Los_Angeles": "Pacific Standard Time",
             "Europe/Paris": "Central European Time", "Europe/Berlin": "Central European Time"}
    if tz in known:
        return known[tz]
    sign = "+" if tz_offset >= 0 else "-"
    minutes = abs(tz_offset) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


METHODS = {
    "auth.test": People._auth_test,
    "bots.info": People._bots_info,
    "users.info": People._users_info,
    "users.list": People._users_list,
    "usergroups.users.list": People._usergroups_users_list,
    "usergroups.list": People._usergroups_list,
}
