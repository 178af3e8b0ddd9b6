"""Following, notification settings, instant notifications and unsubscribing.

Instant mails go to the outbox in the transaction of the event that causes
them, each in its recipient's language, to those who follow with instant
delivery and have not switched e-mail off — never to whoever caused it.
Everything else waits for the digests (``notifications.digests``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from portal.accounts.models import User
from portal.areas.models import Area
from portal.challenges.models import Challenge
from portal.extensions import db
from portal.ideas.models import Category, Idea
from portal.mail import pending_in_thread, queue_mail, render_mail, rewrite_queued
from portal.notifications import updates
from portal.notifications.models import (
    DEFAULT_SETTINGS,
    Delivery,
    Follow,
    FollowKind,
    NotificationSettings,
)
from portal.notifications.unsubscribe import unsubscribe_token
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.urls import absolute_url

# --- settings -------------------------------------------------------------------------


def settings_of(user: User) -> NotificationSettings:
    """The user's settings (the defaults until they change anything)."""
    return db.session.get(NotificationSettings, user.id) or default_settings(user.id)


def default_settings(user_id: int) -> NotificationSettings:
    columns = NotificationSettings.__table__.columns.keys()
    values = {c: getattr(DEFAULT_SETTINGS, c) for c in columns if c != "user_id"}
    return NotificationSettings(user_id=user_id, **values)


def save_settings(user: User, **values: Any) -> None:
    row = db.session.get(NotificationSettings, user.id)
    if row is None:
        row = default_settings(user.id)
        db.session.add(row)
    for key, value in values.items():
        setattr(row, key, value)


def delivery_sql(kind: FollowKind):  # type: ignore[no-untyped-def]
    """The SQL for a user's delivery of a kind of follow, defaults included."""
    column = getattr(NotificationSettings, f"{kind.value}_delivery")
    return func.coalesce(column, getattr(DEFAULT_SETTINGS, f"{kind.value}_delivery"))


def wants_mail():  # type: ignore[no-untyped-def]
    return and_(
        User.email_verified_at.is_not(None),
        func.coalesce(NotificationSettings.no_email, False).is_(False),
    )


# --- following ------------------------------------------------------------------------


# The column that names what a follow of each kind is about (none: all ideas).
TARGET_COLUMN = {
    FollowKind.IDEA: Follow.idea_id,
    FollowKind.CATEGORY: Follow.category_id,
    FollowKind.CHALLENGE: Follow.challenge_id,
    FollowKind.AREA: Follow.area_id,
}


def _target(kind: FollowKind, target: Any) -> dict[str, int]:
    """``target``: the idea, category, area or challenge followed (None: all ideas)."""
    column = TARGET_COLUMN.get(kind)
    return {column.key: target.id} if column is not None else {}


def _where(user: User, kind: FollowKind, target: Any) -> list:
    conditions = [Follow.user_id == user.id, Follow.kind == kind]
    if (column := TARGET_COLUMN.get(kind)) is not None:
        conditions.append(column == target.id)
    return conditions


def following_clause(user: User, kind: FollowKind, target: Any = None):  # type: ignore[no-untyped-def]
    """SQL: the (logged-in) user follows it."""
    return select(Follow.id).where(*_where(user, kind, target)).exists()


def is_following(user: User, kind: FollowKind, target: Any = None) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(db.session.scalar(select(following_clause(user, kind, target))))


def follow(user: User, kind: FollowKind, target: Any = None) -> None:
    """Follow (again) — a no-op when already following, also under races."""
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": pg_insert, "sqlite": sqlite_insert}[dialect]
    db.session.execute(
        insert(Follow)
        .values(user_id=user.id, kind=kind, **_target(kind, target))
        .on_conflict_do_nothing()
    )


def unfollow(user: User, kind: FollowKind, target: Any = None) -> None:
    db.session.execute(delete(Follow).where(*_where(user, kind, target)))


@dataclass
class Followed:
    kind: FollowKind
    idea: Idea | None
    category: Category | None
    challenge: Challenge | None = None
    area: Area | None = None


def follows_of(user: User, limit: int = 500) -> list[Followed]:
    """What the user follows, for the settings page (all ideas first)."""
    rows = db.session.execute(
        select(Follow.kind, Idea, Category, Challenge, Area)
        .outerjoin(Idea, Idea.id == Follow.idea_id)
        .outerjoin(Category, Category.id == Follow.category_id)
        .outerjoin(Challenge, Challenge.id == Follow.challenge_id)
        .outerjoin(Area, Area.id == Follow.area_id)
        .where(Follow.user_id == user.id, or_(Idea.id.is_(None), Idea.visible))
        .order_by(Follow.kind, Follow.created_at.desc())
        .limit(limit)
    ).all()
    return [Followed(FollowKind(kind), *targets) for kind, *targets in rows]


def auto_follow(user: User, idea: Idea) -> None:
    """Commenters and supporters follow the idea, unless they turned that off."""
    if settings_of(user).auto_follow:
        follow(user, FollowKind.IDEA, idea)


def unsubscribe(user: User) -> None:
    save_settings(user, no_email=True)


SUBSCRIPTION_KEYS = ("user", "unsubscribe_url", "settings_url")


def _subscription_context(user: User) -> dict[str, Any]:
    """The unsubscribe and settings links every notification carries."""
    unsubscribe_url = absolute_url("notifications.unsubscribe", token=unsubscribe_token(user))
    return {
        "user": user,
        "unsubscribe_url": unsubscribe_url,
        "settings_url": absolute_url("notifications.settings"),
    }


def _locale(user: User, settings: NotificationSettings) -> str | None:
    return settings.email_locale or user.locale


