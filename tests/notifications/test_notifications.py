"""Following, settings, instant notifications and one-click unsubscribe."""

from __future__ import annotations

import re

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.comments.services import add_comment
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.mail_sending import send_pending
from portal.notifications import services
from portal.notifications import unsubscribe as links
from portal.notifications.models import Follow, FollowKind
from portal.supports.services import support
from tests.factories import make_category, make_idea, make_user


def _mails(kind: str | None = None) -> list[OutboxMessage]:
    stmt = select(OutboxMessage).order_by(OutboxMessage.id)
    if kind:
        stmt = stmt.where(OutboxMessage.kind == kind)
    return list(db.session.scalars(stmt))


def test_authors_commenters_and_supporters_follow_the_idea():
    author, commenter, supporter = make_user(), make_user(), make_user()
    idea = make_idea(author)
    add_comment(commenter, idea, "Good idea, I would use it.")
    support(supporter, idea)
    db.session.commit()
    followers = set(db.session.scalars(select(Follow.user_id).where(Follow.idea_id == idea.id)))
    assert followers == {author.id, commenter.id, supporter.id}
    support(supporter, idea)  # no second follow, no error
    assert db.session.query(Follow).count() == 3


def test_auto_follow_can_be_turned_off():
    quiet = make_user()
    services.save_settings(quiet, auto_follow=False)
    idea = make_idea()
    support(quiet, idea)
    db.session.commit()
    assert not services.is_following(quiet, FollowKind.IDEA, idea)


def test_follow_buttons_are_posts(client, auth):
    category = make_category("parks")
    idea = make_idea(category=category)
    user = auth.as_role()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'action="/ideas/{idea.id}/follow"' in page
    assert client.get(f"/ideas/{idea.id}/follow").status_code == 405
    client.post(f"/ideas/{idea.id}/follow")
    client.post("/categories/parks/follow")
    client.post("/ideas/all/follow")
    kinds = set(db.session.scalars(select(Follow.kind).where(Follow.user_id == user.id)))
    assert kinds == {"idea", "category", "all_ideas"}
    assert f'action="/ideas/{idea.id}/unfollow"' in client.get(f"/ideas/{idea.id}").get_data(
        as_text=True
    )
    settings_page = client.get("/account/notifications").get_data(as_text=True)
    assert idea.title.replace("<", "&lt;").replace(">", "&gt;") in settings_page
    client.post("/ideas/all/unfollow")
    assert db.session.query(Follow).filter_by(user_id=user.id).count() == 2


def test_instant_mails_follow_the_settings_and_skip_the_actor(app):
    author, fan, quiet, silent = make_user(locale="nl"), make_user(), make_user(), make_user()
    idea = make_idea(author)
    for user in (fan, quiet, silent):
        services.follow(user, FollowKind.IDEA, idea)
    services.save_settings(quiet, idea_delivery="daily")
    services.save_settings(silent, no_email=True)
    db.session.commit()
    add_comment(fan, idea, "I love it, **really**.")
    db.session.commit()
    mails = _mails("new_comment")
    assert [m.to_address for m in mails] == [author.email]  # not fan (the actor), quiet, silent
    assert mails[0].locale == "nl"
    assert "<strong>really</strong>" in mails[0].body_html
    idea_services.change_status(idea, IdeaStatus.UNDER_REVIEW, make_user(Role.MODERATOR))
    db.session.commit()
    assert {m.to_address for m in _mails("status_changed")} == {author.email, fan.email}


def test_the_language_of_mails_can_differ_from_the_account(app):
    reader = make_user(locale="da")
    services.save_settings(reader, email_locale="nb")
    idea = make_idea()
    services.follow(reader, FollowKind.IDEA, idea)
    add_comment(make_user(), idea, "Hello there, a comment.")
    db.session.commit()
    (mail,) = [m for m in _mails("new_comment") if m.to_address == reader.email]
    assert mail.locale == "nb"


def test_new_ideas_go_to_category_and_all_ideas_followers_with_instant_delivery(app):
    category, other = make_category(), make_category()
    by_category, by_all, daily = make_user(), make_user(), make_user()
    services.follow(by_category, FollowKind.CATEGORY, category)
    services.follow(by_all, FollowKind.ALL_IDEAS)
    services.follow(daily, FollowKind.CATEGORY, category)
    for user in (by_category, by_all):
        services.save_settings(user, category_delivery="instant", all_ideas_delivery="instant")
    db.session.commit()
    make_idea(title="In the followed category", category=category)
    make_idea(title="Elsewhere", category=other)
    db.session.commit()
    sent = {(m.to_address, m.subject) for m in _mails("new_idea")}
    assert {address for address, _subject in sent} == {by_category.email, by_all.email}
    assert sum(1 for a, _s in sent if a == by_category.email) == 1
    assert sum(1 for a, _s in sent if a == by_all.email) == 2


