"""The idea page, assembled in one place: the idea, its answer, agenda,
history and debate, and what the reader did with it. Views of other
domains that answer on the idea page (a refused comment) render it here."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from portal import permissions
from portal.comments import queries as comments
from portal.comments.forms import CommentForm
from portal.extensions import db
from portal.ideas import queries
from portal.ideas.models import CLOSED_STATUSES, Idea
from portal.ideas.workflow import REVIEW_STATUSES
from portal.moderation.queries import flagged_comments_of, idea_flag_clause
from portal.municipality import queries as municipality
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.photos import queries as photos
from portal.supports.queries import supported_clause
from portal.timeutil import utcnow


@dataclass
class Viewer:
    """The person reading the idea page, as far as the page shows it."""

    supported: bool = False
    following: bool = False
    flagged_idea: bool = False
    flagged_comments: set[int] = field(default_factory=set)


@dataclass
class Unpublished:
    """A comment the idea no longer takes (withdrawn or merged meanwhile):
    why, and the text, shown again so that nothing typed is lost."""

    reason: str
    text: str


def viewer_of(idea: Idea) -> Viewer:
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


def _discussion(idea: Idea) -> comments.Discussion:
    """The page of the debate the reader asked for (``?comments=newest&cpage=2``)."""
    order = request.args.get("comments", comments.DEFAULT_ORDER)
    if order not in comments.ORDERS:
        order = comments.DEFAULT_ORDER
    return comments.discussion(idea, order, request.args.get("cpage", 1, type=int) or 1)


def render_idea_page(
    idea: Idea,
    comment_form: CommentForm | None = None,
    status: int = 200,
    unpublished: Unpublished | None = None,
):  # type: ignore[no-untyped-def]
    """The idea page; also re-rendered with a failed comment form so nothing
    typed is lost."""
    g.canonical_path = url_for("ideas.detail", idea_id=idea.id)
    # A form only for who may send it: a visitor's page carries no token.
    blank = CommentForm(formdata=None) if permissions.can_comment(current_user, idea) else None
    handled = idea.status not in (*REVIEW_STATUSES, *CLOSED_STATUSES)
    return render_template(
        "ideas/detail.html",
        idea=idea,
        hand_over=municipality.hand_over_of(idea) if handled else None,
        thanks=municipality.thank_you_of(idea),
        photos=photos.of_idea(idea, with_hidden=permissions.is_moderator(current_user)),
        agenda_items=(
            municipality.agenda_items_of(idea, permissions.can_manage_meetings(current_user))
            if handled
            else []
        ),
        now=utcnow(),
        discussion=_discussion(idea),
        comment_orders=comments.ORDER_LABELS,
        history=queries.history(idea),
        merged=queries.merged_into(idea),
        viewer=viewer_of(idea),
        comment_form=comment_form or blank,
        blank_comment_form=blank,
        unpublished=unpublished,
    ), status
