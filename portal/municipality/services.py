"""Hand-overs, answers, meetings and decisions: the municipality's rules.

Every action checks the workflow table, writes the idea's public history
where the status changes, tells the author and supporters, and is logged.
A refused action raises ``MunicipalityError`` with a key the views turn
into a translated message; nothing has changed then.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from wtforms.validators import InputRequired, NumberRange

from portal import settings
from portal.accounts.models import User
from portal.errors import DomainError
from portal.extensions import db
from portal.forms import REQUIRED, IntegerField
from portal.ideas import services as idea_services
from portal.ideas import workflow
from portal.ideas.models import Idea, IdeaStatus, StatusCause
from portal.moderation.services import log
from portal.municipality import queries
from portal.municipality.models import (
    AgendaItem,
    Decision,
    Department,
    HandOver,
    Meeting,
    ThankYouNote,
)
from portal.notifications import outcomes
from portal.notifications import services as notifications
from portal.permissions.refusals import HAND_OVER_REFUSALS, THANKS_REFUSAL
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.versions import services as versions
from portal.versions.models import By, Kind

ANSWER_DAYS_LABEL = _l("Days the municipality has to answer a hand-over")
settings.define(
    "answer_days",
    "ANSWER_DAYS",
    int,
    ANSWER_DAYS_LABEL,
    field=lambda: IntegerField(
        ANSWER_DAYS_LABEL,
        description=_l("Applies to hand-overs made from now on."),
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=1, max=365, message=_l("A number from 1 to 365, please.")),
        ],
    ),
)


class MunicipalityError(DomainError):
    """The action does not fit the state of the idea, hand-over or meeting."""

    messages = {
        "idea closed": HAND_OVER_REFUSALS["closed"],
        "already handed over": HAND_OVER_REFUSALS["with the municipality"],
        "transition": _l("The idea's status does not allow this step."),
        "meeting held": _l("This meeting has already begun: its agenda can no longer change."),
        "meeting not held": _l("A decision can be recorded once the meeting has begun."),
        "not handed over": _l("Only ideas handed over to the municipality can go on an agenda."),
        "already on agenda": _l("This idea is already on an agenda or has been decided."),
        "not on agenda": _l("That idea is not on the agenda of this meeting."),
        "already decided": _l("The decision on this item has already been recorded."),
        "already published": _l("The agenda is already published."),
        "not published": _l("Publish the meeting and its agenda before recording decisions."),
        "not implemented": THANKS_REFUSAL,
        "minutes approved": _l(
            "The minutes of this meeting are approved: they can no longer change."
        ),
        "outcome changed": _l(
            "A recorded decision keeps its outcome (the idea's status followed it); "
            "correct its text, or record a new decision at a later meeting."
        ),
        "nothing decided": _l("There is nothing on the agenda to approve minutes of."),
        "undecided items": _l(
            "Every item on the agenda needs its decision before the minutes are approved."
        ),
    }


DECISION_STATUS = {
    Decision.ACCEPTED: IdeaStatus.ACCEPTED,
    Decision.DECLINED: IdeaStatus.DECLINED,
    Decision.POSTPONED: IdeaStatus.HANDED_OVER,
}


def hand_over(
    moderator: User, idea: Idea, department: Department, memo: str, note: str = ""
) -> HandOver:
    """Hand a public idea to a department, with a memo and a due date."""
    if not idea.is_public:
        raise MunicipalityError("idea closed")
    if queries.hand_over_of(idea) is not None:
        raise MunicipalityError("already handed over")
    if not workflow.allowed(idea.status, IdeaStatus.HANDED_OVER):
        raise MunicipalityError("transition")
    now = utcnow()
    item = HandOver(
        idea_id=idea.id,
        department_id=department.id,
        memo=memo,
        memo_html=render_markdown(memo),
        support_count=idea.support_count,
        handed_over_by_id=moderator.id,
        created_at=now,
        due_at=now + timedelta(days=settings.get("answer_days")),
    )
    db.session.add(item)
    idea_services.change_status(idea, IdeaStatus.HANDED_OVER, moderator, note)
    log(moderator, "hand_over", idea, department=department.id)
    return item


def answer(official: User, item: HandOver, idea: Idea, text: str, status: IdeaStatus) -> None:
    """Write (or revise) the municipality's public answer and set the next status."""
    if not idea.is_public:
        raise MunicipalityError("idea closed")
    if status not in workflow.answer_choices(idea.status):
        raise MunicipalityError("transition")
    now = utcnow()
    first = item.answered_at is None
    item.answer, item.answer_html = text, render_markdown(text)
    item.answered_by_id = official.id
    if first:
        item.answered_at = now
    else:
        item.answer_edited_at = now
    versions.keep(Kind.ANSWER, item.id, idea.id, text, official.id, By.MUNICIPALITY)
    changed = status != idea.status
    if changed:
        idea_services.change_status(idea, status, official, notify=False)
    new_status = status if changed else None
    thanked = outcomes.implemented(idea, official, text, new_status)
    notifications.answered(idea, official, text, new_status, skip_author=thanked)
    log(official, "answer" if first else "answer_revised", idea)


