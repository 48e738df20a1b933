"""Each press, shortcut and command handled once, however often it is delivered.

A proxy's retry or a double submit delivers the same signed body twice. The check runs in the work
after the acknowledgement (never in front of it, so a slow or restarting database can't delay an
ack past Slack's 3 seconds), keyed on what Slack makes unique: a shortcut's or command's
trigger_id, a button press's action_ts. Events have their own key (bot.slack.events).
"""

from __future__ import annotations

import inspect
import logging

from bot.storage.history import History

log = logging.getLogger("composure.slack")
# What Bolt can hand a listener; the wrapper takes them all and passes on what the listener names.
_ARGS = ("body", "client", "respond", "command", "action", "view", "shortcut", "context", "logger", "say")


def delivery_key(body: dict) -> str:
    """The key of one delivery, or "" when Slack gives nothing that identifies it."""
    if not isinstance(body, dict):
        return ""
    kind = body.get("type")
    if (kind in ("shortcut", "message_action") or body.get("command")) and body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    actions = body.get("actions") if kind == "block_actions" else None
    if isinstance(actions, list) and actions and isinstance(actions[0], dict) and actions[0].get("action_ts"):
        user = body.get("user") if isinstance(body.get("user"), dict) else {}
        return f"action:{user.get('id', '')}:{actions[0].get('action_id', '')}:{actions[0]['action_ts']}"
    return ""


def once(history: History, listener):
    """`listener`, run only for the first delivery of its request."""
    wanted = list(inspect.signature(listener).parameters)

    def run(body, client, respond, command, action, view, shortcut, context, logger, say):
        key = delivery_key(body)
        if key:
            try:
                first = history.first_sighting(key)
            except Exception:  # noqa: BLE001 - the store is away: better handled twice than never
                log.warning("could not check for a repeated delivery; handling it")
                first = True
            if not first:
                log.info("repeated delivery ignored (%s)", key.split(":", 1)[0])
                return None
        given = dict(zip(_ARGS, (body, client, respond, command, action, view, shortcut, context, logger, say)))
        return listener(**{name: given[name] for name in wanted})

    run.__name__ = getattr(listener, "__name__", "listener")
    return run
