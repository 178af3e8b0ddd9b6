"""Flags raised by citizens, and the append-only moderation log."""

from __future__ import annotations

import json
from datetime import datetime
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Table, Text, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.timeutil import utcnow


class FlagReason(StrEnum):
    SPAM = "spam"
    OFFENSIVE = "offensive"
    PERSONAL_DATA = "personal_data"
    OFF_TOPIC = "off_topic"
    OTHER = "other"


FLAG_REASON_LABELS = {
    FlagReason.SPAM: _l("Spam or advertising"),
    FlagReason.OFFENSIVE: _l("Offensive or hateful"),
    FlagReason.PERSONAL_DATA: _l("Personal data about someone"),
    FlagReason.OFF_TOPIC: _l("Off-topic"),
    FlagReason.OTHER: _l("Something else"),
}
LOG_ACTION_LABELS = {
    "hide": _l("Hidden"),
    "restore": _l("Restored"),
    "dismiss_flags": _l("Reports dismissed"),
    "edit": _l("Title or category corrected"),
    "merge": _l("Merged into another idea"),
    "block": _l("Participant blocked"),
    "unblock": _l("Block lifted"),
    "approve": _l("Approved and published"),
    "edit_requested": _l("Author asked to edit"),
    "status": _l("Status changed"),
    "hand_over": _l("Handed over to a department"),
    "answer": _l("Answered by the municipality"),
    "answer_revised": _l("Answer revised"),
    "thanks": _l("Thank-you note written"),
    "thanks_revised": _l("Thank-you note revised"),
    "thanks_removed": _l("Thank-you note removed"),
    "meeting_created": _l("Meeting created"),
    "meeting_edited": _l("Meeting edited"),
    "meeting_published": _l("Meeting published"),
    "agenda_added": _l("Put on an agenda"),
    "agenda_removed": _l("Taken off an agenda"),
    "agenda_reordered": _l("Agenda reordered"),
    "agenda_challenge_added": _l("A challenge's results put on an agenda"),
    "agenda_challenge_removed": _l("A challenge's results taken off an agenda"),
    "decision_accepted": _l("Decision: accepted"),
    "decision_revised": _l("Decision revised in the minutes"),
    "minutes_approved": _l("Minutes approved"),
    "decision_declined": _l("Decision: declined"),
    "decision_postponed": _l("Decision: postponed"),
    "role": _l("Role changed"),
    "department_created": _l("Department created"),
    "department_edited": _l("Department edited"),
    "category_created": _l("Category created"),
    "category_edited": _l("Category edited"),
    "area_created": _l("Area created"),
    "area_edited": _l("Area edited"),
    "settings": _l("Settings changed"),
    "report_pick": _l("Comment chosen for the meeting report"),
    "nominee_merged": _l("Nominee records merged"),
    "report_unpick": _l("Comment left out of the meeting report"),
    "version_hidden": _l("An earlier version hidden"),
    "version_restored": _l("An earlier version shown again"),
    "photo_hidden": _l("Photo hidden"),
    "photo_restored": _l("Photo shown again"),
    "canned_reason_created": _l("Standard reason added"),
    "canned_reason_edited": _l("Standard reason edited"),
    "canned_reason_deleted": _l("Standard reason deleted"),
}
LOG_TARGET_LABELS = {
    "idea": _l("Ideas"),
    "comment": _l("Comments"),
    "user": _l("Participants"),
    "meeting": _l("Meetings"),
    "department": _l("Departments"),
    "category": _l("Categories"),
    "area": _l("Areas"),
    "setting": _l("Settings"),
    "nomination": _l("Nominations of experts"),
    "nominee": _l("Nominees"),
    "version": _l("Earlier versions"),
    "photo": _l("Photos"),
    "canned_reason": _l("Standard reasons"),
}
# What one entry is about, by kind: "Idea no. 12" (each kind its own phrase).
LOG_TARGET_NAMES = {
    # NOTE: an idea by its number, as a citizen would say it ("Idé nr. 12"), not "#12".
    "idea": _l("Idea #%(number)s"),
    "comment": _l("Comment #%(number)s"),
    "user": _l("Participant #%(number)s"),
    "meeting": _l("Meeting #%(number)s"),
    "department": _l("Department #%(number)s"),
    "category": _l("Category #%(number)s"),
    "area": _l("Area #%(number)s"),
    "nomination": _l("Nomination #%(number)s"),
    "nominee": _l("Nominee #%(number)s"),
    "version": _l("Version record #%(number)s"),
    "photo": _l("Photo #%(number)s"),
    "canned_reason": _l("Standard reason #%(number)s"),
}
CANNED_MAX = 500  # a reason's length, as a moderator's own reason


