from __future__ import annotations

from typing import Any

from sqlalchemy import select

from portal.ideas.models import Idea
from portal.supports.models import Support


def supported_clause(user: Any, idea: Idea):  # type: ignore[no-untyped-def]
    """SQL: the (logged-in) user supports the idea."""
    return select(Support.id).where(Support.idea_id == idea.id, Support.user_id == user.id).exists()
