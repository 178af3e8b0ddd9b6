"""The outbox: every e-mail is written here inside the transaction that
causes it, rendered in the recipient's language, and sent afterwards by a job.

A mail may name its recipient's account, the subscription (``topic``) it
belongs to and the content it is ``about``. Just before sending, the sender
asks every registered *send check* (``register_send_check``; the domains
register theirs) whether the mail is still wanted: a recipient who
unsubscribed, switched the kind off or deleted the account, or content that
was hidden since, makes the mail *withdrawn* with the reason, never sent.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from email.utils import make_msgid
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db
from portal.i18n import force_locale_of
from portal.timeutil import utcnow

log = logging.getLogger(__name__)


class OutboxStatus(StrEnum):
    QUEUED = "queued"  # waits for the sender (again, after a temporary failure)
    SENDING = "sending"  # claimed by one sender run; never picked up by another
    SENT = "sent"
    FAILED = "failed"  # refused for good, or interrupted: an admin decides
    WITHDRAWN = "withdrawn"  # no longer wanted when its turn came (see send checks)


_STATUS_VALUES = ", ".join(f"'{s.value}'" for s in OutboxStatus)

STATUS_LABELS = {
    OutboxStatus.QUEUED: _l("Queued"),
    OutboxStatus.SENDING: _l("Being sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Failed"),
    OutboxStatus.WITHDRAWN: _l("Not sent (no longer wanted)"),
}


def health() -> dict[str, int | None]:
    """How far behind the sender is: mails queued, and the age in seconds of
    the oldest that is due (mails held back to coalesce are not late)."""
    queued = OutboxMessage.status == OutboxStatus.QUEUED
    now = utcnow()
    count, oldest = db.session.execute(
        select(
            func.count(OutboxMessage.id).filter(queued),
            func.min(OutboxMessage.created_at).filter(queued, OutboxMessage.next_attempt_at <= now),
        )
    ).one()
    age = int((now - oldest).total_seconds()) if oldest is not None else None
    return {"queued": count, "oldest_due_seconds": age}


def new_message_id() -> str:
    """A Message-ID in the portal's own domain (from PUBLIC_BASE_URL)."""
    host = urlsplit(current_app.config["PUBLIC_BASE_URL"]).hostname or "localhost"
    return make_msgid(domain=host)


class OutboxMessage(db.Model):
    __tablename__ = "outbox_message"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUS_VALUES})", name="status_valid"),
        Index("ix_outbox_status_created", "status", "created_at"),
        Index("ix_outbox_status_next_attempt", "status", "next_attempt_at", "id"),
        Index("ix_outbox_thread", "thread", "status"),
        {"info": {"public": False}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    to_address: Mapped[str] = mapped_column(String(254))
    locale: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    # Kept from the first attempt on, so a retried mail is the same mail.
    message_id: Mapped[str] = mapped_column(String(255), unique=True, default=new_message_id)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]  # when a sender run took it (status "sending")
    # Extra headers (e.g. List-Unsubscribe) as JSON.
    headers: Mapped[str | None] = mapped_column(Text)
    # Who it is for, which subscription it belongs to (None: a mail the
    # person asked for or must get, e.g. a reset link) and what it is about,
    # as JSON ({"ideas": [3], "comments": [7]}): re-checked before sending.
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    topic: Mapped[str | None] = mapped_column(String(20))
    about: Mapped[str | None] = mapped_column(Text)
    # Mails of one thread (e.g. "idea:12") to one recipient that are still
    # waiting are written as one (``pending_in_thread``, ``rewrite_queued``).
    thread: Mapped[str | None] = mapped_column(String(40))
    withdrawn_reason: Mapped[str | None] = mapped_column(String(40))

    @property
    def about_data(self) -> dict[str, Any]:
        return json.loads(self.about or "{}")

    def about_ids(self, kind: str) -> list[int]:
        return [int(i) for i in self.about_data.get(kind, [])]


# Why a mail was withdrawn (the key is stored, the label shown on /admin/outbox).
WITHDRAWN_REASONS: dict[str, object] = {}


def withdrawn_reason(key: str, label: object) -> str:
    """Declare a reason a send check may give (``label`` translatable)."""
    WITHDRAWN_REASONS[key] = label
    return key


