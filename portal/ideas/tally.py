"""Exact totals of public ideas per category, area and status (``IdeaTally``).

Services change an idea's category, area, status or visibility inside
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

from portal.areas.models import Area
from portal.extensions import db
from portal.ideas.models import Category, Idea, IdeaTally

Key = tuple[int, int, str] | None
NO_AREA = 0  # the area_key of ideas in no particular area


def key(idea: Idea) -> Key:
    """Where the idea is counted, or None when it is not public."""
    if not idea.is_public:
        return None
    return (idea.category_id, idea.area_id or NO_AREA, idea.status)


def _add(at: tuple[int, int, str], delta: int) -> None:
    dialect = db.session.get_bind().dialect.name
    upsert = {"postgresql": pg_insert, "sqlite": sqlite_insert}[dialect]
    category_id, area_key, status = at
    stmt = upsert(IdeaTally).values(
        category_id=category_id, area_key=area_key, status=status, count=max(delta, 0)
    )
    db.session.execute(
        stmt.on_conflict_do_update(
            index_elements=[IdeaTally.category_id, IdeaTally.area_key, IdeaTally.status],
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
    area_key = func.coalesce(Idea.area_id, NO_AREA)
    rows = db.session.execute(
        select(Idea.category_id, area_key, Idea.status, func.count())
        .where(Idea.public)
        .group_by(Idea.category_id, area_key, Idea.status)
    ).all()
    if rows:
        db.session.execute(
            insert(IdeaTally),
            [{"category_id": c, "area_key": a, "status": s, "count": n} for c, a, s, n in rows],
        )


@cache  # built once per process (see ``ideas.queries``)
def _total_statement(by_category: bool, by_area: bool, by_status: bool) -> Select:
    stmt = select(func.coalesce(func.sum(IdeaTally.count), 0))
    if by_category:
        stmt = stmt.where(IdeaTally.category_id == bindparam("category_id", type_=Integer))
    if by_area:
        stmt = stmt.where(IdeaTally.area_key == bindparam("area_key", type_=Integer))
    if by_status:
        stmt = stmt.where(IdeaTally.status == bindparam("status", type_=String))
    return stmt


def total(
    category_id: int | None = None, status: str | None = None, area_id: int | None = None
) -> int:
    stmt = _total_statement(category_id is not None, area_id is not None, status is not None)
    values = {"category_id": category_id, "area_key": area_id, "status": status}
    return int(db.session.scalar(stmt, values) or 0)


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


@cache
def _per_area_statement() -> Select:
    return (
        select(Area, func.coalesce(func.sum(IdeaTally.count), 0))
        .outerjoin(IdeaTally, IdeaTally.area_key == Area.id)
        .group_by(Area.id)
        .order_by(Area.position, Area.id)
    )


def per_area() -> list[tuple[Area, int]]:
    """Every area with its number of public ideas, in the admins' order."""
    rows = db.session.execute(_per_area_statement())
    return [(area, int(count)) for area, count in rows]
