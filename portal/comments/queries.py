"""Read side of comments: an idea's discussion as threads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Integer, Select, bindparam, select
from sqlalchemy.orm import joinedload

from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea


@dataclass
class Thread:
    comment: Comment
    replies: list[Comment] = field(default_factory=list)


@cache  # built once per process (see ``ideas.queries``)
def _thread_statement() -> Select:
    return (
        select(Comment)
        .where(Comment.idea_id == bindparam("idea_id", type_=Integer))
        .options(joinedload(Comment.author))
        .order_by(Comment.created_at, Comment.id)
    )


def thread_for(idea: Idea) -> list[Thread]:
    """All comments of an idea in one query, grouped under their top-level
    comment, oldest first. Hidden ones stay in place (shown as hidden)."""
    comments = db.session.scalars(_thread_statement(), {"idea_id": idea.id})
    threads: dict[int, Thread] = {}
    for comment in comments:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment)
        elif comment.parent_id in threads:
            threads[comment.parent_id].replies.append(comment)
    return list(threads.values())


def get_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id, options=[joinedload(Comment.author)])
