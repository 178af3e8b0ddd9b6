"""Read side of ideas: the public lists, their orderings and filters."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select
from sqlalchemy.orm import joinedload

from portal.extensions import db
from portal.ideas import search, tally
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


def _public(stmt: Select) -> Select:
    """Only ideas anyone may see in a list: not hidden, withdrawn or merged."""
    return stmt.where(Idea.public)


def public_ideas() -> Select:
    """Ideas anyone may see in a list, with their author and category."""
    return _public(select(Idea)).options(joinedload(Idea.author), joinedload(Idea.category))


def list_ideas(flt: ListFilter, page: int, per_page: int) -> Page:
    """One page of a list. The page's ids are found first, on the ordering's
    index alone, and only those 20 ideas are loaded with author and category:
    a deep page (OFFSET 980) then skips index entries, not joined rows."""
    ids = _public(select(Idea.id))
    category_id = flt.category.id if flt.category is not None else None
    if category_id is not None:
        ids = ids.where(Idea.category_id == category_id)
    if flt.status:
        ids = ids.where(Idea.status == flt.status)
    order = SORTS[flt.sort][1]
    page_ids = ids.order_by(*order).limit(per_page).offset((page - 1) * per_page)
    items = db.session.scalars(
        select(Idea)
        .where(Idea.id.in_(page_ids.scalar_subquery()))
        .options(joinedload(Idea.author), joinedload(Idea.category))
        .order_by(*order)
    )
    return Page(list(items), page, per_page, tally.total(category_id, flt.status))


@dataclass
class SearchPage(Page):
    more: bool = False  # more matches than SEARCH_COUNT_LIMIT: only those are paged


def search_ideas(query: str, page: int, per_page: int) -> SearchPage:
    """One page of ideas matching ``query``, best first: the page's ids are
    ranked on the search index alone, then only those ideas are loaded. The
    matches are counted up to SEARCH_COUNT_LIMIT (one more tells "more")."""
    matching = search.matching(_public(select(Idea.id)), query)
    counted = matching.order_by(None).limit(SEARCH_COUNT_LIMIT + 1).subquery()
    found = db.session.scalar(select(func.count()).select_from(counted)) or 0
    page_ids = list(db.session.scalars(matching.limit(per_page).offset((page - 1) * per_page)))
    loaded = {
        idea.id: idea
        for idea in db.session.scalars(
            select(Idea)
            .where(Idea.id.in_(page_ids))
            .options(joinedload(Idea.author), joinedload(Idea.category))
        )
    }
    items = [loaded[i] for i in page_ids if i in loaded]
    more = found > SEARCH_COUNT_LIMIT
    return SearchPage(items, page, per_page, min(found, SEARCH_COUNT_LIMIT), more)


def top_ideas(sort: str, limit: int) -> list[Idea]:
    return list(db.session.scalars(public_ideas().order_by(*SORTS[sort][1]).limit(limit)))


def categories() -> list[Category]:
    return list(db.session.scalars(select(Category).order_by(Category.position, Category.id)))


def categories_with_counts() -> list[tuple[Category, int]]:
    return tally.per_category()


def category_by_slug(slug: str | None) -> Category | None:
    if not slug or not SLUG.fullmatch(slug):
        return None
    return db.session.scalar(select(Category).where(Category.slug == slug))


def get_idea(idea_id: int) -> Idea | None:
    """The idea with its author, category and the challenge it answers (if any)."""
    return db.session.scalar(
        select(Idea)
        .where(Idea.id == idea_id)
        .options(
            joinedload(Idea.author),
            joinedload(Idea.category),
            joinedload(Idea.challenge),
            joinedload(Idea.challenge_answer),
        )
    )


def history(idea: Idea) -> list[StatusChange]:
    return list(
        db.session.scalars(
            select(StatusChange)
            .where(StatusChange.idea_id == idea.id)
            .order_by(StatusChange.created_at, StatusChange.id)
        )
    )
