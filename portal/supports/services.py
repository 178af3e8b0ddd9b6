"""Supporting an idea. The count on the idea row is recounted from the
support rows in the same transaction (see ``refresh_figures``), so it is
exact however many people click at the same moment; the UNIQUE constraint
makes a second support of the same person impossible."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Idea
from portal.notifications import services as notifications
from portal.supports.models import Support


def support(user: User, idea: Idea) -> bool:
    """Add the user's support; False when they already supported it."""
    idea_services.lock_figures(idea.id)
    exists = db.session.scalar(
        select(Support.id).where(Support.idea_id == idea.id, Support.user_id == user.id)
    )
    if exists is not None:
        return False
    db.session.add(Support(idea_id=idea.id, user_id=user.id))
    try:
        db.session.flush()
    except IntegrityError:
        # A parallel request of the same person won. (No SAVEPOINT here:
        # with pysqlite, releasing one would end the whole transaction.)
        db.session.rollback()
        return False
    idea_services.refresh_figures(idea)
    notifications.auto_follow(user, idea)
    return True


def withdraw_support(user: User, idea: Idea) -> bool:
    """Remove the user's support; False when there was none."""
    idea_services.lock_figures(idea.id)
    result = db.session.execute(
        delete(Support).where(Support.idea_id == idea.id, Support.user_id == user.id)
    )
    if not result.rowcount:
        return False
    idea_services.refresh_figures(idea)
    return True
