"""Ideas: posting, editing, withdrawing, and the figures kept on each row."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import func, select, union_all, update

from portal import settings
from portal.accounts.locks import lock_author
from portal.accounts.models import Role, User
from portal.areas.models import Area
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas import tally, workflow
from portal.ideas.models import Category, Idea, IdeaStatus, StatusCause, StatusChange
from portal.ideas.premoderation import PreModeration
from portal.notifications import announcements, outcomes
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.permissions.refusals import ALREADY_WITHDRAWN
from portal.sanitize import render_markdown
from portal.timeutil import utcnow
from portal.versions import services as versions
from portal.versions.models import By, Kind

# Trending: every support, comment and the posting itself counts 1, halved
# for every TRENDING_HALF_LIFE_HOURS of age. The row stores
#   trending_score = log2( Σ 2^((t_event − EPOCH) / half_life) ),
# which orders ideas exactly as Σ 2^(−age / half_life) does at any moment,
# so the list can use an index and the score never needs a nightly update.
TRENDING_HALF_LIFE_HOURS = 72.0
TRENDING_EPOCH = datetime(2020, 1, 1)


DOUBLE_SUBMIT_WINDOW = timedelta(minutes=10)


class IdeaError(DomainError):
    """A rule of the ideas domain refused the action."""

    messages = {"already withdrawn": ALREADY_WITHDRAWN}


def _exponent(moment: datetime) -> float:
    return (moment - TRENDING_EPOCH).total_seconds() / 3600 / TRENDING_HALF_LIFE_HOURS


def trending_score(moments: list[datetime]) -> float:
    if not moments:
        return 0.0
    exponents = [_exponent(m) for m in moments]
    top = max(exponents)
    return top + math.log2(sum(2 ** (e - top) for e in exponents))


def lock_figures(idea_id: int) -> None:
    """Serialise writers of one idea's supports and comments: call first,
    before the write. On PostgreSQL the row lock makes the recount in
    ``refresh_figures`` start after every earlier writer has committed (a
    statement that merely waited for the lock would count from an older
    snapshot). SQLite has one writer at a time anyway and ignores it."""
    db.session.execute(select(Idea.id).where(Idea.id == idea_id).with_for_update())


def refresh_figures(idea: Idea) -> None:
    """Recount supports and visible comments, and the trending score, from
    the rows themselves, after a write that changed them (with the row
    locked by ``lock_figures``).

    The counts are set by one UPDATE with subqueries inside the writing
    transaction, so they equal the rows however many people write at once;
    an UPDATE statement is always sent, whatever the session believed the
    old values were."""
    from portal.comments.models import Comment
    from portal.supports.models import Support

    supports = select(Support.created_at.label("at")).where(Support.idea_id == idea.id)
    comments = select(Comment.created_at.label("at")).where(
        Comment.idea_id == idea.id, Comment.public
    )
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(
            support_count=select(func.count()).select_from(supports.subquery()).scalar_subquery(),
            comment_count=select(func.count()).select_from(comments.subquery()).scalar_subquery(),
        )
        .execution_options(synchronize_session=False)
    )
    moments = [idea.created_at, *db.session.scalars(union_all(supports, comments))]
    db.session.execute(
        update(Idea)
        .where(Idea.id == idea.id)
        .values(trending_score=trending_score(moments), last_activity_at=max(moments))
        .execution_options(synchronize_session=False)
    )
    db.session.expire(
        idea, ["support_count", "comment_count", "trending_score", "last_activity_at"]
    )


def _add_history(
    idea: Idea,
    from_status: str | None,
    to_status: IdeaStatus,
    actor: User | None,
    note: str,
    cause: StatusCause | None = None,
) -> None:
    db.session.add(
        StatusChange(
            idea_id=idea.id,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor.id if actor else None,
            note=note or None,
            note_html=render_markdown(note) if note else None,
            cause=cause,
        )
    )
    idea.status = to_status


def record_status(
    idea: Idea,
    to_status: IdeaStatus,
    actor: User | None,
    note: str = "",
    cause: StatusCause | None = None,
) -> None:
    """Move the idea to ``to_status`` if the workflow allows it (otherwise
    ``workflow.TransitionError``) and add the dated entry to its public history."""
    workflow.check(idea.status, to_status)
    _add_history(idea, idea.status, to_status, actor, note, cause)


def needs_approval(author: User) -> bool:
    """Whether pre-moderation holds this citizen's next idea back. With
    "first ideas of new accounts", ideas wait until one of theirs has been
    approved (staff are never held back)."""
    mode = settings.get("pre_moderation")
    if mode == PreModeration.OFF or author.role != Role.CITIZEN:
        return False
    if mode == PreModeration.ALL:
        return True
    published = select(Idea.id).where(Idea.author_id == author.id, Idea.visible)
    return db.session.scalar(published.limit(1)) is None


def create_idea(
    author: User,
    title: str,
    body: str,
    category: Category,
    language: str | None = None,
    challenge_id: int | None = None,
    area: Area | None = None,
) -> Idea:
    """Post an idea (``challenge_id``: as an answer to that challenge, known
    before anyone is told). Sending the same idea twice (a double click, a
    reload) gives back the idea already posted instead of a copy, also when
    the copies arrive at the same moment (``lock_author``)."""
    lock_author(author.id)
    now = utcnow()
    duplicate = db.session.scalar(
        select(Idea).where(
            Idea.author_id == author.id,
            Idea.title == title,
            Idea.body == body,
            Idea.created_at >= now - DOUBLE_SUBMIT_WINDOW,
        )
    )
    if duplicate is not None:
        return duplicate
    idea = Idea(
        title=title,
        body=body,
        body_html=render_markdown(body),
        language=language,
        category_id=category.id,
        area_id=area.id if area else None,
        challenge_id=challenge_id,
        author_id=author.id,
        status=IdeaStatus.NEW,
        created_at=now,
        last_activity_at=now,
        trending_score=trending_score([now]),
    )
    if needs_approval(author):
        idea.hidden_at, idea.awaiting_approval = now, True
    db.session.add(idea)
    db.session.flush()
    versions.keep(
        Kind.IDEA, idea.id, idea.id, body, author.id, By.AUTHOR, title=title,
        category_id=category.id,
    )  # fmt: skip
    _add_history(idea, None, IdeaStatus.NEW, author, "")
    tally.move(None, tally.key(idea))
    notifications.follow(author, FollowKind.IDEA, idea)
    if not idea.awaiting_approval:
        announcements.new_idea(idea)
    return idea


def edit_idea(
    idea: Idea,
    title: str,
    body: str,
    category: Category,
    language: str | None = None,
    area: Area | None = None,
) -> bool:
    """The author's edit; False (and no new version) when it changes nothing.
    The area is not part of the text's versions: moving an idea to another
    area changes where it is listed, not what it says."""
    language = language or idea.language
    area_id = area.id if area else None
    if (idea.title, idea.body, idea.category_id, idea.language, idea.area_id) == (
        title, body, category.id, language, area_id,
    ):  # fmt: skip
        return False
    moved_only = (idea.title, idea.body, idea.category_id, idea.language) == (
        title, body, category.id, language,
    )  # fmt: skip
    with tally.tracking(idea):
        idea.area_id = area_id
        if idea.is_held_for_edit and not moved_only:  # edited as asked: back to the queue
            idea.hidden_reason, idea.awaiting_approval = None, True
        if not moved_only:
            idea.title = title
            idea.language = language
            idea.body = body
            idea.body_html = render_markdown(body)
            idea.category_id = category.id
            idea.edited_at = utcnow()
    if moved_only:
        return True
    versions.keep(
        Kind.IDEA, idea.id, idea.id, body, idea.author_id, By.AUTHOR, title=title,
        category_id=category.id,
    )  # fmt: skip
    return True


def withdraw_idea(idea: Idea, author: User, note: str = "") -> None:
    if idea.status == IdeaStatus.WITHDRAWN:
        raise IdeaError("already withdrawn")
    change_status(idea, IdeaStatus.WITHDRAWN, author, note)


def change_status(
    idea: Idea,
    to_status: IdeaStatus,
    actor: User | None,
    note: str = "",
    *,
    notify: bool = True,
    cause: StatusCause | None = None,
) -> None:
    """A status change by the workflow, kept in the list totals; the idea's
    followers are told (except whoever made it), unless the caller tells
    them in its own mail (``notify=False``)."""
    with tally.tracking(idea):
        record_status(idea, to_status, actor, note, cause)
    if notify:
        thanked = outcomes.implemented(idea, actor, note, to_status)
        notifications.status_changed(idea, actor, note, cause, skip_author=thanked)
