"""Read side of ideas: the public lists, their orderings and filters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, Select, String, bindparam, func, select
from sqlalchemy.orm import joinedload

from portal.areas.models import Area
from portal.extensions import db
from portal.ideas import search, tally
from portal.ideas.cards import loaded_for_cards
from portal.ideas.models import (
    Category,
    Idea,
    StatusChange,
)
from portal.pagination import Page

SLUG = re.compile(r"[a-z0-9-]{1,40}")
SORTS = {
    "new": (_l("Newest"), (Idea.created_at.desc(), Idea.id.desc())),
    "top": (_l("Most supported"), (Idea.support_count.desc(), Idea.id.desc())),
    "discussed": (_l("Most discussed"), (Idea.comment_count.desc(), Idea.id.desc())),
    "trending": (_l("Trending"), (Idea.trending_score.desc(), Idea.id.desc())),
}
DEFAULT_SORT = "new"
# Matches counted at most: beyond it a search says "more than 500", so its
# cost does not grow with the number of ideas that match.
SEARCH_COUNT_LIMIT = 500


@dataclass
class ListFilter:
    sort: str = DEFAULT_SORT
    category: Category | None = None
    status: str | None = None
    area: Area | None = None

    def limits(self) -> tuple[bool, bool, bool]:
        """Whether it limits by category, area, status (``_filtered``)."""
        return self.category is not None, self.area is not None, bool(self.status)

    def values(self) -> dict[str, object]:
        """The bound parameters of ``_filtered``."""
        return {
            "category_id": self.category.id if self.category is not None else None,
            "area_id": self.area.id if self.area is not None else None,
            "status": self.status,
        }


def _public(stmt: Select) -> Select:
    """Only ideas anyone may see in a list: not hidden, withdrawn or merged."""
    return stmt.where(Idea.public)


def public_ideas() -> Select:
    """Ideas anyone may see in a list, with their author and category."""
    return _public(select(Idea)).options(*loaded_for_cards())


# The statements of the busiest pages are built once per process, with their
# values as bound parameters: building a select with its joins and options
# costs more Python than running it (SQLAlchemy caches the SQL, not the
# objects that make it).
_LIMIT = bindparam("limit", type_=Integer)
_OFFSET = bindparam("offset", type_=Integer)


def _filtered(ids: Select, by_category: bool, by_area: bool, by_status: bool) -> Select:
    """Public idea ids limited by the filter's bound parameters (``_values``)."""
    ids = _public(ids)
    if by_category:
        ids = ids.where(Idea.category_id == bindparam("category_id", type_=Integer))
    if by_area:
        ids = ids.where(Idea.area_id == bindparam("area_id", type_=Integer))
    if by_status:
        ids = ids.where(Idea.status == bindparam("status", type_=String))
    return ids


@cache
def _page_statement(sort: str, by_category: bool, by_area: bool, by_status: bool) -> Select:
    ids = _filtered(select(Idea.id), by_category, by_area, by_status)
    order = SORTS[sort][1]
    page_ids = ids.order_by(*order).limit(_LIMIT).offset(_OFFSET)
    return (
        select(Idea)
        .where(Idea.id.in_(page_ids.scalar_subquery()))
        .options(*loaded_for_cards())
        .order_by(*order)
    )


def list_ideas(flt: ListFilter, page: int, per_page: int) -> Page:
    """One page of a list. The page's ids are found first, on the ordering's
    index alone, and only those 20 ideas are loaded with author and category:
    a deep page (OFFSET 980) then skips index entries, not joined rows."""
    values = flt.values()
    stmt = _page_statement(flt.sort, *flt.limits())
    values.update(limit=per_page, offset=(page - 1) * per_page)
    items = db.session.scalars(stmt, values)
    total = tally.total(values["category_id"], flt.status, values["area_id"])
    return Page(list(items), page, per_page, total)


@dataclass
class SearchPage(Page):
    more: bool = False  # more matches than SEARCH_COUNT_LIMIT: only those are paged


@cache
def _search_statements(
    dialect: str, limits: tuple[bool, bool, bool] = (False, False, False)
) -> tuple[Select, Select, Select]:
    """Counting (up to the limit), ranking one page of ids, loading them."""
    matching = search.matching(_filtered(select(Idea.id), *limits), dialect)
    counted = matching.order_by(None).limit(SEARCH_COUNT_LIMIT + 1).subquery()
    load = (
        select(Idea)
        .where(Idea.id.in_(bindparam("ids", expanding=True)))
        .options(*loaded_for_cards())
    )
    count = select(func.count()).select_from(counted)
    return count, matching.limit(_LIMIT).offset(_OFFSET), load


