"""Database set-up: timeouts and SQLite pragmas (the schema itself: ``portal.models``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url


def engine_options(config: Mapping[str, object]) -> dict:
    """The engine's options for the configured database. On PostgreSQL a
    request never waits long for a database that hangs (accepts connections
    but does not answer, or holds a lock): connecting gives up after
    DATABASE_CONNECT_TIMEOUT seconds and a statement after
    DATABASE_STATEMENT_TIMEOUT, and the person gets the translated 503."""
    options = dict(config["SQLALCHEMY_ENGINE_OPTIONS"])  # type: ignore[call-overload]
    uri = config.get("SQLALCHEMY_DATABASE_URI")
    if uri and make_url(str(uri)).get_backend_name() == "postgresql":
        statement_ms = int(float(config["DATABASE_STATEMENT_TIMEOUT"]) * 1000)  # type: ignore[arg-type]
        connect_args = {
            "connect_timeout": int(config["DATABASE_CONNECT_TIMEOUT"]),  # type: ignore[call-overload]
            "options": f"-c statement_timeout={statement_ms}",
        }
        options["connect_args"] = {**connect_args, **options.get("connect_args", {})}
        # Waiting for a free connection of the pool is bounded the same way.
        options.setdefault("pool_timeout", config["DATABASE_CONNECT_TIMEOUT"])
    return options


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """WAL lets readers and one writer work at once; the busy timeout makes a
    writer wait for the lock instead of failing."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
