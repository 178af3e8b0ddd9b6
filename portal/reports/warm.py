"""``flask reports warm``: every published meeting's report PDF ready in the
cache before anyone asks for it, in every language.

Run every few minutes (``deploy/systemd/portal-reports-warm.timer``): a
report whose content changed since (an answer, a decision, a hidden
comment) has another key, so it is rendered again and the first person to
download it does not wait. Each report is asked for exactly as a visitor
asks for it (a GET of its address in the portal's public base URL), so the
copy made is the one a visitor is served. On PostgreSQL one node warms at a
time (an advisory lock); the others see it and skip.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from sqlalchemy import select, text

from portal.extensions import db
from portal.i18n import LOCALES
from portal.municipality.models import Meeting
from portal.timeutil import utcnow

# Reports of meetings further back than this are rarely asked for again.
RECENT_DAYS = 31
_LOCK = 7_1504_2026  # the advisory lock's key: one warming run at a time


@dataclass
class Warmed:
    reports: int = 0  # report × language asked for
    rendered: int = 0  # of them not in the cache before
    skipped: bool = False  # another node was warming


def _lock() -> bool:
    if db.session.get_bind().dialect.name != "postgresql":
        return True
    return bool(db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _LOCK}))


def warm_meeting_reports() -> Warmed:
    result = Warmed()
    if not _lock():
        result.skipped = True
        return result
    since = utcnow() - timedelta(days=RECENT_DAYS)
    meetings = list(
        db.session.scalars(
            select(Meeting.id).where(Meeting.published_at.is_not(None), Meeting.starts_at >= since)
        )
    )
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    client = app.test_client()
    base_url = app.config["PUBLIC_BASE_URL"]
    for meeting_id in meetings:
        with app.test_request_context(base_url=base_url):
            path = url_for("reports.meeting", meeting_id=meeting_id, fmt="pdf")
        for locale in LOCALES:
            # A context of its own, as a real request has: nothing of the
            # command's (or the previous language's) g or session is reused.
            with app.app_context():
                answer = client.get(path, base_url=base_url, headers={"Accept-Language": locale})
                answer.close()
            result.reports += 1
            result.rendered += answer.headers.get("X-Cache") == "miss"
    db.session.commit()  # ends the transaction, and with it the lock
    return result