def queue_notification(  # type: ignore[no-untyped-def]
    kind: str,
    user: User,
    settings: NotificationSettings,
    *,
    topic: str,
    about: dict[str, Any],
    not_before: datetime | None = None,
    thread: str | None = None,
    **context: Any,
):
    """A notification or digest mail, with one-click unsubscribe (RFC 8058).
    ``topic`` (a follow kind, ``new_idea`` or a digest period) and ``about``
    (the ideas and comments it names) are checked again before it is sent
    (``notifications.sending``)."""
    links = _subscription_context(user)
    return queue_mail(
        kind,
        user.email,
        _locale(user, settings),
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        recipient_id=user.id,
        topic=topic,
        about=about,
        not_before=not_before,
        thread=thread,
        **links,
        **context,
    )


# --- instant notifications ----------------------------------------------------------------


def _instant_followers_of_idea(
    idea: Idea, actor: User | None
) -> list[tuple[User, NotificationSettings]]:
    stmt = (
        select(User, NotificationSettings)
        .join(Follow, and_(Follow.user_id == User.id, Follow.kind == FollowKind.IDEA))
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(
            Follow.idea_id == idea.id,
            wants_mail(),
            delivery_sql(FollowKind.IDEA) == Delivery.INSTANT,
        )
        .order_by(User.id)
    )
    if actor is not None:
        stmt = stmt.where(User.id != actor.id)
    return [(u, s or default_settings(u.id)) for u, s in db.session.execute(stmt).all()]


def _thread(idea: Idea) -> str:
    return f"idea:{idea.id}"


def _combined(idea: Idea, user: User, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The context of one mail telling ``events`` (still public) to ``user``."""
    return {
        **_subscription_context(user),
        "idea": idea,
        "is_author": user.id == idea.author_id,
        "url": absolute_url("ideas.detail", idea_id=idea.id),
        "items": updates.items(events),
    }


def idea_event(
    kind: str,
    idea: Idea,
    actor: User | None,
    event: dict[str, Any],
    *,
    skip_author: bool = False,
    **context: Any,
) -> None:
    """Tell the idea's followers who want it at once: ``status_changed``,
    ``idea_answered`` or ``new_comment`` (not the author with
    ``skip_author``: a mail of their own says it). The mail waits
    ``NOTIFY_COALESCE_MINUTES``; news on the same idea for the same person
    in that time joins it (one mail, ``notifications.updates``)."""
    followers = [
        (user, settings)
        for user, settings in _instant_followers_of_idea(idea, actor)
        if not (skip_author and user.id == idea.author_id)
    ]
    hold = timedelta(minutes=current_app.config["NOTIFY_COALESCE_MINUTES"])
    waiting = pending_in_thread(_thread(idea), [user.id for user, _ in followers]) if hold else {}
    url = absolute_url("ideas.detail", idea_id=idea.id)
    for user, settings in followers:
        message = waiting.get(user.id)
        if message is not None:
            events = [*message.about_data.get("events", []), event]
            rendered = render_mail(
                updates.COMBINED, _locale(user, settings), **_combined(idea, user, events)
            )
            if rewrite_queued(message, updates.COMBINED, rendered, updates.about(idea.id, events)):
                continue
        queue_notification(
            kind,
            user,
            settings,
            topic=FollowKind.IDEA,
            about=updates.about(idea.id, [event]),
            not_before=utcnow() + hold,
            thread=_thread(idea),
            idea=idea,
            is_author=user.id == idea.author_id,
            url=url,
            **context,
        )


def rewrite_idea_mail(message: Any) -> bool:
    """Write a waiting instant mail again without what was hidden since:
    True when something is left to tell (a new mail is queued)."""
    idea = db.session.get(Idea, message.about_ids("ideas")[0])
    user = db.session.get(User, message.recipient_id)
    events = message.about_data.get("events", [])
    if idea is None or user is None or idea.is_hidden:
        return False
    context = _combined(idea, user, events)
    if not context["items"]:
        return False
    kept = [
        e
        for e in events
        if e["kind"] != "new_comment"
        or any(i.comment and i.comment.id == e["comment"] for i in context["items"])
    ]
    queue_notification(
        updates.COMBINED,
        user,
        settings_of(user),
        topic=FollowKind.IDEA,
        about=updates.about(idea.id, kept),
        thread=_thread(idea),
        **{k: v for k, v in context.items() if k not in SUBSCRIPTION_KEYS},
    )
    return True


def status_changed(
    idea: Idea,
    actor: User | None,
    note: str,
    cause: str | None = None,
    skip_author: bool = False,
) -> None:
    """``cause`` says why when the status alone would mislead (postponed);
    ``skip_author`` when a mail of their own tells the author
    (``notifications.outcomes``)."""
    idea_event(
        "status_changed",
        idea,
        actor,
        updates.status_event(idea.status, note, cause),
        skip_author=skip_author,
        status=idea.status,
        note=note,
        note_html=render_markdown(note) if note else "",
        cause=cause,
    )


def answered(
    idea: Idea,
    actor: User | None,
    answer: str,
    new_status: str | None,
    skip_author: bool = False,
) -> None:
    """The answer, and the new status it came with (one mail for both)."""
    idea_event(
        "idea_answered",
        idea,
        actor,
        updates.answer_event(answer, new_status),
        skip_author=skip_author,
        answer=answer,
        answer_html=render_markdown(answer),
        new_status=new_status,
    )


def new_comment(idea: Idea, comment: Any, author: User) -> None:
    idea_event(
        "new_comment",
        idea,
        author,
        updates.comment_event(comment.id),
        comment=comment,
        comment_author=author.display_name,
    )