def test_notification_mails_carry_one_click_unsubscribe(app, client, mail_server):
    author = make_user(locale="da")
    idea = make_idea(author)
    add_comment(make_user(), idea, "A comment that tells the author.")
    db.session.commit()
    send_pending()
    (received,) = [r for r in mail_server.received if r.recipients == [author.email]]
    mail = received.message
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = re.fullmatch(r"<(http://portal\.test/unsubscribe/\S+)>", mail["List-Unsubscribe"]).group(
        1
    )
    assert url in mail.get_body(("plain",)).get_content()
    path = url.removeprefix("http://portal.test")

    confirm = client.get(path)  # a link scanner: asks, changes nothing
    assert confirm.status_code == 200
    assert 'method="post"' in confirm.get_data(as_text=True)
    assert services.settings_of(author).no_email is False
    assert client.post(path).status_code == 200  # the one-click POST, no CSRF token, no login
    db.session.expire_all()
    assert services.settings_of(author).no_email is True
    add_comment(make_user(), db.session.get(Idea, idea.id), "Nobody is told about this one.")
    db.session.commit()
    assert [m for m in _mails("new_comment") if m.to_address == author.email][1:] == []


def test_unsubscribe_tokens_are_per_recipient_and_tamper_proof(client):
    first, second = make_user(), make_user()
    token = links.unsubscribe_token(first)
    assert links.read_unsubscribe_token(token).id == first.id
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.post(f"/unsubscribe/{tampered}")
    assert response.status_code == 404
    assert "not valid" in response.get_data(as_text=True)
    forged = links.unsubscribe_token(second).split("-")[0] + "-" + token.split("-")[1]
    assert links.read_unsubscribe_token(forged) is None
    db.session.get(User, first.id).email = "changed@example.org"
    db.session.commit()
    assert links.read_unsubscribe_token(token) is None
    assert services.settings_of(second).no_email is False


def test_settings_page_saves_and_explains_bad_input(client, auth):
    user = auth.as_role()
    page = client.get("/account/notifications")
    assert page.status_code == 200
    response = client.post(
        "/account/notifications",
        data={"idea_delivery": "weekly", "category_delivery": "off", "all_ideas_delivery": "daily",
              "challenge_delivery": "weekly", "area_delivery": "instant", "auto_follow": "",
              "no_email": "y", "email_locale": "nl"},
    )  # fmt: skip
    assert response.status_code == 302
    db.session.expire_all()
    saved = services.settings_of(user)
    assert (
        saved.idea_delivery,
        saved.category_delivery,
        saved.all_ideas_delivery,
        saved.challenge_delivery,
        saved.area_delivery,
    ) == ("weekly", "off", "daily", "weekly", "instant")
    assert (saved.auto_follow, saved.no_email, saved.email_locale) == (False, True, "nl")
    bad = client.post(
        "/account/notifications",
        data={"idea_delivery": "hourly", "category_delivery": "off", "all_ideas_delivery": "off",
              "email_locale": "xx"},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "Please choose one of the options." in bad.get_data(as_text=True)


def test_unsubscribe_links_reveal_nothing_about_the_address(client):
    import base64
    import hashlib

    user = make_user(email="karen.jensen@example.org")
    token = links.unsubscribe_token(user)
    number, mac = token.split("-")
    assert number == str(user.id)
    raw = base64.urlsafe_b64decode(mac + "==")
    address_hash = hashlib.sha256(user.email.encode()).digest()
    assert address_hash[:8] not in raw  # the old token carried these bytes
    assert "karen" not in token.lower()
    assert "example" not in token
    page = client.get(f"/unsubscribe/{token}").get_data(as_text=True)
    assert "karen.jensen@example.org" not in page
    assert "k…@example.org" in page
    done = client.post(f"/unsubscribe/{token}").get_data(as_text=True)
    assert "karen.jensen@example.org" not in done
    assert "k…@example.org" in done


def test_links_in_mails_sent_before_keep_working(app, client):
    import hashlib

    from itsdangerous import URLSafeSerializer

    user = make_user()
    legacy = URLSafeSerializer(app.config["SECRET_KEY"], salt="unsubscribe").dumps(
        {"id": user.id, "a": hashlib.sha256(user.email.encode()).hexdigest()[:16]}
    )
    assert client.get(f"/unsubscribe/{legacy}").status_code == 200
    assert client.post(f"/unsubscribe/{legacy}").status_code == 200
    db.session.expire_all()
    assert services.settings_of(user).no_email is True
    forged = URLSafeSerializer("another secret", salt="unsubscribe").dumps({"id": user.id})
    assert client.get(f"/unsubscribe/{forged}").status_code == 404
