from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.comments import services
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.timeutil import utcnow
from tests.factories import make_comment, make_idea, make_user


def test_citizen_comments_and_replies(client, auth):
    idea = make_idea()
    auth.as_role(name="Karen Kommentar")
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "Good *idea*!"})
    comment = db.session.scalar(select(Comment))
    assert response.status_code == 302
    assert response.headers["Location"] == f"/ideas/{idea.id}#comment-{comment.id}"
    assert comment.body_html == "<p>Good <em>idea</em>!</p>"

    reply = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "I agree.", "parent_id": str(comment.id)}
    )
    assert reply.status_code == 302
    stored = db.session.scalars(select(Comment).order_by(Comment.id)).all()
    assert stored[1].parent_id == comment.id
    assert db.session.get(Idea, idea.id).comment_count == 2
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<em>idea</em>" in page
    assert "I agree." in page
    assert "2 comments" in page


def test_reply_to_a_reply_joins_the_thread():
    idea = make_idea()
    top = make_comment(idea)
    reply = make_comment(idea, parent=top)
    nested = make_comment(idea, parent=reply)
    assert nested.parent_id == top.id


def test_reply_to_a_comment_of_another_idea_is_refused(client, auth):
    other = make_comment(make_idea())
    idea = make_idea()
    auth.as_role()
    response = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "Sneaky reply", "parent_id": str(other.id)}
    )
    assert response.status_code == 400
    assert "no longer available" in response.get_data(as_text=True)
    assert "Sneaky reply" in response.get_data(as_text=True)
    with pytest.raises(services.CommentError):
        services.add_comment(make_user(), idea, "x", parent_id=other.id)


def test_empty_or_too_long_comment_keeps_the_text(client, auth):
    idea = make_idea()
    auth.as_role()
    empty = client.post(f"/ideas/{idea.id}/comments", data={"body": "   "})
    assert empty.status_code == 400
    assert b"This field is required." in empty.data
    long_text = "word " * 1200
    too_long = client.post(f"/ideas/{idea.id}/comments", data={"body": long_text})
    assert too_long.status_code == 400
    assert b"At most 5000 characters" in too_long.data
    assert long_text.strip() in too_long.get_data(as_text=True)
    assert db.session.scalar(select(Comment.id)) is None


def test_double_submitted_comment_is_stored_once(client, auth):
    idea = make_idea()
    auth.as_role()
    for _ in range(2):
        client.post(f"/ideas/{idea.id}/comments", data={"body": "Once only"})
    assert len(db.session.scalars(select(Comment.id)).all()) == 1


def test_no_comments_on_withdrawn_ideas(client, auth):
    idea = make_idea()
    stored = db.session.get(Idea, idea.id)
    stored.status = IdeaStatus.WITHDRAWN
    db.session.commit()
    auth.as_role()
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello"}).status_code == 403


def test_author_edits_comment_within_window(app, client, auth):
    author = auth.as_role()
    comment = make_comment(make_idea(), author)
    ok = client.post(f"/comments/{comment.id}/edit", data={"body": "Corrected text"})
    assert ok.status_code == 302
    stored = db.session.get(Comment, comment.id)
    assert stored.body == "Corrected text"
    assert stored.edited_at is not None

    stored.created_at = utcnow() - timedelta(minutes=app.config["COMMENT_EDIT_MINUTES"] + 1)
    db.session.commit()
    assert client.post(f"/comments/{comment.id}/edit", data={"body": "Late"}).status_code == 403
    assert db.session.get(Comment, comment.id).body == "Corrected text"


def test_others_cannot_edit_a_comment(client, auth):
    comment = make_comment(make_idea())
    auth.as_role()
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    assert client.get("/comments/999999/edit").status_code == 404
