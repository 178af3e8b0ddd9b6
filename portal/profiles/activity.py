"""A person's own activity, for their eyes only: their ideas (with status,
also hidden or waiting ones), comments, supports, follows and reports, and
what became of each. At most eleven queries however much they did."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.challenges.models import Challenge
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea
from portal.moderation.models import Flag
from portal.notifications.models import Follow
from portal.supports.models import Support

MOST = 100  # of each kind, the newest first (the data download has them all)


@dataclass
class Activity:
    ideas: list[Idea] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    supported: list[Idea] = field(default_factory=list)
    follows: list[tuple[Follow, object]] = field(default_factory=list)  # and what it follows
    reports: list[tuple[Flag, Idea | None, Comment | None]] = field(default_factory=list)


def activity_of(user: User) -> Activity:
    found = Activity()
    found.ideas = list(
        db.session.scalars(
            select(Idea)
            .where(Idea.author_id == user.id)
            .options(joinedload(Idea.category))
            .order_by(Idea.created_at.desc(), Idea.id.desc())
            .limit(MOST)
        )
    )
    found.comments = list(
        db.session.scalars(
            select(Comment)
            .where(Comment.author_id == user.id)
            .options(joinedload(Comment.idea))
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(MOST)
        )
    )
    found.supported = list(
        db.session.scalars(
            select(Idea)
            .join(Support, Support.idea_id == Idea.id)
            .where(Support.user_id == user.id, Idea.visible)
            .order_by(Support.created_at.desc())
            .limit(MOST)
        )
    )
    follows = list(
        db.session.scalars(
            select(Follow)
            .where(Follow.user_id == user.id)
            .order_by(Follow.created_at.desc())
            .limit(MOST)
        )
    )
    targets = {
        (kind, row.id): row
        for kind, model, column in (
            ("idea", Idea, "idea_id"),
            ("category", Category, "category_id"),
            ("challenge", Challenge, "challenge_id"),
        )  # fmt: skip
        for row in _by_ids(model, {getattr(f, column) for f in follows if getattr(f, column)})
    }
    found.follows = [
        (f, targets.get((f.kind, f.idea_id or f.category_id or f.challenge_id or 0)))
        for f in follows
    ]
    flags = list(
        db.session.scalars(
            select(Flag)
            .where(Flag.reporter_id == user.id)
            .order_by(Flag.created_at.desc())
            .limit(MOST)
        )
    )
    ideas = {i.id: i for i in _by_ids(Idea, {f.idea_id for f in flags if f.idea_id})}
    comments = {c.id: c for c in _by_ids(Comment, {f.comment_id for f in flags if f.comment_id})}
    found.reports = [(f, ideas.get(f.idea_id), comments.get(f.comment_id)) for f in flags]
    return found


def _by_ids(model, ids: set[int]) -> list:  # type: ignore[no-untyped-def]
    if not ids:
        return []
    return list(db.session.scalars(select(model).where(model.id.in_(ids))))
