"""Comments and replies."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.locks import lock_author
from portal.accounts.models import User
from portal.comments.models import Comment
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Idea
from portal.moderation.services import log
from portal.notifications import services as notifications
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.versions import services as versions
from portal.versions.models import By, Kind

DOUBLE_SUBMIT_WINDOW = timedelta(minutes=2)
PARENT_GONE = _l("The comment you replied to is no longer available.")


class CommentError(DomainError):
    """The comment could not be written as asked."""

    messages = {"parent": PARENT_GONE}


def add_comment(author: User, idea: Idea, body: str, parent_id: int | None = None) -> Comment:
    """Comment on an idea, or reply to a comment on it. A reply to a reply
    joins the same thread: there is one level of replies."""
    parent = None
    if parent_id is not None:
        parent = db.session.get(Comment, parent_id)
        if parent is None or parent.idea_id != idea.id or parent.is_hidden:
            raise CommentError("parent")
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
    # The author, then the idea: the same comment sent twice at the same
    # moment is stored once.
    lock_author(author.id)
    idea_services.lock_figures(idea.id)
    now = utcnow()
    duplicate = db.session.scalar(
        select(Comment).where(
            Comment.idea_id == idea.id,
            Comment.author_id == author.id,
            Comment.body == body,
            Comment.created_at >= now - DOUBLE_SUBMIT_WINDOW,
        )
    )
    if duplicate is not None:
        return duplicate
    comment = Comment(
        idea_id=idea.id,
        parent_id=parent.id if parent else None,
        author_id=author.id,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
    )
    db.session.add(comment)
    db.session.flush()
    versions.keep(Kind.COMMENT, comment.id, idea.id, body, author.id, By.AUTHOR)
    idea_services.refresh_figures(idea)
    notifications.new_comment(idea, comment, author)
    notifications.auto_follow(author, idea)
    return comment


def edit_comment(comment: Comment, body: str) -> bool:
    """The author's edit; False (and no new version) when it changes nothing."""
    if body == comment.body:
        return False
    comment.body = body
    comment.body_html = render_markdown(body)
    comment.edited_at = utcnow()
    versions.keep(Kind.COMMENT, comment.id, comment.idea_id, body, comment.author_id, By.AUTHOR)
    return True


def pick_for_report(actor: User, comment: Comment, chosen: bool) -> None:
    """A moderator or official chooses whether the meeting report prints the
    comment (without a choice it prints the most recent few); logged."""
    if comment.in_report == chosen:
        return
    comment.in_report = chosen
    log(actor, "report_pick" if chosen else "report_unpick", comment)
