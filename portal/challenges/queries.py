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
    Award,
    Challenge,
    Evaluation,
    JuryMember,
    Phase,
    Score,
    Terms,
)
from portal.extensions import db
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
        .options(joinedload(Idea.author), joinedload(Idea.category))
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


# --- the jury ----------------------------------------------------------------


def member_of(user: object, challenge: Challenge) -> JuryMember | None:
    """The reader's seat on this challenge's jury, once they have joined."""
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(JuryMember).where(
            JuryMember.challenge_id == challenge.id,
            JuryMember.user_id == user.id,  # type: ignore[attr-defined]
        )
    )


def jury(challenge: Challenge) -> list[JuryMember]:
    """Every member and open invitation (for the owner), in the order added."""
    return list(
        db.session.scalars(
            select(JuryMember)
            .where(JuryMember.challenge_id == challenge.id)
            .order_by(JuryMember.invited_at, JuryMember.id)
        )
    )


def joined_jury(challenge: Challenge) -> list[JuryMember]:
    """The members who joined, by name (a jury is a handful of people)."""
    return list(
        db.session.scalars(
            select(JuryMember)
            .where(JuryMember.challenge_id == challenge.id, JuryMember.user_id.is_not(None))
            .order_by(JuryMember.name)
        )
    )


def public_jury(members: list[JuryMember]) -> tuple[list[str], int]:
    """Of the members who joined (``joined_jury``), the names of those who
    did not opt out, and how many others there are ("and 2 more")."""
    return [m.name for m in members if m.name_public], sum(1 for m in members if not m.name_public)


def seat_among(members: list[JuryMember], user: object) -> JuryMember | None:
    """``member_of`` answered from the joined members already loaded."""
    if not getattr(user, "is_authenticated", False):
        return None
    return next((m for m in members if m.user_id == user.id), None)  # type: ignore[attr-defined]


def answers_to_score(challenge: Challenge) -> list[Idea]:
    """Every public answer, oldest first (hidden answers leave the jury's list)."""
    return list(
        db.session.scalars(
            select(Idea)
            .where(Idea.challenge_id == challenge.id, Idea.public)
            .options(joinedload(Idea.author), joinedload(Idea.category))
            .order_by(Idea.created_at, Idea.id)
        )
    )


def scores_of(challenge: Challenge, member: JuryMember | None = None) -> list:
    """The scores of the challenge's public answers (of one member, if
    given), as rows of (member_id, idea_id, criterion_id, value): a ranking
    reads thousands of them, and nothing here changes them."""
    stmt = (
        select(Score.member_id, Score.idea_id, Score.criterion_id, Score.value)
        .join(Idea, Idea.id == Score.idea_id)
        .where(Idea.challenge_id == challenge.id, Idea.public)
    )
    if member is not None:
        stmt = stmt.where(Score.member_id == member.id)
    return list(db.session.execute(stmt))


def supports_of(challenge: Challenge) -> dict[int, int]:
    """Every public answer's supports as the public-support criterion counts
    them: at the deadline once it has passed, until then as they are. No
    query (and nothing) when the challenge has no such criterion."""
    if len(challenge.jury_criteria) == len(challenge.criteria):
        return {}
    rows = db.session.execute(
        select(Idea.id, func.coalesce(Answer.supports_at_close, Idea.support_count))
        .join(Answer, Answer.idea_id == Idea.id)
        .where(Idea.challenge_id == challenge.id, Idea.public)
    )
    return {idea_id: count for idea_id, count in rows}


def individual_scores(challenge: Challenge) -> dict[int, dict[int, list[int]]]:
    """Each public answer's scores per criterion, lowest first and without
    who gave them (shown to authors when the challenge's admin allows it)."""
    found: dict[int, dict[int, list[int]]] = {}
    for s in scores_of(challenge):
        found.setdefault(s.idea_id, {}).setdefault(s.criterion_id, []).append(s.value)
    for by_criterion in found.values():
        for values in by_criterion.values():
            values.sort()
    return found


def progress(challenge: Challenge, answers: list[Idea]) -> dict[int, int]:
    """How many of ``answers`` each member has dealt with: scored on every
    jury criterion, or declared a conflict on (two queries for the jury)."""
    complete = len(challenge.jury_criteria)
    ids = {i.id for i in answers}
    counted: dict[tuple[int, int], int] = {}
    for s in scores_of(challenge):
        counted[s.member_id, s.idea_id] = counted.get((s.member_id, s.idea_id), 0) + 1
    done = {key for key, n in counted.items() if n >= complete}
    done |= {
        (member_id, idea_id)
        for member_id, idea_id in db.session.execute(
            select(Evaluation.member_id, Evaluation.idea_id)
            .join(JuryMember, JuryMember.id == Evaluation.member_id)
            .where(
                JuryMember.challenge_id == challenge.id,
                Evaluation.conflict_declared_at.is_not(None),
            )
        )
    }
    found: dict[int, int] = {}
    for member_id, idea_id in done:
        if idea_id in ids:
            found[member_id] = found.get(member_id, 0) + 1
    return found


def evaluations_of(member: JuryMember) -> dict[int, Evaluation]:
    """The member's notes and conflicts, by answer."""
    rows = db.session.scalars(select(Evaluation).where(Evaluation.member_id == member.id))
    return {e.idea_id: e for e in rows}


def conflicts_of(challenge: Challenge) -> dict[int, int]:
    """How many members declared a conflict on each answer (for the owner)."""
    rows = db.session.execute(
        select(Evaluation.idea_id, func.count())
        .join(JuryMember, JuryMember.id == Evaluation.member_id)
        .where(
            JuryMember.challenge_id == challenge.id, Evaluation.conflict_declared_at.is_not(None)
        )
        .group_by(Evaluation.idea_id)
    )
    return {idea_id: n for idea_id, n in rows}


AWARD_ORDER = [Award.FIRST, Award.SECOND, Award.THIRD, Award.WINNER, Award.MENTION]


def results_of(challenge: Challenge) -> list[tuple[Idea, Answer]]:
    """Every public answer with its outcome: the awarded first (1st, 2nd,
    3rd, winners, honourable mentions), then the others, oldest first. Once
    the results are out, only the answers judged then (one hidden during the
    evaluation and restored later was never judged)."""
    stmt = (
        select(Idea, Answer)
        .join(Answer, Answer.idea_id == Idea.id)
        .where(Idea.challenge_id == challenge.id, Idea.public)
        .options(joinedload(Idea.author), joinedload(Idea.category))
    )
    if challenge.results_published_at is not None:
        stmt = stmt.where(Answer.reasoning.is_not(None))
    rows = db.session.execute(stmt).all()

    def order(row) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        award = row[1].award
        return (AWARD_ORDER.index(Award(award)) if award else len(AWARD_ORDER), row[0].id)

    return [(idea, answer) for idea, answer in sorted(rows, key=order)]
