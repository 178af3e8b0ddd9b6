"""The moderation log's hash chain.

Each entry carries a SHA-256 of what it says together with the digest of
the entry before it. Changing an entry behind the portal's back (in the
database, past the triggers that refuse it) breaks its own digest;
recomputing that digest breaks the next entry's link; removing or inserting
an entry breaks the places. ``flask audit verify`` walks the chain and names
the first entry that does not hold. The newest digest, the head, is shown
on the log page and printed in every meeting report: a chain rewritten
from the start to the end no longer ends in a head that was published.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update

from portal import fingerprints
from portal.extensions import db
from portal.moderation.models import GENESIS, LogEntry, LogHead
from portal.timeutil import utcnow

_HEAD = LogHead.__table__
_ENTRY = LogEntry.__table__
# What an entry says: everything but its row id (the place stands for it).
_CONTENT = ("seq", "prev_digest", "actor_id", "action", "target_type", "target_id", "reason",
            "details", "created_at")  # fmt: skip


def digest(values: Any) -> str:
    """The SHA-256 (hex) of an entry's content: its fields as sorted, compact
    JSON in UTF-8, the time as ISO 8601 with microseconds (UTC)."""
    content = {name: getattr(values, name) for name in _CONTENT}
    moment: datetime = content["created_at"]
    content["created_at"] = moment.isoformat(timespec="microseconds")
    return fingerprints.of_content(content)


def append(entry: LogEntry) -> None:
    """Give the entry the next place in the chain and add it to the session.
    The head row is updated first: on PostgreSQL that locks it until the
    transaction ends, on SQLite it starts the one writing transaction, so
    two actions at once take places one after the other."""
    db.session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(seq=_HEAD.c.seq + 1))
    entry.seq, entry.prev_digest = db.session.execute(
        select(_HEAD.c.seq, _HEAD.c.digest).where(_HEAD.c.id == 1)
    ).one()
    entry.created_at = utcnow()
    entry.digest = digest(entry)
    db.session.execute(update(_HEAD).where(_HEAD.c.id == 1).values(digest=entry.digest))
    db.session.add(entry)


@dataclass(frozen=True)
class Head:
    seq: int
    digest: str


def head() -> Head:
    """The newest entry's place and digest (0 and GENESIS while the log is empty)."""
    seq, value = db.session.execute(select(_HEAD.c.seq, _HEAD.c.digest)).one()
    return Head(seq, value)


def digest_at(seq: int) -> str | None:
    """The digest of the entry at that place (None when there is none)."""
    return db.session.scalar(select(_ENTRY.c.digest).where(_ENTRY.c.seq == seq))


def newest_about(targets: dict[str, list[int]]) -> Head | None:
    """The newest entry about any of the targets ({"meeting": [3], "idea":
    [5, 8]}): a report prints it, so its digest, which vouches for every
    entry before it, is published with what the report shows."""
    about = or_(
        *(
            and_(_ENTRY.c.target_type == kind, _ENTRY.c.target_id.in_(ids))
            for kind, ids in targets.items()
            if ids
        )
    )
    row = db.session.execute(
        select(_ENTRY.c.seq, _ENTRY.c.digest).where(about).order_by(_ENTRY.c.seq.desc()).limit(1)
    ).first()
    return Head(row.seq, row.digest) if row else None


# Why an entry does not hold, as ``flask audit verify`` says it (to the operator).
PROBLEMS = {
    "changed": "its content does not match its digest: it was changed",
    "unlinked": "it does not follow the entry before it: that entry was changed or replaced",
    "missing": "the entries before it are missing: they were removed",
    "head": "the log does not end at its recorded head: newest entries were removed",
    "unrecorded": "the recorded head never counted it: it was added behind the portal's back",
}


@dataclass(frozen=True)
class Break:
    """The first entry that does not hold (``entry_id`` None for "head")."""

    problem: str
    seq: int
    entry_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class Verdict:
    entries: int
    head: Head
    broken: Break | None


def _rows(batch: int) -> Iterator[Any]:
    """Every entry in the chain's order, ``batch`` rows at a time."""
    last = 0
    while True:
        rows = db.session.execute(
            select(_ENTRY.c.id, _ENTRY.c.digest, *(_ENTRY.c[name] for name in _CONTENT))
            .where(_ENTRY.c.seq > last)
            .order_by(_ENTRY.c.seq)
            .limit(batch)
        ).all()
        yield from rows
        if len(rows) < batch:
            return
        last = rows[-1].seq


def verify(batch: int = 2000) -> Verdict:
    """Walk the chain from its first entry; the first one that does not hold.
    The head is read before and after the walk: entries moderators add
    meanwhile are no alarm, entries the head never counted are."""
    before = head()
    expected, previous, count = 1, GENESIS, 0
    for row in _rows(batch):
        if row.seq > before.seq and not _counted(row.seq):
            return Verdict(count, head(), Break("unrecorded", row.seq, row.id, row.created_at))
        problem = None
        if row.seq != expected:
            problem = "missing"
        elif row.prev_digest != previous:
            problem = "unlinked"
        elif digest(row) != row.digest:
            problem = "changed"
        if problem:
            return Verdict(count, head(), Break(problem, row.seq, row.id, row.created_at))
        expected, previous, count = expected + 1, row.digest, count + 1
    after = head()
    # (Fewer entries than the head counts now, but as many as it counted
    # before: moderators added the rest after the walk read that far.)
    if count < before.seq or (count == after.seq and previous != after.digest):
        return Verdict(count, after, Break("head", count + 1))
    return Verdict(count, after, None)


def _counted(seq: int) -> bool:
    """Whether the head has reached ``seq`` (read again: a moderator may
    have just added it)."""
    return head().seq >= seq
