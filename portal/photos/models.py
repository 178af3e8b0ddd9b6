"""Photos on ideas: each one re-encoded from what was uploaded, in a few
sizes kept by the storage (``portal.photos.storage``) under its key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, and_, false, text
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, foreign, mapped_column, relationship

from portal.extensions import db
from portal.ideas.models import Idea
from portal.timeutil import utcnow

DESCRIPTION_MAX = 300
# The sizes every photo is kept in: the longest side at most this many pixels.
SIZES = {"small": 400, "large": 1600}
FORMATS = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
EXTENSIONS = {"jpeg": "jpg", "png": "png", "webp": "webp"}


class Photo(db.Model):
    """A photo of an idea. Uploaded before the idea is posted (or while a
    form is being corrected) it waits with no idea, seen by its uploader
    only; a description (the alternative text) is required once attached."""

    __tablename__ = "photo"
    __table_args__ = (
        CheckConstraint("format IN ('jpeg', 'png', 'webp')", name="format_valid"),
        CheckConstraint("width > 0 AND height > 0", name="dimensions_positive"),
        CheckConstraint(f"length(description) <= {DESCRIPTION_MAX}", name="description_length"),
        CheckConstraint(
            "idea_id IS NULL OR length(description) > 0", name="described_when_attached"
        ),
        Index("ix_photo_idea", "idea_id", "position"),
        Index("ix_photo_uploader", "uploader_id", "created_at"),
        # The photo lists show (the first visible one): one per idea at most.
        Index(
            "uq_photo_cover", "idea_id", unique=True,
            sqlite_where=text("is_cover"), postgresql_where=text("is_cover"),
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    # Random, in the file names and URLs: nobody counts through the photos.
    key: Mapped[str] = mapped_column(String(32), unique=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    uploader_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(String(DESCRIPTION_MAX), default="")
    format: Mapped[str] = mapped_column(String(8))  # as decoded, never as uploaded
    width: Mapped[int]  # of the large size
    height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    hidden_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    is_cover: Mapped[bool] = mapped_column(default=False, server_default=false())

    idea: Mapped[Idea | None] = relationship(lazy="raise")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @hybrid_property
    def visible(self) -> bool:
        """Not hidden by a moderator. In SQL too: ``where(Photo.visible)``."""
        return self.hidden_at is None

    @visible.inplace.expression
    @classmethod
    def _visible_expression(cls):  # type: ignore[no-untyped-def]
        return cls.hidden_at.is_(None)

    @property
    def content_type(self) -> str:
        return FORMATS[self.format]

    def dimensions(self, size: str) -> tuple[int, int]:
        """Width and height of the photo in this size (as ``thumbnail`` made it)."""
        scale = min(1.0, SIZES[size] / max(self.width, self.height))
        return max(1, round(self.width * scale)), max(1, round(self.height * scale))

    def file_name(self, size: str) -> str:
        return f"{self.key}-{size}.{EXTENSIONS[self.format]}"


# An idea's photos in their order, and the one its card shows, mapped here:
# photos build on ideas, not the other way round.
Idea.photos = relationship(
    Photo,
    primaryjoin=lambda: foreign(Photo.idea_id) == Idea.id,
    order_by=lambda: (Photo.position, Photo.id),
    lazy="raise",
    viewonly=True,
)
Idea.cover = relationship(
    Photo,
    primaryjoin=lambda: and_(foreign(Photo.idea_id) == Idea.id, Photo.is_cover),
    uselist=False,
    lazy="raise",
    viewonly=True,
)
