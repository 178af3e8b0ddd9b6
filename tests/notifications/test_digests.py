"""Daily and weekly digests, checked as an SMTP server receives them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role
from portal.comments.services import add_comment
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import IdeaStatus
from portal.mail import OutboxMessage
from portal.mail_sending import send_pending
from portal.moderation import services as moderation
from portal.notifications import services
from portal.notifications.digests import build_digests, period_key
from portal.notifications.models import Delivery, Digest, FollowKind
from portal.timeutil import utcnow
from tests.factories import make_category, make_idea, make_user


def _digests() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "digest")))


def _daily_reader(locale: str = "da"):  # type: ignore[no-untyped-def]
    reader = make_user(locale=locale)
    services.save_settings(reader, idea_delivery="daily", category_delivery="daily")
    db.session.commit()
    return reader


def test_a_daily_digest_groups_news_by_idea_newest_first(app, mail_server):
    reader = _daily_reader("nl")
    quiet_idea = make_idea(title="Older news")
    busy_idea = make_idea(title="Busy idea")
    hidden_idea = make_idea(title="Hidden idea")
    for idea in (quiet_idea, busy_idea, hidden_idea):
        services.follow(reader, FollowKind.IDEA, idea)
    db.session.commit()
    add_comment(make_user(), quiet_idea, "An early comment.")
    for n in range(3):
        add_comment(make_user(), busy_idea, f"Comment number {n} on the busy idea.")
    add_comment(reader, busy_idea, "My own comment is not news to me.")
    spam = add_comment(make_user(), busy_idea, "Spam comment, soon hidden.")
    moderation.hide(make_user(Role.MODERATOR), spam, "Spam")
    idea_services.change_status(busy_idea, IdeaStatus.UNDER_REVIEW, make_user(Role.MODERATOR))
    add_comment(make_user(), hidden_idea, "A comment on a hidden idea.")
    moderation.hide(make_user(Role.MODERATOR), hidden_idea, "Off-topic")
    db.session.commit()

    report = build_digests(Delivery.DAILY)
    assert report.written == 1
    send_pending()
    (received,) = [r for r in mail_server.received if r.recipients == [reader.email]]
    mail = received.message
    assert mail.get_content_type() == "multipart/alternative"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["Content-Language"] == "nl"
    text = mail.get_body(("plain",)).get_content()
    assert "3 nieuwe reacties" in text
    assert "In behandeling" in text
    assert text.index("Busy idea") < text.index("Older news")
    assert "Hidden idea" not in text
    assert "Spam comment" not in text
    html = mail.get_body(("html",)).get_content()
    assert 'href="http://portal.test/ideas/' in html


def test_no_digest_when_nothing_happened_and_none_twice_for_a_period(app):
    reader = _daily_reader()
    idea = make_idea()
    services.follow(reader, FollowKind.IDEA, idea)
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 0
    assert _digests() == []
    add_comment(make_user(), idea, "Now something happened.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    add_comment(make_user(), idea, "More happens the same day.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 0  # the period already has its digest
    assert len(_digests()) == 1
    tomorrow = utcnow() + timedelta(days=1)
    assert build_digests(Delivery.DAILY, tomorrow).written == 1
    second = _digests()[1]
    assert "1 ny kommentar" in second.body_text  # only what came after the first digest
    keys = set(db.session.scalars(select(Digest.period_key)))
    assert keys == {period_key(Delivery.DAILY, utcnow()), period_key(Delivery.DAILY, tomorrow)}


def test_new_ideas_in_followed_categories_and_everywhere(app):
    parks, roads = make_category(), make_category()
    daily, weekly = _daily_reader(), make_user()
    services.follow(daily, FollowKind.CATEGORY, parks)
    services.follow(weekly, FollowKind.ALL_IDEAS)
    db.session.commit()
    make_idea(title="A new park bench", category=parks)
    make_idea(title="A new crossing", category=roads)
    make_idea(daily, title="My own idea", category=parks)
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    (daily_mail,) = _digests()
    assert "A new park bench" in daily_mail.body_text
    assert "A new crossing" not in daily_mail.body_text
    assert "My own idea" not in daily_mail.body_text
    assert build_digests(Delivery.WEEKLY).written == 1
    weekly_mail = _digests()[1]
    assert "A new crossing" in weekly_mail.body_text
    assert "A new park bench" in weekly_mail.body_text


def test_people_who_switched_email_off_get_no_digest(app):
    reader = _daily_reader()
    services.save_settings(reader, no_email=True)
    idea = make_idea()
    services.follow(reader, FollowKind.IDEA, idea)
    add_comment(make_user(), idea, "Something to tell.")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 0


def test_the_digest_command(app):
    reader = _daily_reader()
    idea = make_idea()
    services.follow(reader, FollowKind.IDEA, idea)
    add_comment(make_user(), idea, "Something to tell.")
    db.session.commit()
    runner = app.test_cli_runner()
    result = runner.invoke(args=["digests", "build", "--period", "daily"])
    assert result.exit_code == 0, result.output
    assert "1 digests written" in result.output
    again = runner.invoke(args=["digests", "build", "--period", "daily"])
    assert "0 digests written" in again.output
    assert runner.invoke(args=["digests", "build", "--period", "hourly"]).exit_code != 0
