"""Loading nominations for a request: the one place that answers 404."""

from __future__ import annotations

from flask import abort
from sqlalchemy.orm import joinedload

from portal.challenges.models import Challenge
from portal.extensions import db
from portal.nominations.models import Nomination, Nominee


def load_nominee(challenge: Challenge, nominee_id: int) -> Nominee:
    """One nominee of this challenge, or 404."""
    found = db.session.get(Nominee, nominee_id)
    if found is None or found.challenge_id != challenge.id:
        abort(404)
    return found


def load_nomination(nomination_id: int) -> Nomination:
    """A nomination with its nominator, nominee and challenge, or 404."""
    found = db.session.get(
        Nomination,
        nomination_id,
        options=[
            joinedload(Nomination.nominator),
            joinedload(Nomination.nominee),
            joinedload(Nomination.challenge),
        ],
    )
    if found is None:
        abort(404)
    return found
