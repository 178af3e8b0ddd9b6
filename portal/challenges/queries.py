"""Read side of challenges: the lists, a challenge's answers, its terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import Integer, Select, bindparam, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from portal.accounts.models import User
from portal.challenges.models import (
    Answer,
    Challenge,
    Phase,
    Terms,
)
from portal.extensions import db
from portal.ideas.cards import loaded_for_cards
from portal.ideas.models import Category, Idea
from portal.pagination import Page, paginate

ANSWER_SORTS = {
    "new": (_l("Newest"), (Idea.created_at.desc(), Idea.id.desc())),
    "top": (_l("Most supported"), (Idea.support_count.desc(), Idea.id.desc())),
    "discussed": (_l("Most discussed"), (Idea.comment_count.desc(), Idea.id.desc())),
}


@dataclass
class Overview:
    """The challenge list: each phase's challenges and how many answers each has."""

    open: list[Challenge] = field(default_factory=list)
    evaluation: list[Challenge] = field(default_factory=list)
    finished: list[Challenge] = field(default_factory=list)
    drafts: list[Challenge] = field(default_factory=list)
    answers: dict[int, int] = field(default_factory=dict)


def _with_details(stmt):  # type: ignore[no-untyped-def]
    return stmt.options(joinedload(Challenge.department), joinedload(Challenge.terms))


def overview(drafts_of_department: int | None, all_drafts: bool) -> Overview:
    """Public challenges by phase (open: nearest deadline first; the rest:
    newest first) and the drafts the reader manages."""
    found = Overview()
    rows = db.session.scalars(
        _with_details(select(Challenge)).order_by(Challenge.opens_at.desc(), Challenge.id.desc())
    ).all()
    for c in rows:
        if not c.is_public:  # a draft, or a draft cancelled before it opened
            if all_drafts or c.department_id == drafts_of_department:
                found.drafts.append(c)
        elif c.phase == Phase.OPEN:
            found.open.append(c)
        elif c.phase == Phase.EVALUATION:
            found.evaluation.append(c)
        else:
            found.finished.append(c)
    found.open.sort(key=lambda c: (c.closes_at, c.id))
    found.answers = answer_counts([c.id for c in rows])
    return found


def per_phase() -> list[tuple[dict[str, str], float]]:
    """How many challenges are in each phase (for /metrics)."""
    rows = db.session.execute(select(Challenge.phase, func.count()).group_by(Challenge.phase))
    counts = {phase: count for phase, count in rows}
    return [({"phase": phase.value}, counts.get(phase.value, 0)) for phase in Phase]


@cache  # built once per process: the front page asks for it each time
def _open_statement() -> Select:
    answers = (
        select(func.count())
        .select_from(Idea)
        .where(Idea.challenge_id == Challenge.id, Idea.public)
        .scalar_subquery()
    )
    return (
        _with_details(select(Challenge, answers))
        .where(Challenge.phase == Phase.OPEN)
        .order_by(Challenge.closes_at, Challenge.id)
        .limit(bindparam("limit", type_=Integer))
    )


def open_challenges(limit: int) -> list[tuple[Challenge, int]]:
    """For the front page: open challenges, nearest deadline first, each with
    its number of public answers (one query)."""
    rows = db.session.execute(_open_statement(), {"limit": limit})
    return [(challenge, count) for challenge, count in rows]


def answer_counts(challenge_ids: list[int]) -> dict[int, int]:
    """Public answers per challenge, in one query."""
    if not challenge_ids:
        return {}
    rows = db.session.execute(
        select(Idea.challenge_id, func.count())
        .where(Idea.challenge_id.in_(challenge_ids), Idea.public)
        .group_by(Idea.challenge_id)
    )
    return {challenge_id: count for challenge_id, count in rows}


OUTCOMES = {"awarded": _l("Awarded"), "other": _l("Not awarded")}


@dataclass
class AnswerFilter:
    """What the reader narrowed the answers to (None: everything)."""

    category_id: int | None = None
    outcome: str | None = None  # a key of OUTCOMES, once the results are out


@dataclass
class Facets:
    """How many public answers each category has, awarded or not: the
    filter's choices and every filtered total from one query."""

    rows: list[tuple[Category, str | None, int]]  # outcome: awarded, other, or not judged

    @property
    def categories(self) -> list[Category]:
        return sorted({c.id: c for c, _a, _n in self.rows}.values(), key=lambda c: c.position)

    def total(self, chosen: AnswerFilter) -> int:
        return sum(
            n
            for category, outcome, n in self.rows
            if chosen.category_id in (None, category.id) and chosen.outcome in (None, outcome)
        )