class CannedReason(db.Model):
    """A reason admins write once, in each language, for moderators to pick
    when they hide something (and edit before it is sent)."""

    __tablename__ = "canned_reason"
    __table_args__ = tuple(
        CheckConstraint(f"length(text_{code}) <= {CANNED_MAX}", name=f"text_{code}_length")
        for code in ("en", "da", "nb", "nl")
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    text_en: Mapped[str] = mapped_column(Text)
    text_da: Mapped[str] = mapped_column(Text)
    text_nb: Mapped[str] = mapped_column(Text)
    text_nl: Mapped[str] = mapped_column(Text)

    def text(self, locale: str | None) -> str:
        """In a language (a person's), English when it has no such text."""
        return getattr(self, f"text_{locale}", None) or self.text_en


_REASONS = ", ".join(f"'{r.value}'" for r in FlagReason)
_OPEN = "resolved_at IS NULL"


class Flag(db.Model):
    """A citizen's report of an idea or a comment. One open flag per citizen
    per item (a partial UNIQUE index); resolved flags stay as history."""

    __tablename__ = "flag"
    __table_args__ = (
        CheckConstraint(f"reason IN ({_REASONS})", name="reason_valid"),
        CheckConstraint(
            "(idea_id IS NULL) <> (comment_id IS NULL)", name="exactly_one_target"
        ),
        CheckConstraint(
            "resolution IS NULL OR resolution IN ('hidden', 'dismissed')", name="resolution_valid"
        ),
        Index(
            "uq_flag_open_idea", "idea_id", "reporter_id", unique=True,
            sqlite_where=text(f"{_OPEN} AND idea_id IS NOT NULL"),
            postgresql_where=text(f"{_OPEN} AND idea_id IS NOT NULL"),
        ),
        Index(
            "uq_flag_open_comment", "comment_id", "reporter_id", unique=True,
            sqlite_where=text(f"{_OPEN} AND comment_id IS NOT NULL"),
            postgresql_where=text(f"{_OPEN} AND comment_id IS NOT NULL"),
        ),
        Index("ix_flag_open", "resolved_at", "created_at"),
        {"info": {"public": False}},
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comment.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))

    reporter: Mapped[User] = relationship(foreign_keys=[reporter_id], lazy="raise")


class LogEntry(db.Model):
    """One moderator, official or admin action: who, when, what, on what, why.
    Rows are only ever added (database triggers refuse UPDATE and DELETE),
    and each is chained to the one before by its digest (``moderation.chain``):
    an entry changed or removed behind the portal's back shows."""

    __tablename__ = "moderation_log"
    __table_args__ = (
        Index("ix_moderation_log_created", "created_at", "id"),
        Index("ix_moderation_log_target", "target_type", "target_id"),
        CheckConstraint("seq > 0", name="seq_positive"),
        {"info": {"public": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int]
    reason: Mapped[str | None] = mapped_column(Text)
    # What else the action concerned, as JSON ids and keys (never text in a
    # language): {"department": 3}, {"idea": 6, "direction": "up"}; the log
    # page words them in the reader's language.
    details: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The chain: the entry's place (1, 2, 3, … without gaps), the digest of
    # the entry before it (the first one's is GENESIS) and its own, a SHA-256
    # of its content and the digest before (``moderation.chain.digest``).
    seq: Mapped[int] = mapped_column(unique=True)
    prev_digest: Mapped[str] = mapped_column(String(64), unique=True)
    digest: Mapped[str] = mapped_column(String(64))

    actor: Mapped[User | None] = relationship(lazy="raise")

    @property
    def facts(self) -> dict[str, Any]:
        return json.loads(self.details) if self.details else {}


class LogHead(db.Model):
    """The newest entry of the chain: its place and digest, one row. Taking
    the next place updates this row first, so entries are added one after
    the other even from many processes at once."""

    __tablename__ = "moderation_log_head"
    __table_args__ = (CheckConstraint("id = 1", name="one_row"), {"info": {"public": False}})

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    seq: Mapped[int] = mapped_column(default=0)
    digest: Mapped[str] = mapped_column(String(64))


# The digest the first entry follows.
GENESIS = "0" * 64

APPEND_ONLY_DDL = {
    "sqlite": (
        """CREATE TRIGGER IF NOT EXISTS moderation_log_no_update BEFORE UPDATE ON moderation_log
        BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
        """CREATE TRIGGER IF NOT EXISTS moderation_log_no_delete BEFORE DELETE ON moderation_log
        BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END""",
    ),
    "postgresql": (
        """CREATE OR REPLACE FUNCTION moderation_log_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'the moderation log is append-only'; END $$ LANGUAGE plpgsql""",
        """CREATE OR REPLACE TRIGGER moderation_log_append_only
        BEFORE UPDATE OR DELETE ON moderation_log
        FOR EACH ROW EXECUTE FUNCTION moderation_log_append_only()""",
    ),
}


def install_append_only(connection: Connection) -> None:
    for statement in APPEND_ONLY_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)


LIFT_APPEND_ONLY_DDL = {
    "sqlite": (
        "DROP TRIGGER IF EXISTS moderation_log_no_update",
        "DROP TRIGGER IF EXISTS moderation_log_no_delete",
    ),
    "postgresql": ("DROP TRIGGER IF EXISTS moderation_log_append_only ON moderation_log",),
}


def lift_append_only(connection: Connection) -> None:
    """Drop the triggers (a migration that must rewrite the log puts them back)."""
    for statement in LIFT_APPEND_ONLY_DDL.get(connection.dialect.name, ()):
        connection.exec_driver_sql(statement)


@event.listens_for(LogEntry.__table__, "after_create")
def _after_create(_table: object, connection: Connection, **_kw: object) -> None:
    install_append_only(connection)


@event.listens_for(LogHead.__table__, "after_create")
def _head_created(table: Table, connection: Connection, **_kw: object) -> None:
    connection.execute(table.insert().values(id=1, seq=0, digest=GENESIS))
