from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import User
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
    assert response.headers["Location"] == f"/ideas/{idea.id}#confirmation"
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
    assert b"At most 5,000 characters" in too_long.data
    assert long_text.strip() in too_long.get_data(as_text=True)
    assert db.session.scalar(select(Comment.id)) is None


def test_double_submitted_comment_is_stored_once(client, auth):
    idea = make_idea()
    auth.as_role()
    for _ in range(2):
        client.post(f"/ideas/{idea.id}/comments", data={"body": "Once only"})
    assert len(db.session.scalars(select(Comment.id)).all()) == 1


def test_comment_on_a_withdrawn_idea_is_refused_and_kept(client, auth):
    idea = make_idea()
    top = make_comment(idea)
    stored = db.session.get(Idea, idea.id)
    stored.status = IdeaStatus.WITHDRAWN
    db.session.commit()
    auth.as_role()
    for data in (
        {"body": "My <b>careful</b> text"},
        {"body": "My <b>careful</b> text", "parent_id": str(top.id)},
    ):
        response = client.post(f"/ideas/{idea.id}/comments", data=data)
        page = response.get_data(as_text=True)
        assert response.status_code == 409
        assert "it can no longer receive comments" in page
        assert "withdrawn by its author" in page
        assert "Your text (not published)" in page
        assert "My &lt;b&gt;careful&lt;/b&gt; text</textarea>" in page
        assert page.index('role="alert"') < page.index('id="idea-title"')
    assert db.session.scalars(select(Comment.id)).all() == [top.id]


def test_comment_on_a_merged_idea_points_to_the_other_idea(client, auth):
    into = make_idea()
    idea = make_idea()
    stored = db.session.get(Idea, idea.id)
    stored.status, stored.merged_into_id = IdeaStatus.MERGED, into.id
    db.session.commit()
    auth.as_role()
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "Kept text"})
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert f"merged into idea #{into.id}; it can no longer receive comments" in page
    assert f'href="/ideas/{into.id}"' in page
    assert "Kept text</textarea>" in page


def test_others_still_cannot_comment_on_closed_or_hidden_ideas(client, auth):
    idea = make_idea()
    stored = db.session.get(Idea, idea.id)
    stored.status = IdeaStatus.WITHDRAWN
    db.session.commit()
    visitor = client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello"})
    assert visitor.status_code == 401  # a login that ran out: log in again, text shown back
    assert "Hello</textarea>" in visitor.get_data(as_text=True)
    assert (
        client.post(f"/ideas/{idea.id}/comments").headers["Location"].startswith("/account/login")
    )
    auth.as_role(verified=False)
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "Hello"}).status_code == 403
    author = make_user()
    hidden = make_idea(author)
    stored = db.session.get(Idea, hidden.id)
    stored.hidden_at, stored.hidden_reason = utcnow(), "spam"
    db.session.commit()
    auth.login(author)
    assert client.post(f"/ideas/{hidden.id}/comments", data={"body": "Hi"}).status_code == 403


@pytest.mark.parametrize(
    "junk", [" ", "\t", "  \n", "1.5", "-3", "+3", "0x1", "99999999999999999999", "٣", "1 2"]
)
def test_junk_parent_id_is_explained_and_keeps_the_text(client, auth, junk):
    idea = make_idea()
    auth.as_role()
    response = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "Text I typed", "parent_id": junk}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The comment you replied to is no longer available." in page
    assert "Text I typed</textarea>" in page
    assert db.session.scalar(select(Comment.id)) is None


def test_failed_comment_has_an_error_summary_at_the_top(client, auth):
    idea = make_idea()
    for _ in range(3):
        make_comment(idea)
    auth.as_role()
    response = client.post(f"/ideas/{idea.id}/comments", data={"body": "x" * 5001})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    summary = page.index("Your comment was not published. Please correct the marked field.")
    assert summary < page.index('id="idea-title"')
    assert 'href="#comment-body-new"' in page
    assert 'id="comment-body-new"' in page
    assert "x" * 5001 + "</textarea>" in page
    assert "Your comment was not published" not in client.get(f"/ideas/{idea.id}").get_data(
        as_text=True
    )


