"""Read side of nominations: the owner's pyramid, a nominator's own list,
and the counts the challenge page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.challenges.models import Challenge
from portal.extensions import db
from portal.nominations import ranking
from portal.nominations.models import Nomination, NominationCall, Nominee, NomineeStatus


@dataclass
class PyramidRow:
    nominee: Nominee
    weight: float
    nominators: int  # distinct people whose nominations count
    reasons: list[Nomination] = field(default_factory=list)


def _visible(stmt):  # type: ignore[no-untyped-def]
    return stmt.where(Nomination.hidden_at.is_(None))


def pyramid(challenge: Challenge) -> list[PyramidRow]:
    """Every nominee, ranked by weight (``nominations.ranking``), with the
    reasons given (two queries, however many nominations)."""
    nominees = list(
        db.session.scalars(
            select(Nominee).where(
                Nominee.challenge_id == challenge.id, Nominee.merged_into_id.is_(None)
            )
        )
    )
    nominations = list(
        db.session.scalars(
            _visible(select(Nomination))
            .where(Nomination.challenge_id == challenge.id)
            .options(joinedload(Nomination.nominator))
            .order_by(Nomination.created_at)
        )
    )
    # A nominee who took part and nominates in turn is one person, one node.
    person_of = {n.user_id: f"n{n.id}" for n in nominees if n.user_id is not None}
    edges = [
        (person_of.get(m.nominator_id, f"u{m.nominator_id}"), f"n{m.nominee_id}")
        for m in nominations
    ]
    nodes = [f"n{n.id}" for n in nominees] + [source for source, _target in edges]
    weights = ranking.pagerank(nodes, edges)
    rows = {n.id: PyramidRow(n, weights.get(f"n{n.id}", 0.0), 0) for n in nominees}
    for m in nominations:
        row = rows.get(m.nominee_id)
        if row is not None:
            row.reasons.append(m)
    for row in rows.values():
        row.nominators = len({m.nominator_id for m in row.reasons})
    return sorted(rows.values(), key=lambda r: (-r.weight, -r.nominators, r.nominee.id))


def mine(user: User, challenge: Challenge) -> list[Nomination]:
    """The nominator's own nominations, with what became of each."""
    return list(
        db.session.scalars(
            select(Nomination)
            .where(Nomination.challenge_id == challenge.id, Nomination.nominator_id == user.id)
            .options(joinedload(Nomination.nominee))
            .order_by(Nomination.created_at)
        )
    )


@dataclass(frozen=True)
class Counts:
    nominated: int
    took_part: int


def counts(challenge: Challenge) -> Counts:
    """How many people have been nominated and how many took part (one query)."""
    rows = dict(
        db.session.execute(
            select(Nominee.status == NomineeStatus.TOOK_PART, func.count())
            .where(Nominee.challenge_id == challenge.id, Nominee.merged_into_id.is_(None))
            .group_by(Nominee.status == NomineeStatus.TOOK_PART)
        ).all()
    )
    return Counts(sum(rows.values()), rows.get(True, 0))


def call_of(challenge: Challenge) -> NominationCall | None:
    return db.session.get(NominationCall, challenge.id)
