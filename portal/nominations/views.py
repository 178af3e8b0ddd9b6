"""Pyramiding's pages: the owner's call and pyramid, a citizen's nominations,
and the nominee's invitation (take part, decline, never e-mail me again)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from flask_login import current_user

from portal import permissions, ratelimit
from portal.challenges import queries as challenge_queries
from portal.challenges.loaders import load_challenge
from portal.errors import carried_out
from portal.extensions import csrf, db
from portal.forms import ActionForm, form_status
from portal.i18n import locale_code
from portal.nominations import answers, owner_tools, picture, queries, services
from portal.nominations.forms import AnswerInvitationForm, CallForm, MergeForm, NominationForm
from portal.nominations.loaders import load_nominee
from portal.nominations.models import NOMINEE_STATUS_LABELS
from portal.timeutil import utcnow

bp = Blueprint("nominations", __name__, url_prefix="/challenges")

INVITED = {
    "answer": _l("%(name)s is invited to answer; the mail is on its way."),
    "jury": _l("%(name)s is invited to the jury; the mail is on its way."),
}


@bp.app_context_processor
def _labels() -> dict:
    return {"nominee_status_labels": NOMINEE_STATUS_LABELS}


@bp.route("/<id:challenge_id>/nominations", methods=["GET", "POST"])
def call(challenge_id: int):
    """The owner asks for nominations (question, limit, end date)."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_manage_nominations(current_user, challenge))
    existing = queries.call_of(challenge)
    form = CallForm(obj=existing)
    if not form.is_submitted():
        ends = existing.ends_at if existing else utcnow() + timedelta(days=21)
        form.ends_on.data = to_user_timezone(ends).date()
    if form.validate_on_submit():
        with carried_out(_("Saved: the challenge asks for nominations.")) as done:
            services.set_call(current_user, challenge, form.call_data())
        if done:
            return redirect(url_for("nominations.pyramid", challenge_id=challenge.id))
    return render_template(
        "nominations/call.html", challenge=challenge, form=form, call=existing
    ), form_status(form)


@bp.route("/<id:challenge_id>/pyramid", methods=["GET", "POST"])
def pyramid(challenge_id: int):
    """Who was nominated, how often, in which round, by whom and why, as a
    table and a picture; the owners merge records of one person here."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_view_pyramid(current_user, challenge))
    found = queries.pyramid(challenge)
    merge = MergeForm([row.nominee for row in found.rows])
    if merge.is_submitted():
        permissions.require(permissions.can_manage_nominations(current_user, challenge))
        if merge.validate():
            merged = _("Merged: the nominations of both records now count for one person.")
            with carried_out(merged) as done:
                owner_tools.merge(current_user, challenge, merge.keep.chosen, merge.other.chosen)
            if done:
                return redirect(url_for("nominations.pyramid", challenge_id=challenge.id))
    return render_template(
        "nominations/pyramid.html",
        challenge=challenge,
        call=queries.call_of(challenge),
        pyramid=found,
        picture=picture.draw(found),
        merge=merge,
        action=ActionForm(),
    ), form_status(merge)


@bp.route("/<id:challenge_id>/pyramid/<id:nominee_id>/invite", methods=["POST"])
def invite(challenge_id: int, nominee_id: int):
    """Invite a nominee, with one action, to answer (``seat=answer``) or to
    join the jury (``seat=jury``)."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_manage_nominations(current_user, challenge))
    nominee = load_nominee(challenge, nominee_id)
    seat = request.form.get("seat")
    if seat not in INVITED:
        abort(400)
    if ActionForm().validate_on_submit():
        # Refused by the nomination, the jury or the invitation: its message.
        with carried_out(INVITED[seat] % {"name": nominee.name}):
            owner_tools.invite_to(current_user, challenge, nominee, seat)
    return redirect(url_for("nominations.pyramid", challenge_id=challenge.id) + "#nominees")


@bp.route("/<id:challenge_id>/nominate", methods=["GET", "POST"])
# A nomination mails a third party: few per account, across challenges, and
# per address, so that many accounts on one machine do not add up.
@ratelimit.per_published("10/hour;30/day", NominationForm)
@ratelimit.per_ip("20/hour;60/day", NominationForm, accepted=True)
def nominate(challenge_id: int):
    """A citizen nominates someone who knows more, and sees their own."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_nominate(current_user, challenge))
    form = NominationForm()
    if form.validate_on_submit():
        with carried_out(_("Thank you: your nomination is saved.")) as done:
            services.nominate(current_user, challenge, form.nomination_data(), locale_code())
        if done:
            return redirect(url_for("nominations.nominate", challenge_id=challenge.id))
    return render_template(
        "nominations/nominate.html",
        challenge=challenge,
        call=services.open_call(challenge),
        form=form,
        mine=queries.mine(current_user, challenge),
    ), form_status(form)


@bp.route("/<id:challenge_id>/nominated/<token>", methods=["GET", "POST"])
@csrf.exempt  # "never e-mail me again" comes as a one-click POST from mail programs
def invitation(challenge_id: int, token: str):
    """The nominee's invitation: take part (logged in), decline, or never be
    e-mailed again. The token is the key; a GET changes nothing."""
    challenge = challenge_queries.load(challenge_id)
    nominee = answers.invitation(challenge, token) if challenge else None
    if nominee is None:
        return render_template("nominations/invitation.html", invalid=True), 404
    answer = request.form.get("answer") if request.method == "POST" else None
    if request.method == "POST" and request.form.get("List-Unsubscribe") == "One-Click":
        answer = "never"  # RFC 8058, from a mail program
    if answer in ("decline", "never"):
        answers.decline(nominee, never_again=answer == "never")
        db.session.commit()
        return render_template("nominations/invitation.html", done=answer, challenge=challenge)
    form = AnswerInvitationForm()
    if answer == "take part" and current_user.is_authenticated and form.validate_on_submit():
        welcome = _("Welcome! Answer the challenge, and nominate in turn who knows more.")
        with carried_out(welcome) as done:
            answers.take_part(current_user, nominee, form.shown.data)
        if done:
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    return render_template(
        "nominations/invitation.html",
        challenge=challenge,
        nominee=nominee,
        form=form,
        never_form=ActionForm(),
        token=token,
    )
