"""Is a queued notification still wanted? Asked by the sender just before a
mail goes out (``portal.mail.register_send_check``), however long it waited
(an SMTP outage can hold mails for hours).

A notification or digest is withdrawn when its recipient deleted the
account, unsubscribed, switched that kind of mail off (or to a digest), no
longer follows what it is about, or when an idea or comment it names was
hidden since. A digest naming something hidden since is written again
without it (or withdrawn when nothing is left).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import false, or_, select

from portal.accounts.models import User
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.mail import OutboxMessage, withdrawn_reason
from portal.notifications import announcements, services
from portal.notifications.models import Delivery, Follow, FollowKind, NotificationSettings

ACCOUNT_DELETED = withdrawn_reason("account_deleted", _l("The recipient deleted the account."))
UNSUBSCRIBED = withdrawn_reason("unsubscribed", _l("The recipient unsubscribed from all e-mail."))
KIND_OFF = withdrawn_reason(
    "kind_off", _l("The recipient no longer wants this kind of e-mail (notification settings).")
)
NOT_FOLLOWING = withdrawn_reason("not_following", _l("The recipient no longer follows it."))
CONTENT_HIDDEN = withdrawn_reason(
    "content_hidden", _l("What the e-mail is about was hidden by a moderator since.")
)
REWRITTEN = withdrawn_reason(
    "rewritten", _l("Written again without what was hidden by a moderator since.")
)

DIGEST_TOPICS = {Delivery.DAILY.value, Delivery.WEEKLY.value}


def still_wanted(message: OutboxMessage) -> str | None:
    """None when the mail may go; otherwise why not (a withdrawn reason)."""
    if message.topic is None:
        return None  # not a notification: a mail the person asked for or must get
    user = db.session.get(User, message.recipient_id) if message.recipient_id else None
    if user is None or user.erased_at is not None or user.email != message.to_address:
        return ACCOUNT_DELETED
    settings = services.settings_of(user)
    if settings.no_email:
        return UNSUBSCRIBED
    reason = _subscription_reason(message, user, settings)
    if reason is None and _names_hidden_content(message):
        return REWRITTEN if _rewrite(message) else CONTENT_HIDDEN
    return reason


def _rewrite(message: OutboxMessage) -> bool:
    """Queue the mail again without what was hidden since, when something is
    left to tell (a digest, or instant news about an idea)."""
    if message.topic in DIGEST_TOPICS:
        from portal.notifications.digests import rewrite

        return rewrite(message)
    if message.topic == FollowKind.IDEA and message.about_data.get("events"):
        return services.rewrite_idea_mail(message)
    return False


def _subscription_reason(
    message: OutboxMessage, user: User, settings: NotificationSettings
) -> str | None:
    topic = message.topic
    if topic in DIGEST_TOPICS:
        if not any(settings.delivery(kind) == topic for kind in FollowKind):
            return KIND_OFF
        return None
    if topic == FollowKind.IDEA:
        if settings.idea_delivery != Delivery.INSTANT:
            return KIND_OFF
        ideas = message.about_ids("ideas")
        follows = select(Follow.id).where(
            Follow.user_id == user.id, Follow.kind == FollowKind.IDEA, Follow.idea_id.in_(ideas)
        )
        return None if db.session.scalar(follows.limit(1)) else NOT_FOLLOWING
    if topic == announcements.NEW_IDEA:
        return _new_idea_reason(message, user, settings)
    if topic == FollowKind.CHALLENGE:
        return _results_reason(message, user, settings)
    return None


def _new_idea_reason(
    message: OutboxMessage, user: User, settings: NotificationSettings
) -> str | None:
    """A mail about a new idea goes to who follows all ideas, its category
    or the challenge it answers with instant delivery."""
    ideas = db.session.scalars(select(Idea).where(Idea.id.in_(message.about_ids("ideas")))).all()

    def found(instant: bool) -> bool:
        follows = (
            select(Follow.id)
            .outerjoin(NotificationSettings, NotificationSettings.user_id == Follow.user_id)
            .where(
                Follow.user_id == user.id,
                or_(false(), *[announcements.announces(i, instant=instant) for i in ideas]),
            )
        )
        return db.session.scalar(follows.limit(1)) is not None

    if found(instant=True):
        return None
    return KIND_OFF if found(instant=False) else NOT_FOLLOWING


def _results_reason(
    message: OutboxMessage, user: User, settings: NotificationSettings
) -> str | None:
    """The results of a challenge go to who follows it with instant delivery."""
    if settings.challenge_delivery != Delivery.INSTANT:
        return KIND_OFF
    follows = select(Follow.id).where(
        Follow.user_id == user.id,
        Follow.kind == FollowKind.CHALLENGE,
        Follow.challenge_id.in_(message.about_ids("challenges")),
    )
    return None if db.session.scalar(follows.limit(1)) else NOT_FOLLOWING


def _names_hidden_content(message: OutboxMessage) -> bool:
    """An idea or comment it names was hidden since, or a comment's author
    deleted the account (the mail would still carry their name)."""
    ideas, comments = message.about_ids("ideas"), message.about_ids("comments")
    hidden_idea = (
        select(Idea.id).where(Idea.id.in_(ideas), ~Idea.visible).limit(1) if ideas else None
    )
    # (A mail written after the erasure already says "Former participant".)
    gone = ~Comment.public | (User.erased_at > message.created_at)
    hidden_comment = (
        select(Comment.id)
        .join(User, User.id == Comment.author_id)
        .where(Comment.id.in_(comments), gone)
        .limit(1)
        if comments
        else None
    )
    return any(
        query is not None and db.session.scalar(query) is not None
        for query in (hidden_idea, hidden_comment)
    )
