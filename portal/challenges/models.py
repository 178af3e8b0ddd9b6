"""Open calls: the municipality asks a question of its own, citizens answer
it with ideas under published terms, and the answers are judged by weighted
criteria."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.accounts.models import User
from portal.extensions import db
from portal.i18n import NamedInEveryLanguage, locale_code
from portal.ideas.models import Idea
from portal.municipality.models import Department, Meeting
from portal.sanitize import render_markdown
from portal.timeutil import utcnow

TITLE_MAX = 150
SUMMARY_MAX = 300
BRIEF_MAX = 20_000
REWARD_MAX = 1_000
TERMS_TEXT_MAX = 5_000
NOTE_MAX = 5_000
INVITATION_DAYS = 30  # how long a jury invitation link works
INVITATIONS_MAX = 300  # invitations to answer one challenge (each a mail)
INVITATION_MESSAGE_MAX = 1_000
CRITERIA_MAX = 6
SCALE_LIMIT = 10  # the largest scale an owner may choose (0–10)


class Phase(StrEnum):
    DRAFT = "draft"  # the owner prepares it; only staff who manage it see it
    OPEN = "open"  # answers are welcome until the deadline
    EVALUATION = "evaluation"  # the deadline has passed; the jury scores
    RESULTS = "results"  # winners and reasons are public
    CLOSED = "closed"  # archived: read-only
    CANCELLED = "cancelled"  # stopped, with a public reason


PHASE_VALUES = ", ".join(f"'{p.value}'" for p in Phase)
PHASE_LABELS = {
    Phase.DRAFT: _l("Draft"),
    Phase.OPEN: _l("Open for answers"),
    Phase.EVALUATION: _l("In evaluation"),
    Phase.RESULTS: _l("Results published"),
    Phase.CLOSED: _l("Closed"),
    Phase.CANCELLED: _l("Cancelled"),
}


class Terms(NamedInEveryLanguage, db.Model):
    """Terms an answer is given under (a licence, or what the municipality
    may do with it), maintained by admins. A row is one version: changing the
    text makes a new version, so every answer keeps the text it accepted."""

    __tablename__ = "challenge_terms"
    __table_args__ = (
        UniqueConstraint("slug", "version", name="uq_challenge_terms_version"),
        CheckConstraint("version >= 1", name="version_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(default=1)
    text_en: Mapped[str] = mapped_column(Text)
    text_da: Mapped[str] = mapped_column(Text)
    text_nb: Mapped[str] = mapped_column(Text)
    text_nl: Mapped[str] = mapped_column(Text)
    # Only the newest version of a slug is offered to new challenges.
    current: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def text(self) -> str:
        return getattr(self, f"text_{locale_code()}", None) or self.text_en

    @property
    def text_html(self) -> str:
        """The text in the reader's language, through the one sanitiser (Markdown)."""
        return render_markdown(self.text)


