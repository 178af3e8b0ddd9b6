from __future__ import annotations

from dataclasses import dataclass, field

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import SelectChoice

from portal import permissions, ratelimit
from portal.comments.forms import CommentForm
from portal.comments.queries import thread_for
from portal.extensions import db
from portal.i18n import locale_code
from portal.ideas import queries, services
from portal.ideas.forms import CHOOSE_CATEGORY, IdeaForm, WithdrawForm
from portal.ideas.models import CLOSED_STATUSES, PUBLIC_STATUSES, Category, Idea
from portal.moderation.queries import flagged_comments_of, idea_flag_clause
from portal.municipality import queries as municipality
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.permissions import REVIEW_STATUSES
from portal.sanitize import render_markdown
from portal.supports.queries import supported_clause
from portal.timeutil import utcnow
from portal.urls import page_number

bp = Blueprint("ideas", __name__, url_prefix="/ideas")


def load_idea(idea_id: int) -> Idea:
    """The idea, or 404 also for those who may not see it (no leak that it exists)."""
    idea = queries.get_idea(idea_id)
    if idea is None or not permissions.can_view_idea(current_user, idea):
        abort(404)
    return idea


@dataclass
class Viewer:
    """The person reading the idea page, as far as the page shows it."""

    supported: bool = False
    following: bool = False
    flagged_idea: bool = False
    flagged_comments: set[int] = field(default_factory=set)


def _viewer(idea: Idea) -> Viewer:
    """What the viewer did with this idea, in two queries (however many comments)."""
    if not current_user.is_authenticated:
        return Viewer()
    supported, following, flagged = db.session.execute(
        select(
            supported_clause(current_user, idea),
            notifications.following_clause(current_user, FollowKind.IDEA, idea),
            idea_flag_clause(current_user, idea),
        )
    ).one()
    comments = flagged_comments_of(current_user, idea)
    return Viewer(bool(supported), bool(following), bool(flagged), comments)


def render_idea_page(
    idea: Idea,
    comment_form: CommentForm | None = None,
    status: int = 200,
    unpublished: str | None = None,
):
    """The idea page; also re-rendered with a failed comment form so nothing
    typed is lost (``unpublished``: a comment the closed idea no longer takes)."""
    g.canonical_path = url_for("ideas.detail", idea_id=idea.id)
    handled = idea.status not in (*REVIEW_STATUSES, *CLOSED_STATUSES)
    return render_template(
        "ideas/detail.html",
        idea=idea,
        hand_over=municipality.hand_over_of(idea) if handled else None,
        agenda_items=(
            municipality.agenda_items_of(idea, permissions.can_manage_meetings(current_user))
            if handled
            else []
        ),
        now=utcnow(),
        thread=thread_for(idea),
        history=queries.history(idea),
        viewer=_viewer(idea),
        comment_form=comment_form or CommentForm(formdata=None),
        blank_comment_form=CommentForm(formdata=None),
        unpublished=unpublished,
    ), status


@bp.route("/")
def index():
    sort = request.args.get("sort", queries.DEFAULT_SORT)
    if sort not in queries.SORTS:
        sort = queries.DEFAULT_SORT
    category_slug = request.args.get("category") or None
    category = queries.category_by_slug(category_slug)
    if category_slug and category is None:
        abort(404)
    status = request.args.get("status") or None
    if status is not None and status not in PUBLIC_STATUSES:
        abort(404)  # like an unknown category; withdrawn and merged ideas are not listed
    flt = queries.ListFilter(sort=sort, category=category, status=status)
    pagination = queries.list_ideas(flt, page_number(), _per_page())
    if pagination.page > pagination.pages:
        abort(404)
    kind = FollowKind.CATEGORY if category else FollowKind.ALL_IDEAS
    return render_template(
        "ideas/list.html",
        following=notifications.is_following(current_user, kind, category),
        pagination=pagination,
        flt=flt,
        sorts=queries.SORTS,
        categories=queries.categories(),
        statuses=PUBLIC_STATUSES,
    )


