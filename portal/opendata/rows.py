"""Where the datasets' rows come from: public content only, streamed from
the database in batches (a 100,000-idea export never sits in memory)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea, StatusChange
from portal.supports.models import Support
from portal.urls import absolute_url

BATCH = 1000


def _streamed(stmt) -> Iterator:  # type: ignore[no-untyped-def]
    return iter(db.session.execute(stmt.execution_options(yield_per=BATCH)))


def category_names() -> Mapping[str, object]:
    """Each category's short name and its name in the reader's language."""
    return {
        c.slug: c.name for c in db.session.scalars(select(Category).order_by(Category.position))
    }


def ideas() -> Iterator[tuple]:
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        a_citizen = _("a citizen")
    link = absolute_url("ideas.detail", idea_id=1)[: -len("1")]
    stmt = (
        select(
            Idea.id,
            Idea.title,
            Category.slug,
            Idea.status,
            Idea.created_at,
            Idea.support_count,
            Idea.comment_count,
            Idea.challenge_id,
            Idea.language,
            User.name,
            User.credit_by_name,
            User.erased_at,
            Idea.merged_into_id,
        )  # fmt: skip
        .join(Category, Category.id == Idea.category_id)
        .join(User, User.id == Idea.author_id)
        .where(Idea.visible)
        .order_by(Idea.id)
    )
    for row in _streamed(stmt):
        named = row.credit_by_name and row.erased_at is None
        yield (
            *row[:9],
            row.name if named else a_citizen,
            row.merged_into_id,
            f"{link}{row.id}",
        )


def status_changes() -> Iterator[tuple]:
    stmt = (
        select(
            StatusChange.idea_id,
            StatusChange.from_status,
            StatusChange.to_status,
            StatusChange.created_at,
            StatusChange.note,
        )  # fmt: skip
        .join(Idea, Idea.id == StatusChange.idea_id)
        .where(Idea.visible)
        .order_by(StatusChange.created_at, StatusChange.id)
    )
    for row in _streamed(stmt):
        yield (*row[:4], row.note or None)


def _per_day(column, *where) -> dict[str, int]:  # type: ignore[no-untyped-def]
    day = func.date(column)
    stmt = select(day, func.count()).where(*where).group_by(day)
    return {str(d): n for d, n in db.session.execute(stmt)}


def daily_counts() -> Iterator[tuple]:
    """One row per day with anything in it, oldest first (three grouped
    queries, however many days)."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    visible_idea = select(Idea.id).where(Idea.visible)
    columns = (
        _per_day(Idea.created_at, Idea.visible),
        _per_day(Support.created_at, Support.idea_id.in_(visible_idea)),
        _per_day(Comment.created_at, Comment.public, Comment.idea_id.in_(visible_idea)),
    )
    for position, per_day in enumerate(columns):
        for day, number in per_day.items():
            counts[day][position] = number
    for day in sorted(counts):
        yield (date.fromisoformat(day), *counts[day])
