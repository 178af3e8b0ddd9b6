"""Locks that serialise one person's writes, on SQLite and on PostgreSQL."""

from __future__ import annotations

from sqlalchemy import update

from portal.accounts.models import User
from portal.extensions import db


def lock_author(user_id: int) -> None:
    """Serialise a check-then-insert of one author (the double-submit checks):
    call it before the check, in the transaction that inserts.

    A write to the author's row does that on both databases. PostgreSQL holds
    the row lock until commit, so a parallel request of the same author waits
    here, and its next statement sees what the first one committed. SQLite
    takes its one write lock with a transaction's first write (reads before
    it open no transaction), so the other request waits for it (busy timeout)
    and then reads from a fresh snapshot. The column written is not a key: a
    key update would make SQLite scan every table that refers to accounts."""
    db.session.execute(
        update(User)
        .where(User.id == user_id)
        .values(role=User.role)
        .execution_options(synchronize_session=False)
    )
