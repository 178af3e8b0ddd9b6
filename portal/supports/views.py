from __future__ import annotations

from flask import Blueprint, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions, ratelimit
from portal.confirmations import flash_at
from portal.extensions import db
from portal.forms import ActionForm
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea
from portal.supports import services
from portal.urls import next_from_request

bp = Blueprint("supports", __name__)
# Supporting and withdrawing: one click each, a generous limit per account.
SUPPORTS = ratelimit.per_account("60/minute;300/hour")


def _back(idea_id: int, message: str, category: str):
    """Back to the idea's support box (or the page the button was on), with
    ``message`` shown next to it."""
    anchor = flash_at("support", message, category)
    default = url_for("ideas.detail", idea_id=idea_id, _anchor=anchor)
    return redirect(next_from_request(default))


def _require_can_support(idea: Idea) -> None:
    """Stop unless the user may support the idea; one who could, had it not
    been withdrawn or merged meanwhile, is sent to its page and told why."""
    permissions.require_rule(
        permissions.can_support, idea, back=url_for("ideas.detail", idea_id=idea.id)
    )


@bp.route("/ideas/<id:idea_id>/support", methods=["POST"])
@SUPPORTS
def support(idea_id: int):
    idea = load_idea(idea_id)
    _require_can_support(idea)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    if services.support(current_user, idea):
        db.session.commit()
        return _back(idea.id, _("Thank you for your support."), "success")
    return _back(idea.id, _("You already support this idea."), "info")


@bp.route("/ideas/<id:idea_id>/unsupport", methods=["POST"])
@SUPPORTS
def unsupport(idea_id: int):
    idea = load_idea(idea_id)
    _require_can_support(idea)
    if not ActionForm().validate_on_submit():
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    if services.withdraw_support(current_user, idea):
        db.session.commit()
        return _back(idea.id, _("Your support is withdrawn."), "success")
    return _back(idea.id, _("You do not support this idea."), "info")
