"""The mail about a new idea, at once, to those who follow its category,
all ideas, or the challenge it answers (daily and weekly followers read it
in their digest)."""

from __future__ import annotations

from sqlalchemy import and_, false, or_, select, true

from portal.accounts.models import User
from portal.areas.models import Area
from portal.challenges.models import Challenge
from portal.extensions import db
from portal.ideas.models import Category, Idea
from portal.notifications import services
from portal.notifications.models import Delivery, Follow, FollowKind, NotificationSettings
from portal.urls import absolute_url

NEW_IDEA = "new_idea"  # the topic of a mail about a new idea (category or all ideas)


def announces(idea: Idea, as_answer_only: bool = False, instant: bool = True):  # type: ignore[no-untyped-def]
    """SQL: a follow that wants a mail at once about this new idea — of its
    category, of all ideas, or of the challenge it answers (only that one
    when an existing idea has just become an answer). ``instant=False``: a
    follow of it however delivered (NotificationSettings joined either way)."""
    wanted = []
    if not as_answer_only:
        wanted += [
            (FollowKind.CATEGORY, Follow.category_id == idea.category_id),
            (FollowKind.ALL_IDEAS, true()),
        ]
        if idea.area_id is not None:
            wanted.append((FollowKind.AREA, Follow.area_id == idea.area_id))
    if idea.challenge_id is not None:
        wanted.append((FollowKind.CHALLENGE, Follow.challenge_id == idea.challenge_id))
    return or_(
        false(),
        *[
            and_(Follow.kind == kind, target, services.delivery_sql(kind) == Delivery.INSTANT)
            if instant
            else and_(Follow.kind == kind, target)
            for kind, target in wanted
        ],
    )


def new_idea(idea: Idea, as_answer_only: bool = False) -> None:
    """A published idea: tell those who follow its category, all ideas, or
    the challenge it answers at once (one mail each)."""
    followers = (
        select(User, NotificationSettings)
        .join(Follow, Follow.user_id == User.id)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(announces(idea, as_answer_only), services.wants_mail(), User.id != idea.author_id)
        .distinct()
        .order_by(User.id)
    )
    url = absolute_url("ideas.detail", idea_id=idea.id)
    category = db.session.get(Category, idea.category_id)
    area = db.session.get(Area, idea.area_id) if idea.area_id else None
    challenge = db.session.get(Challenge, idea.challenge_id) if idea.challenge_id else None
    for user, settings in db.session.execute(followers).all():
        services.queue_notification(
            "new_idea",
            user,
            settings or services.default_settings(user.id),
            topic=NEW_IDEA,
            about={"ideas": [idea.id]},
            idea=idea,
            category=category,
            area=area,
            challenge=challenge,
            url=url,
        )
