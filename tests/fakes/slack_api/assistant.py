"""Slack's agent view: assistant.threads.* (suggested prompts, status) and streamed messages (chat.*Stream)."""

from __future__ import annotations

import json

from fakes.slack_api.messages import Messages


class Assistant(Messages):
    """Whether the assistant.* and chat.*Stream methods are granted is the workspace's ``agent_view``: off,
    as for a classic bot, they answer missing_scope (needed: assistant:write). Slack's chat.startStream
    reference names no error of its own for an app without the agent feature; missing_scope is what such
    apps report from a refused stream start, and what Slack's other agent methods answer there.
    (Since 2026-03-05 Slack also takes chat:write for setStatus, in channels too; the fake keeps the
    older rule, under which a classic workspace gets no status.)"""

    agent_view: bool

    @staticmethod
    def _streamed_text(params: dict) -> str:
        chunks = params.get("chunks") if isinstance(params.get("chunks"), list) else []
        texts = [c.get("text", "") for c in chunks if isinstance(c, dict) and c.get("type") == "markdown_text"]
        if isinstance(params.get("markdown_text"), str):
            texts.insert(0, params["markdown_text"])
        return "".join(t for t in texts if isinstance(t, str))

    def _chat_start_stream(self, params: dict) -> dict:
        """A streamed message is a thread reply; outside a DM Slack needs the recipient (user and team)."""
        refused = self._without_agent_view()
        if refused:
            return refused
        cid = self._resolve_channel(params.get("channel"))
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if cid in self._outside:
            return {"ok": False, "error": "not_in_channel"}
        if not params.get("thread_ts"):
            return {"ok": False, "error": "invalid_arguments"}
        if not cid.startswith("D"):
            for needed in ("recipient_user_id", "recipient_team_id"):
                if not params.get(needed):
                    return {"ok": False, "error": f"missing_{needed}"}
        ts = self._next_ts()
        message = self._bot_message(self._streamed_text(params), ts, params)
        message["streaming"] = "in_progress"
        self._messages.setdefault(cid, {})[ts] = message
        return {"ok": True, "channel": cid, "ts": ts}

    def _streaming_message(self, params: dict) -> tuple[str, str, dict] | dict:
        """The bot's message still streaming at (channel, ts), or Slack's error: message_not_found for a ts
        it does not know, message_not_owned_by_app for someone else's, message_not_in_streaming_state once stopped."""
        refused = self._without_agent_view()
        if refused:
            return refused
        found = self._own_message(params, "message_not_owned_by_app")
        if isinstance(found, dict):
            return found
        if found[2].get("streaming") != "in_progress":
            return {"ok": False, "error": "message_not_in_streaming_state"}
        return found

    def _chat_append_stream(self, params: dict) -> dict:
        if not params.get("markdown_text") and not params.get("chunks"):
            return {"ok": False, "error": "markdown_text_or_chunks_required"}
        found = self._streaming_message(params)
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        stored["text"] += self._streamed_text(params)
        return {"ok": True, "channel": cid, "ts": ts}

    def _chat_stop_stream(self, params: dict) -> dict:
        found = self._streaming_message(params)
        if isinstance(found, dict):
            return found
        cid, ts, stored = found
        stored["text"] += self._streamed_text(params)
        stored["streaming"] = "completed"
        if isinstance(params.get("blocks"), list):
            stored["blocks"] = params["blocks"]
        return {"ok": True, "channel": cid, "ts": ts, "message": {k: v for k, v in stored.items() if k != "ts"}}

    def _without_agent_view(self) -> dict | None:
        if self.agent_view:
            return None
        return {"ok": False, "error": "missing_scope", "needed": "assistant:write",
                "provided": "app_mentions:read,channels:history,chat:write,commands,im:history,im:write"}

    def _assistant_set_suggested_prompts(self, params: dict) -> dict:
        refused = self._without_agent_view()
        if refused:
            return refused
        prompts = params.get("prompts")
        if isinstance(prompts, str):
            try:
                prompts = json.loads(prompts)
            except json.JSONDecodeError:
                prompts = None
        if not params.get("channel_id") or not isinstance(prompts, list):
            return {"ok": False, "error": "invalid_arguments"}
        if not 1 <= len(prompts) <= 4 or not all(isinstance(p, dict) and p.get("title") and p.get("message") for p in prompts):
            return {"ok": False, "error": "invalid_arguments"}
        if self._known_channel(params.get("channel_id")) is None and not str(params["channel_id"]).startswith("D"):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True}

    def _assistant_set_status(self, params: dict) -> dict:
        refused = self._without_agent_view()
        if refused:
            return refused
        if not params.get("channel_id") or "status" not in params:
            return {"ok": False, "error": "invalid_arguments"}
        if not params.get("thread_ts"):
            return {"ok": False, "error": "invalid_thread_ts"}
        cid = str(params["channel_id"])
        if not cid.startswith("D") and (self._known_channel(cid) is None or cid in self._outside):
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True}


METHODS = {
    "chat.startStream": Assistant._chat_start_stream,
    "chat.appendStream": Assistant._chat_append_stream,
    "chat.stopStream": Assistant._chat_stop_stream,
    "assistant.threads.setSuggestedPrompts": Assistant._assistant_set_suggested_prompts,
    "assistant.threads.setStatus": Assistant._assistant_set_status,
}
