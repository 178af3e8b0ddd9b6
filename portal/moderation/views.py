from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal import permissions, ratelimit
from portal.accounts.models import User
from portal.comments.addresses import comment_url
from portal.comments.loaders import load_comment
from portal.confirmations import flash_at
from portal.errors import carried_out
from portal.extensions import db
from portal.forms import form_status
from portal.i18n import count
from portal.ideas import queries as idea_queries
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea, IdeaStatus
from portal.ideas.similar import similar_ideas
from portal.moderation import chain, queries, services
from portal.moderation.forms import (
    ACTION_HEADINGS,
    VERSION_HEADINGS,
    BlockForm,
    FlagForm,
    HideReasonForm,
    MergeForm,
    ModeratorEditForm,
    NominationReasonForm,
    ReasonForm,
    UnblockForm,
    VersionReasonForm,
)
from portal.moderation.models import (
    FLAG_REASON_LABELS,
    LOG_ACTION_LABELS,
    LOG_TARGET_LABELS,
    LOG_TARGET_NAMES,
    FlagReason,
)
from portal.municipality import services as municipality
from portal.municipality.forms import HandOverForm, ReviewStatusForm
from portal.nominations import queries as nomination_queries
from portal.nominations import services as nomination_services
from portal.nominations.loaders import load_nomination
from portal.settings import SETTING_LABELS, VALUE_LABELS
from portal.urls import page_number
from portal.validators import optional_int
from portal.versions.loaders import load_revision
from portal.versions.models import Revision

bp = Blueprint("moderation", __name__)


@bp.context_processor
def _labels() -> dict:
    return {
        "flag_reasons": FLAG_REASON_LABELS,
        "log_actions": LOG_ACTION_LABELS,
        "log_targets": LOG_TARGET_LABELS,
        "log_target_names": LOG_TARGET_NAMES,
    }


