"""The owners' page for inviting people to answer, on the challenges blueprint."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions
from portal.challenges import invitations
from portal.challenges.invitation_forms import InviteAnswererForm
from portal.challenges.loaders import load_challenge
from portal.challenges.views import bp
from portal.errors import carried_out
from portal.forms import form_status
from portal.i18n import locale_code


@bp.route("/<id:challenge_id>/invitations", methods=["GET", "POST"])
def invitations_page(challenge_id: int):
    """Who has been invited to answer and who has answered; invite one more."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_invite_answerers(current_user, challenge))
    form = InviteAnswererForm()
    if not form.is_submitted():
        form.locale.data = locale_code()
    if form.validate_on_submit():
        with carried_out(_("The invitation is sent.")) as done:
            invitations.invite(
                current_user,
                challenge,
                form.name.data,
                form.email.data,
                form.locale.data,
                form.message.data or "",
            )
        if done:
            return redirect(url_for("challenges.invitations_page", challenge_id=challenge.id))
    return render_template(
        "challenges/invitations.html",
        challenge=challenge,
        form=form,
        invited=invitations.invited(challenge),
    ), form_status(form)
