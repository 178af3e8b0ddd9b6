"""Two nodes (gunicorn processes) share one report cache: a moderator hides
a comment through one node and neither node serves, or keeps, a PDF that
contains it."""

from __future__ import annotations

import io
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas.models import Idea
from portal.municipality.models import AgendaItem
from portal.reports.models import CachedReport
from portal.timeutil import utcnow
from tests.factories import make_comment, make_hand_over, make_meeting, make_user
from tests.gunicorn_server import gunicorn, login_cookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def _pdf_text(base: str, path: str) -> str:
    data = urllib.request.urlopen(base + path, timeout=60).read()  # noqa: S310 - 127.0.0.1
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _cached() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(CachedReport))


def test_hiding_through_one_node_purges_the_report_on_every_node(app):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    meeting = make_meeting(utcnow() - timedelta(days=1))
    idea = db.session.get(Idea, make_hand_over().idea_id)
    db.session.add(AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=1))
    comment = make_comment(idea, make_user(), body="Ring til mig på 12 34 56 78")
    moderator = make_user(Role.MODERATOR)
    db.session.commit()
    report = f"/meetings/{meeting.id}/report.pdf"
    cookie, token = login_cookie(url, moderator)

    with gunicorn(url, workers=1) as first, gunicorn(url, workers=1) as second:
        assert "12 34 56 78" in _pdf_text(first, report)
        assert _cached() == 1
        assert "12 34 56 78" in _pdf_text(second, report)  # the same copy, not a second one
        assert _cached() == 1

        hide = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            f"{second}/moderation/comments/{comment.id}/hide",
            data=urllib.parse.urlencode({"csrf_token": token, "reason": "Personal data"}).encode(),
            headers={"Cookie": f"session={cookie}"},
        )
        with pytest.raises(urllib.error.HTTPError) as answer:  # the redirect back to the idea
            urllib.request.build_opener(NoRedirect).open(hide, timeout=30)
        assert answer.value.code == 302
        assert answer.value.headers["Location"].startswith(f"/ideas/{idea.id}#")
        assert _cached() == 0  # gone from the database, whichever node rendered it
        assert "12 34 56 78" not in _pdf_text(first, report)
        assert "12 34 56 78" not in _pdf_text(second, report)
