"""What a citizen follows and how they want to hear about it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class FollowKind(StrEnum):
    IDEA = "idea"  # comments, status changes, the answer
    CATEGORY = "category"  # new ideas in it
    ALL_IDEAS = "all_ideas"  # every new idea
    CHALLENGE = "challenge"  # its new answers and its results
    AREA = "area"  # new ideas about it


class Delivery(StrEnum):
    INSTANT = "instant"
    DAILY = "daily"
    WEEKLY = "weekly"
    OFF = "off"


DELIVERY_LABELS = {
    Delivery.INSTANT: _l("An e-mail at once"),
    Delivery.DAILY: _l("A daily digest"),
    Delivery.WEEKLY: _l("A weekly digest"),
    Delivery.OFF: _l("No e-mail"),
}
_KINDS = ", ".join(f"'{k.value}'" for k in FollowKind)
_DELIVERIES = ", ".join(f"'{d.value}'" for d in Delivery)
_TARGETS = {
    "idea": "idea_id", "category": "category_id", "challenge": "challenge_id", "area": "area_id",
}  # fmt: skip
# Exactly the column of its kind is set (none for all ideas).
TARGET_MATCHES_KIND = " OR ".join(
    f"(kind = '{kind.value}' AND "
    + " AND ".join(
        f"{column} IS {'NOT ' if _TARGETS.get(kind.value) == column else ''}NULL"
        for column in _TARGETS.values()
    )
    + ")"
    for kind in FollowKind
)


class Follow(db.Model):
    """A citizen follows one idea, one category, one area, one challenge, or
    all new ideas — once."""

    __tablename__ = "follow"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_KINDS})", name="kind_valid"),
        CheckConstraint(TARGET_MATCHES_KIND, name="target_matches_kind"),
        Index(
            "uq_follow_idea", "user_id", "idea_id", unique=True,
            sqlite_where=text("kind = 'idea'"), postgresql_where=text("kind = 'idea'"),
        ),
        Index(
            "uq_follow_category", "user_id", "category_id", unique=True,
            sqlite_where=text("kind = 'category'"), postgresql_where=text("kind = 'category'"),
        ),
        Index(
            "uq_follow_all_ideas", "user_id", unique=True,
            sqlite_where=text("kind = 'all_ideas'"), postgresql_where=text("kind = 'all_ideas'"),
        ),
        Index(
            "uq_follow_challenge", "user_id", "challenge_id", unique=True,
            sqlite_where=text("kind = 'challenge'"), postgresql_where=text("kind = 'challenge'"),
        ),
        Index("ix_follow_idea", "idea_id"),
        Index("ix_follow_challenge", "challenge_id"),
        Index("ix_follow_category", "category_id"),
        Index(
            "uq_follow_area", "user_id", "area_id", unique=True,
            sqlite_where=text("kind = 'area'"), postgresql_where=text("kind = 'area'"),
        ),
        Index("ix_follow_area", "area_id"),
        {"info": {"public": False}},
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"))
    challenge_id: Mapped[int | None] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NotificationSettings(db.Model):
    """How a citizen hears about what they follow (a row once they change
    anything; until then the defaults below apply)."""

    __tablename__ = "notification_settings"
    __table_args__ = (
        *(
            CheckConstraint(f"{column} IN ({_DELIVERIES})", name=f"{column}_valid")
            for column in (
                "idea_delivery",
                "category_delivery",
                "all_ideas_delivery",
                "challenge_delivery",
                "area_delivery",
            )
        ),
        {"info": {"public": False}},
    )

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    idea_delivery: Mapped[str] = mapped_column(String(10), default=Delivery.INSTANT)
    category_delivery: Mapped[str] = mapped_column(String(10), default=Delivery.DAILY)
    all_ideas_delivery: Mapped[str] = mapped_column(String(10), default=Delivery.WEEKLY)
    challenge_delivery: Mapped[str] = mapped_column(
        String(10), default=Delivery.INSTANT, server_default=Delivery.INSTANT.value
    )
    area_delivery: Mapped[str] = mapped_column(
        String(10), default=Delivery.DAILY, server_default=Delivery.DAILY.value
    )
    no_email: Mapped[bool] = mapped_column(Boolean, default=False)
    # Follow what I comment on or support.
    auto_follow: Mapped[bool] = mapped_column(Boolean, default=True)
    email_locale: Mapped[str | None] = mapped_column(String(8))  # None: the account's language

    def delivery(self, kind: FollowKind) -> str:
        return getattr(self, f"{kind.value}_delivery")


DEFAULT_SETTINGS = NotificationSettings(
    idea_delivery=Delivery.INSTANT,
    category_delivery=Delivery.DAILY,
    all_ideas_delivery=Delivery.WEEKLY,
    challenge_delivery=Delivery.INSTANT,
    area_delivery=Delivery.DAILY,
    no_email=False,
    auto_follow=True,
    email_locale=None,
)


class Digest(db.Model):
    """A digest written for one citizen for one period (e.g. daily
    2026-11-24): the UNIQUE key makes a second run for the same period a
    no-op, and ``until`` is where the next digest starts. (Nothing is
    written when there was nothing new.)"""

    __tablename__ = "digest"
    __table_args__ = (
        UniqueConstraint("user_id", "period", "period_key", name="uq_digest_period"),
        CheckConstraint("period IN ('daily', 'weekly')", name="period_valid"),
        Index("ix_digest_user_period", "user_id", "period", "until"),
        {"info": {"public": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    period_key: Mapped[str] = mapped_column(String(12))  # 2026-11-24 or 2026-W48
    until: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
