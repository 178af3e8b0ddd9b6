"""Database set-up: SQLite pragmas, and the models every tool must see."""

from __future__ import annotations

import sqlite3

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


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


def import_models() -> None:
    """Import every models module so the metadata is complete."""
    from portal import mail as _mail  # noqa: F401
    from portal import settings as _settings  # noqa: F401
    from portal.accounts import models as _accounts  # noqa: F401
    from portal.comments import models as _comments  # noqa: F401
    from portal.ideas import models as _ideas  # noqa: F401
    from portal.ideas import search as _search  # noqa: F401
    from portal.moderation import models as _moderation  # noqa: F401
    from portal.municipality import models as _municipality  # noqa: F401
    from portal.notifications import models as _notifications  # noqa: F401
    from portal.supports import models as _supports  # noqa: F401


def include_object(obj: object, name: str | None, type_: str, *_args: object) -> bool:
    """Alembic autogenerate: the search index is made by ``ideas.search``, not by models."""
    from portal.ideas.search import is_search_object

    return not is_search_object(name or "", type_)


def init_app(app: Flask) -> None:
    import_models()
