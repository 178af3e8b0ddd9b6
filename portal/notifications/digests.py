"""Daily and weekly digests: ``flask digests build --period daily|weekly``.

For every citizen who gets a digest of that period for any of their follows,
collect what happened since their last digest of the period — new comments,
status changes and answers on the ideas they follow, new ideas in the
categories and areas they follow or anywhere, new answers to and results of the
challenges they follow, the nominees they named who took part — group it by idea, newest first, and
write one mail to the outbox. Nothing hidden appears, nobody is told about
their own comments, and when nothing happened no mail is written. A
``digest`` row per citizen and period (UNIQUE) makes a second run for the
same period write nothing. Citizens are handled in batches with a fixed
number of queries per batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import to_user_timezone
from sqlalchemy import func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased

from portal.accounts.models import User
from portal.challenges.models import Challenge
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea, StatusChange
from portal.mail import OutboxMessage
from portal.municipality.models import HandOver
from portal.nominations.models import Nomination, Nominee, NomineeStatus
from portal.notifications import services
from portal.notifications.models import Delivery, Digest, Follow, FollowKind, NotificationSettings
from portal.timeutil import utcnow
from portal.urls import absolute_url

LENGTH = {Delivery.DAILY: timedelta(days=1), Delivery.WEEKLY: timedelta(days=7)}
BATCH = 500
NEW_IDEAS_MAX = 20  # new ideas listed in one digest (the rest are counted)


def period_key(period: Delivery, now: datetime) -> str:
    """The day or ISO week the digest is for, in the portal's time zone."""
    local = to_user_timezone(now).date()
    if period == Delivery.DAILY:
        return local.isoformat()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class IdeaNews:
    idea: Idea
    url: str
    comments: int = 0
    comment_ids: list[int] = field(default_factory=list)  # the comments counted
    status: str | None = None  # the latest new status
    answered: bool = False
    latest: datetime = datetime.min

    def saw(self, moment: datetime) -> None:
        self.latest = max(self.latest, moment)


@dataclass
class Report:
    written: int = 0
    nothing_new: int = 0


@dataclass
class Subscriber:
    user: User
    settings: NotificationSettings
    since: datetime
    ideas: set[int] = field(default_factory=set)
    categories: set[int] = field(default_factory=set)
    areas: set[int] = field(default_factory=set)
    challenges: set[int] = field(default_factory=set)
    all_ideas: bool = False

    def wants(self, idea: Idea) -> bool:
        """A new idea this digest tells about (not the reader's own)."""
        return (
            idea.created_at > self.since
            and idea.author_id != self.user.id
            and (
                self.all_ideas
                or idea.category_id in self.categories
                or idea.area_id in self.areas
                or idea.challenge_id in self.challenges
            )
        )


def build_digests(period: Delivery, now: datetime | None = None) -> Report:
    now = now or utcnow()
    key = period_key(period, now)
    report = Report()
    after_id = 0
    while batch := _subscribers(period, key, after_id):
        _build_batch(period, key, now, batch, report)
        db.session.commit()
        after_id = batch[-1].user.id
    return report


def _subscribers(period: Delivery, key: str, after_id: int) -> list[Subscriber]:
    """The next batch of citizens who get this period's digest for some follow
    and have none for this period yet, with what they follow and since when."""
    gets_period = or_(
        *[(Follow.kind == kind) & (services.delivery_sql(kind) == period) for kind in FollowKind]
    )
    has_follow = select(Follow.id).where(Follow.user_id == User.id, gets_period).exists()
    done = (
        select(Digest.id)
        .where(Digest.user_id == User.id, Digest.period == period, Digest.period_key == key)
        .exists()
    )
    rows = db.session.execute(
        select(User, NotificationSettings)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(User.id > after_id, services.wants_mail(), has_follow, ~done)
        .order_by(User.id)
        .limit(BATCH)
    ).all()
    return _with_follows(period, rows)


