"""Reading hand-overs, the officials' inbox and meetings, each in a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager, joinedload

from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.municipality.models import AgendaItem, Department, HandOver, Meeting, ThankYouNote
from portal.pagination import Page, paginate

INBOX_PER_PAGE = 30
MEETINGS_PER_PAGE = 20


def departments() -> list[Department]:
    return list(db.session.scalars(select(Department).order_by(Department.name_en)))


def hand_over_of(idea: Idea) -> HandOver | None:
    return db.session.scalar(
        select(HandOver)
        .where(HandOver.idea_id == idea.id)
        .options(joinedload(HandOver.department), joinedload(HandOver.answered_by))
    )


def thank_you_of(idea: Idea) -> ThankYouNote | None:
    """The public thank-you note, on an implemented idea (no query otherwise)."""
    if idea.status != IdeaStatus.IMPLEMENTED:
        return None
    return db.session.scalar(select(ThankYouNote).where(ThankYouNote.idea_id == idea.id))


def inbox(department_id: int | None, answered: bool, page: int) -> Page:
    """Hand-overs waiting for an answer (the most overdue first), or those
    answered (the latest first), for one department or all."""
    stmt = (
        select(HandOver)
        .join(Idea, Idea.id == HandOver.idea_id)
        .options(
            contains_eager(HandOver.idea).joinedload(Idea.category),
            joinedload(HandOver.department),
        )
    )
    count = select(func.count()).select_from(HandOver).join(Idea, Idea.id == HandOver.idea_id)
    conditions = [
        HandOver.answered_at.is_not(None) if answered else HandOver.answered_at.is_(None),
        Idea.visible,  # a hidden idea waits for the moderators, not an answer
    ]
    if department_id is not None:
        conditions.append(HandOver.department_id == department_id)
    stmt, count = stmt.where(*conditions), count.where(*conditions)
    if answered:
        stmt = stmt.order_by(HandOver.answered_at.desc(), HandOver.id.desc())
    else:
        stmt = stmt.order_by(HandOver.due_at, HandOver.id)
    return paginate(stmt, page, INBOX_PER_PAGE, db.session.scalar(count) or 0)


def overdue_count(department_id: int | None, now: datetime) -> int:
    stmt = (
        select(func.count())
        .select_from(HandOver)
        .join(Idea, Idea.id == HandOver.idea_id)
        .where(HandOver.answered_at.is_(None), HandOver.due_at < now, Idea.visible)
    )
    if department_id is not None:
        stmt = stmt.where(HandOver.department_id == department_id)
    return db.session.scalar(stmt) or 0


@dataclass
class Meetings:
    upcoming: list[Meeting]
    past: Page


def meetings(now: datetime, include_drafts: bool, page: int) -> Meetings:
    """Upcoming meetings (the next first) and a page of past ones (the latest first)."""
    base = select(Meeting)
    if not include_drafts:
        base = base.where(Meeting.published_at.is_not(None))
    upcoming = list(
        db.session.scalars(base.where(Meeting.starts_at >= now).order_by(Meeting.starts_at))
    )
    past_stmt = base.where(Meeting.starts_at < now)
    total = db.session.scalar(select(func.count()).select_from(past_stmt.subquery())) or 0
    past = paginate(
        past_stmt.order_by(Meeting.starts_at.desc(), Meeting.id.desc()),
        page,
        MEETINGS_PER_PAGE,
        total,
    )
    return Meetings(upcoming, past)


def agenda(meeting: Meeting, include_hidden: bool = True) -> list[AgendaItem]:
    """The meeting's agenda in order; ideas a moderator hid are left out of
    what the public sees."""
    stmt = select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
    if not include_hidden:
        stmt = stmt.join(Idea, Idea.id == AgendaItem.idea_id).where(Idea.visible)
    return list(
        db.session.scalars(
            stmt.options(
                joinedload(AgendaItem.idea).joinedload(Idea.category),
                joinedload(AgendaItem.idea).joinedload(Idea.author),
            ).order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def agenda_counts(meeting_ids: list[int]) -> dict[int, int]:
    """How many public ideas each meeting's agenda has."""
    if not meeting_ids:
        return {}
    return dict(
        db.session.execute(
            select(AgendaItem.meeting_id, func.count())
            .join(Idea, Idea.id == AgendaItem.idea_id)
            .where(AgendaItem.meeting_id.in_(meeting_ids), Idea.visible)
            .group_by(AgendaItem.meeting_id)
        ).all()
    )


def _undecided_item(idea_id):  # type: ignore[no-untyped-def]
    return select(AgendaItem.id).where(AgendaItem.idea_id == idea_id, AgendaItem.decision.is_(None))


def on_an_agenda(idea: Idea) -> bool:
    """On the agenda of a meeting (a draft too) that has not decided on it."""
    return db.session.scalar(_undecided_item(idea.id).limit(1)) is not None


def ready_for_agenda() -> list[Idea]:
    """Handed-over ideas not on an agenda now: what an official can add."""
    return list(
        db.session.scalars(
            select(Idea)
            .join(HandOver, HandOver.idea_id == Idea.id)
            .where(
                Idea.status == IdeaStatus.HANDED_OVER,
                Idea.visible,
                ~_undecided_item(Idea.id).exists(),
            )
            .order_by(case((HandOver.answered_at.is_(None), 0), else_=1), Idea.id)
            .limit(500)
        )
    )


def agenda_items_of(idea: Idea, include_drafts: bool) -> list[AgendaItem]:
    """The meetings an idea was or is on the agenda of, for its page."""
    stmt = (
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.idea_id == idea.id)
        .options(joinedload(AgendaItem.meeting))
        .order_by(Meeting.starts_at)
    )
    if not include_drafts:
        stmt = stmt.where(Meeting.published_at.is_not(None))
    return list(db.session.scalars(stmt))
