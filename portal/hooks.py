"""Signals that domains send when something changed that other parts must
follow, and running work only once the change is committed.

``content_withdrawn`` is sent by every path that takes content out of public
view (hiding an idea or comment, erasing an account); whoever keeps copies
(the report cache, in the database) connects to it and deletes them in the
same transaction. Receivers that touch files or other systems wrap their
work in ``after_commit``, so a rolled-back change leaves everything as it was.
"""

from __future__ import annotations

from collections.abc import Callable

from blinker import Namespace
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db

_signals = Namespace()
# sender: the kind of thing ("idea", "comment", "account"); no other arguments.
content_withdrawn = _signals.signal("content-withdrawn")

_PENDING = "portal.after_commit"


def after_commit(work: Callable[[], None]) -> None:
    """Run ``work`` once the current transaction commits (never on rollback);
    the same work asked for twice in one transaction runs once."""
    pending: list[Callable[[], None]] = db.session().info.setdefault(_PENDING, [])
    if work not in pending:
        pending.append(work)


@event.listens_for(Session, "after_commit")
def _run_pending(session: Session) -> None:
    for work in session.info.pop(_PENDING, []):
        work()


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, previous_transaction: object) -> None:
    # Only the outermost transaction's rollback undoes the work: a savepoint
    # (or a failed flush inside one) leaves the outer transaction's to be done.
    if getattr(previous_transaction, "parent", None) is not None:
        return
    session.info.pop(_PENDING, None)
