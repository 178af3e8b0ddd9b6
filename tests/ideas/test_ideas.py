from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas import services
from portal.ideas.models import Idea, IdeaStatus, StatusChange
from portal.timeutil import utcnow
from tests.factories import make_category, make_comment, make_idea, make_user

BODY = "We need a **safe** crossing by the school.\n\n- a zebra crossing\n- 30 km/h"


def _post(client, cat, **overrides):
    data = {"title": "A safe crossing at Engholm School", "body": BODY, "category": cat.id}
    data.update(overrides)
    return client.post("/ideas/new", data={**data, "publish": "1"})


def test_citizen_posts_an_idea(client, auth):
    author = auth.as_role()
    category = make_category()
    response = _post(client, category)
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea))
    assert response.headers["Location"] == f"/ideas/{idea.id}"
    assert (idea.author_id, idea.category_id, idea.status) == (author.id, category.id, "new")
    assert "<strong>safe</strong>" in idea.body_html
    history = db.session.scalars(select(StatusChange)).all()
    assert [h.to_status for h in history] == ["new"]

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "A safe crossing at Engholm School" in page
    assert "<li>a zebra crossing</li>" in page


def test_preview_shows_rendered_text_and_stores_nothing(client, auth):
    auth.as_role()
    category = make_category()
    response = client.post(
        "/ideas/new",
        data={"title": "A preview title", "body": BODY, "category": category.id, "preview": "1"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<strong>safe</strong>" in page
    assert 'value="A preview title"' in page
    assert db.session.scalar(select(Idea.id)) is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 151}, "Between 5 and 150 characters"),
        ({"body": "too short"}, "Between 20 and 10,000 characters"),
        ({"category": ""}, "Please choose a category."),
        ({"category": "99999"}, "Please choose a category."),
        ({"category": "abc"}, "Please choose a category."),
        ({"title": "Bad\u202etitle here"}, "invisible or control characters"),
    ],
)
def test_bad_idea_input_is_explained_and_kept(client, auth, overrides, message):
    auth.as_role()
    category = make_category()
    response = _post(client, category, **overrides)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page
    typed = {"title": "A safe crossing at Engholm School", "body": BODY, **overrides}
    assert typed["body"] in page
    assert typed["title"].replace("\u202e", "") in page.replace("\u202e", "")
    assert db.session.scalar(select(Idea.id)) is None


def test_double_submit_creates_one_idea(client, auth):
    auth.as_role()
    category = make_category()
    first = _post(client, category)
    second = _post(client, category)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(db.session.scalars(select(Idea.id)).all()) == 1


def test_author_edits_within_the_window_only(app, client, auth):
    author = auth.as_role()
    idea = make_idea(author)
    category = make_category()
    response = client.post(
        f"/ideas/{idea.id}/edit",
        data={"title": "An edited title", "body": BODY, "category": category.id, "publish": "1"},
    )
    assert response.status_code == 302
    edited = db.session.get(Idea, idea.id)
    assert edited.title == "An edited title"
    assert edited.edited_at is not None
    assert edited.category_id == category.id

    edited.created_at = utcnow() - timedelta(minutes=app.config["IDEA_EDIT_MINUTES"] + 1)
    db.session.commit()
    late = client.get(f"/ideas/{idea.id}/edit")
    assert late.status_code == 302
    assert late.headers["Location"] == f"/ideas/{idea.id}"
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "The time for editing has run out." in page
    assert "Edit your idea" not in page
    assert "You can edit this idea until" not in page


def test_the_edit_window_is_shown_to_the_author_only(app, client, auth):
    author = auth.as_role()
    idea = make_idea(author)
    until = idea.created_at + timedelta(minutes=app.config["IDEA_EDIT_MINUTES"])
    with app.test_request_context():
        when = app.jinja_env.filters["datetime"](until)  # the reader's zone and language
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f"You can edit this idea until {when}." in page
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert f"You can edit this idea until {when}." in form
    auth.as_role()
    assert "You can edit this idea until" not in client.get(f"/ideas/{idea.id}").get_data(
        as_text=True
    )


