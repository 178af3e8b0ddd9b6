"""Identical requests sent at the same moment, each in its own thread with
its own client, app context and database connection (a file database: the
``app`` fixture's SQLite file, or PostgreSQL with TEST_DATABASE_URL)."""

from __future__ import annotations

import threading

from flask import Flask
from flask.testing import FlaskClient

from portal.accounts.models import User
from tests.factories import login_id


def parallel_posts(app: Flask, user: User, path: str, data: dict, times: int = 4) -> list[int]:
    """POST ``data`` to ``path`` as ``user`` from ``times`` threads at once;
    the status codes (or the exceptions raised)."""
    return posts_at_once(app, [(user, path, data)] * times)


def posts_at_once(app: Flask, requests: list[tuple[User, str, dict]]) -> list[int]:
    """Each (user, path, data) POSTed from a thread of its own, all at once;
    the status codes (or the exceptions raised)."""
    clients = []
    for user, path, data in requests:
        # A plain client: the suite's IsolatedClient moves the test's app
        # context around, which threads must not do.
        client = FlaskClient(app, app.response_class, use_cookies=True)
        user_id = login_id(user)
        with client.session_transaction() as session:
            session["_user_id"] = user_id
            session["_fresh"] = True
        clients.append((client, path, data))
    barrier = threading.Barrier(len(clients))
    results: list[object] = []

    def post(client: FlaskClient, path: str, data: dict) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(client.post(path, data=data).status_code)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            results.append(error)

    threads = [threading.Thread(target=post, args=request) for request in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results  # type: ignore[return-value]
