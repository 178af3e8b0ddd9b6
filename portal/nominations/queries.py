"""Read side of nominations: the owner's pyramid, a nominator's own list,
and the counts the challenge page shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal import suppression
from portal.accounts.models import User
from portal.challenges.models import Challenge
from portal.extensions import db
from portal.nominations import ranking
from portal.nominations.models import Nomination, NominationCall, Nominee
from portal.pagination import Page, paginate


@dataclass
class PyramidRow:
    nominee: Nominee
    weight: float
    nominators: int  # distinct people whose nominations count
    reasons: list[Nomination] = field(default_factory=list)
    merged: list[Nominee] = field(default_factory=list)  # records merged into this one


@dataclass(frozen=True)
class Person:
    """A node of the nomination graph: a nominee (``row``) or a nominator
    who came on their own (round 0), named only if they agreed."""

    key: str
    round: int
    weight: float
    row: PyramidRow | None = None
    name: str | None = None  # None: anonymous in the picture


@dataclass
class Pyramid:
    rows: list[PyramidRow]  # nominees, best first
    people: list[Person]  # every node, for the picture
    arrows: list[tuple[str, str]]  # nominator → nominee, by ``Person.key``
    nominations: int  # that count (not hidden)


def _visible(stmt):  # type: ignore[no-untyped-def]
    return stmt.where(Nomination.visible)


def pyramid(challenge: Challenge) -> Pyramid:
    """Every nominee (merged records counted as one person), ranked by
    weight (``nominations.ranking``), with the reasons given and the graph
    for the picture (three queries, however many nominations)."""
    records = list(
        db.session.scalars(
            select(Nominee)
            .where(Nominee.challenge_id == challenge.id)
            .options(joinedload(Nominee.jury_member), joinedload(Nominee.answer_invitation))
            .order_by(Nominee.id)
        )
    )
    nominations = list(
        db.session.scalars(
            _visible(select(Nomination))
            .where(Nomination.challenge_id == challenge.id)
            .options(joinedload(Nomination.nominator))
            .order_by(Nomination.created_at, Nomination.id)
        )
    )
    root = {n.id: n.merged_into_id or n.id for n in records}
    # A person is counted while a nomination of theirs is visible: one a
    # moderator hid takes them out of the pyramid if it was their only one.
    named = {root[m.nominee_id] for m in nominations}
    kept = [n for n in records if n.merged_into_id is None and n.id in named]
    # A nominee who took part and nominates in turn is one person, one node.
    person_of = {n.user_id: f"n{root[n.id]}" for n in records if n.user_id is not None}
    # One arrow per nominator and person, also when they named two records
    # the owners merged since.
    arrows = list(
        dict.fromkeys(
            (person_of.get(m.nominator_id, f"u{m.nominator_id}"), f"n{root[m.nominee_id]}")
            for m in nominations
            if person_of.get(m.nominator_id) != f"n{root[m.nominee_id]}"  # never one's own
        )
    )
    call = db.session.get(NominationCall, challenge.id)  # loaded with the challenge
    weights = ranking.pagerank(
        [f"n{n.id}" for n in kept] + [a for a, _b in arrows],
        arrows,
        votes=call.per_nominator if call else 1,
    )
    rows = {n.id: PyramidRow(n, weights.get(f"n{n.id}", 0.0), 0) for n in kept}
    for n in records:
        if n.merged_into_id in rows:
            rows[n.merged_into_id].merged.append(n)
    for m in nominations:
        rows[root[m.nominee_id]].reasons.append(m)
    for row in rows.values():
        row.nominators = len({m.nominator_id for m in row.reasons})
    ranked = sorted(rows.values(), key=lambda r: (-r.weight, -r.nominators, r.nominee.id))
    people = [Person(f"n{r.nominee.id}", r.nominee.round, r.weight, row=r) for r in ranked]
    citizens: dict[str, Person] = {}
    for m in nominations:
        key = f"u{m.nominator_id}"
        if key in weights and m.nominator_id not in person_of:
            known = citizens.get(key)
            name = m.nominator.display_name if m.named else None
            if known is None or (name and known.name is None):
                citizens[key] = Person(key, 0, weights[key], name=name)
    return Pyramid(ranked, people + list(citizens.values()), arrows, len(nominations))


def mine(user: User, challenge: Challenge) -> list[Nomination]:
    """The nominator's own nominations, with what became of each."""
    return list(
        db.session.scalars(
            select(Nomination)
            .where(Nomination.challenge_id == challenge.id, Nomination.nominator_id == user.id)
            .options(joinedload(Nomination.nominee).joinedload(Nominee.merged_into))
            .order_by(Nomination.created_at)
        )
    )


