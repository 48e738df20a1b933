"""What the bot remembers: suggestions shown, feedback, escalations.

Customer text is kept only as long as the buttons on a suggestion may need it
(`retention`), then cleared. `dedupe_ttl` is how long finished Slack work is remembered, so a
late retry is still recognised (bot.storage.inbox).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from bot.storage.database import aware, migrate, open_engine, survives_outages, upsert, utcnow
from bot.storage.schema import escalations, feedback, suggestions
from bot.suggestion import Suggestion


@dataclass(frozen=True)
class SuggestionRecord:
    id: str
    user_id: str
    channel_id: str
    source: str
    message_ts: str
    customer_text: str | None
    signals: tuple[str, ...]
    severity: str
    tone: str
    created_at: datetime


class History:
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = utcnow,
                 dedupe_ttl: timedelta = timedelta(hours=1), retention: timedelta = timedelta(days=7)) -> None:
        self.engine = engine
        self.clock = clock
        self.dedupe_ttl = dedupe_ttl
        self.retention = retention
        self._last_purge: datetime | None = None

    @classmethod
    def open(cls, url: str = "", **kwargs) -> "History":
        engine = open_engine(url)
        migrate(engine)
        return cls(engine, **kwargs)

    @survives_outages
    def save_suggestion(self, suggestion_id: str, user_id: str, channel_id: str, source: str,
                        customer_text: str, suggestion: Suggestion, tone: str = "", message_ts: str = "") -> None:
        self._maybe_purge(self.clock())
        with self.engine.begin() as conn:
            conn.execute(insert(suggestions).values(
                id=suggestion_id, user_id=user_id, channel_id=channel_id or "", source=source, message_ts=message_ts,
                customer_text=customer_text, signals=",".join(suggestion.analysis.signal_names),
                severity=suggestion.analysis.severity, engine=suggestion.engine, tone=tone or "",
                created_at=self.clock()))

    @survives_outages
    def record_engine(self, suggestion_id: str, engine: str, usage: dict | None) -> None:
        """Which engine finally wrote the drafts, and the tokens it cost."""
        usage = usage or {}
        with self.engine.begin() as conn:
            conn.execute(update(suggestions).where(suggestions.c.id == suggestion_id).values(
                engine=engine, prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens")))

    @survives_outages
    def suggestion(self, suggestion_id: str) -> SuggestionRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(suggestions).where(suggestions.c.id == suggestion_id)).first()
        if row is None:
            return None
        return SuggestionRecord(row.id, row.user_id, row.channel_id, row.source, row.message_ts, row.customer_text,
                                tuple(s for s in row.signals.split(",") if s), row.severity, row.tone, row.created_at)

    @survives_outages
    def record_feedback(self, suggestion_id: str, user_id: str, helpful: bool) -> None:
        """Kept with the signals and the tone the agent had chosen, for later analysis; an agent who
        changes their mind replaces their vote (one per agent per suggestion)."""
        record = self.suggestion(suggestion_id)
        style = (record.tone or "standard") if record else ""
        with self.engine.begin() as conn:
            upsert(conn, feedback, {"suggestion_id": suggestion_id, "user_id": user_id, "helpful": helpful,
                                    "style": style, "signals": ",".join(record.signals) if record else "",
                                    "created_at": self.clock()}, ("suggestion_id", "user_id"))

    @survives_outages
    def feedback_for(self, suggestion_id: str) -> list[dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(feedback).where(feedback.c.suggestion_id == suggestion_id)).all()
        return [dict(r._mapping) for r in rows]

    @survives_outages
    def save_escalation(self, escalation_id: str, user_id: str, guidance: dict) -> None:
        with self.engine.begin() as conn:
            conn.execute(insert(escalations).values(id=escalation_id, user_id=user_id,
                                                    guidance=json.dumps(guidance), created_at=self.clock()))

    @survives_outages
    def escalation(self, escalation_id: str) -> tuple[str, dict] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(escalations).where(escalations.c.id == escalation_id)).first()
        return (row.user_id, json.loads(row.guidance)) if row else None

    @survives_outages
    def mark_shared(self, escalation_id: str, shared: bool = True) -> bool:
        """True the first time only, so a double click shares once; `shared=False` undoes a failed share."""
        with self.engine.begin() as conn:
            if not shared:
                conn.execute(update(escalations).where(escalations.c.id == escalation_id).values(shared_at=None))
                return True
            result = conn.execute(update(escalations).where(
                escalations.c.id == escalation_id, escalations.c.shared_at.is_(None)).values(shared_at=self.clock()))
        return result.rowcount == 1

    @survives_outages
    def recent_activity(self, user_id: str, limit: int = 10) -> list[dict]:
        """The user's own suggestions and escalations, newest first, for the App Home."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(suggestions.c.created_at, suggestions.c.signals, suggestions.c.severity,
                                       suggestions.c.source).where(suggestions.c.user_id == user_id)
                                .order_by(suggestions.c.created_at.desc()).limit(limit)).all()
            escs = conn.execute(select(escalations.c.created_at, escalations.c.guidance, escalations.c.shared_at)
                                .where(escalations.c.user_id == user_id)
                                .order_by(escalations.c.created_at.desc()).limit(limit)).all()
        items = [{"when": aware(r.created_at), "kind": "suggestion",
                  "summary": f"{r.severity} severity via {r.source}: {r.signals.replace(',', ', ') or 'no difficult signals'}"}
                 for r in rows]
        for r in escs:
            g = json.loads(r.guidance)
            verdict = f"escalate to {g['escalate']['to']}" if g["escalate"]["recommended"] else "no escalation"
            items.append({"when": aware(r.created_at), "kind": "escalation",
                          "summary": f"{verdict}{' (shared)' if r.shared_at else ''}"})
        return sorted(items, key=lambda i: i["when"], reverse=True)[:limit]

    @survives_outages
    def purge(self, now: datetime | None = None) -> None:
        now = now or self.clock()
        with self.engine.begin() as conn:
            conn.execute(update(suggestions).where(suggestions.c.created_at < now - self.retention,
                                                   suggestions.c.customer_text.is_not(None)).values(customer_text=None))

    def _maybe_purge(self, now: datetime) -> None:
        if self._last_purge is None or now - self._last_purge > timedelta(minutes=10):
            self._last_purge = now
            self.purge(now)
