"""Many people support and withdraw at once through a real server with
several worker processes (gunicorn, production configuration, CSRF on):
no request fails and the counts equal the rows — on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.ideas.models import Idea
from portal.supports.models import Support
from tests.factories import make_idea, make_user
from tests.gunicorn_server import gunicorn, login_cookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def server(app):  # type: ignore[no-untyped-def]
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"]) as base:
        yield base


def test_parallel_supports_through_several_workers(app, server):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    ideas = [make_idea().id for _ in range(2)]
    people = [(make_user(), n % 3 == 0) for n in range(18)]
    logins = [(login_cookie(url, user), withdraw) for user, withdraw in people]
    opener = urllib.request.build_opener(NoRedirect)
    failures: list[object] = []
    barrier = threading.Barrier(len(logins))

    def post(cookie: str, token: str, path: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            server + path,
            data=urllib.parse.urlencode({"csrf_token": token}).encode(),
            headers={"Cookie": f"session={cookie}"},
        )
        try:
            response = opener.open(request, timeout=30)
            status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 302:
            failures.append((path, status))

    def citizen(cookie: str, token: str, withdraw: bool) -> None:
        barrier.wait()
        for idea_id in ideas:
            post(cookie, token, f"/ideas/{idea_id}/support")
            post(cookie, token, f"/ideas/{idea_id}/support")  # a double click
        if withdraw:
            post(cookie, token, f"/ideas/{ideas[0]}/unsupport")

    threads = [
        threading.Thread(target=citizen, args=(*login, withdraw)) for login, withdraw in logins
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    db.session.expire_all()
    for idea_id, expected in zip(ideas, (12, 18), strict=True):
        rows = db.session.scalar(select(func.count()).where(Support.idea_id == idea_id))
        assert (db.session.get(Idea, idea_id).support_count, rows) == (expected, expected)
