"""Logs an operator can search: JSON lines with the request id the citizen
sees on the error page, and one access line per request."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from flask import g

from portal.logs import JsonFormatter
from tests.factories import make_user


class Lines(logging.Handler):
    """Keeps each record as the production handler writes it (in the request)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


def test_the_500_page_and_the_log_carry_the_same_reference(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    lines = Lines()
    logging.getLogger("portal").addHandler(lines)
    try:
        response = client.get("/boom")
    finally:
        logging.getLogger("portal").removeHandler(lines)
    reference = response.headers["X-Request-ID"]
    assert f"quote this reference: {reference}" in response.get_data(as_text=True)
    error = next(line for line in lines.lines if line["message"] == "Unhandled error")
    assert error["request_id"] == reference
    assert error["route"] == "boom"
    assert "RuntimeError: secret internals" in error["exception"]


def test_the_proxys_request_id_is_kept_when_it_is_safe(client):
    given = client.get("/healthz", headers={"X-Request-ID": "0f3a9c1b2d4e5f60"})
    assert given.headers["X-Request-ID"] == "0f3a9c1b2d4e5f60"
    forged = client.get("/healthz", headers={"X-Request-ID": 'x" injected {"level":'})
    assert forged.headers["X-Request-ID"] != 'x" injected {"level":'
    assert len(forged.headers["X-Request-ID"]) == 16


def test_a_json_line_names_the_request_route_and_user(app):
    user = make_user()
    formatter = JsonFormatter()
    with app.test_request_context("/ideas/", headers={"X-Request-ID": "abcdef0123456789"}):
        g._login_user = user
        app.preprocess_request()
        record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "hello %s", ("ø",), None)
        record.status = 200
        entry = json.loads(formatter.format(record))
    assert entry["message"] == "hello ø"
    assert entry["level"] == "WARNING"
    assert entry["request_id"] == "abcdef0123456789"
    assert entry["route"] == "ideas.index"
    assert entry["user"] == str(user.id)
    assert entry["status"] == 200
    assert entry["timestamp"].endswith("Z")
    # Outside a request (a job): no request id, no user.
    outside = json.loads(formatter.format(record))
    assert (outside["request_id"], outside["user"], outside["route"]) == ("-", "-", "-")


def test_production_writes_every_line_as_json_with_an_access_line(tmp_path):
    """In a process of its own, as gunicorn runs it: stderr holds only JSON."""
    script = textwrap.dedent(
        """
        from portal import create_app
        from portal.extensions import db
        app = create_app("production")
        with app.app_context():
            db.create_all()
        client = app.test_client()
        response = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
        print(response.headers["X-Request-ID"])
        """
    )
    env = {
        "PATH": os.environ["PATH"],
        "PORTAL_CONFIG": "production",
        "SECRET_KEY": "s" * 40,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'logs.sqlite3'}",
        "PORTAL_INSTANCE_DIR": str(tmp_path),
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[1], env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    reference = done.stdout.strip()
    lines = [json.loads(line) for line in done.stderr.splitlines() if line.strip()]
    access = [entry for entry in lines if entry["logger"] == "portal.access"]
    assert len(access) == 1
    assert access[0]["request_id"] == reference
    assert access[0]["route"] == "site.healthz"
    assert access[0]["status"] == 200
    assert access[0]["user"] == "-"
    assert isinstance(access[0]["duration_ms"], float)
