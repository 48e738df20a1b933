"""conversations.*: the channels and DMs the fake knows, their history and threads."""

from __future__ import annotations

from typing import Any

from fakes.slack_api.state import SlackState, paginate, short_hash, truthy, ts_key


class Conversations(SlackState):
    """A channel is known once a message is in it, ``add_channel`` names it or a DM is opened."""

    def add_channel(self, channel_id: str, name: str | None = None, member: bool = True) -> None:
        """Make a channel known (conversations.* answer channel_not_found for unknown ones); with
        `member=False` the bot is not in it: reading it, posting or streaming in it answers not_in_channel."""
        with self._lock:
            self._messages.setdefault(channel_id, {})
            if name:
                self._channels[name.lstrip("#")] = channel_id
            if member:
                self._outside.discard(channel_id)
            else:
                self._outside.add(channel_id)

    def _conversations_open(self, params: dict) -> dict:
        users = params.get("users")
        if isinstance(users, list):
            users = ",".join(users)
        if users:
            ids = [u.strip() for u in str(users).split(",") if u.strip()]
            if len(ids) == 1:
                cid = "D" + ids[0][1:]
            else:
                cid = "G" + short_hash(",".join(sorted(ids)))
        elif params.get("channel"):
            cid = str(params["channel"])
        else:
            return {"ok": False, "error": "users_list_not_supplied"}
        already = cid in self._ims
        self._ims.add(cid)
        channel: dict[str, Any] = {"id": cid}
        if truthy(params.get("return_im")) and cid.startswith("D"):
            channel.update({"created": 1_700_000_000, "is_im": True, "is_org_shared": False,
                            "user": "U" + cid[1:], "is_user_deleted": False, "priority": 0})
        answer: dict[str, Any] = {"ok": True}
        if already:
            answer.update({"no_op": True, "already_open": True})
        answer["channel"] = channel
        return answer

    def _conversations_info(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        name = next((n for n, i in self._channels.items() if i == cid), None)
        is_im = cid.startswith("D")
        channel = {"id": cid, "created": 1_700_000_000, "is_im": is_im, "is_channel": cid.startswith("C"),
                   "is_group": cid.startswith("G"), "is_private": not cid.startswith("C"), "is_archived": False,
                   "is_member": cid not in self._outside}
        if is_im:
            channel["user"] = "U" + cid[1:]
        else:
            channel["name"] = name or cid.lower()
        return {"ok": True, "channel": channel}

    def _conversations_replies(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        store = self._messages.get(cid, {})
        ts = str(params.get("ts") or "")
        target = store.get(ts)
        if target is None:
            return {"ok": False, "error": "thread_not_found"}
        parent_ts = target.get("thread_ts") or ts
        parent = store.get(parent_ts)
        if parent is None:
            return {"ok": False, "error": "thread_not_found"}
        replies = sorted((m for t, m in store.items() if m.get("thread_ts") == parent_ts and t != parent_ts),
                         key=lambda m: ts_key(m["ts"]))
        rendered_parent = dict(parent)
        if replies:
            reply_users = list(dict.fromkeys(m.get("user") for m in replies if m.get("user")))
            rendered_parent.update({"thread_ts": parent_ts, "reply_count": len(replies),
                                    "reply_users_count": len(reply_users), "latest_reply": replies[-1]["ts"],
                                    "reply_users": reply_users, "is_locked": False, "subscribed": False})
        rendered_replies = []
        for reply in replies:
            item = dict(reply)
            item["parent_user_id"] = parent.get("user")
            rendered_replies.append(item)
        thread = [rendered_parent] + self._time_window(rendered_replies, params)
        page, nxt = paginate(thread, params, default_limit=1000)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": bool(nxt)}
        if nxt:
            answer["response_metadata"] = {"next_cursor": nxt}
        return answer

    @staticmethod
    def _time_window(messages: list[dict], params: dict) -> list[dict]:
        inclusive = truthy(params.get("inclusive"))
        oldest, latest = params.get("oldest"), params.get("latest")
        out = []
        for m in messages:
            key = ts_key(m["ts"])
            if oldest and (key < ts_key(oldest) or (key == ts_key(oldest) and not inclusive)):
                continue
            if latest and (key > ts_key(latest) or (key == ts_key(latest) and not inclusive)):
                continue
            out.append(m)
        return out

    def _conversations_history(self, params: dict) -> dict:
        cid = self._known_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        store = self._messages.get(cid, {})
        top = []
        for ts, m in store.items():
            thread_ts = m.get("thread_ts")
            if thread_ts and thread_ts != ts and m.get("subtype") != "thread_broadcast":
                continue
            item = dict(m)
            replies = [r for t, r in store.items() if r.get("thread_ts") == ts and t != ts]
            if replies:
                replies.sort(key=lambda r: ts_key(r["ts"]))
                reply_users = list(dict.fromkeys(r.get("user") for r in replies if r.get("user")))
                item.update({"thread_ts": ts, "reply_count": len(replies), "reply_users_count": len(reply_users),
                             "latest_reply": replies[-1]["ts"], "reply_users": reply_users, "is_locked": False,
                             "subscribed": False})
            top.append(item)
        top.sort(key=lambda m: ts_key(m["ts"]), reverse=True)
        page, nxt = paginate(self._time_window(top, params), params, default_limit=100)
        answer: dict[str, Any] = {"ok": True, "messages": page, "has_more": bool(nxt), "pin_count": 0,
                                  "channel_actions_ts": None, "channel_actions_count": 0}
        if nxt:
            answer["response_metadata"] = {"next_cursor": nxt}
        return answer


METHODS = {
    "conversations.open": Conversations._conversations_open,
    "conversations.info": Conversations._conversations_info,
    "conversations.replies": Conversations._conversations_replies,
    "conversations.history": Conversations._conversations_history,
}
