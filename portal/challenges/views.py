"""Pages of open calls: the list, a challenge, the owner's form and phase
buttons, answering, and the admins' list of terms."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import permissions, ratelimit
from portal.challenges import agenda, jury_queries, queries, services
from portal.challenges import ranking as scoring
from portal.challenges.forms import (
    AnswerForm,
    CancelForm,
    ChallengeForm,
    GiveIdeaForm,
    TermsForm,
)
from portal.challenges.loaders import load_challenge
from portal.challenges.models import AWARD_LABELS, PHASE_LABELS, Challenge, Terms
from portal.confirmations import flash_at
from portal.errors import carried_out
from portal.extensions import db
from portal.forms import ActionForm, form_status
from portal.i18n import locale_code, translated
from portal.ideas.models import Idea
from portal.municipality.models import Department
from portal.municipality.queries import departments
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.sanitize import render_markdown
from portal.urls import page_number
from portal.validators import optional_int

bp = Blueprint("challenges", __name__, url_prefix="/challenges")

ANSWERS_PER_PAGE = 20
PHASE_DONE = {
    "open": _l("The challenge is open for answers."),
    "schedule": _l("The challenge will open by itself on its opening date."),
    "unschedule": _l("The challenge stays a draft until you open it."),
    "close": _l("Answering has ended; the evaluation can begin."),
    "archive": _l("The challenge is closed. It stays readable."),
}
PHASE_ACTIONS = {
    "open": services.open_now,
    "schedule": services.schedule,
    "unschedule": lambda actor, challenge: services.schedule(actor, challenge, False),
    "close": services.close_answers,
    "archive": services.archive,
}


@bp.app_context_processor
def _labels() -> dict:
    return {
        "phase_labels": translated(PHASE_LABELS),
        "award_labels": AWARD_LABELS,
    }


@bp.route("/")
def index():
    department = getattr(current_user, "department_id", None)
    return render_template(
        "challenges/list.html",
        overview=queries.overview(department, permissions.is_admin(current_user)),
    )


@bp.route("/<id:challenge_id>")
def detail(challenge_id: int):
    challenge = load_challenge(challenge_id)
    sort = request.args.get("sort", "new")
    if sort not in queries.ANSWER_SORTS:
        sort = "new"
    facets = queries.facets(challenge)
    chosen = _chosen(facets, challenge)
    answers = queries.answers(
        challenge, sort, page_number(), ANSWERS_PER_PAGE, chosen, facets.total(chosen)
    )
    if answers.page > answers.pages:
        abort(404)
    members = jury_queries.joined_jury(challenge)
    jury_names, unnamed = jury_queries.public_jury(members)
    return render_template(
        "challenges/detail.html",
        challenge=challenge,
        answers=answers,
        sort=sort,
        sorts=queries.ANSWER_SORTS,
        facets=facets,
        chosen=chosen,
        outcomes=queries.OUTCOMES,
        jury_names=jury_names,
        unnamed=unnamed,
        seat=jury_queries.seat_among(members, current_user),
        following=notifications.is_following(current_user, FollowKind.CHALLENGE, challenge),
        **_results(challenge),
    )


def _chosen(facets: queries.Facets, challenge: Challenge) -> queries.AnswerFilter:
    """The filter the query string asks for; what does not fit is ignored."""
    category = optional_int(request.args.get("category"))
    outcome = request.args.get("outcome")
    return queries.AnswerFilter(
        category_id=category if category in {c.id for c in facets.categories} else None,
        outcome=outcome if outcome in queries.OUTCOMES and challenge.results_published_at else None,
    )


def _results(challenge: Challenge) -> dict:
    """Once published: every answer's outcome, the meetings that take them
    up, and for the reader's own answers their mean score per criterion (and
    the members' scores without names, when an admin allows it)."""
    if challenge.results_published_at is None:
        return {"results": [], "own": {}, "individual": {}, "meetings": []}
    results = jury_queries.results_of(challenge)
    reader = current_user.id if current_user.is_authenticated else None
    mine = [idea for idea, _answer in results if idea.author_id == reader]
    own = {}
    if mine:
        supports = jury_queries.supports_of(challenge)
        ranked = scoring.rank(challenge, mine, jury_queries.scores_of(challenge), supports=supports)
        own = {r.idea.id: r for r in ranked}
    individual = (
        jury_queries.individual_scores(challenge) if own and challenge.anonymous_scores else {}
    )
    return {
        "results": results,
        "own": own,
        "individual": {idea_id: individual.get(idea_id, {}) for idea_id in own},
        "meetings": agenda.meetings_of(challenge, permissions.can_manage_meetings(current_user)),
    }


def _departments_for(user: object) -> list[Department]:
    """An official sets challenges for their own department; an admin for any."""
    offered = departments()
    if permissions.is_admin(user):
        return offered
    return [d for d in offered if d.id == getattr(user, "department_id", None)]


@bp.route("/new", methods=["GET", "POST"])
def new():
    permissions.require(permissions.can_create_challenge(current_user))
    form = ChallengeForm(
        departments=_departments_for(current_user), admin=permissions.is_admin(current_user)
    )
    if not form.is_submitted():
        form.start(None, current_user.department_id)
    if form.validate_on_submit():
        with carried_out(_("The challenge is saved as a draft. Open it when it is ready.")) as done:
            challenge = services.create_challenge(current_user, form.challenge_data())
        if done:
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    return render_template("challenges/form.html", form=form, challenge=None), form_status(form)


