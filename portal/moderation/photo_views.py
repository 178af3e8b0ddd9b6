"""Moderating photos: hiding one photo of an idea with a reason, or
showing it again (routes of the moderation blueprint)."""

from __future__ import annotations

from flask import abort, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import permissions
from portal.accounts.models import User
from portal.confirmations import flash_at
from portal.extensions import db
from portal.forms import form_status
from portal.moderation.forms import HideReasonForm, ReasonForm
from portal.moderation.views import bp
from portal.photos import queries, services
from portal.photos.models import Photo

ACTION_HEADINGS = {"hide": _l("Hide this photo"), "restore": _l("Show this photo again")}


@bp.route("/moderation/photos/<key>/<any(hide, restore):action>", methods=["GET", "POST"])
def moderate_photo(key: str, action: str):  # type: ignore[no-untyped-def]
    """Hide one photo of an idea with a reason (or show it again)."""
    permissions.require(permissions.can_moderate(current_user))
    photo = queries.by_key(key)
    if photo is None or photo.idea is None:
        abort(404)
    if (action == "hide") == photo.is_hidden:
        return redirect(_back(photo, _("Nothing to do: it is already so."), "info"))
    form = HideReasonForm() if action == "hide" else ReasonForm()
    uploader = db.session.get(User, photo.uploader_id)
    if form.validate_on_submit():
        getattr(services, action)(current_user, photo, form.reason_for(uploader))
        db.session.commit()
        done = _("Done. The author has been told.") if action == "hide" else _("Done.")
        return redirect(_back(photo, done))
    form.written_for(uploader)
    return render_template(
        "moderation/photo_act.html", form=form, photo=photo, action=action,
        heading=ACTION_HEADINGS[action], back=_back(photo),
    ), form_status(form)  # fmt: skip


def _back(photo: Photo, message: str | None = None, category: str = "success") -> str:
    anchor = f"photo-{photo.key}"
    if message is not None:
        anchor = flash_at(anchor, message, category)
    return url_for("ideas.detail", idea_id=photo.idea_id, _anchor=anchor)
