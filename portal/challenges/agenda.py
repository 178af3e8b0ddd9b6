"""A challenge's results on a committee meeting's agenda: those who manage
meetings put a challenge whose results are published on an upcoming
meeting, so the committee takes them up; the meeting page and its printed
report list them after the ideas."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.challenges.models import AgendaChallenge, Challenge, Phase
from portal.errors import DomainError
from portal.extensions import db
from portal.moderation.services import log
from portal.municipality.models import Meeting
from portal.timeutil import utcnow

WITH_RESULTS = (Phase.RESULTS, Phase.CLOSED)


class AgendaError(DomainError):
    messages = {
        "meeting held": _l("This meeting has already begun: its agenda can no longer change."),
        "no results": _l("Only a challenge whose results are published can go on an agenda."),
        "already": _l("This challenge is already on this meeting's agenda."),
        "not on agenda": _l("That challenge is not on the agenda of this meeting."),
    }


def _entry(meeting: Meeting, challenge: Challenge) -> AgendaChallenge | None:
    return db.session.scalar(
        select(AgendaChallenge).where(
            AgendaChallenge.meeting_id == meeting.id, AgendaChallenge.challenge_id == challenge.id
        )
    )


def put_on_agenda(actor: User, meeting: Meeting, challenge: Challenge) -> AgendaChallenge:
    if meeting.has_begun(utcnow()):
        raise AgendaError("meeting held")
    if challenge.phase not in WITH_RESULTS:
        raise AgendaError("no results")
    if _entry(meeting, challenge) is not None:
        raise AgendaError("already")
    entry = AgendaChallenge(meeting_id=meeting.id, challenge_id=challenge.id, added_by_id=actor.id)
    db.session.add(entry)
    meeting.updated_at = utcnow()
    log(actor, "agenda_challenge_added", meeting, challenge=challenge.id)
    db.session.flush()
    return entry


def take_off_agenda(actor: User, meeting: Meeting, challenge: Challenge) -> None:
    if meeting.has_begun(utcnow()):
        raise AgendaError("meeting held")
    entry = _entry(meeting, challenge)
    if entry is None:
        raise AgendaError("not on agenda")
    db.session.delete(entry)
    meeting.updated_at = utcnow()
    log(actor, "agenda_challenge_removed", meeting, challenge=challenge.id)


def on_agenda(meeting: Meeting) -> list[Challenge]:
    """The challenges on the meeting's agenda, in the order they were put there."""
    return list(
        db.session.scalars(
            select(Challenge)
            .join(AgendaChallenge, AgendaChallenge.challenge_id == Challenge.id)
            .where(AgendaChallenge.meeting_id == meeting.id)
            .options(joinedload(Challenge.department))
            .order_by(AgendaChallenge.added_at, AgendaChallenge.id)
        )
    )


def ready_for(meeting: Meeting) -> list[Challenge]:
    """Challenges with published results not yet on this meeting's agenda."""
    taken = select(AgendaChallenge.challenge_id).where(AgendaChallenge.meeting_id == meeting.id)
    return list(
        db.session.scalars(
            select(Challenge)
            .where(Challenge.phase.in_(WITH_RESULTS), Challenge.id.not_in(taken))
            .order_by(Challenge.results_published_at.desc(), Challenge.id.desc())
            .limit(100)
        )
    )


def meetings_of(challenge: Challenge, include_drafts: bool) -> list[Meeting]:
    """The meetings that take up the challenge's results (published ones,
    unless the reader manages meetings)."""
    stmt = (
        select(Meeting)
        .join(AgendaChallenge, AgendaChallenge.meeting_id == Meeting.id)
        .where(AgendaChallenge.challenge_id == challenge.id)
        .order_by(Meeting.starts_at)
    )
    if not include_drafts:
        stmt = stmt.where(Meeting.published_at.is_not(None))
    return list(db.session.scalars(stmt))