def test_someone_else_cannot_edit_or_withdraw(client, auth):
    idea = make_idea()
    auth.as_role()
    assert client.get(f"/ideas/{idea.id}/edit").status_code == 403
    assert client.post(f"/ideas/{idea.id}/withdraw").status_code == 403
    assert db.session.get(Idea, idea.id).status == "new"


def test_author_withdraws_idea(client, auth):
    author = auth.as_role()
    idea = make_idea(author, title="Benches along the lake")
    response = client.post(f"/ideas/{idea.id}/withdraw", data={"note": "Already planned."})
    assert response.status_code == 302
    stored = db.session.get(Idea, idea.id)
    assert stored.status == IdeaStatus.WITHDRAWN
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "withdrawn this idea" in page
    assert "Already planned." in page
    assert "Benches along the lake" not in client.get("/ideas/").get_data(as_text=True)
    again = client.post(f"/ideas/{idea.id}/withdraw", data={"note": "Double click."})
    assert again.status_code == 302
    assert again.headers["Location"] == f"/ideas/{idea.id}"
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "This idea is already withdrawn." in page
    assert "Double click." not in page
    history = db.session.scalars(select(StatusChange).where(StatusChange.idea_id == idea.id))
    assert [h.to_status for h in history] == ["new", "withdrawn"]
    auth.as_role()
    assert client.post(f"/ideas/{idea.id}/withdraw").status_code == 403  # others: as before


def test_visitor_is_sent_to_log_in(client):
    response = client.get("/ideas/new")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


def test_missing_idea_is_404(client):
    assert client.get("/ideas/424242").status_code == 404
    assert client.get("/ideas/not-a-number").status_code == 404


def test_hidden_idea_is_404_for_the_public(client, auth):
    idea = make_idea(title="Something hidden")
    stored = db.session.get(Idea, idea.id)
    stored.hidden_at, stored.hidden_reason = utcnow(), "Personal data"
    db.session.commit()
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    assert "Something hidden" not in client.get("/ideas/").get_data(as_text=True)
    assert "Something hidden" not in client.get("/ideas/search?q=hidden").get_data(as_text=True)
    assert "Something hidden" not in client.get("/").get_data(as_text=True)
    auth.as_role(role="moderator")
    assert client.get(f"/ideas/{idea.id}").status_code == 200


def test_titles_and_names_are_escaped(client):
    idea = make_idea(make_user(name="<i>Eve</i>"), title="<script>alert(1)</script> Hello")
    for url in ("/", "/ideas/", f"/ideas/{idea.id}", "/ideas/search?q=hello"):
        page = client.get(url).get_data(as_text=True)
        assert "<script>alert(1)" not in page, url
        assert "<i>Eve</i>" not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Hello" in page, url


def test_trending_score_prefers_recent_activity():
    now = utcnow()
    old = services.trending_score([now - timedelta(days=30)] * 10)
    recent = services.trending_score([now - timedelta(hours=1)] * 2)
    assert recent > old
    half_life = timedelta(hours=services.TRENDING_HALF_LIFE_HOURS)
    # Two events one half-life ago weigh as much as one event now.
    assert services.trending_score([now - half_life] * 2) == pytest.approx(
        services.trending_score([now])
    )


def test_refresh_figures_counts_supports_and_visible_comments():
    idea = make_idea()
    make_comment(idea)
    hidden = make_comment(idea)
    hidden.hidden_at = utcnow()
    db.session.commit()
    services.refresh_figures(db.session.get(Idea, idea.id))
    assert db.session.get(Idea, idea.id).comment_count == 1