MODERATION_PER_PAGE = 50


def for_moderation(page: int) -> Page:
    """Every nomination, newest first, for moderators to read (names and
    texts, never an address): one query for the page, one for the total."""
    stmt = (
        select(Nomination)
        .options(
            joinedload(Nomination.nominator),
            joinedload(Nomination.nominee),
            joinedload(Nomination.challenge),
        )
        .order_by(Nomination.created_at.desc(), Nomination.id.desc())
    )
    total = db.session.scalar(select(func.count()).select_from(Nomination)) or 0
    return paginate(stmt, page, MODERATION_PER_PAGE, total)


def call_of(challenge: Challenge) -> NominationCall | None:
    return db.session.get(NominationCall, challenge.id)


def records_about(user: User):  # type: ignore[no-untyped-def]
    """SQL: the nominee records that are this person — the one they took
    part through, any found by their address, the records those were merged
    into and the records merged into any of them."""
    address = suppression.address_hash(user.email)
    own = (
        select(Nominee.id, Nominee.merged_into_id)
        .where((Nominee.user_id == user.id) | (Nominee.address_hash == address))
        .subquery()
    )
    people = select(func.coalesce(own.c.merged_into_id, own.c.id))
    return select(Nominee.id).where(Nominee.id.in_(people) | Nominee.merged_into_id.in_(people))


def export_of(user: User) -> dict[str, list[dict]]:
    """For the person's data download: the nominations they made (never the
    address they typed) and the records that are them as a nominee, with
    what was written about them (nominators named only if they agreed)."""
    made = db.session.scalars(
        select(Nomination)
        .where(Nomination.nominator_id == user.id)
        .options(joinedload(Nomination.nominee).joinedload(Nominee.merged_into))
        .order_by(Nomination.id)
    )
    about = list(
        db.session.scalars(
            select(Nominee).where(Nominee.id.in_(records_about(user))).order_by(Nominee.id)
        )
    )
    said = db.session.scalars(
        select(Nomination)
        .where(Nomination.nominee_id.in_([n.id for n in about]))
        .options(joinedload(Nomination.nominator))
        .order_by(Nomination.id)
    )
    return {
        "made": [
            {"challenge": m.challenge_id, "name": m.name or m.nominee.name,
             "knowledge": m.knowledge,
             "may_be_named": m.named, "made": _iso(m.created_at),
             "status": (m.nominee.merged_into or m.nominee).status,
             "hidden_reason": m.hidden_reason}
            for m in made
        ],
        "about_me": [
            {"challenge": n.challenge_id, "name": n.name, "round": n.round, "status": n.status,
             "invited": _iso(n.invited_at), "answered": _iso(n.answered_at),
             "shown_on_the_challenge": n.shown}
            for n in about
        ],
        "written_about_me": [
            {"challenge": m.challenge_id, "knowledge": m.knowledge, "made": _iso(m.created_at),
             "by": m.nominator.display_name if m.named else None}
            for m in said
        ],
    }  # fmt: skip


def _iso(value) -> str | None:  # type: ignore[no-untyped-def]
    return value.isoformat() if value else None
