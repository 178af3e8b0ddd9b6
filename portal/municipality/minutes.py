"""The minutes of a meeting: every agenda item's decision written on one
page, corrected there until the minutes are approved, then fixed."""

from __future__ import annotations

from dataclasses import dataclass

from portal.accounts.models import User
from portal.ideas.models import Idea
from portal.moderation.services import log
from portal.municipality import queries
from portal.municipality.models import AgendaItem, Decision, Meeting
from portal.municipality.services import MunicipalityError, decide
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.versions import services as versions
from portal.versions.models import By, Kind


@dataclass
class Entry:
    """What the minutes say about one agenda item (no decision yet: None)."""

    idea: Idea
    decision: Decision | None
    text: str


def _check_open(meeting: Meeting) -> None:
    if meeting.minutes_approved:
        raise MunicipalityError("minutes approved")
    if not meeting.is_published:
        raise MunicipalityError("not published")
    if not meeting.has_begun(utcnow()):
        raise MunicipalityError("meeting not held")


def record(official: User, meeting: Meeting, entries: list[Entry]) -> int:
    """Record the new decisions and correct the texts of those recorded
    before; returns how many items changed. An item without a decision
    stays open."""
    _check_open(meeting)
    items = {item.idea_id: item for item in queries.agenda(meeting, include_hidden=False)}
    changed = 0
    for entry in entries:
        item = items.get(entry.idea.id)
        if item is None:
            raise MunicipalityError("not on agenda")
        if entry.decision is None:
            if item.decision is not None:
                raise MunicipalityError("outcome changed")  # a recorded decision stays
            continue
        if item.decision is None:
            decide(official, meeting, entry.idea, entry.decision, entry.text)
            changed += 1
        elif _revise(official, meeting, item, entry):
            changed += 1
    return changed


def _revise(official: User, meeting: Meeting, item: AgendaItem, entry: Entry) -> bool:
    """A recorded decision's text corrected (a new version); its outcome stays."""
    if entry.decision != item.decision:
        raise MunicipalityError("outcome changed")
    if entry.text == (item.decision_text or ""):
        return False
    item.decision_text, item.decision_html = entry.text, render_markdown(entry.text)
    versions.keep(Kind.DECISION, item.id, item.idea_id, entry.text, official.id, By.MUNICIPALITY)
    meeting.updated_at = utcnow()
    log(official, "decision_revised", meeting, idea=item.idea_id)
    return True


def approve(official: User, meeting: Meeting) -> None:
    """Approve the minutes once every item has its decision (an idea a
    moderator hid is not decided on); then they are fixed."""
    _check_open(meeting)
    items = queries.agenda(meeting, include_hidden=False)
    if not items:
        raise MunicipalityError("nothing decided")
    if any(item.decision is None for item in items):
        raise MunicipalityError("undecided items")
    meeting.minutes_approved_at, meeting.minutes_approved_by_id = utcnow(), official.id
    log(official, "minutes_approved", meeting)
