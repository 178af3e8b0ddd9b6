"""Exact totals of public ideas per category and status (``IdeaTally``).

Services change an idea's category, status or visibility inside
``with tracking(idea):``, which moves the idea's count from the key it had
to the key it has (``move(before, after)`` underneath; a new idea is moved
from nowhere). The counts
change by atomic increments (an upsert), which stay exact when several
transactions move ideas at once, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from sqlalchemy import Integer, Select, String, bindparam, delete, func, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.extensions import db
from portal.ideas.models import Category, Idea, IdeaTally

Key = tuple[int, str] | None


def key(idea: Idea) -> Key:
    """Where the idea is counted, or None when it is not public."""
    return (idea.category_id, idea.status) if idea.is_public else None


def _add(at: tuple[int, str], delta: int) -> None:
    dialect = db.session.get_bind().dialect.name
    upsert = {"postgresql": pg_insert, "sqlite": sqlite_insert}[dialect]
    stmt = upsert(IdeaTally).values(category_id=at[0], status=at[1], count=max(delta, 0))
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[IdeaTally.category_id, IdeaTally.status],
            set_={"count": IdeaTally.count + delta},
        )
    )


@contextmanager
def tracking(idea: Idea) -> Iterator[None]:
    """Keep the totals right across a change of the idea: its place before
    the block is left, its place after it is taken (nothing when unchanged)."""
    before = key(idea)
    yield
    move(before, key(idea))


def move(before: Key, after: Key) -> None:
    if before == after:
        return
    if before is not None:
        _add(before, -1)
    if after is not None:
        _add(after, +1)


def rebuild() -> None:
    """Recount everything from the ideas (after bulk loads, or to repair)."""
    db.session.execute(delete(IdeaTally))
    rows = db.session.execute(
        select(Idea.category_id, Idea.status, func.count())
        .where(Idea.public)
        .group_by(Idea.category_id, Idea.status)
    ).all()
    if rows:
        db.session.execute(
            insert(IdeaTally), [{"category_id": c, "status": s, "count": n} for c, s, n in rows]
        )


@cache  # built once per process (see ``ideas.queries``)
def _total_statement(by_category: bool, by_status: bool) -> Select:
    stmt = select(func.coalesce(func.sum(IdeaTally.count), 0))
    if by_category:
        stmt = stmt.where(IdeaTally.category_id == bindparam("category_id", type_=Integer))
    if by_status:
        stmt = stmt.where(IdeaTally.status == bindparam("status", type_=String))
    return stmt


def total(category_id: int | None = None, status: str | None = None) -> int:
    stmt = _total_statement(category_id is not None, status is not None)
    return int(db.session.scalar(stmt, {"category_id": category_id, "status": status}) or 0)


@cache
def _per_category_statement() -> Select:
    return (
        select(Category, func.coalesce(func.sum(IdeaTally.count), 0))
        .outerjoin(IdeaTally, IdeaTally.category_id == Category.id)
        .group_by(Category.id)
        .order_by(Category.position, Category.id)
    )


def per_category() -> list[tuple[Category, int]]:
    rows = db.session.execute(_per_category_statement())
    return [(category, int(count)) for category, count in rows]
