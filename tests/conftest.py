from __future__ import annotations

import os
import smtplib
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event

from portal import create_app
from portal.accounts.models import Role, User
from portal.extensions import db
from tests import factories
from tests.mail_server import mail_server  # noqa: F401 - a fixture for every test module


@pytest.fixture(autouse=True)
def _no_real_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test talks to a real mail server by accident: only to the local
    test server (``tests/mail_server.py``) on 127.0.0.1."""
    connect = smtplib.SMTP.connect

    def local_only(self: smtplib.SMTP, host: str = "localhost", *args: object, **kw: object):
        if host != "127.0.0.1":
            raise AssertionError("tests must not open SMTP connections; use a local test server")
        return connect(self, host, *args, **kw)

    monkeypatch.setattr(smtplib.SMTP, "connect", local_only)


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production: the test's
    context (used by factories) is set aside meanwhile, so no ``g`` or
    session state leaks between the test and the requests."""

    def open(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        outer = app_ctx_stack.pop() if app_ctx_stack else None
        if outer is not None:
            outer.pop()
        try:
            response = super().open(*args, **kwargs)
            if response.is_streamed:  # made while sent: before the test's context is back
                response.make_sequence()
            return response
        finally:
            if outer is not None:
                outer.push()
                app_ctx_stack.append(outer)
                _keep_loaded_after_commit()


app_ctx_stack: list = []


def _keep_loaded_after_commit() -> None:
    """The test's own session keeps objects readable after commit (requests
    use their own sessions with the production default)."""
    db.session().expire_on_commit = False


def database_url(tmp_path) -> str:
    """A fresh SQLite file per test, or the PostgreSQL database named by
    TEST_DATABASE_URL (emptied before and after each test)."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite3'}"


def standalone_app(database: Path, **overrides: object) -> Flask:
    """An app of its own on a fresh SQLite file, for tests whose requests must
    run outside the test's app context (rate limits, a live server)."""
    overrides.setdefault("UPLOAD_DIR", str(database.parent / "uploads"))
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}", **overrides)
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture(autouse=True)
def app(tmp_path) -> Iterator[Flask]:
    app = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=database_url(tmp_path), UPLOAD_DIR=str(tmp_path / "up")
    )
    app.test_client_class = IsolatedClient
    ctx = app.app_context()
    ctx.push()
    app_ctx_stack.append(ctx)
    _keep_loaded_after_commit()
    db.drop_all()
    db.create_all()
    yield app
    db.session.remove()
    db.drop_all()
    db.engine.dispose()
    app_ctx_stack.remove(ctx)
    ctx.pop()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):
    return app.test_cli_runner()


class Auth:
    """Log a test client in as someone, without going through the form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, user: User) -> User:
        with self.client.session_transaction() as session:
            session["_user_id"] = factories.login_id(user)
            session["_fresh"] = True
        return user

    def as_role(self, role: Role = Role.CITIZEN, **kwargs: object) -> User:
        return self.login(factories.make_user(role=role, **kwargs))

    def logout(self) -> None:
        with self.client.session_transaction() as session:
            session.clear()


@pytest.fixture
def auth(client: FlaskClient) -> Auth:
    return Auth(client)


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def __call__(self, _conn, _cursor, statement, *_args) -> None:  # noqa: ANN001
        self.count += 1
        self.statements.append(statement)


@pytest.fixture
def count_queries(app: Flask):
    """``with count_queries() as counter: ...`` counts SQL statements sent."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)

    return counting
