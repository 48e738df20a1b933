"""Slack payloads in, plain requests out: who asked, where, and which customer words.

Pure functions over the payload dicts; nothing here calls Slack. A payload we cannot
use raises `BadPayload` with a sentence the agent can act on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

# Message subtypes that are a person's words; everything else (edits, deletions, joins,
# bot messages, channel topic changes...) is noise for us.
PERSON_SUBTYPES = {None, "", "file_share", "thread_broadcast", "me_message"}
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class BadPayload(Exception):
    """The payload lacks what we need; the message is safe to show the agent."""


@dataclass(frozen=True)
class Intake:
    text: str                  # the customer's words, Slack markup intact (the core cleans it)
    user_id: str               # the agent asking
    channel_id: str
    message_ts: str            # the customer's message (for de-duplication and links)
    source: str                # shortcut | mention | dm
    thread_ts: str | None = None
    response_url: str | None = None
    needs_thread_parent: bool = False  # a mention inside a thread: fetch the parent's text

    @property
    def mentioned_users(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(_MENTION.findall(self.text)))

    @property
    def dedupe_key(self) -> str:
        return f"msg:{self.channel_id}:{self.message_ts}:{self.user_id}"


def _get(obj: object, *path: str) -> object:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _str(obj: object, *path: str) -> str:
    value = _get(obj, *path)
    return value if isinstance(value, str) else ""


def _list(obj: object, *path: str) -> list:
    value = _get(obj, *path)
    return value if isinstance(value, list) else []


def value_at(obj: object, *path: str) -> object:
    """Whatever is at `path` in a payload, or None."""
    return _get(obj, *path)


def field(obj: object, *path: str) -> str:
    """The string at `path` in a payload, or "" when anything on the way is missing or of another type.
    Listeners read payload fields with these helpers only: a malformed payload must not raise."""
    return _str(obj, *path)


def first_action(body: object) -> dict:
    """A block_actions payload's first action, or {}."""
    actions = _get(body, "actions")
    return actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}


def state_value(view: object, block_id: str, key: str = "value") -> str:
    """A modal input's value (view.state.values[block_id].value[key]), stripped, or ""."""
    return field(view, "state", "values", block_id, "value", key).strip()


def metadata_channel(view: object) -> str:
    """The channel id a modal carries in its private_metadata (JSON), or ""."""
    try:
        meta = json.loads(field(view, "private_metadata") or "{}")
    except ValueError:
        return ""
    return field(meta, "channel_id")


def rich_text(blocks: object) -> str:
    """Plain text of rich_text blocks (used when an attachment carries blocks but no text)."""
    parts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = _str(node, "type")  # any other type (a list, an object) is junk, and unhashable
            if kind == "text" and isinstance(node.get("text"), str):
                parts.append(node["text"])
            elif kind == "link":
                parts.append(_str(node, "text") or _str(node, "url"))
            elif kind == "user" and isinstance(node.get("user_id"), str):
                parts.append(f"<@{node['user_id']}>")
            elif kind == "emoji" and isinstance(node.get("name"), str):
                parts.append(f":{node['name']}:")
            walk(node.get("elements"))
            if kind in {"rich_text_section", "rich_text_preformatted", "rich_text_quote"}:
                parts.append("\n")

    walk(blocks)
    return "".join(parts).strip()


def shared_text(message: dict) -> str:
    """The text of a forwarded / shared message, found in its attachments, not the wrapper."""
    texts = []
    for attachment in _list(message, "attachments"):
        if not isinstance(attachment, dict) or not (attachment.get("is_share") or attachment.get("is_msg_unfurl")):
            continue
        text = attachment.get("text") if isinstance(attachment.get("text"), str) else ""
        if not text.strip():
            text = rich_text([_get(mb, "message", "blocks") for mb in _list(attachment, "message_blocks")])
        if not text.strip():
            text = attachment.get("fallback") if isinstance(attachment.get("fallback"), str) else ""
        if text.strip():
            texts.append(text.strip())
    return "\n\n".join(texts)


