"""Many people support and withdraw at once through a real server with
several worker processes (gunicorn, production configuration, CSRF on):
no request fails and the counts equal the rows — on SQLite and, with
TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from flask import session
from flask_wtf.csrf import generate_csrf
from sqlalchemy import func, select

from portal import create_app
from portal.extensions import db
from portal.ideas.models import Idea
from portal.supports.models import Support
from tests.factories import login_id, make_idea, make_user
from tests.mail_server import free_port

ROOT = Path(__file__).resolve().parents[2]
SECRET = "multiworker-test-secret-that-is-long-enough-0123456789"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


@pytest.fixture
def server(app):  # type: ignore[no-untyped-def]
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    port = free_port()
    env = {**os.environ, "PORTAL_CONFIG": "production", "SECRET_KEY": SECRET,
           "DATABASE_URL": url, "SESSION_COOKIE_SECURE": "false", "RATELIMIT_ENABLED": "false",
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - a fixed command line
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", "3", "--no-control-socket",
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def _login_cookie(production, user) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A session cookie and a CSRF token as the production app would issue them."""
    user_id = login_id(user)
    with production.test_request_context():
        session["_user_id"] = user_id
        session["_fresh"] = True
        token = generate_csrf()
        cookie = production.session_interface.get_signing_serializer(production).dumps(
            dict(session)
        )
    return cookie, token


def test_parallel_supports_through_several_workers(app, server, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", SECRET)
    production = create_app(
        "production", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"]
    )
    ideas = [make_idea().id for _ in range(2)]
    people = [(make_user(), n % 3 == 0) for n in range(18)]
    logins = [(_login_cookie(production, user), withdraw) for user, withdraw in people]
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
