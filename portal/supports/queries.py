from __future__ import annotations

from typing import Any

from sqlalchemy import select

from portal.extensions import db
from portal.ideas.models import Idea
from portal.supports.models import Support


def supported_clause(user: Any, idea: Idea):  # type: ignore[no-untyped-def]
    """SQL: the (logged-in) user supports the idea."""
    return select(Support.id).where(Support.idea_id == idea.id, Support.user_id == user.id).exists()


def supported_among(user: Any, idea_ids: list[int]) -> set[int]:
    """Which of these ideas the (logged-in) user supports: one query."""
    if not idea_ids or not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(Support.idea_id).where(Support.user_id == user.id, Support.idea_id.in_(idea_ids))
        )
    )
