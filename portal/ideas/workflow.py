"""The status workflow: the one table of allowed status transitions.

    new ──► under_review ──► handed_over ──► on_agenda ──► accepted ──► implemented
     │           │               │  ▲            │    └──► declined
     │           │               │  └─(postponed)┘
     │           │               ├──► accepted / declined (answered without a meeting)
     └───────────┴──► withdrawn (by the author) or merged (a duplicate)

Every service that changes a status asks ``check`` first, so no path
around the table exists; tests walk the whole table.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.errors import DomainError
from portal.ideas.models import IdeaStatus

S = IdeaStatus

TRANSITIONS: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    S.NEW: frozenset({S.UNDER_REVIEW, S.HANDED_OVER, S.WITHDRAWN, S.MERGED}),
    S.UNDER_REVIEW: frozenset({S.NEW, S.HANDED_OVER, S.WITHDRAWN, S.MERGED}),
    S.HANDED_OVER: frozenset({S.ON_AGENDA, S.ACCEPTED, S.DECLINED}),
    S.ON_AGENDA: frozenset({S.HANDED_OVER, S.ACCEPTED, S.DECLINED}),
    S.ACCEPTED: frozenset({S.IMPLEMENTED}),
    S.DECLINED: frozenset(),
    S.IMPLEMENTED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.MERGED: frozenset(),
}

# Statuses before the municipality has the idea: moderators review them.
REVIEW_STATUSES = (S.NEW, S.UNDER_REVIEW)

# What an official may choose when answering a handed-over idea (putting it
# on an agenda happens on the meeting page instead).
ANSWER_STATUSES = (S.HANDED_OVER, S.ACCEPTED, S.DECLINED, S.IMPLEMENTED)


class TransitionError(DomainError):
    """The workflow does not allow this status change."""

    messages = {"transition": _l("The idea's status does not allow this step.")}

    def __init__(self, from_status: str, to_status: str) -> None:
        super().__init__("transition")
        self.from_status, self.to_status = from_status, to_status


def allowed(from_status: str, to_status: str) -> bool:
    return IdeaStatus(to_status) in TRANSITIONS[IdeaStatus(from_status)]


def check(from_status: str, to_status: str) -> None:
    if not allowed(from_status, to_status):
        raise TransitionError(from_status, to_status)


def answer_choices(from_status: str) -> list[IdeaStatus]:
    """Statuses an official can set with an answer: staying, or a next step.
    While the idea is on a meeting's agenda the meeting decides what comes next."""
    current = IdeaStatus(from_status)
    if current == S.ON_AGENDA:
        return [current]
    return [current] + [s for s in ANSWER_STATUSES if s != current and allowed(current, s)]
