"""Loading a challenge for a request: the one place that answers 404."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from portal import permissions
from portal.challenges import queries
from portal.challenges.models import Challenge


def load_challenge(challenge_id: int) -> Challenge:
    """The challenge with its criteria, department and terms, or 404 (also
    for a draft the reader may not see)."""
    challenge = queries.load(challenge_id)
    if challenge is None or not permissions.can_view_challenge(current_user, challenge):
        abort(404)
    return challenge
