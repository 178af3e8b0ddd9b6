"""Where a comment is: its idea's page, on the page of the debate it is on."""

from __future__ import annotations

from flask import url_for

from portal.comments.queries import page_of
from portal.ideas.models import Idea


def comment_url(idea: Idea, comment_id: int, anchor: str | None = None) -> str:
    """The comment on its idea's page (``anchor``: the fragment to land on,
    the comment's own by default)."""
    page = page_of(idea, comment_id)
    return url_for(
        "ideas.detail",
        idea_id=idea.id,
        cpage=page if page > 1 else None,
        _anchor=anchor or f"comment-{comment_id}",
    )