def _choice(name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.args.get(name)
    return value if value in allowed else None


def _target(kind: str, target_id: int):  # type: ignore[no-untyped-def]
    """(item, its idea) for ideas/<id> and comments/<id>, or 404."""
    if kind == "ideas":
        idea = load_idea(target_id)
        return idea, idea
    return load_comment(target_id)


def _ask_refusal(idea: Idea) -> object:
    """Why this idea cannot be sent back to its author for an edit."""
    if idea.awaiting_approval:
        return ASK_WAITING
    if idea.hidden_at is not None:
        return _l("Nothing to do: it is already so.")
    return ASK_TAKEN_UP


ASK_WAITING = _l(
    "This idea waits for approval: publish it, or reject it with a reason that says what to "
    "change, in the moderation queue."
)
ASK_TAKEN_UP = _l(
    "Only a published idea still under review can go back to its author: this one has been "
    "taken up, withdrawn or merged."
)


def _back_to(item, idea, message: str, category: str):  # type: ignore[no-untyped-def]
    """The reported item on its idea's page (a comment: on the page of the
    debate it is on), with ``message`` next to it."""
    if item is idea:
        anchor = flash_at("support", message, category)
        return url_for("ideas.detail", idea_id=idea.id, _anchor=anchor)
    return comment_url(idea, item.id, flash_at(f"comment-{item.id}", message, category))


def _to_version(revision: Revision, message: str | None = None, category: str = "success") -> str:
    """The version on its idea's history page (with ``message`` next to it)."""
    anchor = f"version-{revision.id}"
    if message is not None:
        anchor = flash_at(anchor, message, category)
    return url_for("versions.history", idea_id=revision.idea_id, _anchor=anchor)


@bp.route("/<any(ideas, comments):kind>/<id:target_id>/flag", methods=["GET", "POST"])
@ratelimit.per_published("20/hour", FlagForm)
def flag(kind: str, target_id: int):
    item, idea = _target(kind, target_id)
    permissions.require(permissions.can_flag(current_user, item, idea))
    form = FlagForm()
    if form.validate_on_submit():
        if services.flag(current_user, item, FlagReason(form.reason.data), form.note.data):
            db.session.commit()
            message, category = _("Thank you. The moderators will look at it."), "success"
        else:
            message = _("You have already reported this. The moderators will look at it.")
            category = "info"
        return redirect(_back_to(item, idea, message, category))
    code = form_status(form)
    return render_template("moderation/flag.html", form=form, item=item, idea=idea, kind=kind), code


@bp.route(
    "/moderation/<any(ideas, comments):kind>/<id:target_id>/<any(hide, restore):action>",
    methods=["GET", "POST"],
)
def act(kind: str, target_id: int, action: str):
    permissions.require(permissions.can_moderate(current_user))
    item, idea = _target(kind, target_id)
    form = HideReasonForm() if action == "hide" else ReasonForm()
    hidden = services.is_hidden(item) and not (action == "hide" and services.may_hide_again(item))
    if (action == "hide") == hidden:
        return redirect(_back_to(item, idea, _("Nothing to do: it is already so."), "info"))
    if form.validate_on_submit():
        getattr(services, action)(current_user, item, form.reason_for(item.author))
        db.session.commit()
        done = _("Done. The author has been told.")
        if queue_views.from_queue():
            return redirect(queue_views.to_next_in_queue(done))
        return redirect(_back_to(item, idea, done, "success"))
    form.written_for(item.author)
    code = form_status(form)
    return render_template(
        "moderation/act.html",
        form=form,
        item=item,
        idea=idea,
        kind=kind,
        action=action,
        heading=ACTION_HEADINGS[kind, action],
    ), code


@bp.route("/moderation/ideas/<id:idea_id>/ask-to-edit", methods=["GET", "POST"])
def ask_to_edit(idea_id: int):
    """Hold an idea until its author edits it, instead of hiding it."""
    permissions.require(permissions.can_moderate(current_user))
    idea = load_idea(idea_id)
    if not permissions.can_ask_to_edit(current_user, idea):
        return redirect(_back_to(idea, idea, str(_ask_refusal(idea)), "info"))
    form = HideReasonForm()
    if form.validate_on_submit():
        services.ask_to_edit(current_user, idea, form.reason_for(idea.author))
        db.session.commit()
        done = _("The idea is held until its author has edited it. The author has been told.")
        if queue_views.from_queue():
            return redirect(queue_views.to_next_in_queue(done))
        return redirect(_back_to(idea, idea, done, "success"))
    form.written_for(idea.author)
    return render_template("moderation/ask_to_edit.html", form=form, idea=idea), form_status(form)


@bp.route(
    "/moderation/versions/<id:revision_id>/<any(hide, restore):action>", methods=["GET", "POST"]
)
def act_on_version(revision_id: int, action: str):
    """Hide an earlier version on an idea's history page, or show it again."""
    permissions.require(permissions.can_moderate(current_user))
    revision, idea = load_revision(revision_id)
    if (action == "hide") == (revision.hidden_at is not None):
        return redirect(_to_version(revision, _("Nothing to do: it is already so."), "info"))
    form = VersionReasonForm()
    if form.validate_on_submit():
        with carried_out() as done:
            getattr(services, f"{action}_version")(current_user, revision, form.reason.data)
        if done:
            return redirect(_to_version(revision, _("Done. The history page shows it so.")))
        code = 400  # refused: the page says why
    else:
        code = form_status(form)
    return render_template(
        "moderation/version_act.html", form=form, revision=revision, idea=idea, action=action,
        heading=VERSION_HEADINGS[action], back=_to_version(revision),
    ), code  # fmt: skip


@bp.route("/moderation/users/<id:user_id>/<any(block, unblock):action>", methods=["GET", "POST"])
def block(user_id: int, action: str):
    citizen = db.session.get(User, user_id)
    if citizen is None:
        abort(404)
    permissions.require(permissions.can_block(current_user, citizen))
    form = BlockForm() if action == "block" else UnblockForm()
    if (action == "block") == citizen.is_blocked:
        flash(_("Nothing to do: it is already so."), "info")
        return redirect(url_for("moderation.queue"))
    if form.validate_on_submit():
        if action == "block":
            days = int(form.period.data) if form.period.data else None
            services.block(current_user, citizen, form.reason.data, days)
            flash(_("%(name)s is blocked and has been told why.", name=citizen.display_name),
                  "success")  # fmt: skip
        else:
            services.unblock(current_user, citizen, form.reason.data)
            flash(_("The block on %(name)s is lifted.", name=citizen.display_name), "success")
        db.session.commit()
        return redirect(url_for("moderation.queue"))
    code = form_status(form)
    return render_template("moderation/block.html", form=form, citizen=citizen, action=action), code


@bp.route("/moderation/ideas/<id:idea_id>/edit", methods=["GET", "POST"])
def edit_idea(idea_id: int):
    """Correct a title's typos or move an idea to the right category."""
    permissions.require(permissions.can_moderate(current_user))
    idea = load_idea(idea_id)
    form = ModeratorEditForm(obj=idea, reason="")
    if not form.is_submitted():
        form.category.data = idea.category_id
    if form.validate_on_submit():
        category = form.category.chosen
        if services.edit_idea(current_user, idea, form.title.data, category.id, form.reason.data):
            db.session.commit()
            flash(_("The idea is corrected. The change is in the moderation log."), "success")
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = form_status(form)
    return render_template("moderation/edit.html", form=form, idea=idea), code


@bp.route("/moderation/ideas/<id:idea_id>/merge", methods=["GET", "POST"])
def merge(idea_id: int):
    """Mark an idea as a duplicate of another one."""
    permissions.require(permissions.can_moderate(current_user))
    duplicate = load_idea(idea_id)
    permissions.require_rule(
        permissions.can_merge, duplicate, back=url_for("ideas.detail", idea_id=duplicate.id)
    )
    form = MergeForm()
    if not form.is_submitted():  # a merge candidate picked below the form
        form.into.data = optional_int(request.args.get("into"))
    if form.validate_on_submit():
        merged = _("The idea is merged. Its supporters now support the other idea.")
        with carried_out(merged, field=form.into) as done:
            services.merge(current_user, duplicate, form.into.chosen, form.reason.data)
        if done:
            return redirect(url_for("ideas.detail", idea_id=duplicate.id))
    candidates = similar_ideas(duplicate.title, duplicate.body, exclude=duplicate.id)
    # Or found by the moderator's own words (no idea numbers to type).
    query = (request.args.get("q") or "").strip()[:200]
    found = [i for i in idea_queries.search_ideas(query, 1, 10).items if i.id != duplicate.id]
    return render_template(
        "moderation/merge.html", form=form, idea=duplicate, candidates=candidates,
        query=query, found=found if query else None,
    ), form_status(form)  # fmt: skip


@bp.route("/moderation/log")
def log():
    permissions.require(permissions.can_moderate(current_user))
    action = (
        request.args.get("action") if request.args.get("action") in queries.LOG_ACTIONS else None
    )
    target_type = (
        request.args.get("type") if request.args.get("type") in LOG_TARGET_LABELS else None
    )
    pagination = queries.log_page(page_number(), action, target_type)
    if pagination.page > pagination.pages:
        abort(404)
    return render_template(
        "moderation/log.html", pagination=pagination, action=action, target_type=target_type,
        actions=queries.LOG_ACTIONS, names=queries.log_names(), setting_labels=SETTING_LABELS,
        value_labels=VALUE_LABELS, head=chain.head(),
    )  # fmt: skip


@bp.route("/moderation/nominations")
def nominations():
    """Nominations' texts, newest first, to hide the abusive ones."""
    permissions.require(permissions.can_moderate(current_user))
    pagination = nomination_queries.for_moderation(page_number())
    if pagination.page > pagination.pages:
        abort(404)
    return render_template("moderation/nominations.html", pagination=pagination)


@bp.route("/moderation/nominations/<id:nomination_id>/<any(hide, restore):action>",
          methods=["GET", "POST"])  # fmt: skip
def act_on_nomination(nomination_id: int, action: str):
    permissions.require(permissions.can_moderate(current_user))
    nomination = load_nomination(nomination_id)
    form = NominationReasonForm()
    back = url_for("moderation.nominations")
    if (action == "hide") == nomination.is_hidden:
        flash(_("Nothing to do: it is already so."), "info")
        return redirect(back)
    if form.validate_on_submit():
        getattr(nomination_services, action)(current_user, nomination, form.reason.data)
        db.session.commit()
        flash(_("Done. The nominator sees why."), "success")
        return redirect(back)
    return render_template(
        "moderation/nomination_act.html", form=form, nomination=nomination, action=action
    ), form_status(form)


# --- moderators: review status and hand-over --------------------------------------------


@bp.route("/moderation/ideas/<id:idea_id>/status", methods=["GET", "POST"])
def review_status(idea_id: int):
    idea = load_idea(idea_id)
    permissions.require_rule(
        permissions.can_set_review_status, idea, back=url_for("ideas.detail", idea_id=idea.id)
    )
    form = ReviewStatusForm(idea=idea)
    if form.validate_on_submit():
        with carried_out(_("The status is changed. The author and supporters have been told.")):
            municipality.set_review_status(
                current_user, idea, IdeaStatus(form.status.data), form.note.data
            )
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = form_status(form)
    return render_template("moderation/review_status.html", form=form, idea=idea), code


def _memo_template(idea) -> str:  # type: ignore[no-untyped-def]
    return "\n\n".join(
        [
            _("What the idea asks for:"),
            _("Why it matters:"),
            count(
                "Support: %(num)s citizen supports the idea.",
                "Support: %(num)s citizens support the idea.",
                idea.support_count,
            ),
        ]
    )


@bp.route("/moderation/ideas/<id:idea_id>/hand-over", methods=["GET", "POST"])
def hand_over(idea_id: int):
    idea = load_idea(idea_id)
    permissions.require_rule(
        permissions.can_hand_over, idea, back=url_for("ideas.detail", idea_id=idea.id)
    )
    form = HandOverForm()
    if not form.is_submitted():
        form.memo.data = _memo_template(idea)
    if form.validate_on_submit():
        department = form.department.chosen
        with carried_out(
            _("The idea is handed over to %(department)s.", department=department.name)
        ):
            municipality.hand_over(current_user, idea, department, form.memo.data, form.note.data)
        return redirect(url_for("ideas.detail", idea_id=idea.id))
    code = form_status(form)
    return render_template("moderation/hand_over.html", form=form, idea=idea), code


from portal.moderation import photo_views, queue_views  # noqa: E402, F401 - routes of this blueprint
