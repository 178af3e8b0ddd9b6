"""Read side of comments: an idea's discussion as threads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from flask_babel import lazy_gettext as _l
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


THREADS_PER_PAGE = 20
DEFAULT_ORDER = "oldest"
# How a debate can be read: the threads (a comment and its replies) in order.
ORDERS: dict[str, Callable[[list[Thread]], list[Thread]]] = {
    "oldest": lambda threads: threads,
    "newest": lambda threads: threads[::-1],
    "replied": lambda threads: sorted(threads, key=lambda t: len(t.replies), reverse=True),
}
ORDER_LABELS = {
    "oldest": _l("Oldest first"),
    "newest": _l("Newest first"),
    "replied": _l("Most replies first"),
}


@dataclass
class Discussion:
    """One page of an idea's threads in the order the reader chose."""

    threads: list[Thread]
    order: str
    page: int
    pages: int
    total: int  # threads in the whole discussion


def discussion(idea: Idea, order: str = DEFAULT_ORDER, page: int = 1) -> Discussion:
    """One page of the threads (still one query, however long the debate;
    a page past the last shows the last)."""
    ordered = ORDERS[order](thread_for(idea))
    pages = max(1, -(-len(ordered) // THREADS_PER_PAGE))
    page = min(max(page, 1), pages)
    start = (page - 1) * THREADS_PER_PAGE
    return Discussion(ordered[start : start + THREADS_PER_PAGE], order, page, pages, len(ordered))


def page_of(idea: Idea, comment_id: int, order: str = DEFAULT_ORDER) -> int:
    """The page of the discussion a comment (or a reply) is on."""
    for position, thread in enumerate(ORDERS[order](thread_for(idea))):
        if comment_id == thread.comment.id or any(r.id == comment_id for r in thread.replies):
            return position // THREADS_PER_PAGE + 1
    return 1


def get_comment(comment_id: int) -> Comment | None:
    return db.session.get(Comment, comment_id, options=[joinedload(Comment.author)])