def thank(staff: User, idea: Idea, text: str) -> ThankYouNote:
    """Write or revise the public thank-you note on an implemented idea."""
    if idea.status != IdeaStatus.IMPLEMENTED or not idea.is_public:
        raise MunicipalityError("not implemented")
    note = queries.thank_you_of(idea)
    if note is not None and note.body == text:
        return note  # nothing revised, nothing logged
    if note is None:
        note = ThankYouNote(idea_id=idea.id, body="", body_html="")
        db.session.add(note)
        log(staff, "thanks", idea)
    else:
        note.edited_at = utcnow()
        log(staff, "thanks_revised", idea)
    note.body, note.body_html = text, render_markdown(text)
    note.written_by_id = staff.id
    return note


def remove_thanks(staff: User, idea: Idea) -> None:
    note = queries.thank_you_of(idea)
    if note is not None:
        db.session.delete(note)
        log(staff, "thanks_removed", idea)


def set_review_status(moderator: User, idea: Idea, status: IdeaStatus, note: str) -> None:
    """A moderator marks a new idea as under review, or back as new."""
    if status not in (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW) or not idea.is_public:
        raise MunicipalityError("transition")
    if not workflow.allowed(idea.status, status):
        raise MunicipalityError("transition")
    idea_services.change_status(idea, status, moderator, note)
    log(moderator, "status", idea, f"{status.value}: {note}" if note else status.value)


# --- meetings -------------------------------------------------------------------


def save_meeting(
    official: User,
    meeting: Meeting | None,
    body: str,
    starts_at: datetime,
    place: str,
    description: str,
) -> Meeting:
    created = meeting is None
    if meeting is None:
        meeting = Meeting(created_by_id=official.id)
        db.session.add(meeting)
    elif starts_at != meeting.starts_at and meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting held")
    meeting.body, meeting.starts_at, meeting.place = body, starts_at, place
    meeting.description = description
    meeting.updated_at = utcnow()
    db.session.flush()
    log(official, "meeting_created" if created else "meeting_edited", meeting)
    return meeting


def publish(official: User, meeting: Meeting) -> None:
    """Publish the meeting: its ideas are now "on the agenda" for everyone."""
    if meeting.is_published:
        raise MunicipalityError("already published")
    meeting.published_at = meeting.updated_at = utcnow()
    for item in queries.agenda(meeting):
        if item.idea.status == IdeaStatus.HANDED_OVER:
            idea_services.change_status(item.idea, IdeaStatus.ON_AGENDA, official)
    log(official, "meeting_published", meeting)


def _item(meeting: Meeting, idea_id: int) -> AgendaItem:
    item = db.session.scalar(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting.id, AgendaItem.idea_id == idea_id)
    )
    if item is None:
        raise MunicipalityError("not on agenda")
    return item