def message_text(message: dict) -> str:
    """A message's own text, or the shared message inside it, or its rich text blocks."""
    return shared_text(message) or _str(message, "text").strip() or rich_text(_get(message, "blocks"))


def why_ignored(event: dict, bot_user_id: str = "") -> str | None:
    """A reason to ignore a message event, or None when it is a person's message to us."""
    if event.get("bot_id") or _get(event, "bot_profile"):
        return "from a bot"
    if bot_user_id and event.get("user") == bot_user_id:
        return "our own message"
    subtype = event.get("subtype")
    if not isinstance(subtype, (str, type(None))) or subtype not in PERSON_SUBTYPES:
        return f"subtype {str(subtype)[:40]}"
    if not isinstance(event.get("user"), str):
        return "no user"
    return None


def from_shortcut(body: dict) -> Intake:
    message = body.get("message")
    user_id, channel_id = _str(body, "user", "id"), _str(body, "channel", "id")
    if not isinstance(message, dict) or not user_id or not channel_id:
        raise BadPayload("I couldn't read that message. Please try the shortcut again.")
    text = message_text(message)
    if not text:
        raise BadPayload("That message has no text I can read (only files or images?). Paste the customer's words to me in a DM instead.")
    return Intake(text=text, user_id=user_id, channel_id=channel_id, message_ts=_str(message, "ts"),
                  source="shortcut", response_url=_str(body, "response_url") or None)


def from_own_draft(body: dict) -> Intake:
    """"Check my reply" on a message: the agent's own words; a customer's message is for "Suggest a reply"."""
    message = body.get("message")
    user_id, channel_id = _str(body, "user", "id"), _str(body, "channel", "id")
    if not isinstance(message, dict) or not user_id or not channel_id:
        raise BadPayload("I couldn't read that message. Please try the shortcut again.")
    author = _str(message, "user")
    if author and author != user_id:
        raise BadPayload("“Check my reply” reviews a reply you wrote yourself. For a customer's message, "
                         "use “Suggest a reply” instead.")
    text = message_text(message)
    if not text:
        raise BadPayload("That message has no text I can check. Send me your draft in a DM as "
                         "“Check my reply: …” instead.")
    thread_ts = _str(message, "thread_ts")
    return Intake(text=text, user_id=user_id, channel_id=channel_id, message_ts=_str(message, "ts"),
                  source="shortcut", response_url=_str(body, "response_url") or None,
                  thread_ts=thread_ts if thread_ts and thread_ts != _str(message, "ts") else None)


def from_direct_message(event: dict) -> Intake:
    """A DM is answered in its own thread (the agent view starts one per message); a reply in a thread stays there."""
    text = message_text(event)
    if not text:
        raise BadPayload("Send me the customer's message as text, or forward (share) their message to me.")
    return Intake(text=text, user_id=_str(event, "user"), channel_id=_str(event, "channel"),
                  message_ts=_str(event, "ts"), source="dm", thread_ts=_str(event, "thread_ts") or _str(event, "ts") or None)


def from_mention(event: dict, bot_user_id: str = "") -> Intake:
    """In a thread: the parent message is the customer's (fetched later); otherwise the mention's own text."""
    thread_ts = _str(event, "thread_ts") or None
    in_thread = bool(thread_ts and thread_ts != _str(event, "ts"))
    own = message_text(event)
    if bot_user_id:
        own = re.sub(rf"<@{bot_user_id}(?:\|[^>]*)?>", " ", own).strip()
    else:
        own = _MENTION.sub(" ", own, count=1).strip()
    if not in_thread and not own:
        raise BadPayload("Mention me in the thread under a customer's message, or put the customer's words after the mention.")
    return Intake(text=own, user_id=_str(event, "user"), channel_id=_str(event, "channel"),
                  message_ts=thread_ts if in_thread else _str(event, "ts"), source="mention",
                  thread_ts=thread_ts or _str(event, "ts"), needs_thread_parent=in_thread)