class Challenge(db.Model):
    __tablename__ = "challenge"
    __table_args__ = (
        CheckConstraint(f"phase IN ({PHASE_VALUES})", name="phase_valid"),
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint(f"scale_max BETWEEN 1 AND {SCALE_LIMIT}", name="scale_valid"),
        CheckConstraint(
            "reward_amount IS NULL OR reward_amount >= 0", name="reward_amount_positive"
        ),
        CheckConstraint(
            "phase <> 'cancelled' OR cancel_reason IS NOT NULL", name="cancelled_with_reason"
        ),
        Index("ix_challenge_phase_opens", "phase", "opens_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    summary: Mapped[str] = mapped_column(String(SUMMARY_MAX))
    brief: Mapped[str] = mapped_column(Text)
    brief_html: Mapped[str] = mapped_column(Text)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    phase: Mapped[str] = mapped_column(String(20), default=Phase.DRAFT)
    # A draft the owner has scheduled: ``flask challenges advance`` opens it
    # at ``opens_at``.
    scheduled: Mapped[bool] = mapped_column(default=False)
    opens_at: Mapped[datetime]  # UTC
    closes_at: Mapped[datetime]  # UTC: the deadline for answers
    results_due: Mapped[datetime]  # UTC: when the results are expected
    reward: Mapped[str] = mapped_column(String(REWARD_MAX))
    reward_amount: Mapped[int | None]  # in whole units of the portal's currency
    terms_id: Mapped[int] = mapped_column(ForeignKey("challenge_terms.id"))
    scale_max: Mapped[int] = mapped_column(default=5)
    cancel_reason: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    phase_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    results_published_at: Mapped[datetime | None]
    # When it first opened for answers: a draft cancelled before that stays
    # out of sight (it was never public).
    opened_at: Mapped[datetime | None]
    # When the jury was reminded that the results are due (once).
    jury_reminded_at: Mapped[datetime | None]
    # An admin's choice: after the results, an answer's author also sees each
    # member's scores for it — without names, never with them.
    anonymous_scores: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Who may answer: everyone registered, and (when True) also people the
    # owners invite by e-mail (``challenges.invitations``).
    invites_answerers: Mapped[bool] = mapped_column(default=False, server_default=false())

    department: Mapped[Department] = relationship(lazy="raise")
    terms: Mapped[Terms] = relationship(lazy="raise")
    criteria: Mapped[list[Criterion]] = relationship(
        lazy="raise", order_by="Criterion.position", cascade="all, delete-orphan"
    )

    @hybrid_property
    def is_public(self) -> bool:
        """Everyone sees it once it has opened (also after it is cancelled)."""
        return self.opened_at is not None

    @is_public.inplace.expression
    @classmethod
    def _is_public(cls):  # type: ignore[no-untyped-def]
        return cls.opened_at.is_not(None)

    @property
    def jury_criteria(self) -> list[Criterion]:
        """The criteria the jury scores (public support is computed)."""
        return [c for c in self.criteria if not c.from_supports]

    def accepts_answers(self, now: datetime) -> bool:
        return self.phase == Phase.OPEN and self.opens_at <= now < self.closes_at

    @property
    def accepts_answers_now(self) -> bool:
        return self.accepts_answers(utcnow())


class Criterion(db.Model):
    """What the jury scores an answer on, with its share of the total."""

    __tablename__ = "challenge_criterion"
    __table_args__ = (
        CheckConstraint("weight BETWEEN 1 AND 100", name="weight_valid"),
        UniqueConstraint("challenge_id", "position", name="uq_challenge_criterion_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(1000))
    weight: Mapped[int]  # percent; a challenge's weights sum to 100
    # "Public support": scored from the answer's supports, not by the jury
    # (the formula is in ``challenges.ranking``).
    from_supports: Mapped[bool] = mapped_column(default=False, server_default=false())


class Award(StrEnum):
    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    WINNER = "winner"
    MENTION = "mention"


AWARD_VALUES = ", ".join(f"'{a.value}'" for a in Award)
AWARD_LABELS = {
    Award.FIRST: _l("1st place"),
    Award.SECOND: _l("2nd place"),
    Award.THIRD: _l("3rd place"),
    Award.WINNER: _l("Winner"),
    Award.MENTION: _l("Honourable mention"),
}
REASONING_MAX = 5_000


class Answer(db.Model):
    """The terms an answer to a challenge was given under, and its outcome
    once the results are published. Which challenge an idea answers is
    ``Idea.challenge_id``."""

    __tablename__ = "challenge_answer"
    __table_args__ = (
        CheckConstraint(f"award IS NULL OR award IN ({AWARD_VALUES})", name="award_valid"),
    )

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    # Which terms, which version, when: what the author agreed to.
    terms_id: Mapped[int] = mapped_column(ForeignKey("challenge_terms.id"))
    answered_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The outcome, public with the results: an award (or none) and why.
    award: Mapped[str | None] = mapped_column(String(20))
    reasoning: Mapped[str | None] = mapped_column(Text)
    reasoning_html: Mapped[str | None] = mapped_column(Text)
    # Its supports at the deadline: the public-support criterion counts
    # these, so supports given later change no score and no result.
    supports_at_close: Mapped[int | None]

    idea: Mapped[Idea] = relationship(lazy="raise")
    terms: Mapped[Terms] = relationship(lazy="raise")


class JuryMember(db.Model):
    """A member of one challenge's jury: an official or moderator appointed
    by the owner, or an outside expert invited by e-mail who joins by the
    link in the invitation (``user_id`` is set then)."""

    __tablename__ = "challenge_jury_member"
    __table_args__ = (
        UniqueConstraint("challenge_id", "user_id", name="uq_jury_member_user"),
        UniqueConstraint("challenge_id", "email", name="uq_jury_member_email"),
        UniqueConstraint("invite_hash", name="uq_jury_member_invite"),
        CheckConstraint("user_id IS NOT NULL OR email IS NOT NULL", name="someone"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    # An invited expert's address until they join (then the account's counts).
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(60))  # as the jury list shows it
    # Names are public unless the member opts out.
    name_public: Mapped[bool] = mapped_column(default=True)
    # When the member first saw the others' scores: from then on their own
    # declarations are final (no scoring after a look at the others).
    others_seen_at: Mapped[datetime | None]
    # SHA-256 of the invitation link's secret; cleared when it is used.
    invite_hash: Mapped[str | None] = mapped_column(String(64))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    joined_at: Mapped[datetime | None]
    # The address came from somewhere the owners may not read it (a
    # nomination): the jury page does not show it.
    address_private: Mapped[bool] = mapped_column(default=False, server_default=false())

    user: Mapped[User | None] = relationship(lazy="raise")

    @property
    def has_joined(self) -> bool:
        return self.user_id is not None


class Evaluation(db.Model):
    """One jury member's view of one answer: a private note, and whether they
    declared a conflict of interest (then they score it not at all)."""

    __tablename__ = "challenge_evaluation"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("challenge_jury_member.id", ondelete="CASCADE"), primary_key=True
    )
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    conflict_declared_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Score(db.Model):
    """A jury member's score of one answer on one criterion."""

    __tablename__ = "challenge_score"
    __table_args__ = (
        CheckConstraint("value >= 0 AND value <= scale_max", name="value_on_the_scale"),
        CheckConstraint(f"scale_max BETWEEN 1 AND {SCALE_LIMIT}", name="scale_valid"),
        Index("ix_challenge_score_idea", "idea_id", "criterion_id"),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("challenge_jury_member.id", ondelete="CASCADE"), primary_key=True
    )
    idea_id: Mapped[int] = mapped_column(
        ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("challenge_criterion.id", ondelete="CASCADE"), primary_key=True
    )
    value: Mapped[int]
    # The challenge's scale when the score was given: the CHECK holds it to it.
    scale_max: Mapped[int]
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)


class AnswerInvitation(db.Model):
    """Someone the owners invited by e-mail to answer (once per address)."""

    __tablename__ = "challenge_invitation"
    __table_args__ = (
        UniqueConstraint("challenge_id", "email", name="uq_challenge_invitation_email"),
        {"info": {"public": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(60))
    locale: Mapped[str] = mapped_column(String(8))  # the language of the mail
    message: Mapped[str] = mapped_column(String(INVITATION_MESSAGE_MAX), default="")
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)
    # As on ``JuryMember``: an address from a nomination is not shown.
    address_private: Mapped[bool] = mapped_column(default=False, server_default=false())


class AgendaChallenge(db.Model):
    """A challenge whose results go to a committee meeting: the meeting page
    and its report list them after the ideas on the agenda."""

    __tablename__ = "agenda_challenge"
    __table_args__ = (
        UniqueConstraint("meeting_id", "challenge_id", name="uq_agenda_challenge"),
        Index("ix_agenda_challenge_challenge", "challenge_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenge.id", ondelete="CASCADE"))
    added_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    challenge: Mapped[Challenge] = relationship(lazy="raise")
    meeting: Mapped[Meeting] = relationship(lazy="raise")


# The challenge an idea answers (``Idea.challenge_id``), mapped here: the
# challenges domain builds on ideas, not the other way round.
Idea.challenge = relationship(Challenge, lazy="raise")
# What the author agreed to and, once the results are out, the outcome.
Idea.challenge_answer = relationship(Answer, lazy="raise", uselist=False, viewonly=True)
