"""A dataset's rows written as CSV (RFC 4180) or JSON, a batch at a time.

CSV: UTF-8, one header row of the field names, CRLF line ends, quotes only
where a cell needs them, times in UTC as ISO 8601 with a Z. A text cell that
starts with = + - @, a tab or a carriage return gets a leading ' so that a
spreadsheet shows it instead of running it as a formula. JSON: an array of
objects with the same field names and the values as they are (numbers as
numbers, an empty cell as null); nothing is neutralised there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from portal.opendata.fields import Dataset

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_CHUNK = 500


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.replace(microsecond=0).isoformat() + "Z"  # stored in UTC, without tzinfo
    if isinstance(value, date):
        return value.isoformat()
    return value


def neutralised(value: object) -> object:
    """A CSV cell as a spreadsheet must show it: text, never a formula."""
    if isinstance(value, bool):
        return "true" if value else "false"
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _chunks(rows: Iterable[tuple]) -> Iterator[list[tuple]]:
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == ROWS_PER_CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def csv_body(dataset: Dataset) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def taken() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode()

    writer.writerow([f.name for f in dataset.fields])
    yield taken()
    for chunk in _chunks(dataset.rows()):
        writer.writerows([neutralised(v) for v in row] for row in chunk)
        yield taken()


def json_body(dataset: Dataset) -> Iterator[bytes]:
    names = [f.name for f in dataset.fields]
    first = True
    yield b"["
    for chunk in _chunks(dataset.rows()):
        objects = (
            json.dumps(dict(zip(names, map(_plain, row), strict=True)), ensure_ascii=False)
            for row in chunk
        )
        text = ",\n".join(objects)
        yield (("\n" if first else ",\n") + text).encode()
        first = False
    yield b"\n]\n"