@bp.route("/<id:challenge_id>/edit", methods=["GET", "POST"])
def edit(challenge_id: int):
    challenge = _managed(challenge_id)
    form = ChallengeForm(
        departments=_departments_for(current_user),
        admin=permissions.is_admin(current_user),
        editing=challenge,
    )
    if not form.is_submitted():
        form.start(challenge, None)
    if form.validate_on_submit():
        with carried_out(_("Your changes are saved.")) as done:
            services.update_challenge(current_user, challenge, form.challenge_data())
        if done:
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    code = form_status(form)
    return render_template("challenges/form.html", form=form, challenge=challenge), code


def _managed(challenge_id: int) -> Challenge:
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.can_manage_challenge(current_user, challenge))
    return challenge


@bp.route(
    "/<id:challenge_id>/<any(open, schedule, unschedule, close, archive):action>",
    methods=["POST"],
)
def phase(challenge_id: int, action: str):
    challenge = _managed(challenge_id)
    if ActionForm().validate_on_submit():
        with carried_out(str(PHASE_DONE[action])):
            PHASE_ACTIONS[action](current_user, challenge)
    return redirect(url_for("challenges.detail", challenge_id=challenge.id))


@bp.route("/<id:challenge_id>/cancel", methods=["GET", "POST"])
def cancel(challenge_id: int):
    challenge = _managed(challenge_id)
    form = CancelForm()
    if form.validate_on_submit():
        with carried_out(_("The challenge is cancelled; its page says why.")) as done:
            services.cancel(current_user, challenge, form.reason.data)
        if done:
            return redirect(url_for("challenges.detail", challenge_id=challenge.id))
    code = form_status(form)
    return render_template("challenges/cancel.html", form=form, challenge=challenge), code


# --- answering ---------------------------------------------------------------


@bp.route("/<id:challenge_id>/answer", methods=["GET", "POST"])
@ratelimit.per_published("30/hour", AnswerForm)
@ratelimit.previews_per_account(AnswerForm)
def answer(challenge_id: int):
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.is_participant(current_user))
    form = AnswerForm()
    if not form.is_submitted():
        form.start(locale_code(), {})
    preview = None
    if form.validate_on_submit():
        if form.preview.data:
            preview = render_markdown(form.body.data)
        else:
            with carried_out() as done:
                idea = services.answer_with_new_idea(
                    current_user, challenge, form.idea_fields(), form.accept_terms.data
                )
            if done:
                return _answered(idea)
    return _answer_page(challenge, form, preview)


@bp.route("/<id:challenge_id>/answer/existing", methods=["POST"])
def give_idea(challenge_id: int):
    challenge = load_challenge(challenge_id)
    permissions.require(permissions.is_participant(current_user))
    form = _give_form()
    if form.validate_on_submit() and challenge.accepts_answers_now:
        with carried_out() as done:
            services.answer_with_idea(
                current_user, challenge, form.idea.chosen, form.accept_terms.data
            )
        if done:
            return _answered(form.idea.chosen)
    return _answer_page(challenge, AnswerForm(formdata=None), None, give_form=form)


def _give_form() -> GiveIdeaForm:
    form = GiveIdeaForm(prefix="existing")
    form.idea.offer(queries.ideas_to_give(current_user))
    return form


def _answered(idea: Idea):  # type: ignore[no-untyped-def]
    anchor = flash_at("answer-to", _("Thank you! Your idea is now an answer to the challenge."))
    return redirect(url_for("ideas.detail", idea_id=idea.id, _anchor=anchor))


def _answer_page(challenge, form, preview, give_form=None):  # type: ignore[no-untyped-def]
    """The answer forms. After the deadline the page says so (the template
    reads the challenge) and a sent form comes back with what was typed."""
    give_form = give_form or _give_form()
    code = max(form_status(form), form_status(give_form))
    if request.method == "POST" and not challenge.accepts_answers_now:
        code = 409
    return render_template(
        "challenges/answer.html",
        challenge=challenge,
        form=form,
        give_form=give_form,
        preview=preview,
    ), code


# --- terms (admins) ----------------------------------------------------------


@bp.route("/terms/", methods=["GET", "POST"])
def terms_list():
    permissions.require(permissions.can_manage_terms(current_user))
    form = TermsForm()
    if form.validate_on_submit():
        saved = _("The terms are saved. Challenges can now be given under them.")
        with carried_out(saved, field=form.slug) as done:
            services.create_terms(current_user, form.slug.data, form.terms_data())
        if done:
            return redirect(url_for("challenges.terms_list"))
    code = form_status(form)
    return render_template("challenges/terms_list.html", terms=queries.all_terms(), form=form), code


@bp.route("/terms/<id:terms_id>", methods=["GET", "POST"])
def terms_edit(terms_id: int):
    permissions.require(permissions.can_manage_terms(current_user))
    terms = db.session.get(Terms, terms_id)
    if terms is None or not terms.current:
        abort(404)
    form = TermsForm(obj=terms)
    if form.validate_on_submit():
        services.revise_terms(current_user, terms, form.terms_data())
        db.session.commit()
        flash(_("A new version of the terms is saved; answers keep the version they accepted."))
        return redirect(url_for("challenges.terms_list"))
    code = form_status(form)
    return render_template("challenges/terms_edit.html", terms=terms, form=form), code


# The jury's pages and the invitations to answer live beside these, on the
# same blueprint.
from portal.challenges import invitation_views, jury_views  # noqa: E402, F401
