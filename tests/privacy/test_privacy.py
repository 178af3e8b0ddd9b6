"""The privacy page, downloading one's data, deleting one's account."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from portal.accounts.models import User, UserSession
from portal.comments.services import add_comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.mail import queue_mail
from portal.moderation import services as moderation
from portal.moderation.models import FlagReason
from portal.notifications import services as notifications
from portal.notifications.models import Follow, FollowKind
from portal.supports.models import Support
from portal.supports.services import support
from tests.factories import PASSWORD, make_category, make_idea, make_user


def test_the_privacy_and_open_data_pages_are_linked_from_every_page(app, client, auth):
    """Every HTML page of the route × role matrix, as a visitor and as an admin
    (who sees the most pages), has both links in its footer."""
    from tests.test_permissions import MATRIX, _world

    world = _world()
    pages = [
        e.path.format(**world)
        for name, e in MATRIX.items()
        if e.method == "GET"
        and not name.startswith(("feeds.", "static"))
        and name
        not in (
            "site.healthz",
            "privacy.download",
            "reports.meeting",
            "reports.challenge",
            "reports.pyramid",
            "ideas.similar",  # a part of the idea form, not a page
        )
    ]
    checked = 0
    for login in (None, world["users"]["admin"]):
        if login is not None:
            auth.login(login)
        for path in pages:
            response = client.get(path)
            if response.status_code == 200 and response.mimetype == "text/html":
                html = response.get_data(as_text=True)
                assert 'href="/privacy"' in html, path
                assert 'href="/open-data/"' in html, path
                checked += 1
    assert checked > 40
    page = client.get("/privacy").get_data(as_text=True)
    assert "Cookies" in page
    assert "no tracking" in page


def test_a_citizen_downloads_everything_kept_about_them(client, auth):
    user = auth.as_role(name="Data Person")
    idea = make_idea(user, title="My own idea about benches")
    other = make_idea()
    support(user, other)
    add_comment(user, other, "My comment on another idea.")
    notifications.follow(user, FollowKind.CATEGORY, make_category())
    moderation.flag(user, make_idea(), FlagReason.SPAM, "Advertising")
    queue_mail("verify_email", user.email, "da", user=user, url="http://portal.test/x", hours=1)
    db.session.commit()
    response = client.get("/account/data")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.data)
    assert data["account"]["email"] == user.email
    assert data["account"]["display_name"] == "Data Person"
    assert [i["title"] for i in data["ideas"]] == ["My own idea about benches"]
    assert data["comments"][0]["text"] == "My comment on another idea."
    assert data["supports"][0]["idea"] == other.id
    assert {f["kind"] for f in data["follows"]} == {"idea", "category"}
    assert data["reports"][0]["reason"] == "spam"
    assert data["mails"][0]["kind"] == "verify_email"
    assert data["logins"]
    assert data["ideas"][0]["number"] == idea.id


def test_deleting_an_account_removes_the_person_but_keeps_the_debate(client, auth):
    user = auth.as_role(name="Leaving Person")
    email = user.email
    idea = make_idea(user, title="An idea that stays")
    other = make_idea()
    support(user, other)
    add_comment(user, other, "A comment that stays.")
    db.session.commit()
    wrong = client.post("/account/delete", data={"password": "not my password"})
    assert wrong.status_code == 400
    assert "That is not your password." in wrong.get_data(as_text=True)
    response = client.post("/account/delete", data={"password": PASSWORD})
    assert response.status_code == 302
    db.session.expire_all()
    gone = db.session.get(User, user.id)
    assert gone.erased_at is not None
    assert gone.email != email
    assert "Leaving" not in gone.name
    for model in (Support, Follow, UserSession):
        assert db.session.scalar(select(func.count()).where(model.user_id == user.id)) == 0
    assert db.session.get(Idea, other.id).support_count == 0
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "An idea that stays" in page
    assert "Former participant" in page
    assert "Leaving Person" not in client.get(f"/ideas/{other.id}").get_data(as_text=True)
    assert client.get("/account/profile").status_code == 302  # logged out, session gone
    client.set_cookie("lang", "da")
    assert "Tidligere deltager" in client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    login = client.post("/account/login", data={"email": email, "password": PASSWORD})
    assert login.status_code == 200  # the old address and password no longer log in
    assert make_user(email=email).email == email  # the address can register again
