"""The moderation queue and the log, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea
from portal.moderation.models import LOG_ACTION_LABELS, CannedReason, Flag, LogEntry
from portal.municipality.models import Department
from portal.pagination import Page, paginate

QUEUE_LIMIT = 500  # open flags read at most; the oldest come first
QUEUE_ORDERS = ("age", "flags")


@dataclass
class QueueItem:
    kind: str
    target: Idea | Comment
    flags: list[Flag] = field(default_factory=list)
    author_ideas: int = 0
    author_hidden: int = 0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.target.id}"

    @property
    def idea_id(self) -> int:
        return self.target.id if self.kind == "idea" else self.target.idea_id

    @property
    def awaiting(self) -> bool:
        return self.kind == "idea" and self.target.awaiting_approval

    @property
    def oldest(self):  # type: ignore[no-untyped-def]
        moments = [f.created_at for f in self.flags]
        if self.awaiting:
            moments.append(self.target.created_at)
        return min(moments)


def queue(order: str = "age") -> list[QueueItem]:
    flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.resolved_at.is_(None))
            .options(joinedload(Flag.reporter))
            .order_by(Flag.created_at)
            .limit(QUEUE_LIMIT)
        )
    )
    idea_ids = {f.idea_id for f in flags if f.idea_id}
    comment_ids = {f.comment_id for f in flags if f.comment_id}
    ideas = {
        i.id: i
        for i in db.session.scalars(
            select(Idea).where(Idea.id.in_(idea_ids)).options(joinedload(Idea.author))
        )
    }
    comments = {
        c.id: c
        for c in db.session.scalars(
            select(Comment)
            .where(Comment.id.in_(comment_ids))
            .options(joinedload(Comment.author), joinedload(Comment.idea))
        )
    }
    items: dict[str, QueueItem] = {}
    waiting = db.session.scalars(
        select(Idea)
        .where(Idea.awaiting_approval.is_(True))
        .options(joinedload(Idea.author))
        .order_by(Idea.created_at)
        .limit(QUEUE_LIMIT)
    )
    for idea in waiting:
        ideas.setdefault(idea.id, idea)
        items[f"idea:{idea.id}"] = QueueItem("idea", idea)
    for item in flags:
        kind, target = (
            ("idea", ideas[item.idea_id])
            if item.idea_id
            else ("comment", comments[item.comment_id])
        )
        entry = items.setdefault(f"{kind}:{target.id}", QueueItem(kind, target))
        entry.flags.append(item)
    _add_author_history(list(items.values()))
    result = list(items.values())
    if order == "flags":
        result.sort(key=lambda i: (-len(i.flags), i.oldest))
    else:
        result.sort(key=lambda i: i.oldest)
    return result


def _add_author_history(items: list[QueueItem]) -> None:
    """How many ideas each author posted, and how many of their ideas and
    comments moderators have hidden before."""
    authors = {i.target.author_id for i in items}
    if not authors:
        return
    ideas = dict(
        db.session.execute(
            select(Idea.author_id, func.count())
            .where(Idea.author_id.in_(authors))
            .group_by(Idea.author_id)
        ).all()
    )
    hidden_ideas = select(Idea.author_id.label("author_id")).where(
        Idea.author_id.in_(authors), Idea.hidden_by_moderator
    )
    hidden_comments = select(Comment.author_id.label("author_id")).where(
        Comment.author_id.in_(authors), ~Comment.public
    )
    both = hidden_ideas.union_all(hidden_comments).subquery()
    hidden = dict(
        db.session.execute(select(both.c.author_id, func.count()).group_by(both.c.author_id)).all()
    )
    for item in items:
        item.author_ideas = ideas.get(item.target.author_id, 0)
        item.author_hidden = hidden.get(item.target.author_id, 0)


def targets(keys: list[str]) -> list[Idea | Comment]:
    """Ideas and comments named like "idea:12" / "comment:5" (unknown ones are skipped)."""
    idea_ids, comment_ids = set(), set()
    for key in keys:
        kind, _, raw = key.partition(":")
        if raw.isdigit() and int(raw) < 2**31:
            (idea_ids if kind == "idea" else comment_ids if kind == "comment" else set()).add(
                int(raw)
            )
    found: list[Idea | Comment] = []  # with their authors (a reason is in each one's language)
    if idea_ids:
        found += db.session.scalars(
            select(Idea).where(Idea.id.in_(idea_ids)).options(joinedload(Idea.author))
        )
    if comment_ids:
        found += db.session.scalars(
            select(Comment).where(Comment.id.in_(comment_ids)).options(joinedload(Comment.author))
        )
    return found


LOG_ACTIONS = tuple(LOG_ACTION_LABELS)
LOG_PER_PAGE = 50


def log_names() -> dict[str, dict[int, Any]]:
    """Departments and categories by id, to name them in the reader's language."""
    return {
        "departments": {d.id: d for d in db.session.scalars(select(Department))},
        "categories": {c.id: c for c in db.session.scalars(select(Category))},
    }


def log_page(page: int, action: str | None, target_type: str | None) -> Page:
    stmt = select(LogEntry).options(joinedload(LogEntry.actor))
    count = select(func.count()).select_from(LogEntry)
    if action:
        stmt, count = stmt.where(LogEntry.action == action), count.where(LogEntry.action == action)
    if target_type:
        stmt = stmt.where(LogEntry.target_type == target_type)
        count = count.where(LogEntry.target_type == target_type)
    stmt = stmt.order_by(LogEntry.created_at.desc(), LogEntry.id.desc())
    return paginate(stmt, page, LOG_PER_PAGE, db.session.scalar(count) or 0)


def idea_flag_clause(user: Any, idea: Idea):  # type: ignore[no-untyped-def]
    """SQL: the (logged-in) user has an open report of the idea itself."""
    return (
        select(Flag.id)
        .where(Flag.reporter_id == user.id, Flag.resolved_at.is_(None), Flag.idea_id == idea.id)
        .exists()
    )


def flagged_comments_of(user: Any, idea: Idea) -> set[int]:
    """The idea's comments the user has an open report of (one query)."""
    return set(
        db.session.scalars(
            select(Flag.comment_id).where(
                Flag.reporter_id == user.id,
                Flag.resolved_at.is_(None),
                Flag.comment_id.in_(select(Comment.id).where(Comment.idea_id == idea.id)),
            )
        )
    )


def canned_reasons() -> list[CannedReason]:
    """The standard reasons, in the admins' order."""
    return list(
        db.session.scalars(select(CannedReason).order_by(CannedReason.position, CannedReason.id))
    )
