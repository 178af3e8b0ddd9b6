"""Odd and hostile input gets a clear answer, never a 500, and loses nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts import services as account_services
from portal.accounts import tokens
from portal.accounts.models import User
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea
from portal.timeutil import utcnow
from tests.factories import PASSWORD, make_comment, make_idea, make_user


@pytest.mark.parametrize(
    "path",
    ["/account/login", "/account/register", "/account/reset", "/ideas/new", "/account/profile"],
)
def test_valid_fields_are_not_announced_as_invalid(client, auth, path):
    auth.as_role()
    page = client.get(path).get_data(as_text=True)
    assert '="None"' not in page
    assert "aria-invalid" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/ideas/99999999999999999999",
        "/ideas/2147483648",
        "/ideas/0",
        "/comments/99999999999999999999/edit",
        "/ideas/?category=%00",
        "/ideas/?category=" + "x" * 500,
        "/ideas/?status=%00",
        "/ideas/search?q=%00",
    ],
)
def test_out_of_range_or_binary_input_is_a_404_or_ignored(client, path):
    assert client.get(path).status_code in (200, 404)


def test_nul_bytes_are_removed_from_stored_text(client, auth):
    idea = make_idea()
    auth.as_role()
    client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello\x00 world"})
    assert db.session.scalar(select(Comment.body)) == "Hello world"


def test_reserved_display_names_are_refused(client):
    for name in ("Moderator", "ADMIN", "Solbjerg Kommune"):
        response = client.post(
            "/account/register",
            data={"display_name": name, "email": "a@example.org", "password": "a long password",
                  "password_confirm": "a long password"},
        )  # fmt: skip
        assert "This name is reserved" in response.get_data(as_text=True)
    assert db.session.scalar(select(User.id)) is None


@pytest.mark.parametrize("name", ["Anne 👨‍👩‍👧", "Ole 🏳️‍🌈", "Mia 🫨", "Søren Ærø"])
def test_names_with_emoji_and_letters_are_accepted(client, name):
    client.post(
        "/account/register",
        data={"display_name": name, "email": "b@example.org", "password": "a long password",
              "password_confirm": "a long password"},
    )  # fmt: skip
    assert db.session.scalar(select(User.display_name)) == name


def test_registering_a_taken_address_costs_a_password_hash(client, monkeypatch):
    make_user(email="taken@example.org")
    calls = []
    original = account_services.check_password_hash
    monkeypatch.setattr(
        account_services,
        "check_password_hash",
        lambda stored, pw: calls.append(pw) or original(stored, pw),
    )
    client.post(
        "/account/register",
        data={"display_name": "Eve", "email": "taken@example.org", "password": "a long password",
              "password_confirm": "a long password"},
    )  # fmt: skip
    assert calls == ["a long password"]


def test_following_a_confirmation_link_twice(client):
    user = make_user(verified=False)
    link = f"/account/verify/{tokens.make_token(user, tokens.VERIFY)}"
    client.get(link)
    client.get(link)
    page = client.get("/account/login").get_data(as_text=True)
    assert "already confirmed" in page


def test_a_logged_out_post_returns_to_the_page_it_came_from(client):
    idea = make_idea()
    response = client.post(
        f"/ideas/{idea.id}/support", headers={"Referer": f"http://localhost/ideas/{idea.id}"}
    )
    assert response.headers["Location"] == f"/account/login?next=/ideas/{idea.id}"
    foreign = client.post(f"/ideas/{idea.id}/support", headers={"Referer": "https://evil.example/"})
    assert foreign.headers["Location"] == "/account/login?next=/"


def test_a_page_shown_after_a_failed_post_links_back_to_a_get_address(client, auth):
    idea = make_idea()
    auth.as_role()
    page = client.post(f"/ideas/{idea.id}/comments", data={"body": ""}).get_data(as_text=True)
    assert f'name="next" value="/ideas/{idea.id}"' in page
    assert 'value="/ideas/' + str(idea.id) + '/comments"' not in page


def test_a_tampered_reply_target_keeps_the_text(client, auth):
    idea = make_idea()
    auth.as_role()
    response = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "My careful reply", "parent_id": "abc"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "no longer available" in page
    assert "My careful reply" in page


def test_editing_too_late_keeps_the_text(app, client, auth):
    author = auth.as_role()
    idea = make_idea(author)
    comment = make_comment(idea, author)
    late = utcnow() - timedelta(days=1)
    db.session.get(Idea, idea.id).created_at = late
    db.session.get(Comment, comment.id).created_at = late
    db.session.commit()
    idea_page = client.post(
        f"/ideas/{idea.id}/edit",
        data={"title": "My new title", "body": "My long new body text here", "category": "1"},
    )
    assert idea_page.status_code == 403
    assert "My long new body text here" in idea_page.get_data(as_text=True)
    assert "time for editing has run out" in idea_page.get_data(as_text=True)
    comment_page = client.post(f"/comments/{comment.id}/edit", data={"body": "Late words"})
    assert comment_page.status_code == 403
    assert "Late words" in comment_page.get_data(as_text=True)
    assert db.session.get(Comment, comment.id).body != "Late words"


# (A JSON list reads as a field sent several times, as forms do: its first item.)
@pytest.mark.parametrize("value", [True, False, None, {"a": 1}, [], [True], [{"a": 1}]])
def test_json_values_that_are_not_text_are_not_published_as_text(client, auth, value):
    idea = make_idea()
    auth.as_role()
    response = client.post(f"/ideas/{idea.id}/comments", json={"body": value})
    assert response.status_code == 400
    assert "This field is required." in response.get_data(as_text=True)
    assert db.session.scalar(select(Comment.body)) is None


def test_json_numbers_are_still_read_as_their_digits(client, auth):
    idea = make_idea()
    auth.as_role()
    client.post(f"/ideas/{idea.id}/comments", json={"body": 42})
    client.post(f"/ideas/{idea.id}/comments", json={"body": 2.5})
    assert set(db.session.scalars(select(Comment.body))) == {"42", "2.5"}


def _expire_login(app, user) -> None:
    from portal.accounts.models import UserSession

    login = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    login.last_seen_at = utcnow() - timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    db.session.commit()


def test_a_comment_sent_after_the_login_timed_out_is_shown_again(app, client, auth):
    idea = make_idea()
    _expire_login(app, auth.as_role())
    body = "A long <thought>\nthat must not be lost."
    response = client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": body, "parent_id": "12345", "csrf_token": "secret-token"},
        headers={"Referer": f"http://localhost/ideas/{idea.id}", "Accept-Language": "da"},
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Din tekst (ikke gemt)" in page
    assert "<textarea" in page
    assert "readonly" in page
    assert "A long &lt;thought&gt;\nthat must not be lost.</textarea>" in page
    assert f'href="/account/login?next=/ideas/{idea.id}"' in page
    assert "12345" not in page
    assert "secret-token" not in page
    assert db.session.scalar(select(Comment.id)) is None


def test_an_idea_sent_after_the_login_timed_out_is_shown_again(app, client, auth):
    from tests.factories import make_category

    category = make_category()
    _expire_login(app, auth.as_role())
    data = {"title": "Benches by the harbour", "body": "We need more benches. " * 3}
    data |= {"category": "987", "language": "da", "publish": "1"}
    response = client.post(
        "/ideas/new", data=data, headers={"Referer": "http://localhost/ideas/new"}
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Please log in again" in page
    assert "Benches by the harbour</textarea>" in page
    assert "We need more benches." in page
    assert ">Title</label>" in page
    assert ">Text</label>" in page
    assert "987" not in page
    assert 'href="/account/login?next=/ideas/new"' in page
    assert db.session.scalar(select(Idea.id)) is None
    assert category.id  # the category exists; the idea was refused for the login only


def test_a_get_after_the_login_timed_out_still_goes_to_the_login(app, client, auth):
    _expire_login(app, auth.as_role())
    response = client.get("/ideas/new")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/login?next=/ideas/new"


def test_a_profile_sent_after_the_login_timed_out_is_shown_again(app, client, auth):
    _expire_login(app, auth.as_role())
    response = client.post(
        "/account/profile",
        data={"display_name": "Nina Nielsen", "locale": "da"},
        headers={"Referer": "http://localhost/account/profile"},
    )
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert "Nina Nielsen</textarea>" in page
    assert ">Display name</label>" in page
    assert 'href="/account/login?next=/account/profile"' in page
    # Nothing typed to keep (passwords are never shown): the usual way to log in,
    # back to the page the form was on rather than to a POST-only address.
    password = client.post(
        "/account/password",
        data={"current_password": "secret-one", "password": "secret-two"},
        headers={"Referer": "http://localhost/account/profile"},
    )
    assert password.status_code == 302
    assert password.headers["Location"] == "/account/login?next=/account/profile"


def _token(client, path: str) -> str:
    import re

    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_a_form_whose_token_expired_is_shown_again(app, client):
    """The browser dropped its session cookie (a restart) while "keep me
    logged in" kept the login: the form's token no longer matches."""
    app.config["WTF_CSRF_ENABLED"] = True
    idea = make_idea()
    make_user(email="kept@example.org")
    data = {"email": "kept@example.org", "password": PASSWORD, "remember": "y"}
    login = client.post(
        "/account/login", data={**data, "csrf_token": _token(client, "/account/login")}
    )
    assert login.status_code == 302
    token = _token(client, f"/ideas/{idea.id}")
    client.delete_cookie("session")
    response = client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": "Words typed before the restart", "parent_id": "", "csrf_token": token},
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Your form had expired" in page
    assert "Words typed before the restart</textarea>" in page
    assert token not in page
    assert db.session.scalar(select(Comment.id)) is None
    refused_login = client.post(
        "/account/login",
        data={**data, "csrf_token": "stale"},
        headers={"Referer": "http://localhost/account/login"},
    )
    assert refused_login.status_code == 400
    assert "kept@example.org</textarea>" in refused_login.get_data(as_text=True)
    assert PASSWORD not in refused_login.get_data(as_text=True)
    # A form on another site cannot make our page show its words.
    forged = client.post(
        f"/ideas/{idea.id}/comments",
        data={"body": "Call this number to claim your prize", "csrf_token": "x"},
        headers={"Origin": "https://evil.example"},
    )
    assert forged.status_code == 400
    assert "claim your prize" not in forged.get_data(as_text=True)