def add_to_agenda(official: User, meeting: Meeting, idea: Idea) -> AgendaItem:
    """Put a handed-over idea at the end of an upcoming meeting's agenda. On
    a published meeting the idea is "on the agenda" at once; on a draft,
    when the meeting is published (a draft stays out of sight until then)."""
    if meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting held")
    if not idea.is_public or queries.hand_over_of(idea) is None:
        raise MunicipalityError("not handed over")
    if not workflow.allowed(idea.status, IdeaStatus.ON_AGENDA) or queries.on_an_agenda(idea):
        raise MunicipalityError("already on agenda")
    last = db.session.scalar(
        select(func.max(AgendaItem.position)).where(AgendaItem.meeting_id == meeting.id)
    )
    item = AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=(last or 0) + 1)
    db.session.add(item)
    if meeting.is_published:
        idea_services.change_status(idea, IdeaStatus.ON_AGENDA, official)
    meeting.updated_at = utcnow()
    log(official, "agenda_added", meeting, idea=idea.id)
    return item


def remove_from_agenda(official: User, meeting: Meeting, idea: Idea) -> None:
    if meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting held")
    item = _item(meeting, idea.id)
    if item.decision is not None:
        raise MunicipalityError("already decided")
    db.session.delete(item)
    if idea.status == IdeaStatus.ON_AGENDA:
        idea_services.change_status(idea, IdeaStatus.HANDED_OVER, official)
    meeting.updated_at = utcnow()
    log(official, "agenda_removed", meeting, idea=idea.id)


def move(official: User, meeting: Meeting, idea_id: int, direction: str) -> None:
    """Swap an agenda item with its neighbour above or below."""
    if meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting held")
    items = queries.agenda(meeting)
    index = next((i for i, it in enumerate(items) if it.idea_id == idea_id), None)
    if index is None:
        raise MunicipalityError("not on agenda")
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, item in enumerate(items, start=1):
        item.position = position
    meeting.updated_at = utcnow()
    log(official, "agenda_reordered", meeting, idea=idea_id, direction=direction)


def check_decidable(meeting: Meeting, idea: Idea) -> AgendaItem:
    """The agenda item a decision can be recorded on now, or why not."""
    item = _item(meeting, idea.id)
    if meeting.minutes_approved:
        raise MunicipalityError("minutes approved")
    if not meeting.is_published:
        raise MunicipalityError("not published")
    if not meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting not held")
    if item.decision is not None:
        raise MunicipalityError("already decided")
    if idea.status != IdeaStatus.ON_AGENDA:
        raise MunicipalityError("transition")
    return item


def decide(
    official: User, meeting: Meeting, idea: Idea, decision: Decision, text: str
) -> AgendaItem:
    """Record what the meeting decided on an agenda item; the idea's status follows."""
    item = check_decidable(meeting, idea)
    now = utcnow()
    item.decision, item.decision_text = decision, text
    item.decision_html = render_markdown(text) if text else None
    item.decided_at, item.decided_by_id = now, official.id
    versions.keep(Kind.DECISION, item.id, idea.id, text or "", official.id, By.MUNICIPALITY)
    cause = StatusCause.POSTPONED if decision == Decision.POSTPONED else None
    idea_services.change_status(idea, DECISION_STATUS[decision], official, text, cause=cause)
    hand_over = queries.hand_over_of(idea)
    if hand_over is not None and hand_over.answered_at is None:
        # A public decision answers the idea: the deadline is met by it. Its
        # text stays the decision's (the idea page shows it once, under "At
        # meetings"); the answer, empty, says where to read it.
        hand_over.answer = hand_over.answer_html = ""
        hand_over.answered_at, hand_over.answered_by_id = now, official.id
    meeting.updated_at = now
    log(official, f"decision_{decision.value}", meeting, idea=idea.id)
    return item