# An answer's outcome: awarded, judged and not awarded, or never judged (hidden
# during the evaluation and restored later): NULL.
_OUTCOME = case(
    (Answer.award.is_not(None), "awarded"), (Answer.reasoning.is_not(None), "other"), else_=None
)


def facets(challenge: Challenge) -> Facets:
    rows = db.session.execute(
        select(Category, _OUTCOME, func.count())
        .join(Idea, Idea.category_id == Category.id)
        .join(Answer, Answer.idea_id == Idea.id)
        .where(Idea.challenge_id == challenge.id, Idea.public)
        .group_by(Category.id, _OUTCOME)
    ).all()
    return Facets([(category, outcome, n) for category, outcome, n in rows])


def answers(
    challenge: Challenge,
    sort: str,
    page: int,
    per_page: int,
    chosen: AnswerFilter | None = None,
    total: int | None = None,
) -> Page:
    """One page of the challenge's public answers (narrowed to ``chosen``),
    with author and category; ``total`` from ``facets`` saves a count."""
    chosen = chosen or AnswerFilter()
    stmt = (
        select(Idea)
        .where(Idea.challenge_id == challenge.id, Idea.public)
        .options(*loaded_for_cards())
        .order_by(*ANSWER_SORTS[sort][1])
    )
    if chosen.category_id is not None:
        stmt = stmt.where(Idea.category_id == chosen.category_id)
    if chosen.outcome is not None:
        stmt = stmt.where(Idea.id.in_(select(Answer.idea_id).where(chosen.outcome == _OUTCOME)))
    if total is None:
        total = answer_counts([challenge.id]).get(challenge.id, 0)
    return paginate(stmt, page, per_page, total)


def answer_of(idea: Idea) -> Answer | None:
    """What the author of an answer agreed to: which terms, which version, when."""
    return db.session.scalar(
        select(Answer).where(Answer.idea_id == idea.id).options(joinedload(Answer.terms))
    )


def ideas_to_give(user: User) -> list[Idea]:
    """The author's public ideas that answer no challenge yet."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(Idea.author_id == user.id, Idea.public, Idea.challenge_id.is_(None))
            .order_by(Idea.created_at.desc(), Idea.id.desc())
            .limit(50)
        )
    )


def current_terms() -> list[Terms]:
    return list(
        db.session.scalars(select(Terms).where(Terms.current.is_(True)).order_by(Terms.name_en))
    )


def all_terms() -> list[Terms]:
    """Every version, newest of each first (for the admins' list)."""
    return list(db.session.scalars(select(Terms).order_by(Terms.slug, Terms.version.desc())))


@cache  # built once per process: every page of a challenge starts with it
def _load_statement() -> Select:
    # Pyramiding builds on challenges and maps the call onto them.
    from portal.nominations.models import NominationCall, Nominee

    return (
        _with_details(select(Challenge))
        .where(Challenge.id == bindparam("challenge_id", type_=Integer))
        .options(
            selectinload(Challenge.criteria),
            joinedload(Challenge.nomination_call)
            .selectinload(NominationCall.experts)
            .joinedload(Nominee.user),
        )
    )


def load(challenge_id: int) -> Challenge | None:
    """The challenge with its department, terms, criteria and call for
    nominations (with its counts and the nominated experts who are named)."""
    return db.session.scalar(_load_statement(), {"challenge_id": challenge_id})


def public_challenges(limit: int) -> list[Challenge]:
    """Every challenge past its draft, most recently changed first (feeds)."""
    return list(
        db.session.scalars(
            _with_details(select(Challenge))
            .where(Challenge.is_public)
            .order_by(Challenge.updated_at.desc(), Challenge.id.desc())
            .limit(limit)
        )
    )


def with_deadlines() -> list[Challenge]:
    """Challenges whose deadline or results date is still to come or recent
    (for the calendar): open ones and those in evaluation."""
    return list(
        db.session.scalars(
            select(Challenge)
            .where(Challenge.phase.in_([Phase.OPEN, Phase.EVALUATION]))
            .order_by(Challenge.closes_at, Challenge.id)
        )
    )
