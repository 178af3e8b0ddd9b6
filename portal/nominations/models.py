"""Pyramiding: a challenge asks who knows more; citizens nominate experts,
the nominees who take part nominate in turn (the next round), and the owner
reads who comes up again and again.

A nominee's address is third-party personal data: it is kept for the one
invitation and erased when they do not take part in time (``expire``); a
keyed hash stays, so repeated nominations still count and "never e-mail me
again" holds.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    and_,
    false,
    func,
    select,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import (
    Mapped,
    aliased,
    foreign,
    mapped_column,
    relationship,
)

from portal.accounts.models import User
from portal.challenges.models import AnswerInvitation, Challenge, JuryMember
from portal.extensions import db
from portal.timeutil import utcnow

NAME_MAX = 120
KNOWLEDGE_MAX = 2_000
QUESTION_MAX = 300
LIMIT_MAX = 20  # nominations per nominator and challenge the owner may allow


class NomineeStatus(StrEnum):
    POINTER = "pointer"  # no address: the owner may follow it up by hand
    INVITED = "invited"  # the one invitation is sent; no answer yet
    TOOK_PART = "took_part"
    DECLINED = "declined"
    EXPIRED = "expired"  # no answer in time: the address is erased


NOMINEE_STATUS_LABELS = {
    NomineeStatus.POINTER: _l("No address: to be followed up by hand"),
    NomineeStatus.INVITED: _l("Invited, no answer yet"),
    NomineeStatus.TOOK_PART: _l("Took part"),
    NomineeStatus.DECLINED: lazy_pgettext("a nominee who said no", "Declined"),
    NomineeStatus.EXPIRED: _l("Did not answer in time"),
}
_STATUSES = ", ".join(f"'{s.value}'" for s in NomineeStatus)


class NominationCall(db.Model):
    """A challenge that asks for nominations: the question nominators see,
    how many each may make, and until when."""

    __tablename__ = "nomination_call"
    __table_args__ = (
        CheckConstraint(f"per_nominator BETWEEN 1 AND {LIMIT_MAX}", name="limit_valid"),
        CheckConstraint(
            "nominated >= 0 AND took_part BETWEEN 0 AND nominated", name="counts_valid"
        ),
    )

    challenge_id: Mapped[int] = mapped_column(
        ForeignKey("challenge.id", ondelete="CASCADE"), primary_key=True
    )
    question: Mapped[str] = mapped_column(String(QUESTION_MAX))
    per_nominator: Mapped[int] = mapped_column(default=3)
    ends_at: Mapped[datetime]  # UTC
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Up to when the owners' daily summary has told of new nominations.
    summarised_until: Mapped[datetime | None]
    # How many people the visible nominations name, and how many of them took
    # part: kept by ``nominations.counts.recount`` in the transaction of
    # every change that moves them (the challenge page reads them with the call).
    nominated: Mapped[int] = mapped_column(default=0, server_default="0")
    took_part: Mapped[int] = mapped_column(default=0, server_default="0")

    def is_open(self, now: datetime) -> bool:
        return now < self.ends_at

    @property
    def is_open_now(self) -> bool:
        return self.is_open(utcnow())


class Nominee(db.Model):
    """One person nominated for one challenge, however often. Found by the
    keyed hash of their address (or, without one, only by the owner's eye:
    a pointer)."""

    __tablename__ = "nominee"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSES})", name="status_valid"),
        CheckConstraint("round >= 1", name="round_positive"),
        Index(
            "uq_nominee_address", "challenge_id", "address_hash", unique=True,
            sqlite_where=text("address_hash IS NOT NULL AND merged_into_id IS NULL"),
            postgresql_where=text("address_hash IS NOT NULL AND merged_into_id IS NULL"),
        ),
        Index("ix_nominee_challenge", "challenge_id", "status"),
        UniqueConstraint("invite_hash", name="uq_nominee_invite"),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_MAX))  # as the first nominator wrote it
    email: Mapped[str | None] = mapped_column(String(254))  # erased when no longer needed
    address_hash: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default=NomineeStatus.INVITED)
    # Round 1: nominated by people who came on their own; round n + 1: by a
    # nominee of round n who took part.
    round: Mapped[int] = mapped_column(default=1)
    invite_hash: Mapped[str | None] = mapped_column(String(64))  # of the invitation's token
    invited_at: Mapped[datetime | None]
    locale: Mapped[str | None] = mapped_column(String(8))  # the invitation's language
    answered_at: Mapped[datetime | None]  # took part or declined
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    # Shown on the challenge page as a nominated expert (their own choice).
    shown: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Merged into another record of the same person (one level deep: what
    # was merged into this one follows it); its nominations count there.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("nominee.id", ondelete="SET NULL")
    )
    # The owners' one-action invitations of a top nominee.
    jury_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("challenge_jury_member.id", ondelete="SET NULL")
    )
    answer_invitation_id: Mapped[int | None] = mapped_column(
        ForeignKey("challenge_invitation.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship(lazy="raise")
    merged_into: Mapped[Nominee | None] = relationship(remote_side=[id], lazy="raise")
    jury_member: Mapped[JuryMember | None] = relationship(lazy="raise")
    answer_invitation: Mapped[AnswerInvitation | None] = relationship(lazy="raise")

    @property
    def reachable(self) -> bool:
        """The owners can still write to them: an unanswered invitation's
        address, or the account they took part with."""
        return (self.status == NomineeStatus.INVITED and self.email is not None) or (
            self.status == NomineeStatus.TOOK_PART and self.user_id is not None
        )


class Nomination(db.Model):
    """A nominator's word for a nominee: what they know and why they know
    more. Once per nominator and nominee; hidden ones stop counting."""

    __tablename__ = "nomination"
    __table_args__ = (
        UniqueConstraint("nominator_id", "nominee_id", name="uq_nomination_once"),
        Index("ix_nomination_nominee", "nominee_id"),
        Index("ix_nomination_challenge_nominator", "challenge_id", "nominator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    nominee_id: Mapped[int] = mapped_column(ForeignKey("nominee.id", ondelete="CASCADE"))
    nominator_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    knowledge: Mapped[str] = mapped_column(Text)
    # The name this nominator gave (the nominee record keeps the first one):
    # their own list shows their own words, never another nominator's.
    name: Mapped[str] = mapped_column(String(NAME_MAX), default="", server_default="")
    # The nominator agrees that the nominee is told who nominated them.
    named: Mapped[bool] = mapped_column(default=False)
    hidden_at: Mapped[datetime | None]
    hidden_reason: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    nominee: Mapped[Nominee] = relationship(lazy="raise")
    nominator: Mapped[User] = relationship(lazy="raise")
    challenge: Mapped[Challenge] = relationship(lazy="raise")

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @hybrid_property
    def visible(self) -> bool:
        """Not hidden by a moderator: counted in the pyramid, shown to the
        owners and the jury. In SQL too: ``where(Nomination.visible)``."""
        return self.hidden_at is None

    @visible.inplace.expression
    @classmethod
    def _visible_expression(cls):  # type: ignore[no-untyped-def]
        return cls.hidden_at.is_(None)


def visibly_nominated():  # type: ignore[no-untyped-def]
    """SQL, correlated to ``Nominee``: the person (a kept record) has a
    nomination that is not hidden, on this record or one merged into it."""
    record = aliased(Nominee)
    return (
        select(Nomination.id)
        .join(record, record.id == Nomination.nominee_id)
        .where(
            Nomination.visible,
            func.coalesce(record.merged_into_id, record.id) == Nominee.id,
        )
        .exists()
    )


# Nominees who took part and chose to be named on the challenge's page.
NominationCall.experts = relationship(
    Nominee,
    primaryjoin=lambda: and_(
        foreign(Nominee.challenge_id) == NominationCall.challenge_id,
        Nominee.status == NomineeStatus.TOOK_PART,
        Nominee.shown.is_(True),
        Nominee.merged_into_id.is_(None),
        visibly_nominated(),
    ),
    order_by=Nominee.answered_at,
    viewonly=True,
    lazy="raise",
)
# A challenge's call for nominations, mapped here: pyramiding builds on
# challenges, not the other way round.
Challenge.nomination_call = relationship(NominationCall, lazy="raise", uselist=False, viewonly=True)
