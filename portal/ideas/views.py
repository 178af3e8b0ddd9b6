from __future__ import annotations

from typing import TypeVar

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import permissions, ratelimit
from portal.areas.models import Area
from portal.areas.queries import areas
from portal.extensions import db
from portal.forms import form_status
from portal.i18n import locale_code, translated
from portal.ideas import queries, services
from portal.ideas.cards import idea_card
from portal.ideas.forms import IdeaForm, WithdrawForm
from portal.ideas.loaders import load_idea
from portal.ideas.models import PUBLIC_STATUSES, STATUS_LABELS, Category, Idea
from portal.ideas.page import render_idea_page
from portal.ideas.similar import similar_ideas
from portal.ideas.snippets import snippet
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.photos import services as photos
from portal.photos.forms import accepts_photos
from portal.sanitize import render_markdown
from portal.supports.queries import supported_among
from portal.urls import page_number

T = TypeVar("T")
bp = Blueprint("ideas", __name__, url_prefix="/ideas")
bp.add_app_template_global(idea_card)


@bp.app_context_processor
def _labels() -> dict:
    # Translated once per page (and per mail), not once per idea on it.
    return {"status_labels": translated(STATUS_LABELS)}


@bp.route("/")
def index():
    flt, offered = _list_filter()
    pagination = queries.list_ideas(flt, page_number(), _per_page())
    if pagination.page > pagination.pages:
        abort(404)
    return render_template(
        "ideas/list.html",
        following=_following(flt.category, flt.area),
        pagination=pagination,
        flt=flt,
        sorts=queries.SORTS,
        **offered,
    )


def _list_filter() -> tuple[queries.ListFilter, dict[str, list]]:
    """The list's (or search's) order and filter from the query string, and
    the categories, areas and statuses its form offers. An unknown category,
    area or status is 404; withdrawn and merged ideas are not listed."""
    sort = request.args.get("sort", queries.DEFAULT_SORT)
    if sort not in queries.SORTS:
        sort = queries.DEFAULT_SORT
    offered = {"categories": queries.categories(), "areas": areas(), "statuses": PUBLIC_STATUSES}
    category = _chosen(offered["categories"], "category")
    area = _chosen(offered["areas"], "area")
    status = request.args.get("status") or None
    if status is not None and status not in PUBLIC_STATUSES:
        abort(404)
    return queries.ListFilter(sort=sort, category=category, status=status, area=area), offered


def _following(category: Category | None, area: Area | None) -> dict[str, bool]:
    """Which of the list's follow buttons say "Stop following": the
    category's and the area's, or all ideas' when the list is not limited."""
    if category is None and area is None:
        return {"all_ideas": notifications.is_following(current_user, FollowKind.ALL_IDEAS)}
    return {
        "category": category is not None
        and notifications.is_following(current_user, FollowKind.CATEGORY, category),
        "area": area is not None
        and notifications.is_following(current_user, FollowKind.AREA, area),
    }


def _chosen(offered: list[T], name: str) -> T | None:
    """The category or area (among those offered) the list is limited to;
    404 for an unknown one."""
    slug = request.args.get(name) or None
    if slug is None:
        return None
    found = next((row for row in offered if row.slug == slug), None)  # type: ignore[attr-defined]
    if found is None:
        abort(404)
    return found


@bp.route("/search")
def search():
    query = (request.args.get("q") or "").strip()[:200]
    flt, offered = _list_filter()
    pagination = queries.search_ideas(query, page_number(), _per_page(), flt) if query else None
    if pagination is not None and pagination.page > pagination.pages:
        abort(404)
    found = pagination.items if pagination is not None else []
    return render_template(
        "ideas/search.html",
        query=query,
        pagination=pagination,
        flt=flt,
        snippets={idea.id: snippet(idea.body_html, query) for idea in found},
        **offered,
    )


@bp.route("/similar")
@ratelimit.lookups_per_ip("60/minute;1000/hour")
def similar():
    """The ideas like a title being typed, as the part of the idea form that
    shows them (the form's script asks while the citizen types)."""
    title = (request.args.get("title") or "").strip()[:200]
    return render_template(
        "ideas/_similar.html", **_suggested(similar_ideas(title) if title else [])
    )