def _refuse_edit(idea_id: int, author_id: int, why: str) -> None:
    """What happens to a new idea while its author has the edit page open."""
    idea = db.session.get(Idea, idea_id)
    if why == "withdrawn":
        services.withdraw_idea(idea, db.session.get(User, author_id))
    elif why == "merged":
        idea.status = IdeaStatus.MERGED
    elif why == "under_review":
        idea.status = IdeaStatus.UNDER_REVIEW
    elif why == "handed_over":
        idea.status = IdeaStatus.HANDED_OVER
    elif why == "hidden":
        idea.hidden_at, idea.hidden_reason = utcnow(), "spam"
    elif why == "awaiting":
        idea.hidden_at, idea.awaiting_approval = utcnow(), True
    elif why == "blocked":
        db.session.get(User, author_id).blocked_at = utcnow()
    else:
        idea.created_at = utcnow() - timedelta(days=1)
    db.session.commit()


REFUSALS = {
    "withdrawn": "Editing is no longer possible: the idea has been withdrawn.",
    "merged": "Editing is no longer possible: the idea has been merged with another idea.",
    "under_review": "Editing is no longer possible: the idea is already being dealt with.",
    "handed_over": "Editing is no longer possible: the idea is already being dealt with.",
    "hidden": "Editing is no longer possible: it has been hidden by a moderator.",
    "awaiting": "Editing is not possible while the idea waits for a moderator&#39;s approval.",
    "blocked": "Editing is not possible: your account is blocked.",
    "time": "The time for editing has run out.",
}


@pytest.mark.parametrize("why", REFUSALS)
def test_a_refused_edit_tells_the_author_why_and_keeps_the_text(client, auth, why):
    author = auth.as_role()
    idea = make_idea(author)
    category = make_category()
    assert client.get(f"/ideas/{idea.id}/edit").status_code == 200
    _refuse_edit(idea.id, author.id, why)
    response = client.post(
        f"/ideas/{idea.id}/edit",
        data={"title": "My better title", "body": BODY + " More.", "category": category.id},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert REFUSALS[why] + " Your changes were not saved." in page
    assert "My better title" in page
    assert "30 km/h More.</textarea>" in page
    if why != "time":
        assert "time for editing" not in page
    assert db.session.get(Idea, idea.id).title != "My better title"

    again = client.get(f"/ideas/{idea.id}/edit")
    assert again.status_code == 302
    assert again.headers["Location"] == f"/ideas/{idea.id}"
    assert REFUSALS[why] in client.get(f"/ideas/{idea.id}").get_data(as_text=True)


@pytest.mark.parametrize("why", ["withdrawn", "hidden", "time"])
def test_others_still_get_a_plain_refusal_to_edit(client, auth, why):
    author = make_user()
    idea = make_idea(author)
    _refuse_edit(idea.id, author.id, why)
    auth.as_role()
    expected = 404 if why == "hidden" else 403
    assert client.get(f"/ideas/{idea.id}/edit").status_code == expected
    response = client.post(f"/ideas/{idea.id}/edit", data={"title": "Not mine at all"})
    assert response.status_code == expected
    assert "Not mine at all" not in response.get_data(as_text=True)


@pytest.mark.parametrize("category", [True, 1.5, {"id": 1}])
def test_json_values_of_the_wrong_type_choose_no_category(client, auth, category):
    auth.as_role()
    make_category()  # id 1, which int(true) and int(1.5) would give
    data = {"title": "A safe crossing at Engholm School", "body": BODY, "category": category}
    response = client.post("/ideas/new", json={**data, "publish": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Please choose a category." in page
    assert "A safe crossing at Engholm School" in page
    assert db.session.scalar(select(Idea)) is None


@pytest.mark.parametrize(("language", "stored"), [({"a": 1}, None), (7, None), ("nl", "nl")])
def test_a_json_language_of_the_wrong_type_means_not_said(client, auth, language, stored):
    auth.as_role()
    category = make_category()
    data = {"title": "A safe crossing at Engholm School", "body": BODY, "category": category.id}
    response = client.post("/ideas/new", json={**data, "language": language, "publish": "1"})
    assert response.status_code == 302
    assert db.session.scalar(select(Idea.language)) == stored
