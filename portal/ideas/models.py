"""Ideas, their categories and their public status history."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, and_, false, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.areas.models import Area
from portal.extensions import db
from portal.i18n import NamedInEveryLanguage
from portal.timeutil import utcnow


class IdeaStatus(StrEnum):
    NEW = "new"
    UNDER_REVIEW = "under_review"
    HANDED_OVER = "handed_over"
    ON_AGENDA = "on_agenda"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IMPLEMENTED = "implemented"
    WITHDRAWN = "withdrawn"
    MERGED = "merged"


STATUS_VALUES = ", ".join(f"'{s.value}'" for s in IdeaStatus)
# Statuses an idea leaves the public lists with (its page still answers).
CLOSED_STATUSES = (IdeaStatus.WITHDRAWN, IdeaStatus.MERGED)
PUBLIC_STATUSES = [s for s in IdeaStatus if s not in CLOSED_STATUSES]

TITLE_MAX = 150
BODY_MAX = 10_000


class Category(NamedInEveryLanguage, db.Model):
    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(default=0)


class Idea(db.Model):
    __tablename__ = "idea"
    __table_args__ = (
        CheckConstraint(f"status IN ({STATUS_VALUES})", name="status_valid"),
        CheckConstraint("support_count >= 0", name="support_count_positive"),
        CheckConstraint("comment_count >= 0", name="comment_count_positive"),
        CheckConstraint(f"length(title) <= {TITLE_MAX}", name="title_length"),
        CheckConstraint(
            "language IS NULL OR language IN ('da', 'nb', 'nl', 'en')", name="language_valid"
        ),
        CheckConstraint(
            "merged_into_id IS NULL OR merged_into_id <> id", name="not_merged_into_itself"
        ),
        # One index per list ordering; the id breaks ties so paging is stable.
        Index("ix_idea_created", "created_at", "id"),
        Index("ix_idea_supports", "support_count", "id"),
        Index("ix_idea_comments", "comment_count", "id"),
        Index("ix_idea_trending", "trending_score", "id"),
        Index("ix_idea_category_created", "category_id", "created_at", "id"),
        Index("ix_idea_category_supports", "category_id", "support_count", "id"),
        Index("ix_idea_category_comments", "category_id", "comment_count", "id"),
        Index("ix_idea_category_trending", "category_id", "trending_score", "id"),
        Index("ix_idea_status_created", "status", "created_at", "id"),
        Index("ix_idea_area_created", "area_id", "created_at", "id"),
        Index("ix_idea_author", "author_id", "created_at"),
        Index("ix_idea_challenge_created", "challenge_id", "created_at", "id"),
        Index(
            "ix_idea_awaiting", "created_at",
            sqlite_where=text("awaiting_approval"), postgresql_where=text("awaiting_approval"),
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    # The language the author wrote in (pages mark it with lang when it differs).
    language: Mapped[str | None] = mapped_column(String(8))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    # The part of the municipality it is about; None: no particular area.
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(20), default=IdeaStatus.NEW)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    support_count: Mapped[int] = mapped_column(default=0)
    comment_count: Mapped[int] = mapped_column(default=0)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow)
    trending_score: Mapped[float] = mapped_column(default=0.0)
    # Held back by pre-moderation: hidden (hidden_at set, no reason) until a
    # moderator approves it.
    awaiting_approval: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Set when a moderator asked the author to edit it instead of hiding it:
    # held (hidden with the request as reason) until the author edits, then
    # waiting for approval again; cleared when a moderator decides.
    edit_requested_at: Mapped[datetime | None]
    # Set when a moderator marked this idea as a duplicate of another.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id"))
    # The open call this idea answers, if any. The challenges domain maps
    # ``Idea.challenge`` and keeps the terms the answer accepted (Answer).
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenge.id"))

    category: Mapped[Category] = relationship(lazy="raise")
    area: Mapped[Area | None] = relationship(lazy="raise")
    author: Mapped[User] = relationship(lazy="raise")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def is_held_for_edit(self) -> bool:
        """A moderator asked its author to edit it, and the author has not yet."""
        return self.edit_requested_at is not None and not self.awaiting_approval

    @property
    def is_withdrawn(self) -> bool:
        return self.status == IdeaStatus.WITHDRAWN

    @hybrid_property
    def visible(self) -> bool:
        """Not hidden by a moderator (nor waiting for approval): its page,
        feeds and reports show it. In SQL too: ``where(Idea.visible)``."""
        return self.hidden_at is None

    @visible.inplace.expression
    @classmethod
    def _visible_expression(cls):  # type: ignore[no-untyped-def]
        return cls.hidden_at.is_(None)

    @hybrid_property
    def public(self) -> bool:
        """Visible and neither withdrawn nor merged: shown in lists, search
        and counts. In SQL too: ``where(Idea.public)``."""
        return self.hidden_at is None and self.status not in CLOSED_STATUSES

    @public.inplace.expression
    @classmethod
    def _public_expression(cls):  # type: ignore[no-untyped-def]
        return and_(cls.hidden_at.is_(None), cls.status.not_in([s.value for s in CLOSED_STATUSES]))

    @property
    def is_public(self) -> bool:
        """Shown in lists, search and counts (``public``)."""
        return bool(self.public)

    @hybrid_property
    def hidden_by_moderator(self) -> bool:
        """Hidden with a reason (an idea waiting for approval is not, yet).
        In SQL too: ``where(Idea.hidden_by_moderator)``."""
        return self.hidden_at is not None and not self.awaiting_approval

    @hidden_by_moderator.inplace.expression
    @classmethod
    def _hidden_by_moderator_expression(cls):  # type: ignore[no-untyped-def]
        return and_(cls.hidden_at.is_not(None), cls.awaiting_approval.is_(False))


class StatusCause(StrEnum):
    POSTPONED = "postponed"  # a committee postponed the agenda item


class StatusChange(db.Model):
    """One dated entry of an idea's public history."""

    __tablename__ = "status_change"
    __table_args__ = (
        CheckConstraint(f"to_status IN ({STATUS_VALUES})", name="to_status_valid"),
        CheckConstraint("cause IS NULL OR cause IN ('postponed')", name="cause_valid"),
        Index("ix_status_change_idea", "idea_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str | None] = mapped_column(String(2000))  # Markdown (a decision's text)
    note_html: Mapped[str | None] = mapped_column(Text)  # the note through the sanitiser
    # Why, when the status alone would mislead (a postponed item goes back
    # to "handed over"): a ``StatusCause``.
    cause: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


STATUS_LABELS = {
    IdeaStatus.NEW: _l("New"),
    IdeaStatus.UNDER_REVIEW: _l("Under review"),
    IdeaStatus.HANDED_OVER: _l("Handed over to the municipality"),
    IdeaStatus.ON_AGENDA: _l("On the agenda"),
    IdeaStatus.ACCEPTED: _l("Accepted"),
    IdeaStatus.DECLINED: _l("Declined"),
    IdeaStatus.IMPLEMENTED: _l("Implemented"),
    IdeaStatus.WITHDRAWN: _l("Withdrawn"),
    IdeaStatus.MERGED: _l("Merged"),
}


class IdeaTally(db.Model):
    """How many public ideas each category has in each area and status: the
    exact totals behind the front page and every list, kept by
    ``ideas.tally`` in the transaction that changes an idea, so no page
    counts ideas. ``area_key`` is the area's id, 0 for ideas in no
    particular area (a key column cannot be NULL)."""

    __tablename__ = "idea_tally"
    __table_args__ = (
        CheckConstraint("count >= 0", name="count_positive"),
        CheckConstraint("area_key >= 0", name="area_key_positive"),
    )

    category_id: Mapped[int] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), primary_key=True
    )
    area_key: Mapped[int] = mapped_column(primary_key=True, default=0)
    status: Mapped[str] = mapped_column(String(20), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
