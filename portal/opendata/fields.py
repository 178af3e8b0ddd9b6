"""What an open dataset is: its fields (the data dictionary the open-data
page shows in the reader's language), how often it changes, and where its
rows come from. The datasets themselves are defined by subject beside this
module (``ideas``, ``municipal``, ``challenges``) and listed in ``datasets``.

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

from portal.extensions import db
from portal.urls import absolute_url

BATCH = 1000  # rows fetched from the database at a time
IDEA = _l("The idea's number (the page of idea 17 is /ideas/17).")


def page_address(endpoint: str, key: str) -> Callable[[int], str]:
    """The public address of a thing's page by its number, built once for
    every row ("https://…/ideas/" + 17) instead of once a row."""
    prefix = absolute_url(endpoint, **{key: 1})[: -len("1")]
    return lambda number: f"{prefix}{number}"


def streamed(stmt) -> Iterator:  # type: ignore[no-untyped-def]
    """The statement's rows, fetched in batches while they are written out."""
    return iter(db.session.execute(stmt.execution_options(yield_per=BATCH)))


class Kind(StrEnum):
    INTEGER = "integer"
    TEXT = "string"
    KEY = "key"
    DATETIME = "datetime"
    DATE = "date"
    LANGUAGE = "language"
    URL = "url"
    BOOLEAN = "boolean"


KIND_LABELS = {
    Kind.INTEGER: _l("Whole number"),
    Kind.TEXT: _l("Text"),
    Kind.KEY: _l("One of the values listed"),
    Kind.DATETIME: _l("Date and time in UTC (ISO 8601), e.g. 2026-03-12T18:00:00Z"),
    Kind.DATE: _l("Date (ISO 8601), e.g. 2026-03-12"),
    Kind.LANGUAGE: _l("Language code (da, nb, nl, en)"),
    Kind.URL: _l("Web address"),
    Kind.BOOLEAN: _l("true or false"),
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
