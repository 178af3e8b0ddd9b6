"""Every version of what people write on an idea's page: the idea (title,
text, category), its comments, the municipality's answer and a meeting's
decision. Rows are added, never changed (but a moderator may hide an
older one): the newest is what the page shows, and each carries the
fingerprint of its content."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Category
from portal.timeutil import utcnow


class Kind(StrEnum):
    IDEA = "idea"
    COMMENT = "comment"
    ANSWER = "answer"  # the municipality's answer (a hand-over's)
    DECISION = "decision"  # a meeting's decision on an agenda item


class By(StrEnum):
    """Who wrote a version, as the history page says it."""

    AUTHOR = "author"
    MODERATOR = "moderator"  # a correction, with its reason
    MUNICIPALITY = "municipality"


_KINDS = ", ".join(f"'{k.value}'" for k in Kind)
_BY = ", ".join(f"'{b.value}'" for b in By)


class Revision(db.Model):
    __tablename__ = "revision"
    __table_args__ = (
        UniqueConstraint("kind", "target_id", "number", name="uq_revision_number"),
        CheckConstraint(f"kind IN ({_KINDS})", name="kind_valid"),
        CheckConstraint(f"written_by IN ({_BY})", name="by_valid"),
        CheckConstraint("number > 0", name="number_positive"),
        CheckConstraint("(hidden_at IS NULL) = (hidden_reason IS NULL)", name="hidden_has_reason"),
        Index("ix_revision_idea", "idea_id", "kind", "target_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    # The idea, comment, hand-over or agenda item the version is of.
    target_id: Mapped[int]
    # The idea whose page shows it (its history lists them all).
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    number: Mapped[int]  # 1 for the first version
    title: Mapped[str | None] = mapped_column(String(200))  # ideas only
    body: Mapped[str] = mapped_column(Text)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id"))  # ideas only
    written_by: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str | None] = mapped_column(String(1000))  # a correction's
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    digest: Mapped[str] = mapped_column(String(64))
    # A moderator hid this (older) version, e.g. for personal data since
    # edited out: the history says so and why, and shows none of it.
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(String(1000))

    actor: Mapped[User | None] = relationship(lazy="raise")
    category: Mapped[Category | None] = relationship(lazy="raise")
