"""The shapes Bolt needs before it can even verify or route a request, checked before it sees one.

Bolt parses the body while building its request, before any middleware, and its built-in
middlewares and matchers index the payload as Slack sends it (`body["event"]["type"]`,
`body["actions"][0]`, `body["view"]["callback_id"]`). A body that is not JSON, a `payload=`
that is a list, an `event` that is a string... raised inside Bolt: a 500, with a traceback in
the log. Such a body cannot come from Slack, so the HTTP server answers 400 to it
and nothing reaches Bolt or the listeners. Only the envelope is checked: what Slack documents
and Bolt relies on; the listeners still read every field defensively.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# Keys whose value, when present, Bolt treats as an id string or an object with an "id".
_ID_OR_OBJECT = ("user", "team", "channel", "enterprise")
# Keys Bolt (or we) read as objects.
_OBJECTS = ("message", "previous_message", "container", "item", "assistant_thread", "function_data", "workflow_step")
# Keys Bolt matches against strings or regular expressions, hands to an HTTP client, or keeps as the
# request's ids (team, user, channel) for the listeners.
_STRINGS = ("type", "callback_id", "command", "action_id", "trigger_id", "response_url", "team_id", "user_id",
            "channel_id", "enterprise_id")


def parse(raw: bytes, content_type: str) -> tuple[Any, str | None]:
    """The body as Bolt would parse it, or (None, why it cannot be)."""
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "the body is not UTF-8"
    if not body:
        return {}, None
    try:
        if content_type.split(";")[0].strip().lower() == "application/json" or body.startswith("{"):
            return json.loads(body), None
        form = dict(parse_qsl(body, keep_blank_values=True))
        if "payload" in body:  # Bolt's own test: the word anywhere makes it look for a payload field
            return (json.loads(form["payload"]), None) if "payload" in form else ({}, None)
        return form, None
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return None, "the body is not valid JSON"


# Slack's deepest payloads (rich text lists in a message in a view's state) are a few dozen levels;
# Bolt deep-copies every request for its lazy listeners, recursively, and runs out of stack long
# before JSON parsing does.
MAX_DEPTH = 100


def problem(raw: bytes, content_type: str) -> str | None:
    """Why Bolt could not handle this request body, or None when it can."""
    body, why = parse(raw, content_type)
    if why:
        return why
    if depth(body) > MAX_DEPTH:
        return f"the body is nested more than {MAX_DEPTH} levels deep"
    return _envelope(body, "the body")


def depth(node: Any) -> int:
    """How many containers deep a parsed JSON value goes (without recursion: it may be very deep)."""
    deepest, stack = 0, [(node, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def _is_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def _envelope(node: Any, where: str, level: int = 0) -> str | None:
    if not isinstance(node, dict):
        return f"{where} is not an object"
    for key in _STRINGS:
        if key in node and node[key] is not None and not isinstance(node[key], str):
            return f"{where}.{key} is not a string"
    if node.get("response_url") and not _is_url(node["response_url"]):
        return f"{where}.response_url is not a URL"
    for key in _ID_OR_OBJECT:
        value = node.get(key)
        if value is not None and not isinstance(value, (str, dict)):
            return f"{where}.{key} is neither an id nor an object"
    for key in _OBJECTS:
        if node.get(key) is not None and not isinstance(node[key], dict):
            return f"{where}.{key} is not an object"
    if level > 0:
        return None
    for key in ("authorizations", "response_urls"):
        value = node.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
            return f"{where}.{key} is not a list of objects"
    if "event" in node:
        return _envelope(node["event"], f"{where}.event", level + 1)
    if "view" in node:
        view = node["view"]
        if not isinstance(view, dict) or not isinstance(view.get("type", ""), str) or \
                not isinstance(view.get("callback_id", ""), str) or ("callback_id" in view and "type" not in view):
            return f"{where}.view is not a view"
    if "actions" in node:
        actions = node["actions"]
        if not isinstance(actions, list) or not actions or \
                not all(isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions):
            return f"{where}.actions is not a list of actions"
    return None