def search_ideas(query: str, page: int, per_page: int, flt: ListFilter | None = None) -> SearchPage:
    """One page of ideas matching ``query`` (and the filter's category, area
    and status), best first: the page's ids are ranked on the search index,
    then only those ideas are loaded. The matches are counted up to
    SEARCH_COUNT_LIMIT (one more tells "more")."""
    flt = flt or ListFilter()
    dialect = search.dialect()
    match = search.match_value(query, dialect)
    if match is None:
        return SearchPage([], page, per_page, 0, False)
    if dialect == "sqlite" and not any(flt.limits()):
        return _search_fts5(match, page, per_page)
    count, ranked, _load = _search_statements(dialect, flt.limits())
    values = {"match": match, **flt.values()}
    found = db.session.scalar(count, values) or 0
    values.update(limit=per_page, offset=(page - 1) * per_page)
    page_ids = list(db.session.scalars(ranked, values))
    return _search_page(dialect, page_ids, found, page, per_page)


def _search_page(
    dialect: str, page_ids: list[int], found: int, page: int, per_page: int
) -> SearchPage:
    """The page's ideas, loaded with author and category, in ranked order."""
    load = _search_statements(dialect)[2]
    loaded = {idea.id: idea for idea in db.session.scalars(load, {"ids": page_ids})}
    items = [loaded[i] for i in page_ids if i in loaded]
    more = found > SEARCH_COUNT_LIMIT
    return SearchPage(items, page, per_page, min(found, SEARCH_COUNT_LIMIT), more)


@cache
def _public_among_statement() -> Select:
    return select(Idea.id).where(Idea.id.in_(bindparam("ids", expanding=True)), Idea.public)


def _search_fts5(match: str, page: int, per_page: int) -> SearchPage:
    """SQLite: matches counted and ranked on the FTS5 table alone, so that no
    match is joined to its idea but the few ranked up to this page; those
    that are not public (hidden, withdrawn, merged) are then left out, and
    more are ranked in the rare case that too many were."""
    matches = search.fts_matches(match, SEARCH_COUNT_LIMIT + 1)
    wanted = min(page * per_page, SEARCH_COUNT_LIMIT)
    limit = wanted + per_page
    while True:
        ranked = search.fts_ranked(match, limit)
        public = set(db.session.scalars(_public_among_statement(), {"ids": ranked}))
        kept = [i for i in ranked if i in public]
        if len(kept) >= wanted or len(ranked) < limit:
            break
        limit *= 4
    if matches > SEARCH_COUNT_LIMIT:
        found = SEARCH_COUNT_LIMIT + 1  # "more than 500"
    elif len(ranked) < limit:
        found = len(kept)  # every match was ranked: the public ones are all here
    else:
        count = _search_statements("sqlite")[0]  # at most 501 rows
        found = db.session.scalar(count, {"match": match}) or 0
    return _search_page("sqlite", kept[(page - 1) * per_page : wanted], found, page, per_page)


@cache
def _top_statement(sort: str) -> Select:
    return public_ideas().order_by(*SORTS[sort][1]).limit(_LIMIT)


def top_ideas(sort: str, limit: int) -> list[Idea]:
    return list(db.session.scalars(_top_statement(sort), {"limit": limit}))


@cache
def _categories_statement() -> Select:
    return select(Category).order_by(Category.position, Category.id)


def categories() -> list[Category]:
    return list(db.session.scalars(_categories_statement()))


def categories_with_counts() -> list[tuple[Category, int]]:
    return tally.per_category()


def areas_with_counts() -> list[tuple[Area, int]]:
    return tally.per_area()


def category_by_slug(slug: str | None) -> Category | None:
    if not slug or not SLUG.fullmatch(slug):
        return None
    return db.session.scalar(select(Category).where(Category.slug == slug))


@cache
def _idea_statement() -> Select:
    return (
        select(Idea)
        .where(Idea.id == bindparam("idea_id", type_=Integer))
        .options(
            joinedload(Idea.author),
            joinedload(Idea.category),
            joinedload(Idea.area),
            joinedload(Idea.challenge),
            joinedload(Idea.challenge_answer),
        )
    )


def get_idea(idea_id: int) -> Idea | None:
    """The idea with its author, category, area and the challenge it answers (if any)."""
    return db.session.scalar(_idea_statement(), {"idea_id": idea_id})


@cache
def _history_statement() -> Select:
    return (
        select(StatusChange)
        .where(StatusChange.idea_id == bindparam("idea_id", type_=Integer))
        .order_by(StatusChange.created_at, StatusChange.id)
    )


def history(idea: Idea) -> list[StatusChange]:
    return list(db.session.scalars(_history_statement(), {"idea_id": idea.id}))


MERGED_SHOWN = 50


@cache
def _merged_statement() -> Select:
    return (
        select(Idea.id, Idea.title, Idea.language)
        .where(Idea.merged_into_id == bindparam("idea_id", type_=Integer), Idea.visible)
        .order_by(Idea.id)
        .limit(MERGED_SHOWN)
    )


def merged_into(idea: Idea) -> list:
    """The ideas a moderator merged into this one, as (id, title, language)."""
    return list(db.session.execute(_merged_statement(), {"idea_id": idea.id}))
