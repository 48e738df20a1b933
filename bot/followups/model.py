"""A follow-up reminder as the rest of the code sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

STATUSES = ("pending", "delivered", "done", "cancelled")
OPEN = ("pending", "delivered")


@dataclass(frozen=True)
class FollowUp:
    id: str
    owner_id: str
    assignee_id: str
    channel_id: str
    due_at: datetime
    note: str
    message_link: str | None
    customer: str
    status: str
    late: bool
    created_at: datetime
    delivered_at: datetime | None
    posted_channel: str | None
    posted_ts: str | None
    escalated_at: datetime | None
    attempts: int
    updated_at: datetime | None = None  # the version a conditional change compares with

    @classmethod
    def from_row(cls, row) -> "FollowUp":
        m = row._mapping
        return cls(**{name: aware(m[name]) for name in cls.__dataclass_fields__})

    def overdue(self, now: datetime) -> bool:
        return self.status in OPEN and self.due_at < now


@dataclass(frozen=True)
class Change:
    at: datetime
    actor: str
    action: str
    detail: str


def aware(value):
    """SQLite returns naive datetimes; everything stored is UTC."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value