def _with_follows(period: Delivery, rows, before: datetime | None = None) -> list[Subscriber]:  # type: ignore[no-untyped-def]
    """Subscribers for (user, settings) rows: what they follow with this
    period's delivery, and since when (their last digest of the period,
    before ``before`` when given)."""
    if not rows:
        return []
    ids = [user.id for user, _settings in rows]
    earlier = select(Digest.user_id, func.max(Digest.until)).where(
        Digest.user_id.in_(ids), Digest.period == period
    )
    if before is not None:
        earlier = earlier.where(Digest.until < before)
    last = dict(db.session.execute(earlier.group_by(Digest.user_id)).all())
    reference = before or utcnow()
    subscribers = {
        user.id: Subscriber(
            user=user,
            settings=settings or services.default_settings(user.id),
            since=last.get(user.id) or reference - LENGTH[period],
        )
        for user, settings in rows
    }
    targets = (Follow.idea_id, Follow.category_id, Follow.area_id, Follow.challenge_id)
    for user_id, kind, idea_id, category_id, area_id, challenge_id in db.session.execute(
        select(Follow.user_id, Follow.kind, *targets).where(Follow.user_id.in_(ids))
    ):
        subscriber = subscribers[user_id]
        if subscriber.settings.delivery(FollowKind(kind)) != period:
            continue
        if kind == FollowKind.IDEA:
            subscriber.ideas.add(idea_id)
        elif kind == FollowKind.CATEGORY:
            subscriber.categories.add(category_id)
        elif kind == FollowKind.AREA:
            subscriber.areas.add(area_id)
        elif kind == FollowKind.CHALLENGE:
            subscriber.challenges.add(challenge_id)
        else:
            subscriber.all_ideas = True
    return list(subscribers.values())


def rewrite(message: OutboxMessage) -> bool:
    """Write a queued digest again from what is public now (something it
    named was hidden since): True when the new one was queued, False when
    nothing is left to tell. The old message is withdrawn by the sender."""
    (digest_id,) = message.about_ids("digest") or [0]
    digest = db.session.get(Digest, digest_id)
    if digest is None:
        return False
    row = db.session.execute(
        select(User, NotificationSettings)
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(User.id == digest.user_id)
    ).one()
    period = Delivery(digest.period)
    batch = _with_follows(period, [row], before=digest.until)
    report = Report()
    _build_batch(period, digest.period_key, digest.until, batch, report, digest=digest)
    return report.written == 1


def _public(stmt):  # type: ignore[no-untyped-def]
    return stmt.where(Idea.public)


def _build_batch(
    period: Delivery,
    key: str,
    now: datetime,
    batch: list[Subscriber],
    report: Report,
    digest: Digest | None = None,
) -> None:
    """Write the digests of one batch (or write ``digest`` again)."""
    since = min(s.since for s in batch)
    idea_ids = set().union(*(s.ideas for s in batch))
    ideas = {
        i.id: i for i in db.session.scalars(_public(select(Idea).where(Idea.id.in_(idea_ids))))
    }
    comments = db.session.execute(
        select(Comment.idea_id, Comment.author_id, Comment.created_at, Comment.id).where(
            Comment.idea_id.in_(list(ideas)),
            Comment.public,
            Comment.created_at > since,
            Comment.created_at <= now,
        )
    ).all()
    changes = db.session.execute(
        select(StatusChange.idea_id, StatusChange.to_status, StatusChange.created_at)
        .where(
            StatusChange.idea_id.in_(list(ideas)),
            StatusChange.from_status.is_not(None),
            StatusChange.created_at > since,
            StatusChange.created_at <= now,
        )
        .order_by(StatusChange.created_at)
    ).all()
    answers = db.session.execute(
        select(HandOver.idea_id, HandOver.answered_at).where(
            HandOver.idea_id.in_(list(ideas)),
            HandOver.answered_at > since,
            HandOver.answered_at <= now,
        )
    ).all()
    followed_challenges = set().union(*(s.challenges for s in batch))
    results = list(
        db.session.scalars(
            select(Challenge)
            .where(
                Challenge.id.in_(followed_challenges),
                Challenge.results_published_at > since,
                Challenge.results_published_at <= now,
            )
            .order_by(Challenge.results_published_at.desc())
        )
    )
    took_part = _nominees_who_took_part(batch, followed_challenges, since, now)
    wants_new = any(s.all_ideas or s.categories or s.areas or s.challenges for s in batch)
    new_ideas = (
        list(
            db.session.scalars(
                _public(select(Idea))
                .where(Idea.created_at > since, Idea.created_at <= now)
                .order_by(Idea.created_at.desc())
            )
        )
        if wants_new
        else []
    )
    categories = {c.id: c for c in db.session.scalars(select(Category))} if new_ideas else {}
    answered = {i.challenge_id for i in new_ideas} - {None}
    challenges = {
        c.id: c for c in db.session.scalars(select(Challenge).where(Challenge.id.in_(answered)))
    }
    for subscriber in batch:
        news = _news_for(subscriber, ideas, comments, changes, answers)
        fresh = [i for i in new_ideas if subscriber.wants(i)]
        published = [
            c
            for c in results
            if c.id in subscriber.challenges and c.results_published_at > subscriber.since
        ]
        joined = [
            (challenge, name)
            for nominator, challenge, name, at in took_part
            if nominator == subscriber.user.id
            and challenge.id in subscriber.challenges
            and at > subscriber.since
        ]
        if not news and not fresh and not published and not joined:
            report.nothing_new += 1
            continue
        digest_id = digest.id if digest else _claim(subscriber.user, period, key, now)
        if digest_id is None:
            continue  # another run wrote this period's digest meanwhile
        named = [n.idea.id for n in news] + [i.id for i in fresh[:NEW_IDEAS_MAX]]
        counted = [c for n in news for c in n.comment_ids]
        services.queue_notification(
            "digest",
            subscriber.user,
            subscriber.settings,
            topic=period.value,
            about={
                "ideas": named,
                "comments": counted,
                "digest": [digest_id],
                "challenges": [c.id for c in published] + [c.id for c, _n in joined],
            },
            period=period.value,
            news=news,
            new_ideas=fresh[:NEW_IDEAS_MAX],
            more_new_ideas=max(len(fresh) - NEW_IDEAS_MAX, 0),
            categories=categories,
            challenges=challenges,
            results=published,
            took_part=joined,
            ideas_url=absolute_url("ideas.index"),
        )
        report.written += 1


