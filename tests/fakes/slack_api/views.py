"""views.*: modals and the Home tab, and the trigger ids that open them."""

from __future__ import annotations

import json
import time
import uuid

from fakes.slack_api.state import SlackState, short_hash


class Views(SlackState):
    """Modals opened, pushed and updated, and each user's published Home tab."""

    trigger_life: float | None

    def trigger_id(self) -> str:
        """A trigger id as Slack puts in an interaction; with `trigger_life` set, views.open refuses
        it as `expired_trigger_id` once that many seconds have passed, as Slack does after 3 s."""
        with self._lock:
            trigger = f"{self._next_id('')}.{self.team_id}.{uuid.uuid4().hex[:12]}"
            self._triggers[trigger] = time.monotonic()
        return trigger

    def view(self, view_id: str) -> dict | None:
        with self._lock:
            v = self._views.get(view_id)
            return json.loads(json.dumps(v)) if v else None

    def _render_view(self, view: dict, view_id: str, root_view_id: str | None = None,
                     previous_view_id: str | None = None) -> dict:
        rendered = {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": [],
            "private_metadata": "",
            "callback_id": "",
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{short_hash(view_id + str(self._id_counter), 8)}",
            "title": None,
            "clear_on_close": False,
            "notify_on_close": False,
            "close": None,
            "submit": None,
            "previous_view_id": previous_view_id,
            "root_view_id": root_view_id or view_id,
            "app_id": self.app_id,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": self.bot_id,
        }
        rendered.update({k: v for k, v in view.items() if k not in ("id", "hash", "state")})
        self._views[view_id] = rendered
        return json.loads(json.dumps(rendered))

    @staticmethod
    def _view_param(params: dict) -> dict | None:
        view = params.get("view")
        return view if isinstance(view, dict) else None

    def _views_open(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        if not params.get("trigger_id") and not params.get("interactivity_pointer"):
            return {"ok": False, "error": "invalid_arguments"}
        issued = self._triggers.get(str(params.get("trigger_id")))
        if issued is not None and self.trigger_life is not None and time.monotonic() - issued > self.trigger_life:
            return {"ok": False, "error": "expired_trigger_id"}
        return {"ok": True, "view": self._render_view(view, self._next_id("V"))}

    def _views_push(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": self._render_view(view, self._next_id("V"))}

    def _views_update(self, params: dict) -> dict:
        view = self._view_param(params)
        if view is None:
            return {"ok": False, "error": "invalid_arguments"}
        view_id = params.get("view_id")
        if not view_id and params.get("external_id"):
            view_id = next((i for i, v in self._views.items() if v.get("external_id") == params["external_id"]), None)
        if not view_id or view_id not in self._views:
            return {"ok": False, "error": "not_found"}
        old = self._views[view_id]
        if params.get("hash") and params["hash"] != old.get("hash"):
            return {"ok": False, "error": "hash_conflict"}
        return {"ok": True, "view": self._render_view(view, view_id, root_view_id=old.get("root_view_id"),
                                                      previous_view_id=old.get("previous_view_id"))}

    def _views_publish(self, params: dict) -> dict:
        view = self._view_param(params)
        user_id = params.get("user_id")
        if view is None or not user_id:
            return {"ok": False, "error": "invalid_arguments"}
        view_id = self._home_views.get(user_id) or self._next_id("V")
        self._home_views[user_id] = view_id
        return {"ok": True, "view": self._render_view({"type": "home", **view}, view_id)}


METHODS = {
    "views.open": Views._views_open,
    "views.update": Views._views_update,
    "views.publish": Views._views_publish,
    "views.push": Views._views_push,
}
