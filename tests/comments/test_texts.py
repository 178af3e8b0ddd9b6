"""A comment's name line and text are kept per content and language
(portal/comments/texts.py): whatever they show changes, the next page
shows the change; the reader's own actions are never kept."""

from __future__ import annotations

import re

import pytest

from portal.accounts.models import Role, User
from portal.comments import texts
from portal.comments.models import Comment
from portal.extensions import db
from portal.moderation import services as moderation
from portal.timeutil import utcnow
from tests.factories import make_comment, make_idea, make_user


@pytest.fixture(autouse=True)
def no_page_cache(app):
    app.config["PAGE_CACHE"] = False  # the texts' own store is under test


def _comment(client, idea_id: int, comment_id: int, lang: str = "en") -> str:
    page = client.get(f"/ideas/{idea_id}?lang={lang}").get_data(as_text=True)
    found = re.search(rf'<article class="comment[^"]*" id="comment-{comment_id}">.*?</article>',
                      page, re.S)  # fmt: skip
    assert found, page
    return found.group(0)


def test_every_value_a_comment_shows_renews_it(client):
    idea = make_idea()
    comment = make_comment(idea, make_user(name="Karen Holm"), body="Benches, please.")
    first = _comment(client, idea.id, comment.id)
    assert "Karen Holm" in first
    assert "Benches, please." in first
    assert _comment(client, idea.id, comment.id) == first  # kept, and the same

    row = db.session.get(Comment, comment.id)
    row.body_html, row.edited_at = "<p>Benches and a table.</p>", utcnow()
    db.session.commit()
    edited = _comment(client, idea.id, comment.id)
    assert "Benches and a table." in edited
    assert "edited" in edited
    db.session.get(User, comment.author_id).display_name = "K. Holm"
    db.session.commit()
    assert "K. Holm" in _comment(client, idea.id, comment.id)

    moderation.hide(make_user(Role.MODERATOR), db.session.get(Comment, comment.id), "Off topic.")
    db.session.commit()
    hidden = _comment(client, idea.id, comment.id)
    assert "Off topic." in hidden
    assert "Benches and a table." not in hidden  # a visitor never sees hidden text


def test_a_comment_speaks_the_readers_language(client):
    idea = make_idea()
    comment = make_comment(idea, body="Yes.")
    row = db.session.get(Comment, comment.id)
    row.edited_at = utcnow()
    db.session.commit()
    assert "redigeret" in _comment(client, idea.id, comment.id, "da")
    assert "bewerkt" in _comment(client, idea.id, comment.id, "nl")
    assert "edited" in _comment(client, idea.id, comment.id, "en")


def test_the_readers_actions_are_not_kept(client, auth):
    idea = make_idea()
    comment = make_comment(idea, body="Mine.")
    visitor = _comment(client, idea.id, comment.id)
    assert "Edit</a>" not in visitor
    auth.login(db.session.get(User, comment.author_id))
    assert "Edit</a>" in _comment(client, idea.id, comment.id)


def test_the_kept_texts_are_bounded(client, monkeypatch):
    monkeypatch.setattr(texts.TEXTS, "most", 2)
    texts.TEXTS.clear()
    idea = make_idea()
    for _ in range(4):
        make_comment(idea)
    client.get(f"/ideas/{idea.id}")
    assert len(texts.TEXTS._kept) == 2
