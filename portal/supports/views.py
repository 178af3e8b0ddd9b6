from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions, ratelimit
from portal.accounts.forms import ActionForm
from portal.extensions import db
from portal.ideas.views import load_idea
from portal.supports import services
from portal.urls import next_from_request

bp = Blueprint("supports", __name__)


def _back(idea_id: int):
    default = url_for("ideas.detail", idea_id=idea_id, _anchor="support")
    return redirect(next_from_request(default))


@bp.route("/ideas/<id:idea_id>/support", methods=["POST"])
@ratelimit.support_per_account
def support(idea_id: int):
    idea = load_idea(idea_id)
    permissions.require(permissions.can_support(current_user, idea))
    if ActionForm().validate_on_submit():
        if services.support(current_user, idea):
            flash(_("Thank you for your support."), "success")
        db.session.commit()
    return _back(idea.id)


@bp.route("/ideas/<id:idea_id>/unsupport", methods=["POST"])
@ratelimit.support_per_account
def unsupport(idea_id: int):
    idea = load_idea(idea_id)
    permissions.require(permissions.can_support(current_user, idea))
    if ActionForm().validate_on_submit():
        if services.withdraw_support(current_user, idea):
            flash(_("Your support is withdrawn."), "success")
        db.session.commit()
    return _back(idea.id)
