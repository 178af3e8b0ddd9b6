"""What the feeds show: only public content, newest first, a bounded number."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea, StatusChange
from portal.ideas.queries import public_ideas
from portal.municipality.models import AgendaItem, HandOver, Meeting

LIMIT = 50


def new_ideas(category_id: int | None = None, area_id: int | None = None) -> list[Idea]:
    stmt = public_ideas()
    if category_id is not None:
        stmt = stmt.where(Idea.category_id == category_id)
    if area_id is not None:
        stmt = stmt.where(Idea.area_id == area_id)
    return list(
        db.session.scalars(stmt.order_by(Idea.created_at.desc(), Idea.id.desc()).limit(LIMIT))
    )


def comments_of(idea: Idea) -> list[Comment]:
    return list(
        db.session.scalars(
            select(Comment)
            .where(Comment.idea_id == idea.id, Comment.public)
            .options(joinedload(Comment.author))
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(LIMIT)
        )
    )


def status_changes_of(idea: Idea) -> list[StatusChange]:
    return list(
        db.session.scalars(
            select(StatusChange)
            .where(StatusChange.idea_id == idea.id)
            .order_by(StatusChange.created_at.desc(), StatusChange.id.desc())
            .limit(LIMIT)
        )
    )


def answer_of(idea: Idea) -> HandOver | None:
    return db.session.scalar(
        select(HandOver)
        .where(HandOver.idea_id == idea.id, HandOver.answer_html != "")
        .options(joinedload(HandOver.department))
    )


def answers() -> list[HandOver]:
    """The municipality's written answers to public ideas, the latest first
    (one answered by a meeting's decision is in that meeting's feed)."""
    return list(
        db.session.scalars(
            select(HandOver)
            .join(Idea, Idea.id == HandOver.idea_id)
            .where(HandOver.answer_html != "", Idea.visible)
            .options(joinedload(HandOver.idea), joinedload(HandOver.department))
            .order_by(HandOver.answered_at.desc(), HandOver.id.desc())
            .limit(LIMIT)
        )
    )


def published_meetings() -> list[Meeting]:
    """Published meetings, the most recently changed first."""
    return list(
        db.session.scalars(
            select(Meeting)
            .where(Meeting.published_at.is_not(None))
            .order_by(Meeting.updated_at.desc(), Meeting.id.desc())
            .limit(LIMIT)
        )
    )


def public_agendas(meetings: list[Meeting]) -> dict[int, list[AgendaItem]]:
    """The public agenda items of the given meetings, in order, in one query."""
    agendas: dict[int, list[AgendaItem]] = {m.id: [] for m in meetings}
    if not meetings:
        return agendas
    items = db.session.scalars(
        select(AgendaItem)
        .join(Idea, Idea.id == AgendaItem.idea_id)
        .where(AgendaItem.meeting_id.in_(list(agendas)), Idea.visible)
        .options(joinedload(AgendaItem.idea))
        .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    )
    for item in items:
        agendas[item.meeting_id].append(item)
    return agendas
