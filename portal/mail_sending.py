"""Sending the outbox over SMTP: ``flask outbox send``, run by cron or a timer.

Each message is first *claimed* by one conditional UPDATE (queued → sending)
and committed; only the run whose UPDATE changed the row sends it. So two
senders on two servers never send the same mail, and a sender killed after
claiming leaves the message in "sending": after ``OUTBOX_STALE_MINUTES`` it
is marked failed as "interrupted", for an admin to look at and queue again,
because it may or may not have reached the SMTP server (at most once).

Temporary failures (no connection, a 4xx answer) put the message back in the
queue with a growing delay; permanent ones (5xx) mark it failed. When the
SMTP server cannot be reached the run stops and everything stays queued.

Right after claiming, the send checks (``portal.mail.why_not_send``) are asked
whether the mail is still wanted; one that is not is marked withdrawn with
the reason and never sent, however long it waited.
"""

from __future__ import annotations

import contextlib
import json
import logging
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from flask import current_app
from sqlalchemy import select, update

from portal.extensions import db
from portal.mail import OutboxMessage, OutboxStatus, why_not_send
from portal.timeutil import utcnow

log = logging.getLogger(__name__)

INTERRUPTED = "Interrupted while sending: it may or may not have been delivered."


@dataclass
class Report:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    interrupted: int = 0
    withdrawn: int = 0
    smtp_down: bool = False


class TemporaryFailure(Exception):
    """Try again later; ``connection`` when the server itself is unreachable."""

    def __init__(self, message: str, *, connection: bool = False) -> None:
        super().__init__(message)
        self.connection = connection


class PermanentFailure(Exception):
    """The server refused this message for good."""


def build(message: OutboxMessage) -> EmailMessage:
    """The MIME message: text and HTML alternatives, with Date and Message-ID."""
    mail = EmailMessage()
    mail["From"] = current_app.config["MAIL_FROM"]
    mail["To"] = message.to_address
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at.replace(tzinfo=UTC))
    mail["Message-ID"] = message.message_id
    for name, value in json.loads(message.headers or "{}").items():
        mail[name] = value
    mail.set_content(message.body_text)
    mail.add_alternative(message.body_html, subtype="html")
    mail["Content-Language"] = message.locale  # after the body, which resets Content-*
    return mail


def _connect() -> smtplib.SMTP:
    try:
        return _open_connection()
    except (smtplib.SMTPException, OSError) as error:
        raise TemporaryFailure(f"cannot reach the SMTP server: {error}", connection=True) from error


def _open_connection() -> smtplib.SMTP:
    config = current_app.config
    host, port = config["SMTP_HOST"], config["SMTP_PORT"]
    timeout = config["SMTP_TIMEOUT"]
    security = config["SMTP_SECURITY"]
    context = ssl.create_default_context()
    if security == "tls":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if security == "starttls":
            smtp.starttls(context=context)
    if config["SMTP_USER"]:
        smtp.login(config["SMTP_USER"], config["SMTP_PASSWORD"])
    return smtp


def _deliver(smtp: smtplib.SMTP, message: OutboxMessage) -> None:
    try:
        refused = smtp.send_message(build(message))
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _text in error.recipients.values()]
        raise (PermanentFailure if all(c >= 500 for c in codes) else TemporaryFailure)(
            str(error.recipients)
        ) from error
    except smtplib.SMTPResponseException as error:
        kind = PermanentFailure if error.smtp_code >= 500 else TemporaryFailure
        raise kind(f"{error.smtp_code} {error.smtp_error!r}") from error
    except (smtplib.SMTPServerDisconnected, OSError) as error:
        raise TemporaryFailure(str(error), connection=True) from error
    if refused:
        raise PermanentFailure(str(refused))


def _claim(message_id: int) -> bool:
    """Take the message for this run: True only for the run that changed it."""
    now = utcnow()
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.status == OutboxStatus.QUEUED)
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            attempts=OutboxMessage.attempts + 1,
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def _finish(message_id: int, **values: object) -> None:
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after each failed attempt, at most six hours."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 360))


def mark_interrupted() -> int:
    """Messages left in "sending" by a run that died are failed, not resent."""
    stale = utcnow() - timedelta(minutes=current_app.config["OUTBOX_STALE_MINUTES"])
    result = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.SENDING, OutboxMessage.claimed_at < stale)
        .values(status=OutboxStatus.FAILED, last_error=INTERRUPTED)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount


def send_pending(limit: int = 500) -> Report:
    """Send what is due, oldest first, over one SMTP connection."""
    report = Report(interrupted=mark_interrupted())
    due = list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.QUEUED,
                OutboxMessage.next_attempt_at <= utcnow(),
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
    )
    db.session.commit()
    if not due:
        return report
    smtp: smtplib.SMTP | None = None
    try:
        for message_id in due:
            if not _claim(message_id):
                continue  # another sender took it
            message = db.session.get(OutboxMessage, message_id, populate_existing=True)
            if reason := why_not_send(message):
                _finish(message_id, status=OutboxStatus.WITHDRAWN, withdrawn_reason=reason)
                report.withdrawn += 1
                continue
            try:
                smtp = smtp or _connect()
                _deliver(smtp, message)
            except TemporaryFailure as error:
                _retry_later(message, str(error), report)
                if error.connection:
                    report.smtp_down = True
                    break  # keep the rest queued for the next run
            except PermanentFailure as error:
                log.error("Outbox %s refused: %s", message_id, error)
                _finish(message_id, status=OutboxStatus.FAILED, last_error=str(error))
                report.failed += 1
            else:
                _finish(message_id, status=OutboxStatus.SENT, sent_at=utcnow(), last_error=None)
                report.sent += 1
    finally:
        if smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
    return report


def _retry_later(message: OutboxMessage, error: str, report: Report) -> None:
    attempts = message.attempts
    if attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
        _finish(message.id, status=OutboxStatus.FAILED, last_error=error)
        report.failed += 1
        return
    _finish(
        message.id,
        status=OutboxStatus.QUEUED,
        last_error=error,
        next_attempt_at=utcnow() + backoff(attempts),
    )
    report.retried += 1


def requeue(message: OutboxMessage) -> None:
    """An admin sends a failed message again."""
    message.status = OutboxStatus.QUEUED
    message.next_attempt_at = utcnow()
