"""`flask outbox send` against a real SMTP server on 127.0.0.1 (aiosmtpd)."""

from __future__ import annotations

import threading
from datetime import timedelta
from email.utils import parsedate_to_datetime

from sqlalchemy import select, update

from portal.accounts.models import Role
from portal.extensions import db
from portal.mail import OutboxMessage, OutboxStatus, queue_mail
from portal.mail_sending import INTERRUPTED, send_pending
from portal.timeutil import utcnow
from tests.factories import make_user
from tests.mail_server import free_port

LINK = "http://portal.test/account/verify/abc"


def _queue(n: int = 1, locale: str = "nl") -> list[OutboxMessage]:
    messages = []
    for _ in range(n):
        user = make_user(locale=locale)
        messages.append(
            queue_mail("verify_email", user.email, locale, user=user, url=LINK, hours=72)
        )
    db.session.commit()
    return messages


def _message(message_id: int) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_a_mail_is_multipart_in_the_recipients_language_with_proper_headers(app, mail_server):
    (queued,) = _queue(locale="nl")
    report = send_pending()
    assert report.sent == 1
    (received,) = mail_server.received
    mail = received.message
    assert received.recipients == [queued.to_address]
    assert mail["From"] == app.config["MAIL_FROM"]
    assert mail["To"] == queued.to_address
    assert mail["Message-ID"] == queued.message_id
    assert mail["Message-ID"].endswith("@portal.test>")
    assert mail["Content-Language"] == "nl"
    assert abs(parsedate_to_datetime(mail["Date"]).replace(tzinfo=None) - queued.created_at) < (
        timedelta(seconds=1)
    )
    assert mail.get_content_type() == "multipart/alternative"
    text = mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert LINK in text
    assert f'href="{LINK}"' in html
    assert '<html lang="nl">' in html
    assert mail["Subject"] == queued.subject
    assert "e-mailadres" in mail["Subject"]
    sent = _message(queued.id)
    assert (sent.status, sent.attempts, sent.last_error) == (OutboxStatus.SENT, 1, None)
    assert sent.sent_at is not None


def test_running_twice_sends_nothing_twice(mail_server):
    _queue(3)
    assert send_pending().sent == 3
    assert send_pending().sent == 0
    assert len(mail_server.received) == 3


def test_nothing_is_lost_while_the_smtp_server_is_down(app, mail_server):
    first, second = _queue(2)
    app.config["SMTP_PORT"] = free_port()  # nobody listens there
    report = send_pending()
    assert report.smtp_down
    assert report.sent == 0
    waiting = _message(first.id)
    assert (waiting.status, waiting.attempts) == (OutboxStatus.QUEUED, 1)
    assert waiting.next_attempt_at > utcnow()
    assert "cannot reach the SMTP server" in waiting.last_error
    assert _message(second.id).attempts == 0  # the run stopped at the first failure

    app.config["SMTP_PORT"] = mail_server.port
    assert send_pending().sent == 1  # the second; the first waits for its retry time
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert send_pending().sent == 1
    assert {r.recipients[0] for r in mail_server.received} == {first.to_address, second.to_address}


def test_a_temporary_refusal_is_retried_with_backoff(mail_server):
    (queued,) = _queue()
    mail_server.handler.answer = "451 4.3.0 Try again later"
    assert send_pending().retried == 1
    first = _message(queued.id)
    assert first.status == OutboxStatus.QUEUED
    assert "451" in first.last_error
    delay = first.next_attempt_at - utcnow()
    assert timedelta(seconds=30) < delay <= timedelta(minutes=1)
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    send_pending()
    assert _message(queued.id).next_attempt_at - utcnow() > timedelta(minutes=1)  # 2 minutes now
    mail_server.handler.answer = None
    db.session.execute(update(OutboxMessage).values(next_attempt_at=utcnow()))
    db.session.commit()
    assert send_pending().sent == 1
    assert _message(queued.id).attempts == 3


def test_a_permanent_refusal_is_marked_failed(mail_server):
    (queued,) = _queue()
    mail_server.handler.answer = "550 5.1.1 No such user"
    assert send_pending().failed == 1
    failed = _message(queued.id)
    assert failed.status == OutboxStatus.FAILED
    assert "550" in failed.last_error


def test_too_many_temporary_failures_end_as_failed(app, mail_server):
    (queued,) = _queue()
    app.config["OUTBOX_MAX_ATTEMPTS"] = 1
    mail_server.handler.answer = "421 4.7.0 Busy"
    assert send_pending().failed == 1
    assert _message(queued.id).status == OutboxStatus.FAILED


def test_a_sender_killed_halfway_never_causes_a_second_delivery(mail_server):
    """A run that died after claiming a message leaves it in "sending": it is
    not sent again but marked failed for an admin once it is stale."""
    stale, fresh = _queue(2)
    for message, minutes in ((stale, 60), (fresh, 1)):
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message.id)
            .values(status=OutboxStatus.SENDING, claimed_at=utcnow() - timedelta(minutes=minutes))
        )
    db.session.commit()
    report = send_pending()
    assert (report.sent, report.interrupted) == (0, 1)
    assert mail_server.received == []
    assert (_message(stale.id).status, _message(stale.id).last_error) == (
        OutboxStatus.FAILED,
        INTERRUPTED,
    )
    assert _message(fresh.id).status == OutboxStatus.SENDING


def test_two_senders_at_once_send_each_mail_once(app, mail_server):
    _queue(12)
    errors = []

    def run() -> None:
        try:
            with app.app_context():
                send_pending()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    ids = [r.message["Message-ID"] for r in mail_server.received]
    assert len(ids) == 12
    assert len(set(ids)) == 12
    statuses = set(db.session.scalars(select(OutboxMessage.status)))
    assert statuses == {OutboxStatus.SENT}


def test_admin_sees_failed_mails_and_sends_them_again(client, auth, mail_server):
    (queued,) = _queue()
    mail_server.handler.answer = "550 5.1.1 No such user"
    send_pending()
    auth.as_role(Role.ADMIN)
    page = client.get("/admin/outbox?status=failed").get_data(as_text=True)
    assert "1 e-mail could not be sent." in page
    assert "550" in page
    assert client.post(f"/admin/outbox/{queued.id}/requeue").status_code == 302
    mail_server.handler.answer = None
    assert send_pending().sent == 1


def test_the_send_command(app, mail_server):
    _queue(2)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code == 0, result.output
    assert "sent 2" in result.output
    _queue(1)
    app.config["SMTP_PORT"] = free_port()  # nothing listens there: the relay is down
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code != 0  # timers and monitoring see it
    assert "cannot be reached" in result.output
    app.config["SMTP_HOST"] = ""
    result = runner.invoke(args=["outbox", "send"])
    assert result.exit_code != 0
    assert "SMTP_HOST is not set" in result.output
