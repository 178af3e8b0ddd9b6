"""The jury's pages, on the challenges blueprint: the owner appoints and
invites members and reads the ranking; an invited expert joins by the link
in their mail; a member scores the answers."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions
from portal.accounts.services import find_by_email
from portal.challenges import jury as services
from portal.challenges import jury_queries, queries
from portal.challenges import ranking as scoring
from portal.challenges import results as publishing
from portal.challenges.jury_forms import (
    AppointForm,
    InviteForm,
    JuryNameForm,
    results_form,
    score_form,
)
from portal.challenges.loaders import load_challenge
from portal.challenges.models import Challenge, JuryMember
from portal.challenges.views import bp
from portal.confirmations import flash_at
from portal.errors import carried_out
from portal.extensions import db
from portal.forms import ActionForm, form_status
from portal.i18n import locale_code


def _owned(challenge_id: int) -> Challenge:
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_manage_jury(current_user, challenge))
    return challenge


@bp.route("/<id:challenge_id>/jury", methods=["GET", "POST"])
def jury(challenge_id: int):
    """The owner's jury page: members, open invitations, appoint and invite."""
    challenge = _owned(challenge_id)
    appoint, invite = AppointForm(prefix="appoint"), InviteForm(prefix="invite")
    if not invite.is_submitted():
        invite.locale.data = locale_code()
    done = None
    if appoint.submit.data and appoint.validate_on_submit():
        with carried_out(_("The member is on the jury.")) as done:
            services.appoint(current_user, challenge, find_by_email(appoint.email.data))
    elif invite.submit.data and invite.validate_on_submit():
        with carried_out(_("The invitation is sent. The link works for 30 days.")) as done:
            services.invite(
                current_user, challenge, invite.name.data, invite.email.data, invite.locale.data
            )
    if done:
        return redirect(url_for("challenges.jury", challenge_id=challenge.id))
    code = max(form_status(appoint), form_status(invite))
    return render_template(
        "challenges/jury.html",
        challenge=challenge,
        members=jury_queries.jury(challenge),
        appoint=appoint,
        invite=invite,
    ), code


@bp.route("/<id:challenge_id>/jury/<id:member_id>/remove", methods=["POST"])
def remove_juror(challenge_id: int, member_id: int):
    challenge = _owned(challenge_id)
    member = db.session.get(JuryMember, member_id)
    if member is None or member.challenge_id != challenge.id:
        # Removed already (a double click, or another owner was quicker).
        flash(_("That member is no longer on the jury."), "info")
    elif ActionForm().validate_on_submit():
        with carried_out(_("The member is off the jury; their scores are removed.")):
            services.remove(current_user, member, challenge)
    return redirect(url_for("challenges.jury", challenge_id=challenge.id))


@bp.route("/<id:challenge_id>/jury/join/<token>", methods=["GET", "POST"])
def join_jury(challenge_id: int, token: str):
    """An invited expert, logged in (or just registered), takes their seat —
    also while the challenge is still a draft (the link is the key)."""
    challenge = queries.load(challenge_id)
    if challenge is None:
        abort(404)
    permissions.require(permissions.is_authenticated(current_user))
    member = services.invitation(challenge, token)
    if member is None and not permissions.can_view_challenge(current_user, challenge):
        abort(404)
    form = ActionForm()
    if member is not None and form.validate_on_submit():
        with carried_out(_("Welcome to the jury.")) as done:
            services.join(current_user, challenge, token)
        if done:
            return redirect(url_for("challenges.evaluate", challenge_id=challenge.id))
    return render_template(
        "challenges/join_jury.html", challenge=challenge, member=member, form=form
    ), (200 if member is not None else 404)


# --- scoring -----------------------------------------------------------------


def _seat(challenge_id: int) -> tuple[Challenge, JuryMember]:
    challenge = load_challenge(challenge_id)
    member = jury_queries.member_of(current_user, challenge)  # what can_evaluate asks
    if member is None or not permissions.can_evaluate(current_user, challenge):
        permissions.deny()
    return challenge, member


@bp.route("/<id:challenge_id>/evaluate", methods=["GET", "POST"])
def evaluate(challenge_id: int):
    """A member's list of answers, with their progress ("12 of 30 scored")."""
    challenge, member = _seat(challenge_id)
    name_form = JuryNameForm(obj=member)
    if name_form.validate_on_submit():
        services.set_name_public(member, name_form.name_public.data)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("challenges.evaluate", challenge_id=challenge.id))
    answers = jury_queries.answers_to_score(challenge)
    sheet = _sheet(challenge, member, answers)
    return render_template(
        "challenges/evaluate.html",
        challenge=challenge,
        member=member,
        answers=answers,
        sheet=sheet,
        name_form=name_form,
    )


def _sheet(challenge: Challenge, member: JuryMember, answers) -> dict:  # type: ignore[no-untyped-def]
    """What the member did with each answer: scored, conflict, or to do."""
    mine = jury_queries.scores_of(challenge, member)
    counted: dict[int, int] = {}
    for s in mine:
        counted[s.idea_id] = counted.get(s.idea_id, 0) + 1
    evaluations = jury_queries.evaluations_of(member)
    complete = len(challenge.jury_criteria)
    done = {
        i.id
        for i in answers
        if counted.get(i.id) == complete
        or (i.id in evaluations and evaluations[i.id].conflict_declared_at is not None)
    }
    return {"done": done, "evaluations": evaluations, "scored": counted}