SendCheck = Callable[[OutboxMessage], str | None]
_send_checks: list[SendCheck] = []


def register_send_check(check: SendCheck) -> SendCheck:
    """``check(message)`` answers None when the mail may go, or the key of
    the reason it may not (see ``withdrawn_reason``)."""
    if check not in _send_checks:
        _send_checks.append(check)
    return check


def why_not_send(message: OutboxMessage) -> str | None:
    """The first reason a mail should no longer go out, or None."""
    for check in _send_checks:
        reason = check(message)
        if reason is not None:
            return reason
    return None


def render_mail(kind: str, locale: str | None, **context: object) -> dict[str, str]:
    """``templates/email/<kind>.{subject.txt,txt,html}`` rendered in ``locale``:
    the columns ``locale``, ``subject``, ``body_text`` and ``body_html``."""
    with force_locale_of(locale) as active:
        subject = render_template(f"email/{kind}.subject.txt", **context).strip()
        text = render_template(f"email/{kind}.txt", **context)
        html = render_template(f"email/{kind}.html", subject=subject, **context)
    return {"locale": active, "subject": subject, "body_text": text, "body_html": html}


def pending_in_thread(thread: str, recipient_ids: list[int]) -> dict[int, OutboxMessage]:
    """The mails of ``thread`` still waiting for each recipient (one query)."""
    if not recipient_ids:
        return {}
    waiting = db.session.scalars(
        select(OutboxMessage)
        .where(
            OutboxMessage.thread == thread,
            OutboxMessage.status == OutboxStatus.QUEUED,
            OutboxMessage.recipient_id.in_(recipient_ids),
            OutboxMessage.next_attempt_at > utcnow(),  # held back, not yet due
        )
        .order_by(OutboxMessage.id)
    )
    return {message.recipient_id: message for message in waiting if message.recipient_id}


def rewrite_queued(
    message: OutboxMessage, kind: str, rendered: dict[str, str], about: dict[str, object]
) -> bool:
    """Write a waiting mail anew (more news joined it); False when a sender
    took it meanwhile (then the caller queues a new one)."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message.id, OutboxMessage.status == OutboxStatus.QUEUED)
        .values(kind=kind, about=json.dumps(about), **rendered)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


ERASED_ADDRESS = "erased@invalid"  # RFC 2606: never delivered anywhere


def forget_addresses(emails: list[str], kinds: tuple[str, ...], about: dict[str, object]) -> None:
    """The outbox keeps no address that is no longer needed: mails of these
    kinds to these addresses, about exactly ``about`` (e.g. one challenge),
    that have gone (sent, failed, withdrawn) keep their text, but not where
    they went."""
    if not emails:
        return
    db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.to_address.in_(emails),
            OutboxMessage.kind.in_(kinds),
            OutboxMessage.about == json.dumps(about),
            OutboxMessage.status.in_(
                (OutboxStatus.SENT, OutboxStatus.FAILED, OutboxStatus.WITHDRAWN)
            ),
        )
        .values(to_address=ERASED_ADDRESS)
    )


def queue_mail(
    kind: str,
    to_address: str,
    locale: str | None,
    headers: dict[str, str] | None = None,
    *,
    recipient_id: int | None = None,
    topic: str | None = None,
    about: dict[str, object] | None = None,
    not_before: datetime | None = None,
    thread: str | None = None,
    **context: object,
) -> OutboxMessage:
    """Render ``templates/email/<kind>.{txt,html}`` in ``locale`` and add it to
    the outbox in the current transaction (the caller commits). ``headers``
    are added to the mail as they are (e.g. List-Unsubscribe); ``recipient_id``,
    ``topic`` and ``about`` are what the send checks look at; ``not_before``
    holds the mail back until then (so that more news can join it)."""
    rendered = render_mail(kind, locale, **context)
    message = OutboxMessage(
        kind=kind,
        to_address=to_address,
        headers=json.dumps(headers) if headers else None,
        recipient_id=recipient_id,
        topic=topic,
        about=json.dumps(about) if about else None,
        thread=thread,
        next_attempt_at=not_before or utcnow(),
        **rendered,
    )
    db.session.add(message)
    if current_app.config.get("MAIL_LOG"):
        log.warning("Outbox: %s to %s\n%s", message.subject, to_address, message.body_text)
    return message
