"""Queued notifications are checked again when their turn comes: nothing is
sent about content hidden since, or to someone who no longer wants it."""

from __future__ import annotations

from sqlalchemy import select

from portal.accounts.models import Role
from portal.comments.services import add_comment
from portal.extensions import db
from portal.mail import OutboxMessage, OutboxStatus
from portal.mail_sending import requeue, send_pending
from portal.moderation import services as moderation
from portal.notifications import services
from portal.notifications.digests import build_digests
from portal.notifications.models import Delivery, FollowKind
from portal.privacy.services import erase
from tests.factories import make_idea, make_user


def _queued_comment_mail():  # type: ignore[no-untyped-def]
    """A follower's instant mail about a new comment, waiting in the outbox."""
    follower = make_user(locale="da")
    idea = make_idea(title="Benches by the harbour")
    services.follow(follower, FollowKind.IDEA, idea)
    db.session.commit()
    comment = add_comment(make_user(), idea, "Let us put three benches there.")
    db.session.commit()
    (message,) = _mails_to(follower.email)
    assert message.status == OutboxStatus.QUEUED
    return follower, idea, comment, message


def _mails_to(address: str) -> list[OutboxMessage]:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.to_address == address)
            .order_by(OutboxMessage.id)
        )
    )


def _withdrawn(message: OutboxMessage, mail_server, reason: str) -> None:  # type: ignore[no-untyped-def]
    report = send_pending()
    db.session.expire_all()
    message = db.session.get(OutboxMessage, message.id)
    assert message.status == OutboxStatus.WITHDRAWN
    assert message.withdrawn_reason == reason
    assert message.sent_at is None
    assert report.withdrawn >= 1
    assert all(r.recipients != [message.to_address] for r in mail_server.received)


def test_a_mail_about_an_idea_hidden_since_is_withdrawn(app, mail_server):
    _follower, idea, _comment, message = _queued_comment_mail()
    moderation.hide(make_user(Role.MODERATOR), idea, "Personal data")
    db.session.commit()
    _withdrawn(message, mail_server, "content_hidden")


def test_a_mail_about_a_comment_hidden_since_is_withdrawn(app, mail_server):
    _follower, _idea, comment, message = _queued_comment_mail()
    moderation.hide(make_user(Role.MODERATOR), comment, "Offensive")
    db.session.commit()
    _withdrawn(message, mail_server, "content_hidden")


def test_a_mail_to_someone_who_unsubscribed_since_is_withdrawn(app, mail_server):
    follower, _idea, _comment, message = _queued_comment_mail()
    services.unsubscribe(follower)
    db.session.commit()
    _withdrawn(message, mail_server, "unsubscribed")


def test_a_mail_of_a_kind_switched_off_or_unfollowed_since_is_withdrawn(app, mail_server):
    follower, idea, _comment, message = _queued_comment_mail()
    services.save_settings(follower, idea_delivery=Delivery.OFF)
    db.session.commit()
    _withdrawn(message, mail_server, "kind_off")

    other, idea, _comment, message = _queued_comment_mail()
    services.unfollow(other, FollowKind.IDEA, idea)
    db.session.commit()
    _withdrawn(message, mail_server, "not_following")


def test_a_mail_to_a_deleted_account_is_never_sent_even_when_queued_again(app, mail_server):
    follower, _idea, _comment, message = _queued_comment_mail()
    address = follower.email
    db.session.get(OutboxMessage, message.id).status = OutboxStatus.FAILED  # e.g. an outage
    erase(follower)
    db.session.commit()
    requeue(db.session.get(OutboxMessage, message.id))  # an admin retries it
    db.session.commit()
    _withdrawn(message, mail_server, "account_deleted")
    assert all(address not in r.recipients for r in mail_server.received)


