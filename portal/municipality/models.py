"""Departments, hand-overs with their public answer, meetings and agendas."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.i18n import NamedInEveryLanguage
from portal.ideas.models import Idea
from portal.templating import format_date
from portal.timeutil import utcnow

MEMO_MAX = 5_000
ANSWER_MAX = 10_000
DECISION_TEXT_MAX = 5_000
THANKS_MAX = 2_000


class Department(NamedInEveryLanguage, db.Model):
    """A part of the municipal administration; officials belong to one."""

    __tablename__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)


class HandOver(db.Model):
    """A moderator hands an idea to a department, which answers it in public
    by the due date. An idea is handed over once (UNIQUE idea_id)."""

    __tablename__ = "hand_over"
    __table_args__ = (
        CheckConstraint("due_at >= created_at", name="due_after_hand_over"),
        CheckConstraint("(answered_at IS NULL) = (answer IS NULL)", name="answer_has_a_date"),
        Index("ix_hand_over_department_due", "department_id", "answered_at", "due_at"),
        Index("ix_hand_over_due", "answered_at", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), unique=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    memo: Mapped[str] = mapped_column(Text)
    memo_html: Mapped[str] = mapped_column(Text)
    support_count: Mapped[int]  # the support the idea had when handed over
    handed_over_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    due_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answer_html: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]  # the first answer: the deadline is met then
    answer_edited_at: Mapped[datetime | None]
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    idea: Mapped[Idea] = relationship(lazy="raise")
    department: Mapped[Department] = relationship(lazy="raise")
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id], lazy="raise")

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    def is_overdue(self, now: datetime) -> bool:
        return not self.is_answered and self.due_at < now

    @property
    def days_to_answer(self) -> int | None:
        if self.answered_at is None:
            return None
        return max((self.answered_at - self.created_at).days, 0)


class Decision(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    POSTPONED = "postponed"


DECISION_LABELS = {
    Decision.ACCEPTED: _l("Accepted"),
    Decision.DECLINED: _l("Declined"),
    Decision.POSTPONED: _l("Postponed"),
}
_DECISIONS = ", ".join(f"'{d.value}'" for d in Decision)


class Meeting(db.Model):
    """A committee or council meeting; the public sees it once its agenda
    is published."""

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_starts", "starts_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(120))  # "Byrådet", "Teknik- og Miljøudvalget"
    starts_at: Mapped[datetime]  # UTC
    place: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(2000), default="")
    published_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The minutes (every agenda item's decision) can be corrected until approved.
    minutes_approved_at: Mapped[datetime | None]
    minutes_approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def minutes_approved(self) -> bool:
        return self.minutes_approved_at is not None

    @property
    def title(self) -> str:
        """The meeting as pages, feeds and reports name it, in the reader's language."""
        # NOTE: a meeting: the committee or council, and the day.
        return gettext("%(body)s, %(date)s", body=self.body, date=format_date(self.starts_at))

    def has_begun(self, now: datetime) -> bool:
        return self.starts_at <= now


class AgendaItem(db.Model):
    """An idea on a meeting's agenda, in order, with the decision once made."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        UniqueConstraint("meeting_id", "idea_id", name="uq_agenda_item_idea"),
        CheckConstraint(f"decision IS NULL OR decision IN ({_DECISIONS})", name="decision_valid"),
        CheckConstraint("(decision IS NULL) = (decided_at IS NULL)", name="decision_has_a_date"),
        Index("ix_agenda_item_meeting", "meeting_id", "position"),
        Index("ix_agenda_item_idea", "idea_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    position: Mapped[int]
    decision: Mapped[str | None] = mapped_column(String(20))
    decision_text: Mapped[str | None] = mapped_column(Text)
    decision_html: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    meeting: Mapped[Meeting] = relationship(lazy="raise")
    idea: Mapped[Idea] = relationship(lazy="raise")


class ThankYouNote(db.Model):
    """Staff's public thank-you on an implemented idea ("The bench was
    installed on 3 May — thank you, Karen"): one per idea, shown on it and
    in its feed, signed by the municipality."""

    __tablename__ = "thank_you_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), unique=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    edited_at: Mapped[datetime | None]
