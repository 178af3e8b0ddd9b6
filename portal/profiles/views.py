"""A participant's public profile: their ideas and challenge answers, how
many comments they wrote, and the outcomes (ideas the municipality
adopted, awards in challenges, taking part as a nominated expert)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from portal import permissions
from portal.accounts.models import User
from portal.challenges.models import AWARD_LABELS
from portal.extensions import db
from portal.moderation.models import FLAG_REASON_LABELS
from portal.profiles import queries
from portal.profiles.activity import activity_of

bp = Blueprint("profiles", __name__)


@bp.route("/people/<id:user_id>")
def person(user_id: int):
    """Public for those whose name the portal already shows everyone (on a
    visible idea or comment, or as a named expert), and showing nothing the
    idea pages do not; anyone else's address answers 404, as an unknown
    one does (no list of accounts can be read from it)."""
    found = db.session.get(User, user_id)
    if found is None or found.erased_at is not None:
        abort(404)
    profile = queries.profile(found)
    if not profile.shows_anything:
        abort(404)
    return render_template("profiles/person.html", profile=profile, award_labels=AWARD_LABELS)


@bp.route("/account/activity", endpoint="activity")
@login_required
def activity():
    """My activity: the logged-in person's own ideas, comments, supports,
    follows and reports, and what became of them (for their eyes only)."""
    permissions.require(permissions.can_edit_profile(current_user))
    return render_template(
        "profiles/activity.html", activity=activity_of(current_user), reasons=FLAG_REASON_LABELS
    )