def _nominees_who_took_part(batch, challenge_ids, since, now):  # type: ignore[no-untyped-def]
    """(nominator, challenge, nominee's name, when) for the batch's
    nominations whose nominee (or the record it was merged into) took part
    in a followed challenge in the window (one query)."""
    if not challenge_ids:
        return []
    root = aliased(Nominee)
    person = func.coalesce(root.id, Nominee.id)
    rows = db.session.execute(
        select(Nomination.nominator_id, Challenge, Nomination.name, Nominee.name,
               func.coalesce(root.answered_at, Nominee.answered_at))
        .join(Nominee, Nominee.id == Nomination.nominee_id)
        .outerjoin(root, root.id == Nominee.merged_into_id)
        .join(Challenge, Challenge.id == Nomination.challenge_id)
        .where(
            Nomination.nominator_id.in_([s.user.id for s in batch]),
            Nomination.challenge_id.in_(challenge_ids),
            Nomination.visible,
            func.coalesce(root.status, Nominee.status) == NomineeStatus.TOOK_PART,
            func.coalesce(root.answered_at, Nominee.answered_at) > since,
            func.coalesce(root.answered_at, Nominee.answered_at) <= now,
        )
        .order_by(person)
    ).all()  # fmt: skip
    # Each nominator reads the name they gave themselves.
    return [
        (nominator, challenge, given or first, at)
        for nominator, challenge, given, first, at in rows
    ]


def _news_for(subscriber, ideas, comments, changes, answers) -> list[IdeaNews]:  # type: ignore[no-untyped-def]
    """What happened on the ideas this citizen follows, newest first."""
    news: dict[int, IdeaNews] = {}

    def entry(idea_id: int) -> IdeaNews:
        if idea_id not in news:
            news[idea_id] = IdeaNews(ideas[idea_id], absolute_url("ideas.detail", idea_id=idea_id))
        return news[idea_id]

    mine = subscriber.ideas
    for idea_id, author_id, at, comment_id in comments:
        if idea_id in mine and at > subscriber.since and author_id != subscriber.user.id:
            item = entry(idea_id)
            item.comments += 1
            item.comment_ids.append(comment_id)
            item.saw(at)
    for idea_id, status, at in changes:
        if idea_id in mine and at > subscriber.since:
            item = entry(idea_id)
            item.status = status
            item.saw(at)
    for idea_id, at in answers:
        if idea_id in mine and at > subscriber.since:
            item = entry(idea_id)
            item.answered = True
            item.saw(at)
    return sorted(news.values(), key=lambda n: n.latest, reverse=True)


def _claim(user: User, period: Delivery, key: str, now: datetime) -> int | None:
    """Record this period's digest for the user: its id, or None if one
    exists already."""
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": pg_insert, "sqlite": sqlite_insert}[dialect]
    written = db.session.scalar(
        insert(Digest)
        .values(user_id=user.id, period=period, period_key=key, until=now)
        .on_conflict_do_nothing()
        .returning(Digest.id)
    )
    return written
