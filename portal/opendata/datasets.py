"""The open datasets: what each holds, what each field means (the data
dictionary the open-data page shows in the reader's language), and where
its rows come from (``rows``).

One row per thing, no column per language: values that are words in the
portal (a status, a category) are keys, and the dictionary says what each
key means. Only public content; no e-mail address, no account id of a
person, no IP address; an author's display name only when the person
allowed it on their profile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from flask_babel import lazy_gettext as _l

from portal.ideas.models import STATUS_LABELS
from portal.opendata import rows


class Kind(StrEnum):
    INTEGER = "integer"
    TEXT = "string"
    KEY = "key"
    DATETIME = "datetime"
    DATE = "date"
    LANGUAGE = "language"
    URL = "url"


KIND_LABELS = {
    Kind.INTEGER: _l("Whole number"),
    Kind.TEXT: _l("Text"),
    Kind.KEY: _l("One of the values listed"),
    Kind.DATETIME: _l("Date and time in UTC (ISO 8601), e.g. 2026-03-12T18:00:00Z"),
    Kind.DATE: _l("Date (ISO 8601), e.g. 2026-03-12"),
    Kind.LANGUAGE: _l("Language code (da, nb, nl, en)"),
    Kind.URL: _l("Web address"),
}


class Frequency(StrEnum):
    """How often a dataset changes: the EU's frequency vocabulary."""

    CONTINUOUS = "CONT"
    DAILY = "DAILY"


FREQUENCY_LABELS = {
    Frequency.CONTINUOUS: _l("Whenever someone writes: the download is always up to date."),
    Frequency.DAILY: _l("Once a day; today's figures grow until midnight (UTC)."),
}


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    meaning: object  # a lazy string
    example: str
    values: Callable[[], Mapping[str, object]] | None = None  # for a key: what each means
    empty: object = None  # what an empty cell means, if it can be empty


@dataclass(frozen=True)
class Dataset:
    name: str  # in the addresses: /open-data/<name>.csv
    title: object
    description: object
    frequency: Frequency
    fields: tuple[Field, ...]
    rows: Callable[[], Iterator[tuple]]  # the values in the fields' order, streamed
    keywords: tuple[str, ...] = field(default=())


def _statuses() -> Mapping[str, object]:
    return {str(status): label for status, label in STATUS_LABELS.items()}


IDEA = _l("The idea's number (the page of idea 17 is /ideas/17).")

DATASETS = (
    Dataset(
        "ideas",
        _l("Ideas"),
        _l(
            "Every idea citizens have posted and the portal shows: its title, category, "
            "status and how many support it and have commented. Ideas a moderator hid, "
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
                values=rows.category_names,
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
        rows.ideas,
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
        rows.status_changes,
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
        rows.daily_counts,
        ("statistics", "citizen participation"),
    ),
)
BY_NAME = {dataset.name: dataset for dataset in DATASETS}
