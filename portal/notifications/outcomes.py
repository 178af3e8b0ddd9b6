"""The mails telling an author what became of their contribution: the
thank-you when the municipality has carried out their idea (here), and a
challenge answer's outcome (``challenges.notices``). They are
notifications (one-click unsubscribe) on their own topic, sent at once."""

from __future__ import annotations

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.notifications import services
from portal.sanitize import render_markdown
from portal.urls import absolute_url

OUTCOME = "outcome"  # the topic of these mails


def thank_author(idea: Idea, actor: User | None, message: str) -> bool:
    """The thank-you mail to the author of an idea the municipality has
    carried out, in their language, with what it wrote (``message``: the
    status note or the answer). Not to a deleted account, an unconfirmed
    address, or staff marking their own idea. True when a mail was queued."""
    author = db.session.get(User, idea.author_id)
    if author.erased_at is not None or not author.email_verified_at:
        return False
    if actor is not None and actor.id == author.id:
        return False
    services.queue_notification(
        "idea_implemented",
        author,
        services.settings_of(author),
        topic=OUTCOME,
        about={"ideas": [idea.id]},
        idea=idea,
        message=message,
        message_html=render_markdown(message) if message else "",
        url=absolute_url("ideas.detail", idea_id=idea.id),
        profile_url=absolute_url("profiles.person", user_id=author.id),
    )
    return True


def implemented(idea: Idea, actor: User | None, message: str, new_status: str | None) -> bool:
    """Thank the author when the idea has just been carried out: True when
    their own mail tells them (the followers' mail then skips them)."""
    return new_status == IdeaStatus.IMPLEMENTED and thank_author(idea, actor, message)
