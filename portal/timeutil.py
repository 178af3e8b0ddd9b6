"""Time helpers: the database stores naive UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo (the form every datetime column holds)."""
    return datetime.now(UTC).replace(tzinfo=None)


def aware(moment: datetime) -> datetime:
    """A stored (naive UTC) datetime as an aware one, for feeds and calendars."""
    return moment.replace(tzinfo=UTC)
