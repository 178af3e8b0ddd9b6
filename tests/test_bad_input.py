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
from tests.factories import make_comment, make_idea, make_user


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
    original = account_services.hash_password
    monkeypatch.setattr(
        account_services, "hash_password", lambda pw: calls.append(pw) or original(pw)
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
