"""The moderation queue: reported items and ideas waiting for approval,
handled one by one or many at once (routes of the moderation blueprint).
A moderator who handled an item from the queue comes back to the queue at
the item after it (``?next_item=``), with the confirmation there."""

from __future__ import annotations

import re

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions
from portal.confirmations import flash_at
from portal.extensions import db
from portal.forms import ActionForm
from portal.i18n import count
from portal.ideas.loaders import load_idea
from portal.ideas.similar import similar_ideas
from portal.moderation import queries, services
from portal.moderation.forms import BulkForm
from portal.moderation.views import _choice, _target, bp
from portal.photos import queries as photo_queries

QUEUE_ANCHOR = re.compile(r"queue-(idea|comment)-\d{1,12}")


def from_queue() -> bool:
    """The action was started from the queue (its links carry ``next_item``)."""
    return "next_item" in request.args


def to_next_in_queue(message: str, category: str = "success") -> str:
    """The queue at the item after the one just handled, the message beside
    it; the top of the queue when it was the last one."""
    anchor = request.args.get("next_item", "")
    if QUEUE_ANCHOR.fullmatch(anchor):
        return url_for("moderation.queue", _anchor=flash_at(anchor, message, category))
    flash(message, category)
    return url_for("moderation.queue")


@bp.route("/moderation/")
def queue():
    permissions.require(permissions.can_moderate(current_user))
    order = _choice("sort", queries.QUEUE_ORDERS) or "age"
    return _queue_page(queries.queue(order), order, BulkForm(formdata=None))


# New ideas shown in the queue with the similar ideas already posted, as
# merge candidates: the first ones waiting for approval (three queries each).
SUGGESTED_IN_QUEUE = 10
CANDIDATES_IN_QUEUE = 3


def _queue_page(items: list, order: str, form: BulkForm, selected: set | None = None) -> str:
    waiting = [item.target for item in items if item.awaiting][:SUGGESTED_IN_QUEUE]
    candidates = {
        idea.id: [
            other
            for other in similar_ideas(idea.title, idea.body, exclude=idea.id)
            if other.is_public  # what it may be merged into
        ][:CANDIDATES_IN_QUEUE]
        for idea in waiting
    }
    return render_template(
        "moderation/queue.html",
        # The photos of the ideas in the queue: pre-moderation covers them too.
        photos=photo_queries.of_ideas([i.target.id for i in items if i.kind == "idea"]),
        items=items,
        order=order,
        form=form,
        selected=selected or set(),
        merge_candidates=candidates,
    )


@bp.route("/moderation/bulk", methods=["POST"])
def bulk():
    permissions.require(permissions.can_moderate(current_user))
    form = BulkForm(chosen=queries.targets(request.form.getlist("item")))
    if form.validate_on_submit():
        done = services.bulk(
            current_user, form.action.data, form.chosen, lambda item: form.reason_for(item.author)
        )
        db.session.commit()
        flash(count("%(num)s item handled.", "%(num)s items handled.", done), "success")
        return redirect(url_for("moderation.queue"))
    return _queue_page(queries.queue(), "age", form, set(request.form.getlist("item"))), 400


@bp.route("/moderation/ideas/<id:idea_id>/approve", methods=["POST"])
def approve(idea_id: int):
    """One click in the queue: publish an idea pre-moderation held back."""
    permissions.require(permissions.can_moderate(current_user))
    idea = load_idea(idea_id)
    if not idea.awaiting_approval:
        flash(_("Nothing to do: it is already so."), "info")
    elif ActionForm().validate_on_submit():
        services.approve(current_user, idea)
        db.session.commit()
        flash(_("The idea is published. The author has been told."), "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/moderation/<any(ideas, comments):kind>/<id:target_id>/dismiss", methods=["POST"])
def dismiss(kind: str, target_id: int):
    """One click in the queue: the reports on this item were unfounded."""
    permissions.require(permissions.can_moderate(current_user))
    item, _idea = _target(kind, target_id)
    if ActionForm().validate_on_submit():
        services.dismiss_flags(current_user, item)
        db.session.commit()
        return redirect(to_next_in_queue(_("The reports are dismissed.")))
    return redirect(url_for("moderation.queue"))