def test_a_mail_still_wanted_goes_out_and_account_mails_ignore_notification_settings(
    app, mail_server
):
    follower, _idea, _comment, message = _queued_comment_mail()
    assert send_pending().sent == 2  # the follower and the idea's author
    assert _mails_to(follower.email)[0].status == OutboxStatus.SENT
    services.unsubscribe(follower)
    db.session.commit()
    from portal.accounts.services import request_password_reset

    request_password_reset(follower.email)  # asked for: always sent
    db.session.commit()
    assert send_pending().sent == 1


def test_a_digest_naming_an_idea_hidden_since_is_written_again_without_it(app, mail_server):
    reader = make_user(locale="nl")
    services.save_settings(reader, idea_delivery="daily")
    kept, hidden = make_idea(title="Kept idea"), make_idea(title="Soon hidden idea")
    for idea in (kept, hidden):
        services.follow(reader, FollowKind.IDEA, idea)
    db.session.commit()
    for idea in (kept, hidden):
        add_comment(make_user(), idea, "Something new on this idea.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    (first,) = _mails_to(reader.email)
    assert "Soon hidden idea" in first.body_text
    moderation.hide(make_user(Role.MODERATOR), hidden, "Spam")
    db.session.commit()

    send_pending()
    old, new = _mails_to(reader.email)
    assert (old.status, old.withdrawn_reason) == (OutboxStatus.WITHDRAWN, "rewritten")
    assert new.status == OutboxStatus.QUEUED
    assert "Kept idea" in new.body_text
    assert "Soon hidden idea" not in new.body_text + new.body_html
    assert send_pending().sent == 1
    (received,) = [r for r in mail_server.received if r.recipients == [reader.email]]
    assert "Soon hidden idea" not in received.message.get_body(("plain",)).get_content()

    # Nothing left to tell: withdrawn, not rewritten.
    alone = make_user()
    services.save_settings(alone, idea_delivery="daily")
    services.follow(alone, FollowKind.IDEA, kept)
    db.session.commit()
    add_comment(make_user(), kept, "Another comment.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    (digest,) = _mails_to(alone.email)
    moderation.hide(make_user(Role.MODERATOR), db.session.get(type(kept), kept.id), "Spam")
    db.session.commit()
    _withdrawn(digest, mail_server, "content_hidden")
    assert len(_mails_to(alone.email)) == 1


def test_admins_see_why_a_mail_was_not_sent(app, client, auth, mail_server):
    _follower, idea, _comment, _message = _queued_comment_mail()
    moderation.hide(make_user(Role.MODERATOR), idea, "Personal data")
    db.session.commit()
    send_pending()
    auth.as_role(Role.ADMIN)
    page = client.get("/admin/outbox?status=withdrawn", headers={"Accept-Language": "da"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Benches by the harbour" in text
    from flask_babel import force_locale

    from portal.mail import WITHDRAWN_REASONS
    from portal.notifications.sending import CONTENT_HIDDEN

    with force_locale("da"):
        assert str(WITHDRAWN_REASONS[CONTENT_HIDDEN]) in text


# --- news on one idea within a few minutes goes out as one mail -----------------------


def _later(minutes: int) -> None:
    """Let the mails held back become due, as if ``minutes`` had passed."""
    from datetime import timedelta

    from portal.timeutil import utcnow

    for message in db.session.scalars(select(OutboxMessage)):
        message.next_attempt_at -= timedelta(minutes=minutes)
    db.session.commit()
    assert all(m.next_attempt_at <= utcnow() for m in db.session.scalars(select(OutboxMessage)))


def test_a_comment_and_a_reply_within_minutes_make_one_mail(app, mail_server):
    from portal.ideas import services as idea_services
    from portal.ideas.models import IdeaStatus

    app.config["NOTIFY_COALESCE_MINUTES"] = 5
    follower = make_user(locale="da")
    idea = make_idea(title="Benches by the harbour")
    services.follow(follower, FollowKind.IDEA, idea)
    db.session.commit()
    first = add_comment(make_user(name="Karen"), idea, "Let us put three benches there.")
    db.session.commit()
    assert send_pending().sent == 0  # held back for news to join it
    add_comment(make_user(name="Ole"), idea, "And one by the playground.", first.id)
    idea_services.change_status(idea, IdeaStatus.UNDER_REVIEW, make_user(Role.MODERATOR))
    db.session.commit()
    (mail,) = _mails_to(follower.email)
    assert mail.kind == "idea_updates"
    _later(5)
    send_pending()
    (received,) = [r for r in mail_server.received if r.recipients == [follower.email]]
    text = received.message.get_body(("plain",)).get_content()
    assert "Let us put three benches there." in text
    assert "And one by the playground." in text
    assert "Under behandling" in text
    assert received.message["Subject"] == "Nyt om idéen »Benches by the harbour«"
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Later news is a new mail: the one sent is not touched.
    add_comment(make_user(), idea, "A third comment, an hour later.")
    db.session.commit()
    assert len(_mails_to(follower.email)) == 2


def test_a_combined_mail_is_written_again_without_a_comment_hidden_since(app, mail_server):
    app.config["NOTIFY_COALESCE_MINUTES"] = 5
    follower = make_user()
    idea = make_idea()
    services.follow(follower, FollowKind.IDEA, idea)
    db.session.commit()
    add_comment(make_user(), idea, "A kind comment.")
    spam = add_comment(make_user(), idea, "Buy cheap watches!")
    db.session.commit()
    moderation.hide(make_user(Role.MODERATOR), spam, "Spam")
    db.session.commit()
    _later(5)
    send_pending()
    old, new = _mails_to(follower.email)
    assert (old.status, old.withdrawn_reason) == (OutboxStatus.WITHDRAWN, "rewritten")
    send_pending()
    (received,) = [r for r in mail_server.received if r.recipients == [follower.email]]
    text = received.message.get_body(("plain",)).get_content()
    assert "A kind comment." in text
    assert "Buy cheap watches!" not in text


def test_a_digest_counting_a_comment_hidden_since_is_written_again(app, mail_server):
    reader = make_user()
    services.save_settings(reader, idea_delivery="daily")
    idea = make_idea(title="Counted idea")
    services.follow(reader, FollowKind.IDEA, idea)
    db.session.commit()
    add_comment(make_user(), idea, "A fair comment.")
    spam = add_comment(make_user(), idea, "Spam, hidden after the digest was written.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    (digest,) = _mails_to(reader.email)
    assert "2 new comments" in digest.body_text
    moderation.hide(make_user(Role.MODERATOR), spam, "Spam")
    db.session.commit()
    send_pending()
    old, new = _mails_to(reader.email)
    assert old.withdrawn_reason == "rewritten"
    assert "1 new comment" in new.body_text


def test_a_mail_naming_someone_who_deleted_their_account_since_is_rewritten(app, mail_server):
    app.config["NOTIFY_COALESCE_MINUTES"] = 5
    follower = make_user()
    idea = make_idea()
    services.follow(follower, FollowKind.IDEA, idea)
    db.session.commit()
    commenter = make_user(name="Søren Frederiksen")
    add_comment(commenter, idea, "My comment stays in the debate.")
    db.session.commit()
    erase(commenter)
    db.session.commit()
    _later(5)
    send_pending()
    send_pending()  # the rewritten mail, once: no loop
    received = [r for r in mail_server.received if r.recipients == [follower.email]]
    assert len(received) == 1
    text = received[0].message.get_body(("plain",)).get_content()
    assert "Søren Frederiksen" not in text
    assert "Former participant" in text
    assert "My comment stays in the debate." in text


def test_a_mangled_unsubscribe_link_is_a_translated_404(client):
    user = make_user()
    for token in (f"{user.id}-%C3%A9", f"{user.id}-", "é", "1-" + "x" * 500):
        response = client.get(f"/unsubscribe/{token}", headers={"Accept-Language": "da"})
        assert response.status_code == 404, token