@bp.route("/<id:challenge_id>/evaluate/<id:idea_id>", methods=["GET", "POST"])
def score(challenge_id: int, idea_id: int):
    challenge, member = _seat(challenge_id)
    answers = jury_queries.answers_to_score(challenge)
    idea = next((i for i in answers if i.id == idea_id), None)
    if idea is None:
        abort(404)
    form = score_form(challenge)()
    sheet = _sheet(challenge, member, answers)
    if not form.is_submitted():
        _fill(form, challenge, member, idea, sheet)
    if form.validate_on_submit():
        with carried_out() as done:
            services.score(member, challenge, idea, form.values(), form.note.data or "")
        if done:
            anchor = flash_at(f"answer-{idea.id}", _("Your scores are saved."))
            return redirect(
                url_for("challenges.evaluate", challenge_id=challenge.id, _anchor=anchor)
            )
    return _score_page(challenge, member, idea, form, sheet, answers), form_status(form)


def _fill(form, challenge: Challenge, member: JuryMember, idea, sheet) -> None:  # type: ignore[no-untyped-def]
    for s in jury_queries.scores_of(challenge, member):
        if s.idea_id == idea.id:
            form[f"criterion_{s.criterion_id}"].data = str(s.value)
    evaluation = sheet["evaluations"].get(idea.id)
    form.note.data = evaluation.note if evaluation else ""


def _score_page(challenge, member, idea, form, sheet, answers):  # type: ignore[no-untyped-def]
    """The score form; the others' scores (without names) only once the member
    has dealt with every answer, so nobody anchors on them."""
    finished = len(sheet["done"]) == len(answers)
    others = (
        [s for s in jury_queries.scores_of(challenge) if s.idea_id == idea.id] if finished else []
    )
    evaluation = sheet["evaluations"].get(idea.id)
    page = render_template(
        "challenges/score.html",
        challenge=challenge,
        idea=idea,
        form=form,
        conflict=evaluation is not None and evaluation.conflict_declared_at is not None,
        others=_figures_of(challenge, idea, others) if finished else None,
        conflict_form=ActionForm(),
    )
    if finished and challenge.phase == "evaluation":
        # Shown now: from here on the member's declarations are final.
        services.saw_others(member)
        db.session.commit()
    return page


def _figures_of(challenge: Challenge, idea, scores) -> scoring.Ranked:  # type: ignore[no-untyped-def]
    return scoring.rank(challenge, [idea], scores, supports=jury_queries.supports_of(challenge))[0]


@bp.route("/<id:challenge_id>/evaluate/<id:idea_id>/conflict", methods=["POST"])
def conflict(challenge_id: int, idea_id: int):
    """Declare (or take back) a conflict of interest on one answer."""
    challenge, member = _seat(challenge_id)
    idea = next((i for i in jury_queries.answers_to_score(challenge) if i.id == idea_id), None)
    if idea is None:
        abort(404)
    if ActionForm().validate_on_submit():
        declared = request.form.get("declared", "1") == "1"
        with carried_out(
            _("Declared: you do not score this answer, and the owner sees that you declared it.")
            if declared
            else _("Your declaration is taken back; you can score this answer.")
        ):
            services.declare_conflict(member, challenge, idea, declared)
    return redirect(url_for("challenges.score", challenge_id=challenge.id, idea_id=idea.id))


def _still_scoring(challenge: Challenge, jury: list[JuryMember] | None = None):  # type: ignore[no-untyped-def]
    """An owner who sits on the jury sees the others' scores only once done
    with every answer, like every member (no anchoring); seeing them then
    is recorded, and their declarations are final from then on. (``jury``:
    the members, when the caller has them already.)"""
    if jury is None:
        member = jury_queries.member_of(current_user, challenge)
    else:
        member = jury_queries.seat_among([m for m in jury if m.has_joined], current_user)
    if member is None:
        return None
    if challenge.phase == "evaluation" and not services.has_finished(member, challenge):
        flash(
            _(
                "You are on this jury: the ranking opens to you once you have dealt with "
                "every answer."
            ),
            "info",
        )
        return redirect(url_for("challenges.evaluate", challenge_id=challenge.id))
    services.saw_others(member)  # committed once the page is rendered
    return None


@bp.route("/<id:challenge_id>/ranking")
def ranking(challenge_id: int):
    """The owner's ranking: weighted mean per answer, and each criterion's
    mean, spread and number of scores (see ``challenges/ranking.py``)."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_view_ranking(current_user, challenge))
    jury = jury_queries.jury(challenge)
    if (waiting := _still_scoring(challenge, jury)) is not None:
        return waiting
    answers = jury_queries.answers_to_score(challenge)
    ranked = scoring.rank(
        challenge,
        answers,
        jury_queries.scores_of(challenge),
        jury_queries.conflicts_of(challenge),
        jury_queries.supports_of(challenge),
    )
    members = [m for m in jury if m.has_joined]
    page = render_template(
        "challenges/ranking.html", challenge=challenge, ranked=ranked, members=members
    )
    db.session.commit()  # an owner on the jury has now seen the scores
    return page


@bp.route("/<id:challenge_id>/results", methods=["GET", "POST"])
def results(challenge_id: int):
    """The owner awards, explains and publishes the results in one step."""
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_view_ranking(current_user, challenge))
    if (waiting := _still_scoring(challenge)) is not None:
        return waiting
    answers = jury_queries.answers_to_score(challenge)
    form = results_form(answers)()
    if form.validate_on_submit():
        with carried_out(_("The results are published.")) as done:
            publishing.publish(current_user, challenge, form.outcomes())
        if done:
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    ranked = scoring.rank(
        challenge,
        answers,
        jury_queries.scores_of(challenge),
        jury_queries.conflicts_of(challenge),
        jury_queries.supports_of(challenge),
    )
    code = 400 if form.is_submitted() else 200
    page = render_template(
        "challenges/results_form.html", challenge=challenge, ranked=ranked, form=form
    )
    db.session.commit()  # an owner on the jury has now seen the scores
    return page, code
