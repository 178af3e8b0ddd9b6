"""Reading versions: an idea page's whole history, and the newest versions
a printed report names (a fixed number of queries each)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.versions.models import Kind, Revision


@dataclass
class Thread:
    """The versions of one thing, oldest first; ``pairs`` newest first, each
    with the version it is compared with: the nearest earlier one that is
    not hidden (None for the first shown), so a hidden version's text shows
    nowhere, not even as what a later version removed."""

    kind: str
    target_id: int
    versions: list[Revision] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[Revision, Revision | None]]:
        pairs, shown = [], None
        for version in self.versions:
            pairs.append((version, shown))
            if version.hidden_at is None:
                shown = version
        return pairs[::-1]

    @property
    def edited(self) -> bool:
        return len(self.versions) > 1


def history(idea: Idea) -> list[Thread]:
    """Every version shown on the idea's page: the idea's own, its answer's,
    its decisions', and those of its comments that are shown (a hidden
    comment's versions are as hidden as the comment). Two queries."""
    hidden = set(
        db.session.scalars(select(Comment.id).where(Comment.idea_id == idea.id, ~Comment.public))
    )
    threads: dict[tuple[str, int], Thread] = {}
    for revision in db.session.scalars(
        select(Revision)
        .where(Revision.idea_id == idea.id)
        .options(joinedload(Revision.actor), joinedload(Revision.category))
        .order_by(Revision.kind, Revision.target_id, Revision.number)
    ):
        if revision.kind == Kind.COMMENT and revision.target_id in hidden:
            continue
        key = (revision.kind, revision.target_id)
        threads.setdefault(key, Thread(*key)).versions.append(revision)
    order = {Kind.IDEA: 0, Kind.ANSWER: 1, Kind.DECISION: 2, Kind.COMMENT: 3}
    return sorted(threads.values(), key=lambda t: (order[Kind(t.kind)], t.target_id))


def newest(idea_ids: list[int], kinds: tuple[Kind, ...]) -> dict[tuple[str, int], Revision]:
    """The newest version of each thing of those kinds on those ideas, by
    (kind, target id): what a report prints the fingerprint of. One query."""
    found: dict[tuple[str, int], Revision] = {}
    if not idea_ids:
        return found
    for revision in db.session.scalars(
        select(Revision)
        .where(Revision.idea_id.in_(idea_ids), Revision.kind.in_([k.value for k in kinds]))
        .order_by(Revision.number)
    ):
        found[(revision.kind, revision.target_id)] = revision
    return found
