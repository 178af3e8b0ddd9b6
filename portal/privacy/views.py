"""The privacy page, a copy of one's data, deleting one's account."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from portal import permissions
from portal.accounts.forms import DeleteAccountForm
from portal.accounts.services import check_password
from portal.extensions import db
from portal.forms import form_status
from portal.privacy import services

bp = Blueprint("privacy", __name__)


@bp.route("/privacy")
def policy():
    return render_template("privacy/policy.html")


@bp.route("/account/data")
def download():
    """Everything the portal keeps about you, as a JSON file."""
    permissions.require(permissions.can_edit_profile(current_user))
    data = json.dumps(services.export(current_user), indent=2, ensure_ascii=False)
    response = Response(data, mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.route("/account/delete", methods=["GET", "POST"])
def delete():
    permissions.require(permissions.can_edit_profile(current_user))
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if not check_password(current_user, form.password.data):
            form.password.errors = [_("That is not your password.")]
        else:
            user = current_user._get_current_object()
            services.erase(user)
            db.session.commit()
            logout_user()
            flash(_("Your account is deleted. Thank you for taking part."), "success")
            return redirect(url_for("site.index"))
    code = form_status(form)
    return render_template("privacy/delete.html", form=form), code
