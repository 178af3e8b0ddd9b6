"""A person's data: exporting it (GDPR art. 15/20) and erasing it (art. 17).

Erasing an account removes everything that identifies the person: e-mail,
name, password, sessions, settings, follows, supports (the counts drop
with them), open reports, mails still waiting, the nominations they made
and their place as a nominee in any pyramid. Ideas and comments stay as
part of the public debate others answered, under "Former participant";
the moderation log keeps its entries (who did what is a legal record), now
pointing to an account without personal data.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import delete, select

from portal.accounts.locks import lock_author
from portal.accounts.models import User, UserSession
from portal.accounts.services import hash_password
from portal.comments.models import Comment
from portal.extensions import db
from portal.hooks import content_withdrawn
from portal.ideas import services as idea_services
from portal.ideas.models import Idea
from portal.mail import OutboxMessage, OutboxStatus
from portal.moderation.models import Flag
from portal.nominations import queries as nominations
from portal.nominations import services as nomination_services
from portal.notifications.models import Digest, Follow, NotificationSettings
from portal.photos import queries as photo_queries
from portal.photos import services as photo_services
from portal.supports.models import Support
from portal.timeutil import utcnow


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: User) -> dict[str, Any]:
    """Everything the portal keeps about the person, as plain data."""
    ideas = db.session.scalars(select(Idea).where(Idea.author_id == user.id).order_by(Idea.id))
    comments = db.session.scalars(
        select(Comment).where(Comment.author_id == user.id).order_by(Comment.id)
    )
    supports = db.session.execute(
        select(Support.idea_id, Support.created_at).where(Support.user_id == user.id)
    )
    follows = db.session.execute(
        select(
            Follow.kind, Follow.idea_id, Follow.category_id, Follow.area_id, Follow.created_at
        ).where(Follow.user_id == user.id)
    )
    flags = db.session.scalars(select(Flag).where(Flag.reporter_id == user.id).order_by(Flag.id))
    mails = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.to_address == user.email)
        .order_by(OutboxMessage.id)
    )
    settings = db.session.get(NotificationSettings, user.id)
    sessions = db.session.scalars(select(UserSession).where(UserSession.user_id == user.id))
    return {
        "account": {
            "email": user.email,
            "display_name": user.name,
            "role": user.role,
            "language": user.locale,
            "named_in_open_data": user.credit_by_name,
            "registered": _iso(user.created_at),
            "email_confirmed": _iso(user.email_verified_at),
            "blocked": _iso(user.blocked_at),
            "blocked_until": _iso(user.blocked_until),
            "blocked_reason": user.blocked_reason,
        },
        "ideas": [
            {"number": i.id, "title": i.title, "text": i.body, "status": i.status,
             "posted": _iso(i.created_at), "hidden_reason": i.hidden_reason}
            for i in ideas
        ],
        "comments": [
            {"id": c.id, "idea": c.idea_id, "text": c.body, "posted": _iso(c.created_at),
             "hidden_reason": c.hidden_reason}
            for c in comments
        ],
        "supports": [{"idea": idea_id, "since": _iso(at)} for idea_id, at in supports],
        "follows": [
            {"kind": kind, "idea": idea_id, "category": category_id, "area": area_id,
             "since": _iso(at)}
            for kind, idea_id, category_id, area_id, at in follows
        ],
        "reports": [
            {"idea": f.idea_id, "comment": f.comment_id, "reason": f.reason, "note": f.note,
             "reported": _iso(f.created_at), "resolution": f.resolution}
            for f in flags
        ],
        "mails": [
            {"subject": m.subject, "kind": m.kind, "status": m.status,
             "written": _iso(m.created_at), "sent": _iso(m.sent_at)}
            for m in mails
        ],
        "notification_settings": None
        if settings is None
        else {
            "ideas": settings.idea_delivery,
            "categories": settings.category_delivery,
            "areas": settings.area_delivery,
            "all_ideas": settings.all_ideas_delivery,
            "no_email": settings.no_email,
            "follow_what_i_comment_or_support": settings.auto_follow,
            "email_language": settings.email_locale,
        },
        "nominations": nominations.export_of(user),
        "photos": photo_queries.export_of(user),
        "logins": [
            {"started": _iso(s.created_at), "last_seen": _iso(s.last_seen_at)} for s in sessions
        ],
        "exported": _iso(utcnow()),
    }  # fmt: skip


def erase(user: User) -> None:
    """Delete the account's personal data; see the module docstring."""
    lock_author(user.id)  # first, as posting does: one lock order (author, then ideas)
    supported = list(db.session.scalars(select(Support.idea_id).where(Support.user_id == user.id)))
    for idea_id in sorted(supported):  # one lock order
        idea_services.lock_figures(idea_id)
    db.session.execute(delete(Support).where(Support.user_id == user.id))
    db.session.flush()
    for idea in db.session.scalars(select(Idea).where(Idea.id.in_(supported))):
        idea_services.refresh_figures(idea)
    nomination_services.erase_person(user)  # before the address goes: it finds them
    photo_services.remove_all_of(user)  # rows now, files once this commits
    for model in (Follow, NotificationSettings, Digest, UserSession):
        db.session.execute(delete(model).where(model.user_id == user.id))
    db.session.execute(delete(Flag).where(Flag.reporter_id == user.id, Flag.resolved_at.is_(None)))
    db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.to_address == user.email, OutboxMessage.status == OutboxStatus.QUEUED
        )
    )
    user.email = f"deleted-{user.id}-{secrets.token_hex(4)}@invalid"
    user.display_name = "-"
    user.erased_at = utcnow()
    user.password_hash = hash_password(secrets.token_urlsafe(32))
    user.locale = None
    user.credit_by_name = False
    user.department_id = None
    user.role = "citizen"
    user.email_verified_at = None
    user.blocked_at = user.blocked_until = user.blocked_reason = None
    content_withdrawn.send("account")  # printed reports named them