def _suggested(similar: list[Idea]) -> dict[str, object]:
    """The suggestions, and which of them the reader supports already."""
    return {"similar": similar, "supported": supported_among(current_user, [i.id for i in similar])}


@bp.route("/<id:idea_id>")
def detail(idea_id: int):
    return render_idea_page(load_idea(idea_id))


PUBLISHED = _l("Thank you! Your idea is published.")
AWAITING = _l(
    "Thank you! A moderator will look at your idea before it is published. You will get an e-mail."
)


@bp.route("/new", methods=["GET", "POST"])
@accepts_photos
@ratelimit.per_published("30/hour", IdeaForm)
@ratelimit.previews_per_account(IdeaForm)
def new():
    permissions.require(permissions.can_create_idea(current_user))
    form = IdeaForm()
    if not form.is_submitted():
        form.start(locale_code(), request.args)
        form.show_photos(None)
    preview, similar = None, []
    if _valid_with_photos(form, None):
        if form.preview.data:
            preview = render_markdown(form.body.data)
            similar = similar_ideas(form.title.data, form.body.data)
        else:
            idea = services.create_idea(
                current_user,
                form.title.data,
                form.body.data,
                form.category.chosen,
                form.language.data,
                area=form.area.chosen,
            )
            # A form sent twice gives the idea already posted: its photos stay.
            if not photos.has_any(idea):
                photos.attach(idea, form.chosen_photos)
            db.session.commit()
            flash(str(AWAITING if idea.awaiting_approval else PUBLISHED), "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = form_status(form)
    return render_template(
        "ideas/form.html", form=form, preview=preview, idea=None, **_suggested(similar)
    ), code


@bp.route("/<id:idea_id>/edit", methods=["GET", "POST"])
@accepts_photos
@ratelimit.previews_per_account(IdeaForm)
def edit(idea_id: int):
    idea = load_idea(idea_id)
    form = IdeaForm(obj=idea)
    # The author hears the real reason, and keeps the text typed.
    refusal = permissions.refusal(permissions.can_edit_idea, current_user, idea)
    if refusal is not None and form.is_submitted():
        return render_template(
            "ideas/form.html", form=form, preview=None, idea=idea, refusal=refusal
        ), 403
    permissions.require_rule(
        permissions.can_edit_idea, idea, back=url_for("ideas.detail", idea_id=idea.id)
    )
    if not form.is_submitted():
        form.start_editing(idea, locale_code())
    preview = None
    if _valid_with_photos(form, idea):
        if form.preview.data:
            preview = render_markdown(form.body.data)
        else:
            changed = services.edit_idea(
                idea, form.title.data, form.body.data, form.category.chosen, form.language.data,
                area=form.area.chosen,
            )  # fmt: skip
            changed = photos.attach(idea, form.chosen_photos) or changed
            db.session.commit()
            flash(_("Your changes are saved.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = form_status(form)
    return render_template("ideas/form.html", form=form, preview=preview, idea=idea), code


@bp.route("/<id:idea_id>/withdraw", methods=["GET", "POST"])
def withdraw(idea_id: int):
    idea = load_idea(idea_id)
    # A second click, or a page left open, is told it is already withdrawn.
    permissions.require_rule(
        permissions.can_withdraw_idea, idea, back=url_for("ideas.detail", idea_id=idea.id)
    )
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw_idea(idea, current_user, form.note.data)
        db.session.commit()
        flash(_("Your idea is withdrawn."), "success")
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    return render_template("ideas/withdraw.html", form=form, idea=idea)


def _valid_with_photos(form: IdeaForm, idea: Idea | None) -> bool:
    """The form's fields are valid and its photos are stored and described
    (photos a form brought are kept even when something else is wrong)."""
    if not form.is_submitted():
        return False
    valid = form.validate_on_submit()
    return form.take_photos(current_user, idea) and valid


def _per_page() -> int:
    return current_app.config["IDEAS_PER_PAGE"]
