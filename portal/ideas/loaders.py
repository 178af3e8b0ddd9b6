"""Loading an idea for a request: the one place that answers 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal import permissions
from portal.ideas import queries
from portal.ideas.models import Idea


def load_idea(idea_id: int) -> Idea:
    """The idea, or 404 also for those who may not see it (no leak that it exists)."""
    idea = queries.get_idea(idea_id)
    if idea is None or not permissions.can_view_idea(current_user, idea):
        abort(404)
    return idea
