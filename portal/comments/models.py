"""Comments on ideas, with one level of replies."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Text, false
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow

if TYPE_CHECKING:
    from portal.ideas.models import Idea

COMMENT_MAX = 5_000


class Comment(db.Model):
    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_idea", "idea_id", "created_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None]
    # Marked by a moderator or official for the printed meeting report.
    in_report: Mapped[bool] = mapped_column(default=False, server_default=false())

    author: Mapped[User] = relationship(lazy="raise")
    idea: Mapped[Idea] = relationship(lazy="raise", viewonly=True)

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @hybrid_property
    def public(self) -> bool:
        """Not hidden by a moderator. In SQL too: ``where(Comment.public)``."""
        return self.hidden_at is None

    @public.inplace.expression
    @classmethod
    def _public_expression(cls):  # type: ignore[no-untyped-def]
        return cls.hidden_at.is_(None)