@bp.route("/search")
def search():
    query = (request.args.get("q") or "").strip()[:200]
    pagination = queries.search_ideas(query, page_number(), _per_page()) if query else None
    if pagination is not None and pagination.page > pagination.pages:
        abort(404)
    return render_template("ideas/search.html", query=query, pagination=pagination)


@bp.route("/<id:idea_id>")
def detail(idea_id: int):
    return render_idea_page(load_idea(idea_id))


def bind_categories(form: FlaskForm) -> dict[int, Category]:
    categories = {c.id: c for c in queries.categories()}
    form.category.choices = [SelectChoice("", _("Choose a category"))] + [
        SelectChoice(c.id, c.name) for c in categories.values()
    ]
    return categories


def chosen_category(form: FlaskForm, categories: dict[int, Category]) -> Category | None:
    category = categories.get(form.category.data or 0)
    if category is None:
        form.category.errors = [str(CHOOSE_CATEGORY)]
    return category


@bp.route("/new", methods=["GET", "POST"])
@ratelimit.post_per_account
@ratelimit.preview_per_account
def new():
    permissions.require(permissions.can_create_idea(current_user))
    form = IdeaForm()
    categories = bind_categories(form)
    if not form.is_submitted():
        form.language.data = locale_code()
    if not form.is_submitted() and request.args.get("category"):
        chosen = queries.category_by_slug(request.args["category"])
        form.category.data = chosen.id if chosen else None
    preview = None
    if form.validate_on_submit() and (category := chosen_category(form, categories)):
        if form.preview.data:
            preview = render_markdown(form.body.data)
        else:
            idea = services.create_idea(
                current_user, form.title.data, form.body.data, category, form.language.data
            )
            db.session.commit()
            if idea.awaiting_approval:
                flash(
                    _(
                        "Thank you! A moderator will look at your idea before it is published. "
                        "You will get an e-mail."
                    ),
                    "success",
                )
            else:
                flash(_("Thank you! Your idea is published."), "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = 400 if form.errors else 200
    return render_template("ideas/form.html", form=form, preview=preview, idea=None), code


@bp.route("/<id:idea_id>/edit", methods=["GET", "POST"])
@ratelimit.preview_per_account
def edit(idea_id: int):
    idea = load_idea(idea_id)
    form = IdeaForm(obj=idea)
    categories = bind_categories(form)
    if not permissions.can_edit_idea(current_user, idea):
        # The author hears the real reason (and keeps the text typed).
        refusal = permissions.edit_refusal_message(current_user, idea, idea)
        if refusal is not None:
            if form.is_submitted():
                return render_template(
                    "ideas/form.html", form=form, preview=None, idea=idea, refusal=refusal
                ), 403
            flash(refusal, "info")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
        permissions.require(False)
    if not form.is_submitted():
        form.category.data = idea.category_id
        form.language.data = idea.language or locale_code()
    preview = None
    if form.validate_on_submit() and (category := chosen_category(form, categories)):
        if form.preview.data:
            preview = render_markdown(form.body.data)
        else:
            services.edit_idea(idea, form.title.data, form.body.data, category, form.language.data)
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = 400 if form.errors else 200
    return render_template("ideas/form.html", form=form, preview=preview, idea=idea), code


@bp.route("/<id:idea_id>/withdraw", methods=["GET", "POST"])
def withdraw(idea_id: int):
    idea = load_idea(idea_id)
    if not permissions.can_withdraw_idea(current_user, idea):
        if permissions.is_author(current_user, idea) and idea.is_withdrawn:
            # A second click, or a page left open: nothing to do.
            flash(_("This idea is already withdrawn."), "info")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
        permissions.require(False)
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw_idea(idea, current_user, form.note.data)
        db.session.commit()
        flash(_("Your idea is withdrawn."), "success")
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    return render_template("ideas/withdraw.html", form=form, idea=idea)


def _per_page() -> int:
    return current_app.config["IDEAS_PER_PAGE"]
