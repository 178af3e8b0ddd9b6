"""Telling the people who care about an idea what happened to it.

The author and the supporters of an idea get a mail, in their own
language, when its status changes or the municipality answers it. The
mails go to the outbox in the transaction that made the change; whoever
made the change and unverified addresses are left out.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Idea
from portal.mail import queue_mail
from portal.sanitize import render_markdown
from portal.supports.models import Support
from portal.urls import absolute_url


def watchers(idea: Idea, actor: User | None) -> list[User]:
    """The author and the supporters, each once, in one query."""
    supporters = select(Support.user_id).where(Support.idea_id == idea.id)
    stmt = select(User).where(
        or_(User.id == idea.author_id, User.id.in_(supporters)),
        User.email_verified_at.is_not(None),
    )
    if actor is not None:
        stmt = stmt.where(User.id != actor.id)
    return list(db.session.scalars(stmt.order_by(User.id)))


def _send(kind: str, idea: Idea, actor: User | None, **context: object) -> None:
    url = absolute_url("ideas.detail", idea_id=idea.id)
    for user in watchers(idea, actor):
        queue_mail(
            kind,
            user.email,
            user.locale,
            user=user,
            idea=idea,
            is_author=user.id == idea.author_id,
            url=url,
            **context,
        )


def status_changed(idea: Idea, actor: User | None, note: str) -> None:
    _send("status_changed", idea, actor, status=idea.status, note=note)


def answered(idea: Idea, actor: User | None, answer: str) -> None:
    _send("idea_answered", idea, actor, answer=answer, answer_html=render_markdown(answer))
