"""Loading a meeting for a request: the one place that answers 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal import permissions
from portal.extensions import db
from portal.municipality.models import Meeting


def load_meeting(meeting_id: int) -> Meeting:
    """The meeting, or 404 also for a draft the reader may not see."""
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or not permissions.can_view_meeting(current_user, meeting):
        abort(404)
    return meeting
