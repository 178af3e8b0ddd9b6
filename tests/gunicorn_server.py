"""The portal served by a real gunicorn with several workers, as production
runs it (production configuration, on the test's database)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from flask import session
from flask_wtf.csrf import generate_csrf

from portal import create_app
from tests.factories import login_id
from tests.mail_server import free_port

ROOT = Path(__file__).resolve().parents[1]
SECRET = "multiworker-test-secret-that-is-long-enough-0123456789"


@contextlib.contextmanager
def gunicorn(database_url: str, workers: int = 3, **environment: str) -> Iterator[str]:
    """Yields the server's base URL once /healthz answers; stops it after."""
    port = free_port()
    env = {**os.environ, "PORTAL_CONFIG": "production", "SECRET_KEY": SECRET,
           "DATABASE_URL": database_url, "SESSION_COOKIE_SECURE": "false",
           "RATELIMIT_ENABLED": "false", "LOG_FORMAT": "text", "ACCESS_LOG": "false",
           "PYTHONPATH": str(ROOT), **environment}  # fmt: skip
    process = subprocess.Popen(  # noqa: S603 - a fixed command line
        [str(Path(sys.executable).parent / "gunicorn"), "--workers", str(workers),
         "--no-control-socket", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         "wsgi:app"],
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


def login_cookie(database_url: str, user: object, secret: str = SECRET) -> tuple[str, str]:
    """A session cookie and a CSRF token for ``user``, as the production app
    the servers run would issue them (same secret, same database)."""
    user_id = login_id(user)  # in the caller's app: its session is the test's
    production = create_app("production", SQLALCHEMY_DATABASE_URI=database_url, SECRET_KEY=secret)
    with production.test_request_context():
        session["_user_id"] = user_id
        session["_fresh"] = True
        token = generate_csrf()
        serializer = production.session_interface.get_signing_serializer(production)
        cookie = serializer.dumps(dict(session))  # type: ignore[union-attr]
    return cookie, token
