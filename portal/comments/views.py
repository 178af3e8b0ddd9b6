from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions, ratelimit
from portal.comments import queries, services
from portal.comments.addresses import comment_url
from portal.comments.forms import CommentForm
from portal.comments.loaders import load_comment
from portal.comments.texts import comment_text
from portal.confirmations import flash_at
from portal.extensions import db
from portal.forms import ActionForm, form_status
from portal.ideas.loaders import load_idea
from portal.ideas.models import Idea
from portal.ideas.page import Unpublished, render_idea_page

bp = Blueprint("comments", __name__)
bp.add_app_template_global(comment_text)


def _comment_url(idea: Idea, comment_id: int, confirm: str | None = None) -> str:
    """The comment on its idea's page (the page of the debate it is on);
    with ``confirm`` shown next to it."""
    anchor = f"comment-{comment_id}"
    return comment_url(idea, comment_id, flash_at(anchor, confirm) if confirm else anchor)


@bp.route("/ideas/<id:idea_id>/comments", methods=["POST"])
@ratelimit.per_published("10/minute;60/hour", CommentForm)
def create(idea_id: int):
    idea = load_idea(idea_id)
    form = CommentForm()
    refusal = permissions.refusal(permissions.can_comment, current_user, idea)
    if refusal is not None:
        # Withdrawn or merged while the page was open: say so, and give the
        # text back so nothing typed is lost.
        unpublished = Unpublished(refusal, form.body.data or "")
        return render_idea_page(idea, unpublished=unpublished, status=409)
    permissions.require(permissions.can_comment(current_user, idea))
    if form.validate_on_submit():
        try:
            comment = services.add_comment(current_user, idea, form.body.data, form.reply_to())
        except services.CommentError as error:
            form.parent_id.errors.append(error.message)
        else:
            db.session.commit()
            return redirect(_comment_url(idea, comment.id, _("Your comment is published.")))
    elif not form.parent_id.errors and not _reply_form_shown(idea, form.reply_to()):
        form.parent_id.errors.append(str(services.PARENT_GONE))
    if form.parent_id.errors:
        # The reply's thread is gone (or the form was tampered with): show
        # the text again in the main comment form, with the reason.
        form.body.errors.extend(form.parent_id.errors)
        form.parent_id.data = ""
    return render_idea_page(idea, comment_form=form, status=400)


def _reply_form_shown(idea: Idea, parent_id: int | None) -> bool:
    """The idea page has a reply form for this thread (where a failed reply is
    shown again); always true for a new comment."""
    if parent_id is None:
        return True
    parent = queries.get_comment(parent_id)
    return (
        parent is not None
        and parent.idea_id == idea.id
        and parent.parent_id is None
        and not parent.is_hidden
    )


@bp.route("/comments/<id:comment_id>")
def permalink(comment_id: int):
    """A comment's lasting address (mails, feeds, lists): its idea's page,
    at the page of the debate the comment is on now."""
    comment, idea = load_comment(comment_id)
    return redirect(comment_url(idea, comment.id))


@bp.route("/comments/<id:comment_id>/edit", methods=["GET", "POST"])
def edit(comment_id: int):
    comment, idea = load_comment(comment_id)
    form = CommentForm(obj=comment)
    # The author hears the real reason, and keeps the text typed.
    refusal = permissions.refusal(permissions.can_edit_comment, current_user, comment, idea)
    if refusal is not None and form.is_submitted():
        return render_template(
            "comments/edit.html", form=form, comment=comment, idea=idea, refusal=refusal
        ), 403
    permissions.require_rule(
        permissions.can_edit_comment, comment, idea, back=_comment_url(idea, comment.id)
    )
    if form.validate_on_submit():
        changed = services.edit_comment(comment, form.body.data)
        db.session.commit()
        saved = _("Your comment is saved.") if changed else _("Nothing was changed.")
        return redirect(_comment_url(idea, comment.id, saved))
    if form.parent_id.errors:
        # A tampered reply target has no field of its own on this page.
        form.body.errors = [*form.body.errors, *form.parent_id.errors]
    code = form_status(form)
    return render_template("comments/edit.html", form=form, comment=comment, idea=idea), code


@bp.route("/comments/<id:comment_id>/report", methods=["POST"])
def pick_for_report(comment_id: int):
    """Moderators and officials choose the comments the meeting report prints
    (without a choice it prints the most recent few)."""
    permissions.require(permissions.can_pick_for_report(current_user))
    comment, idea = load_comment(comment_id)
    if comment.is_hidden:
        abort(404)
    if ActionForm().validate_on_submit():
        # The button says what it wants ("include" or "leave out"), so a double
        # click or two people at once do not undo each other.
        wanted = request.form.get("include", "1" if not comment.in_report else "0") == "1"
        services.pick_for_report(current_user, comment, wanted)
        db.session.commit()
        flash(
            _("The comment will be printed in the meeting report.")
            if comment.in_report
            else _("The comment is left out of the meeting report."),
            "success",
        )
    return redirect(_comment_url(idea, comment.id))
