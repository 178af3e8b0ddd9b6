"""The ideas' open datasets: the ideas, every step they took, and daily counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from datetime import date

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.areas.models import Area
from portal.areas.queries import areas
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import STATUS_LABELS, Category, Idea, StatusChange
from portal.opendata.fields import IDEA, Dataset, Field, Frequency, Kind, page_address, streamed
from portal.supports.models import Support


def category_names() -> Mapping[str, object]:
    """Each category's short name and its name in the reader's language."""
    return {
        c.slug: c.name for c in db.session.scalars(select(Category).order_by(Category.position))
    }


def area_names() -> Mapping[str, object]:
    """Each area's short name and its name in the reader's language."""
    return {a.slug: a.name for a in areas()}


def ideas() -> Iterator[tuple]:
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        a_citizen = _("a citizen")
    link = page_address("ideas.detail", "idea_id")
    stmt = (
        select(
            Idea.id,
            Idea.title,
            Category.slug,
            Area.slug,
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
        .outerjoin(Area, Area.id == Idea.area_id)
        .join(User, User.id == Idea.author_id)
        .where(Idea.visible)
        .order_by(Idea.id)
    )
    for row in streamed(stmt):
        named = row.credit_by_name and row.erased_at is None
        yield (
            *row[:10],
            row.name if named else a_citizen,
            row.merged_into_id,
            link(row.id),
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
    for row in streamed(stmt):
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


def _statuses() -> Mapping[str, object]:
    return {str(status): label for status, label in STATUS_LABELS.items()}


DATASETS = (
    Dataset(
        "ideas",
        _l("Ideas"),
        _l(
            "Every idea citizens have posted and the portal shows: its title, category, "
            "area, status and how many support it and have commented. Ideas a moderator hid, "
            "or that still wait for approval, are left out."
        ),
        Frequency.CONTINUOUS,
        (
            Field("id", Kind.INTEGER, IDEA, "17"),
            Field("title", Kind.TEXT, _l("The title the author gave it."), "Cykelsti langs Åvej"),
            Field(
                "category",
                Kind.KEY,
                _l("The category's short name."),
                "roads",
                values=category_names,
            ),
            Field(
                "area",
                Kind.KEY,
                _l("The short name of the area of the municipality it is about."),
                "engholm",
                values=area_names,
                empty=_l("About no particular area."),
            ),
            Field("status", Kind.KEY, _l("Where the idea is now."), "handed_over", _statuses),
            Field("created", Kind.DATETIME, _l("When it was posted."), "2026-03-12T18:00:00Z"),
            Field("supporters", Kind.INTEGER, _l("How many citizens support it."), "42"),
            Field("comments", Kind.INTEGER, _l("How many comments it has (shown ones)."), "7"),
            Field(
                "challenge",
                Kind.INTEGER,
                _l(
                    "The challenge it answers, by number (the page of challenge 3 is "
                    "/challenges/3)."
                ),
                "3",
                empty=_l("Not an answer to a challenge."),
            ),
            Field(
                "language",
                Kind.LANGUAGE,
                _l("The language it is written in."),
                "da",
                empty=_l("Not known."),
            ),
            Field(
                "author",
                Kind.TEXT,
                _l(
                    "The author's display name, if they allowed it on their profile; "
                    "otherwise the words “a citizen” in the portal's main language."
                ),
                "Karen Holm",
            ),
            Field(
                "merged_into",
                Kind.INTEGER,
                _l("For a duplicate: the idea it was merged into, by number."),
                "12",
                empty=_l("Not merged."),
            ),
            Field("link", Kind.URL, _l("The idea's page."), "https://…/ideas/17"),
        ),
        ideas,
        ("ideas", "citizen participation"),
    ),
    Dataset(
        "status-changes",
        _l("Status changes"),
        _l(
            "Every step an idea has taken: from new to under review, handed over to a "
            "department, on a meeting's agenda, accepted, declined or implemented, with "
            "the public explanation given. Steps of ideas left out of the ideas dataset "
            "are left out too."
        ),
        Frequency.CONTINUOUS,
        (
            Field("idea", Kind.INTEGER, IDEA, "17"),
            Field(
                "from_status",
                Kind.KEY,
                _l("The status before."),
                "under_review",
                _statuses,
                _l("The idea's first status."),
            ),
            Field("to_status", Kind.KEY, _l("The status after."), "handed_over", _statuses),
            Field("changed", Kind.DATETIME, _l("When it changed."), "2026-04-02T09:30:00Z"),
            Field(
                "explanation",
                Kind.TEXT,
                _l("The public explanation, as written (Markdown)."),
                "Vi sender idéen til Vej og Park.",
                empty=_l("None was given."),
            ),
        ),
        status_changes,
        ("ideas", "decisions"),
    ),
    Dataset(
        "daily-counts",
        _l("Daily counts"),
        _l(
            "For each day (in UTC) since the portal opened: how many ideas were posted, "
            "how many supports were given and how many comments were written, counting "
            "what the portal shows."
        ),
        Frequency.DAILY,
        (
            Field("date", Kind.DATE, _l("The day (UTC)."), "2026-03-12"),
            Field("new_ideas", Kind.INTEGER, _l("Ideas posted that day."), "4"),
            Field("supports", Kind.INTEGER, _l("Supports given that day."), "57"),
            Field("comments", Kind.INTEGER, _l("Comments written that day."), "12"),
        ),
        daily_counts,
        ("statistics", "citizen participation"),
    ),
)
