"""Keeping a version: every service that writes or changes an idea, a
comment, an answer or a decision calls ``keep`` in its transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text

from portal import fingerprints
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.timeutil import utcnow
from portal.versions.models import By, Kind, Revision


def fingerprint(revision: Any) -> str:
    """The SHA-256 (hex) of a version's canonical content: what it is of,
    its number, title, text and category id, and when, as sorted compact
    JSON in UTF-8 (the time in UTC, ISO 8601 with microseconds). A printed
    copy is checked by comparing its fingerprint with the history page's
    (the portal recomputes them from what it stores)."""
    content = {
        "kind": revision.kind, "target": revision.target_id, "number": revision.number,
        "title": revision.title, "body": revision.body, "category": revision.category_id,
        "at": revision.created_at.isoformat(timespec="microseconds"),
    }  # fmt: skip
    return fingerprints.of_content(content)


def keep(
    kind: Kind,
    target_id: int,
    idea_id: int,
    body: str,
    actor_id: int | None,
    by: By,
    *,
    title: str | None = None,
    category_id: int | None = None,
    reason: str | None = None,
) -> Revision:
    """Add the next version of a thing (its number follows the newest). The
    idea's row is locked first, so two versions on one idea page written at
    the same moment get numbers one after the other."""
    db.session.execute(select(Idea.id).where(Idea.id == idea_id).with_for_update())
    newest = db.session.scalar(
        select(func.max(Revision.number)).where(
            Revision.kind == kind, Revision.target_id == target_id
        )
    )
    revision = Revision(
        kind=kind, target_id=target_id, idea_id=idea_id, number=(newest or 0) + 1, title=title,
        body=body, category_id=category_id, written_by=by, reason=reason or None,
        actor_id=actor_id, created_at=utcnow(),
    )  # fmt: skip
    revision.digest = fingerprint(revision)
    db.session.add(revision)
    return revision


def newest_number(revision: Revision) -> int:
    """The number of the newest version of what ``revision`` is a version of."""
    return db.session.scalar(
        select(func.max(Revision.number)).where(
            Revision.kind == revision.kind, Revision.target_id == revision.target_id
        )
    )


def author_of(revision: Revision) -> int | None:
    """The account that wrote the idea or comment a version is of (None for
    the municipality's answers and decisions, and for an erased account)."""
    if revision.kind == Kind.IDEA:
        return db.session.scalar(select(Idea.author_id).where(Idea.id == revision.target_id))
    if revision.kind == Kind.COMMENT:
        return db.session.scalar(select(Comment.author_id).where(Comment.id == revision.target_id))
    return None


# What was written before it had versions (loaded in bulk): its first
# version, as it is now, dated when it was written.
_UNVERSIONED = {
    Kind.IDEA: "SELECT id, id, title, body, category_id, author_id, created_at, 'author'"
    " FROM idea WHERE id NOT IN (SELECT target_id FROM revision WHERE kind = 'idea')",
    Kind.COMMENT: "SELECT id, idea_id, NULL, body, NULL, author_id, created_at, 'author'"
    " FROM comment WHERE id NOT IN (SELECT target_id FROM revision WHERE kind = 'comment')",
    Kind.ANSWER: "SELECT id, idea_id, NULL, answer, NULL, answered_by_id, answered_at,"
    " 'municipality' FROM hand_over WHERE answer IS NOT NULL AND answered_at IS NOT NULL"
    " AND id NOT IN (SELECT target_id FROM revision WHERE kind = 'answer')",
    Kind.DECISION: "SELECT id, idea_id, NULL, coalesce(decision_text, ''), NULL, decided_by_id,"
    " decided_at, 'municipality' FROM agenda_item WHERE decided_at IS NOT NULL"
    " AND id NOT IN (SELECT target_id FROM revision WHERE kind = 'decision')",
}


def keep_first_versions() -> int:
    """Give everything without a version its first one (demo content and
    other bulk loads); how many were added."""
    rows = []
    for kind, query in _UNVERSIONED.items():
        for target, idea, title, body, category, actor, at, by in db.session.execute(text(query)):
            if isinstance(at, str):  # SQLite hands back text for a plain query
                at = datetime.fromisoformat(at)
            revision = Revision(
                kind=kind, target_id=target, idea_id=idea, number=1, title=title, body=body,
                category_id=category, written_by=by, actor_id=actor, created_at=at,
            )  # fmt: skip
            revision.digest = fingerprint(revision)
            rows.append(revision)
    db.session.add_all(rows)
    return len(rows)
