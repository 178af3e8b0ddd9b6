"""Read side of a challenge's jury: who sits on it, the answers it scores,
the scores, and the results it gives."""

from __future__ import annotations

from sqlalchemy import func, select

from portal.challenges.models import Answer, Award, Challenge, Evaluation, JuryMember, Score
from portal.extensions import db
from portal.ideas.cards import loaded_for_cards
from portal.ideas.models import Idea


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
            .options(*loaded_for_cards())
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
        .options(*loaded_for_cards())
    )
    if challenge.results_published_at is not None:
        stmt = stmt.where(Answer.reasoning.is_not(None))
    rows = db.session.execute(stmt).all()

    def order(row) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        award = row[1].award
        return (AWARD_ORDER.index(Award(award)) if award else len(AWARD_ORDER), row[0].id)

    return [(idea, answer) for idea, answer in sorted(rows, key=order)]
