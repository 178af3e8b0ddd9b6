"""An idea's history of changes: every version of the idea, its answer,
its decisions and its comments, who wrote each and when, why for a
correction, what changed word by word, and each version's fingerprint."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import permissions
from portal.ideas.loaders import load_idea
from portal.versions import queries
from portal.versions.diff import word_diff
from portal.versions.models import By, Kind

bp = Blueprint("versions", __name__)

KIND_HEADINGS = {
    Kind.IDEA: _l("The idea"),
    Kind.ANSWER: _l("The municipality's answer"),
    Kind.DECISION: _l("The meeting's decision"),
    Kind.COMMENT: _l("Comment no. %(number)s"),
}
BY_LABELS = {
    By.AUTHOR: _l("by %(name)s"),
    By.MODERATOR: _l("corrected by a moderator"),
    By.MUNICIPALITY: _l("by the municipality"),
}


@bp.app_template_global()
def word_difference(before: str | None, after: str) -> object:
    return word_diff(before or "", after)


@bp.route("/ideas/<id:idea_id>/history")
def history(idea_id: int):
    """Public like the idea's page (and hidden from the same people)."""
    idea = load_idea(idea_id)
    return render_template(
        "versions/history.html",
        idea=idea,
        threads=queries.history(idea),
        headings=KIND_HEADINGS,
        by_labels=BY_LABELS,
        may_moderate=permissions.can_moderate(current_user),
    )
