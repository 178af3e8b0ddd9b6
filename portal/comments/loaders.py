"""Loading a comment for a request, with its idea: the one place that answers 404."""

from __future__ import annotations

from flask import abort

from portal.comments import queries
from portal.comments.models import Comment
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea


def load_comment(comment_id: int) -> tuple[Comment, Idea]:
    """The comment and its idea, or 404 (also when the idea may not be seen)."""
    comment = queries.get_comment(comment_id)
    if comment is None:
        abort(404)
    return comment, load_idea(comment.idea_id)