def test_failed_reply_has_an_error_summary_linking_to_the_reply_form(client, auth):
    idea = make_idea()
    top = make_comment(idea)
    auth.as_role()
    response = client.post(
        f"/ideas/{idea.id}/comments", data={"body": "   ", "parent_id": str(top.id)}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Your comment was not published" in page
    assert f'href="#comment-body-{top.id}"' in page
    assert f'id="comment-body-{top.id}"' in page
    assert '<details class="reply-form" open>' in page


def test_failed_reply_to_a_hidden_or_foreign_comment_keeps_the_text(client, auth):
    idea = make_idea()
    top = make_comment(idea)
    reply = make_comment(idea, parent=top)
    stored = db.session.get(Comment, top.id)
    stored.hidden_at = utcnow()
    db.session.commit()
    auth.as_role()
    for parent in (top.id, reply.id, 999999):
        too_long = "y" * 5001
        response = client.post(
            f"/ideas/{idea.id}/comments", data={"body": too_long, "parent_id": str(parent)}
        )
        page = response.get_data(as_text=True)
        assert response.status_code == 400
        assert too_long + "</textarea>" in page
        assert 'href="#comment-body-new"' in page


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
    late = client.get(f"/comments/{comment.id}/edit")
    assert late.status_code == 302
    assert late.headers["Location"] == f"/ideas/{comment.idea_id}#comment-{comment.id}"
    page = client.get(late.headers["Location"]).get_data(as_text=True)
    assert "The time for editing has run out." in page
    assert "you can edit until" not in page


def test_the_edit_window_is_shown_to_the_author_only(app, client, auth):
    author = auth.as_role()
    comment = make_comment(make_idea(), author)
    until = comment.created_at + timedelta(minutes=app.config["COMMENT_EDIT_MINUTES"])
    with app.test_request_context():
        when = app.jinja_env.filters["datetime"](until)  # the reader's zone and language
    page = client.get(f"/ideas/{comment.idea_id}").get_data(as_text=True)
    assert f"(you can edit until {when})" in page
    form = client.get(f"/comments/{comment.id}/edit").get_data(as_text=True)
    assert f"You can edit this comment until {when}." in form
    auth.as_role()
    assert "you can edit until" not in client.get(f"/ideas/{comment.idea_id}").get_data(
        as_text=True
    )


def test_others_cannot_edit_a_comment(client, auth):
    comment = make_comment(make_idea())
    auth.as_role()
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    assert client.get("/comments/999999/edit").status_code == 404


@pytest.mark.parametrize("junk", [5, True, 1.5, -3, 10**12, [1, 2], {"a": 1}, "٣"])
def test_json_parent_id_of_any_type_is_explained_and_keeps_the_text(client, auth, junk):
    idea = make_idea()
    auth.as_role()
    response = client.post(
        f"/ideas/{idea.id}/comments", json={"body": "hallo, typed with care", "parent_id": junk}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The comment you replied to is no longer available." in page
    assert "hallo, typed with care</textarea>" in page
    assert db.session.scalar(select(Comment.id)) is None


def test_json_reply_names_its_comment_by_number_or_text(client, auth):
    idea = make_idea()
    top = make_comment(idea)
    auth.as_role()
    for parent_id in (top.id, str(top.id)):
        body = f"A reply to {parent_id!r}"
        response = client.post(
            f"/ideas/{idea.id}/comments", json={"body": body, "parent_id": parent_id}
        )
        assert response.status_code == 302
        stored = db.session.scalar(select(Comment).where(Comment.body == body))
        assert stored.parent_id == top.id


@pytest.mark.parametrize("junk", [True, 1.5, [1, 2], {"a": 1}])
def test_json_parent_id_junk_on_edit_is_explained_and_keeps_the_text(client, auth, junk):
    author = auth.as_role()
    comment = make_comment(make_idea(), author)
    response = client.post(
        f"/comments/{comment.id}/edit", json={"body": "Corrected with care", "parent_id": junk}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The comment you replied to is no longer available." in page
    assert "Corrected with care</textarea>" in page
    assert db.session.get(Comment, comment.id).body != "Corrected with care"


def test_author_edits_a_reply(client, auth):
    author = auth.as_role()
    idea = make_idea()
    reply = make_comment(idea, author, parent=make_comment(idea))
    assert client.get(f"/comments/{reply.id}/edit").status_code == 200
    for send in ({"data": {"body": "Corrected reply"}}, {"json": {"body": "Corrected again"}}):
        assert client.post(f"/comments/{reply.id}/edit", **send).status_code == 302
    stored = db.session.get(Comment, reply.id)
    assert (stored.body, stored.parent_id) == ("Corrected again", reply.parent_id)


def _refuse_comment_edit(comment_id: int, author_id: int, why: str) -> None:
    """What happens while the author has the edit page of a comment open."""
    comment = db.session.get(Comment, comment_id)
    idea = db.session.get(Idea, comment.idea_id)
    if why == "withdrawn":
        idea.status = IdeaStatus.WITHDRAWN
    elif why == "merged":
        idea.status = IdeaStatus.MERGED
    elif why == "hidden":
        comment.hidden_at = utcnow()
    elif why == "blocked":
        db.session.get(User, author_id).blocked_at = utcnow()
    else:
        comment.created_at = utcnow() - timedelta(days=1)
    db.session.commit()


COMMENT_REFUSALS = {
    "withdrawn": "Editing is no longer possible: the idea has been withdrawn.",
    "merged": "Editing is no longer possible: the idea has been merged with another idea.",
    "hidden": "Editing is no longer possible: it has been hidden by a moderator.",
    "blocked": "Editing is not possible: your account is blocked.",
    "time": "The time for editing has run out.",
}


@pytest.mark.parametrize("why", COMMENT_REFUSALS)
def test_a_refused_comment_edit_tells_the_author_why_and_keeps_the_text(client, auth, why):
    author = auth.as_role()
    comment = make_comment(make_idea(), author)
    assert client.get(f"/comments/{comment.id}/edit").status_code == 200
    _refuse_comment_edit(comment.id, author.id, why)
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Words I chose"})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert COMMENT_REFUSALS[why] + " Your changes were not saved." in page
    assert "Words I chose</textarea>" in page
    if why != "time":
        assert "time for editing" not in page
    assert db.session.get(Comment, comment.id).body != "Words I chose"

    again = client.get(f"/comments/{comment.id}/edit")
    assert again.status_code == 302
    assert again.headers["Location"] == f"/ideas/{comment.idea_id}#comment-{comment.id}"
    assert COMMENT_REFUSALS[why] in client.get(f"/ideas/{comment.idea_id}").get_data(as_text=True)


@pytest.mark.parametrize("why", ["withdrawn", "hidden", "time"])
def test_others_still_get_a_plain_refusal_to_edit_a_comment(client, auth, why):
    author = make_user()
    comment = make_comment(make_idea(), author)
    _refuse_comment_edit(comment.id, author.id, why)
    auth.as_role()
    assert client.get(f"/comments/{comment.id}/edit").status_code == 403
    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Not mine at all"})
    assert response.status_code == 403
    assert "Not mine at all" not in response.get_data(as_text=True)


def _inside(page: str, element_id: str) -> str:
    """The HTML of the element with ``element_id`` (up to its closing tag's
    first match: enough for the flat structures tested here)."""
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</article>", start)]


def test_confirmations_are_shown_at_the_item_with_the_focus_moved_there(client, auth):
    from tests.factories import make_comment

    idea = make_idea()
    other = make_comment(idea, body="Somebody else's comment")
    auth.as_role(name="Karen")
    posted = client.post(f"/ideas/{idea.id}/comments", data={"body": "My new comment"})
    comment = db.session.scalars(select(Comment).order_by(Comment.id.desc())).first()
    assert posted.headers["Location"].endswith("#confirmation")
    page = client.get(posted.headers["Location"]).get_data(as_text=True)
    mine = _inside(page, f"comment-{comment.id}")
    assert "Your comment is published." in mine
    assert 'id="confirmation" tabindex="-1"' in mine  # the fragment focuses it
    assert 'class="comment comment-confirmed"' in page
    assert page.count("Your comment is published.") == 1  # not also at the top

    supported = client.post(f"/ideas/{idea.id}/support")
    page = client.get(supported.headers["Location"]).get_data(as_text=True)
    box = page[page.index('id="support"') : page.index("</aside>")]
    assert "Thank you for your support." in box
    assert 'id="confirmation"' in box

    reported = client.post(f"/comments/{other.id}/flag", data={"reason": "spam", "note": ""})
    page = client.get(reported.headers["Location"]).get_data(as_text=True)
    theirs = _inside(page, f"comment-{other.id}")
    assert "Thank you. The moderators will look at it." in theirs
    assert "You reported this comment." in theirs
    assert f"/comments/{other.id}/flag" not in page
    client.post(f"/ideas/{idea.id}/flag", data={"reason": "spam", "note": ""})
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "You reported this idea." in page
    assert f"/ideas/{idea.id}/flag" not in page


def test_a_comments_lasting_address_finds_its_page(client):
    from portal.extensions import db as database

    idea = make_idea()
    comments = [make_comment(idea, body=f"Thread {n}") for n in range(25)]
    database.session.commit()
    last = client.get(f"/comments/{comments[-1].id}")
    assert last.status_code == 302
    assert last.headers["Location"].endswith(f"/ideas/{idea.id}?cpage=2#comment-{comments[-1].id}")
    first = client.get(f"/comments/{comments[0].id}")
    assert first.headers["Location"].endswith(f"/ideas/{idea.id}#comment-{comments[0].id}")
    assert client.get("/comments/987654").status_code == 404
