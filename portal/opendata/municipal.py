"""What the municipality did with the ideas, as open data: hand-overs and
answers, published meetings and the ideas on their agendas with the
decisions. Drafts of meetings and ideas left out of the ideas dataset are
left out here too; the moderators' memo to a department is not public."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.extensions import db
from portal.ideas.models import Idea
from portal.municipality.models import DECISION_LABELS, AgendaItem, Department, HandOver, Meeting
from portal.opendata.fields import IDEA, Dataset, Field, Frequency, Kind, page_address, streamed

MEETING = _l("The meeting's number (the page of meeting 4 is /meetings/4).")


# Example times (UTC), as the downloads write them.
AT_1 = "2026-04-02T09:30:00Z"
AT_2 = "2026-04-20T13:00:00Z"
AT_3 = "2026-05-01T08:00:00Z"
AT_4 = "2026-05-02T09:30:00Z"
AT_5 = "2026-05-12T17:00:00Z"
AT_6 = "2026-05-12T19:10:00Z"


def department_names() -> Mapping[str, object]:
    """Each department's short name and its name in the reader's language."""
    departments = db.session.scalars(select(Department).order_by(Department.slug))
    return {department.slug: department.name for department in departments}


def hand_overs() -> Iterator[tuple]:
    stmt = (
        select(
            HandOver.idea_id,
            Department.slug,
            HandOver.created_at,
            HandOver.due_at,
            HandOver.answered_at,
            HandOver.answer,
        )  # fmt: skip
        .join(Department, Department.id == HandOver.department_id)
        .join(Idea, Idea.id == HandOver.idea_id)
        .where(Idea.visible)
        .order_by(HandOver.created_at, HandOver.id)
    )
    for row in streamed(stmt):
        answered = row.answered_at
        days = (answered - row.created_at).days if answered else None
        yield (*row[:5], row.answer or None, days)


def meetings() -> Iterator[tuple]:
    link = page_address("municipality.meeting", "meeting_id")
    stmt = (
        select(Meeting.id, Meeting.body, Meeting.starts_at, Meeting.place, Meeting.published_at)
        .where(Meeting.published_at.is_not(None))
        .order_by(Meeting.starts_at, Meeting.id)
    )
    for row in streamed(stmt):
        yield (*row, link(row.id))


def agenda_items() -> Iterator[tuple]:
    stmt = (
        select(
            AgendaItem.meeting_id,
            AgendaItem.position,
            AgendaItem.idea_id,
            AgendaItem.decision,
            AgendaItem.decided_at,
            AgendaItem.decision_text,
        )  # fmt: skip
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Idea, Idea.id == AgendaItem.idea_id)
        .where(Meeting.published_at.is_not(None), Idea.visible)
        .order_by(Meeting.starts_at, AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    )
    for row in streamed(stmt):
        yield (*row[:5], row.decision_text or None)


def _decisions() -> Mapping[str, object]:
    return {str(decision): label for decision, label in DECISION_LABELS.items()}


NOT_ANSWERED = _l("Not answered yet.")

DATASETS = (
    Dataset(
        "hand-overs",
        _l("Hand-overs and answers"),
        _l(
            "Every idea the moderators handed over to a department of the municipality: "
            "when, by when the department should answer, when it did and what it answered."
        ),
        Frequency.CONTINUOUS,
        (
            Field("idea", Kind.INTEGER, IDEA, "17"),
            Field(
                "department",
                Kind.KEY,
                _l("The department's short name."),
                "roads-parks",
                values=department_names,
            ),
            Field("handed_over", Kind.DATETIME, _l("When it was handed over."), AT_1),
            Field("due", Kind.DATETIME, _l("When the answer is due."), AT_4),
            Field(
                "answered",
                Kind.DATETIME,
                _l("When the department first answered."),
                AT_2,
                empty=NOT_ANSWERED,
            ),
            Field(
                "answer",
                Kind.TEXT,
                _l("The municipality's answer, as written (Markdown), as it reads now."),
                "Vi laver en prøveordning i foråret.",
                empty=NOT_ANSWERED,
            ),
            Field(
                "days_to_answer",
                Kind.INTEGER,
                _l("Whole days from the hand-over to the first answer."),
                "18",
                empty=NOT_ANSWERED,
            ),
        ),
        hand_overs,
        ("answers", "municipality"),
    ),
    Dataset(
        "meetings",
        _l("Meetings"),
        _l(
            "Every meeting of the council and its committees whose agenda the portal has published."
        ),
        Frequency.CONTINUOUS,
        (
            Field("id", Kind.INTEGER, MEETING, "4"),
            Field("body", Kind.TEXT, _l("The council or committee that meets."), "Byrådet"),
            Field("starts", Kind.DATETIME, _l("When the meeting begins."), AT_5),
            Field("place", Kind.TEXT, _l("Where it is held."), "Rådhuset, byrådssalen"),
            Field(
                "published",
                Kind.DATETIME,
                _l("When its agenda was published."),
                AT_3,
            ),
            Field("link", Kind.URL, _l("The meeting's page."), "https://…/meetings/4"),
        ),
        meetings,
        ("meetings", "decisions"),
    ),
    Dataset(
        "agenda-items",
        _l("Agenda items and decisions"),
        _l(
            "The ideas on the agenda of each published meeting, in order, and what the "
            "meeting decided about each."
        ),
        Frequency.CONTINUOUS,
        (
            Field("meeting", Kind.INTEGER, MEETING, "4"),
            Field("position", Kind.INTEGER, _l("Its place on the agenda (1 is first)."), "1"),
            Field("idea", Kind.INTEGER, IDEA, "17"),
            Field(
                "decision",
                Kind.KEY,
                _l("What the meeting decided."),
                "accepted",
                values=_decisions,
                empty=_l("Not decided yet."),
            ),
            Field(
                "decided",
                Kind.DATETIME,
                _l("When the decision was recorded."),
                AT_6,
                empty=_l("Not decided yet."),
            ),
            Field(
                "decision_text",
                Kind.TEXT,
                _l("The decision as written (Markdown)."),
                "Byrådet vedtog forslaget.",
                empty=_l("None was given."),
            ),
        ),
        agenda_items,
        ("meetings", "decisions"),
    ),
)
