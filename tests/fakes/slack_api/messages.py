"""chat.*: messages the bot posts, updates and deletes, and the messages a test puts in channels."""

from __future__ import annotations

from typing import Any

from fakes.slack_api.state import SlackState, ts_key


class Messages(SlackState):
    """Messages live in ``_messages`` by channel and ts, so a later read sees what the bot changed."""

    def add_message(self, channel: str, ts: str | None, text: str, user: str = "UCUST",
                    thread_ts: str | None = None, **extra: Any) -> dict:
        """Put a message in `channel` (a reply when thread_ts is another message's ts)."""
        with self._lock:
            ts = ts or self._next_ts()
            message = {"type": "message", "user": user, "text": text, "ts": ts, "team": self.team_id}
            if thread_ts:
                message["thread_ts"] = thread_ts
            message.update(extra)
            self._messages.setdefault(channel, {})[ts] = message
            return dict(message)

    def messages(self, channel: str) -> list[dict]:
        """The messages stored for a channel, oldest first."""
        with self._lock:
            return sorted((dict(m) for m in self._messages.get(channel, {}).values()), key=lambda m: ts_key(m["ts"]))

    def _bot_message(self, text: Any, ts: str, params: dict) -> dict:
        message = {
            "type": "message",
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "text": text if isinstance(text, str) else "",
            "ts": ts,
            "team": self.team_id,
            "blocks": params.get("blocks") if isinstance(params.get("blocks"), list) else [],
            "bot_profile": {"id": self.bot_id, "app_id": self.app_id, "name": self.bot_name,
                            "deleted": False, "team_id": self.team_id},
        }
        for key in ("attachments", "metadata"):
            if params.get(key):
                message[key] = params[key]
        if params.get("thread_ts"):
            message["thread_ts"] = str(params["thread_ts"])
        return message

    def _chat_post_message(self, params: dict) -> dict:
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            return {"ok": False, "error": "no_text"}
        ts = self._next_ts()
        message = self._bot_message(params.get("text"), ts, params)
        self._messages.setdefault(cid, {})[ts] = message
        return {"ok": True, "channel": cid, "ts": ts, "message": dict(message)}

    def _chat_post_ephemeral(self, params: dict) -> dict:
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_found"}
        if not params.get("text") and not params.get("blocks") and not params.get("attachments"):
            return {"ok": False, "error": "no_text"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _own_message(self, params: dict, not_owned: str) -> tuple[str, str, dict] | dict:
        """(channel, ts, stored message) of one of the bot's own messages, or Slack's error answer
        (`not_owned` for someone else's message: each method has its own word for that)."""
        cid = self._resolve_channel(params.get("channel"))
        ts = params.get("ts")
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        stored = self._messages.get(cid, {}).get(str(ts)) if ts else None
        if stored is None:
            return {"ok": False, "error": "message_not_found"}
        if stored.get("user") != self.bot_user_id:
            return {"ok": False, "error": not_owned}
        return cid, str(ts), stored

    def _chat_update(self, params: dict) -> dict:
        found = self._own_message(params, "cant_update_message")
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        text = params.get("text") if isinstance(params.get("text"), str) else ""
        stored.update({"text": text, "edited": {"user": self.bot_user_id, "ts": self._next_ts()}})
        for key in ("blocks", "attachments", "metadata"):
            if key in params:
                stored[key] = params[key]
        message = {k: v for k, v in stored.items() if k != "ts"}
        return {"ok": True, "channel": cid, "ts": ts, "text": text, "message": message}

    def _chat_get_permalink(self, params: dict) -> dict:
        channel, ts = str(params.get("channel", "")), str(params.get("message_ts", ""))
        if not channel or not ts:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "channel": channel,
                "permalink": f"https://fake.slack.example/archives/{channel}/p{ts.replace('.', '')}"}

    def _chat_delete(self, params: dict) -> dict:
        found = self._own_message(params, "cant_delete_message")
        if isinstance(found, dict):
            return found
        cid, ts, _ = found
        del self._messages[cid][str(ts)]
        return {"ok": True, "channel": cid, "ts": str(ts)}

    def _ok(self, params: dict) -> dict:
        return {"ok": True}


METHODS = {
    "chat.postMessage": Messages._chat_post_message,
    "chat.postEphemeral": Messages._chat_post_ephemeral,
    "chat.update": Messages._chat_update,
    "chat.delete": Messages._chat_delete,
    "chat.getPermalink": Messages._chat_get_permalink,
    "reactions.add": Messages._ok,
    "reactions.remove": Messages._ok,
}
