"""The minutes page of a meeting: every item's decision in one form."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions
from portal.errors import carried_out
from portal.forms import ActionForm, form_status
from portal.i18n import count
from portal.municipality import minutes, queries
from portal.municipality.forms import minutes_form
from portal.municipality.loaders import load_meeting
from portal.municipality.views import bp
from portal.timeutil import utcnow


@bp.route("/meetings/<id:meeting_id>/minutes", methods=["GET", "POST"])
def minutes_page(meeting_id: int):
    """Write the decisions of every item at once, and correct them until approved."""
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    items = queries.agenda(meeting, include_hidden=False)
    form = minutes_form(items)
    status = form_status(form)
    if form.validate_on_submit():
        with carried_out() as done:
            changed = minutes.record(current_user, meeting, form.entries())
        if done:
            flash(count("%(num)s item saved.", "%(num)s items saved.", changed), "success")
            return redirect(url_for("municipality.minutes_page", meeting_id=meeting.id))
        status = 400
    return render_template(
        "municipality/minutes.html", form=form, meeting=meeting, items=items,
        approve_form=ActionForm(), now=utcnow(),
    ), max(status, form_status(form))  # fmt: skip


@bp.route("/meetings/<id:meeting_id>/minutes/approve", methods=["POST"])
def approve_minutes(meeting_id: int):
    meeting = load_meeting(meeting_id)
    permissions.require(permissions.can_manage_meetings(current_user))
    if ActionForm().validate_on_submit():
        with carried_out(_("The minutes are approved: the decisions are final.")) as done:
            minutes.approve(current_user, meeting)
        if not done:
            return redirect(url_for("municipality.minutes_page", meeting_id=meeting.id))
    return redirect(url_for("municipality.meeting", meeting_id=meeting.id, _anchor="agenda"))
