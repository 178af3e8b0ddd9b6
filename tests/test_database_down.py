"""A real PostgreSQL server stops while the portal runs: pages answer with a
quick, translated 503 and /healthz says so; when it is back, so is the portal."""

from __future__ import annotations

import time

from portal import create_app
from portal.extensions import db
from tests.postgres_server import postgres  # noqa: F401 - the fixture


def test_a_stopped_database_gives_a_quick_translated_503(postgres):  # noqa: F811
    url, ctl, start = postgres
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    client = app.test_client()
    with app.app_context():
        db.create_all()
    assert client.get("/").status_code == 200

    ctl("-m", "immediate", "stop")
    began = time.monotonic()
    page = client.get("/", headers={"Accept-Language": "da"})
    took = time.monotonic() - began
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert '<html lang="da">' in html
    assert "Traceback" not in html
    assert took < 5
    health = client.get("/healthz")
    assert (health.status_code, health.get_json()["database"]) == (503, "unavailable")

    ctl(*start)
    assert client.get("/").status_code == 200
    assert client.get("/healthz").get_json()["database"] == "ok"
    with app.app_context():
        db.engine.dispose()


def test_a_database_that_accepts_but_never_answers_gives_a_503_within_seconds():
    """A hung server (the port is open, nothing answers): the connection
    attempt gives up after DATABASE_CONNECT_TIMEOUT, not the worker's 30 s."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # the kernel accepts; nobody ever speaks
    port = listener.getsockname()[1]
    try:
        app = create_app(
            "testing",
            SQLALCHEMY_DATABASE_URI=f"postgresql+psycopg://portal@127.0.0.1:{port}/portal",
            DATABASE_CONNECT_TIMEOUT=2,
        )
        client = app.test_client()
        began = time.monotonic()
        page = client.get("/", headers={"Accept-Language": "nb"})
        took = time.monotonic() - began
        health = client.get("/healthz")
    finally:
        listener.close()
    assert page.status_code == 503
    assert '<html lang="nb">' in page.get_data(as_text=True)
    assert took < 6
    assert health.status_code == 503


def test_a_statement_stuck_behind_a_lock_gives_a_503_within_seconds(postgres):  # noqa: F811
    """Another session holds a lock on the ideas (a hung migration, a stuck
    job): the page's statement is cancelled after DATABASE_STATEMENT_TIMEOUT."""
    from sqlalchemy import create_engine

    url, _ctl, _start = postgres
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, DATABASE_STATEMENT_TIMEOUT=1)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    assert client.get("/").status_code == 200
    engine = create_engine(url)
    holder = engine.connect()
    try:
        holder.exec_driver_sql("LOCK TABLE idea IN ACCESS EXCLUSIVE MODE")
        began = time.monotonic()
        page = client.get("/", headers={"Accept-Language": "da"})
        took = time.monotonic() - began
    finally:
        holder.rollback()
        holder.close()
        engine.dispose()
    assert page.status_code == 503
    assert took < 4
    assert client.get("/").status_code == 200  # the lock is gone, the portal is back
    with app.app_context():
        db.engine.dispose()
