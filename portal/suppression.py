"""Addresses that asked never to be e-mailed again ("never e-mail me
again" in a nomination's invitation), kept as a keyed hash only.

Every mail the portal sends is checked against the list just before it goes
out (a send check, see ``portal.mail``), except the few a person asks for
themselves by typing the address into a form (confirming a registration,
resetting a password): asking is a new wish.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import String, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.mail import OutboxMessage, withdrawn_reason
from portal.timeutil import utcnow

# Mails someone asks for by typing their address: a suppressed address gets
# them all the same.
ASKED_FOR = frozenset({"verify_email", "reset_password", "account_exists"})
SUPPRESSED = withdrawn_reason(
    "suppressed", _l("The address asked never to be e-mailed by the portal again.")
)


class SuppressedAddress(db.Model):
    __tablename__ = "suppressed_address"
    __table_args__ = {"info": {"public": False}}

    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def address_hash(email: str) -> str:
    """A keyed hash of an address (lower case, trimmed): the same address
    always gives the same hash, and without the secret key nothing can be
    learnt from it."""
    key = hashlib.sha256(f"address|{current_app.config['SECRET_KEY']}".encode()).digest()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def suppress(email: str) -> None:
    """Never e-mail this address again (a no-op when it is on the list)."""
    suppress_hashes([address_hash(email)])


def suppress_hashes(hashes: list[str]) -> None:
    """The same for addresses known only by their keyed hash."""
    dialect = db.session.get_bind().dialect.name
    insert = {"postgresql": pg_insert, "sqlite": sqlite_insert}[dialect]
    for value in dict.fromkeys(hashes):
        db.session.execute(
            insert(SuppressedAddress)
            .values(address_hash=value, created_at=utcnow())
            .on_conflict_do_nothing()
        )


def is_suppressed(email: str) -> bool:
    return is_suppressed_hash(address_hash(email))


def is_suppressed_hash(value: str) -> bool:
    found = select(SuppressedAddress.address_hash).where(SuppressedAddress.address_hash == value)
    return db.session.scalar(found) is not None


def still_wanted(message: OutboxMessage) -> str | None:
    """The send check: None when the mail may go."""
    if message.kind in ASKED_FOR or not is_suppressed(message.to_address):
        return None
    return SUPPRESSED
