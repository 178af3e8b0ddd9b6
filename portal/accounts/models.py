"""People who take part, and their role."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.timeutil import utcnow


class Role(StrEnum):
    CITIZEN = "citizen"
    MODERATOR = "moderator"
    OFFICIAL = "official"
    ADMIN = "admin"


ROLE_VALUES = ", ".join(f"'{r.value}'" for r in Role)


FORMER_PARTICIPANT = _l("Former participant")


class User(UserMixin, db.Model):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(f"role IN ({ROLE_VALUES})", name="role_valid"),
        # Only officials belong to a department (and answer for it).
        CheckConstraint(
            "department_id IS NULL OR role = 'official'", name="department_only_for_officials"
        ),
        # The row changes at every log-in and lock; pages show only these of
        # its columns (the name, whether it was erased, whether the open data
        # may name the person): the page cache
        # counts changes of these alone, and never a new account's row.
        {"info": {"public_columns": ("display_name", "erased_at", "credit_by_name")}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column("display_name", String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.CITIZEN)
    locale: Mapped[str | None] = mapped_column(String(8))
    email_verified_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set by a moderator: may read, but not post, comment, support or flag.
    blocked_at: Mapped[datetime | None]
    blocked_until: Mapped[datetime | None]  # None while blocked: until further notice
    blocked_reason: Mapped[str | None] = mapped_column(String(500))
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("department.id", ondelete="SET NULL")
    )
    # Set when the person deleted their account: nothing personal is left.
    erased_at: Mapped[datetime | None]
    # Changes with every password-reset mail: only the newest link works.
    reset_nonce: Mapped[str | None] = mapped_column(String(32))
    # The person allows their display name in what the municipality
    # publishes: thanked by name in reports, named in the open data;
    # otherwise those say "the citizen who proposed it" / "a citizen".
    credit_by_name: Mapped[bool] = mapped_column(default=False, server_default=false())

    @hybrid_property
    def display_name(self) -> str:
        """The name shown next to ideas and comments ("Former participant",
        in the reader's language, once the account is deleted)."""
        return str(FORMER_PARTICIPANT) if self.erased_at else self.name

    @property
    def credited_name(self) -> str | None:
        """The name the municipality's reports may thank and its open data
        may name: only with the person's consent (``credit_by_name``)."""
        return self.name if self.credit_by_name and self.erased_at is None else None

    @display_name.inplace.setter
    def _display_name_setter(self, value: str) -> None:
        self.name = value

    @display_name.inplace.expression
    @classmethod
    def _display_name_expression(cls):  # type: ignore[no-untyped-def]
        return cls.name

    # The login session this request runs in (set by ``accounts.sessions``);
    # Flask-Login stores get_id() in the signed cookie.
    session_token = None  # str | None, not a column

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_blocked(self) -> bool:
        if self.blocked_at is None:
            return False
        return self.blocked_until is None or self.blocked_until > utcnow()

    def has_role(self, *roles: Role) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


class UserSession(db.Model):
    """One login on one device. The cookie carries a random token whose hash
    is stored here: logging out deletes the row, so a copied or replayed
    cookie no longer works; a password change deletes all other rows."""

    __tablename__ = "user_session"
    __table_args__ = {"info": {"public": False}}

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "Keep me logged in": no idle limit, only the absolute one.
    remember: Mapped[bool] = mapped_column(default=False)
