"""Admins: roles and departments, departments, categories, settings; pre-moderation."""

from __future__ import annotations

from sqlalchemy import select

from portal import settings
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.ideas.models import Category, Idea
from portal.ideas.premoderation import PreModeration
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.municipality.models import Department
from tests.factories import make_category, make_department, make_user


def _reload(model, item_id):  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.get(model, item_id)


def test_admin_makes_a_citizen_an_official_of_a_department(client, auth):
    department = make_department(name="Culture and Leisure")
    citizen = make_user()
    auth.as_role(Role.ADMIN)
    listing = client.get(f"/admin/users?q={citizen.email}").get_data(as_text=True)
    assert f"/admin/users/{citizen.id}" in listing
    missing = client.post(f"/admin/users/{citizen.id}", data={"role": "official", "department": ""})
    assert missing.status_code == 400
    assert "An official needs a department." in missing.get_data(as_text=True)
    assert _reload(User, citizen.id).role == Role.CITIZEN
    unknown = client.post(
        f"/admin/users/{citizen.id}", data={"role": "official", "department": "999"}
    )
    assert unknown.status_code == 400  # not silently "no department"
    assert "Please choose one of the options." in unknown.get_data(as_text=True)
    response = client.post(
        f"/admin/users/{citizen.id}", data={"role": "official", "department": department.id}
    )
    assert response.status_code == 302
    user = _reload(User, citizen.id)
    assert (user.role, user.department_id) == (Role.OFFICIAL, department.id)
    # Back to citizen: the department goes too (a database rule as well).
    client.post(f"/admin/users/{citizen.id}", data={"role": "citizen", "department": department.id})
    user = _reload(User, citizen.id)
    assert (user.role, user.department_id) == (Role.CITIZEN, None)
    assert db.session.scalar(select(LogEntry.action).order_by(LogEntry.id.desc())) == "role"


def test_admin_cannot_demote_themselves(client, auth):
    admin = auth.as_role(Role.ADMIN)
    response = client.post(f"/admin/users/{admin.id}", data={"role": "citizen"})
    assert response.status_code == 400
    assert "You cannot take away your own administrator role." in response.get_data(as_text=True)
    assert _reload(User, admin.id).role == Role.ADMIN


def test_departments_and_categories_have_names_in_every_language(client, auth):
    auth.as_role(Role.ADMIN)
    names = {"name_da": "Børn og Skole", "name_nb": "Barn og skole", "name_nl": "Kind en School",
             "name_en": "Children and Schools"}  # fmt: skip
    response = client.post("/admin/departments/", data={"slug": "children", **names})
    assert response.status_code == 302
    assert db.session.scalar(select(Department.name_da)) == "Børn og Skole"
    duplicate = client.post("/admin/departments/", data={"slug": "children", **names})
    assert duplicate.status_code == 400
    assert "That short name is already in use." in duplicate.get_data(as_text=True)
    assert "Kind en School" in duplicate.get_data(as_text=True)  # nothing typed is lost
    bad = client.post("/admin/categories/", data={"slug": "Not A Slug", "position": "x", **names})
    assert bad.status_code == 400
    category = make_category()
    client.post(
        f"/admin/categories/{category.id}", data={"slug": category.slug, "position": "3", **names}
    )
    assert _reload(Category, category.id).name_nl == "Kind en School"
    client.set_cookie("lang", "nl")
    assert "Kind en School" in client.get("/ideas/").get_data(as_text=True)


def test_settings_change_pre_moderation_and_the_answer_deadline(client, auth, app):
    auth.as_role(Role.ADMIN)
    response = client.post(
        "/admin/settings",
        data={
            "pre_moderation": "all",
            "answer_days": "14",
            "open_data_licence": "cc0-1.0",
            "idea_area": "optional",
        },  # fmt: skip
    )
    assert response.status_code == 302
    bad = client.post("/admin/settings", data={"pre_moderation": "sometimes", "answer_days": "0"})
    assert bad.status_code == 400
    assert "A number from 1 to 365, please." in bad.get_data(as_text=True)
    with app.test_request_context():
        assert settings.get("pre_moderation") == PreModeration.ALL
        assert settings.get("answer_days") == 14


def test_the_settings_page_has_a_field_for_every_defined_setting(client, auth, monkeypatch):
    """A domain that defines a setting gets it on the page without touching admin code."""
    for registry in ("DEFINITIONS", "SETTING_LABELS", "VALUE_LABELS"):
        monkeypatch.setattr(settings, registry, dict(getattr(settings, registry)))
    monkeypatch.setitem(client.application.config, "FEED_SIZE", "small")
    values = {"small": "Small <b>", "large": "Large"}
    settings.define("feed_size", "FEED_SIZE", str, "Feed size", values=values)
    auth.as_role(Role.ADMIN)
    page = client.get("/admin/settings").get_data(as_text=True)
    assert 'name="feed_size"' in page
    assert "Small &lt;b&gt;" in page
    data = {"pre_moderation": "off", "answer_days": "30", "feed_size": "large",
            "open_data_licence": "cc-by-4.0", "idea_area": "optional"}  # fmt: skip
    assert client.post("/admin/settings", data=data).status_code == 302
    with client.application.test_request_context():
        assert settings.get("feed_size") == "large"


def _post_idea(client, title="A new bench by the lake"):  # type: ignore[no-untyped-def]
    category = make_category()
    return client.post(
        "/ideas/new",
        data={"title": title, "body": "Please put a bench by the lake for everyone.",
              "category": category.id, "publish": "1"},
    )  # fmt: skip


def test_pre_moderation_of_new_accounts_holds_their_first_ideas(client, auth, app):
    with app.test_request_context():
        settings.save({"pre_moderation": PreModeration.NEW_ACCOUNTS})
        db.session.commit()
    author = auth.as_role()
    response = _post_idea(client)
    idea = db.session.scalar(select(Idea))
    assert idea.awaiting_approval
    assert "A moderator will look at your idea" in client.get(
        response.headers["Location"]
    ).get_data(as_text=True)
    auth.logout()
    assert client.get(f"/ideas/{idea.id}").status_code == 404
    assert "A new bench" not in client.get("/ideas/").get_data(as_text=True)

    auth.as_role(Role.MODERATOR)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Waits for approval" in queue
    assert client.post(f"/moderation/ideas/{idea.id}/approve").status_code == 302
    auth.logout()
    assert client.get(f"/ideas/{idea.id}").status_code == 200
    assert "A new bench" in client.get("/ideas/").get_data(as_text=True)
    assert (
        db.session.scalar(
            select(OutboxMessage.kind).where(OutboxMessage.to_address == author.email)
        )
        == "idea_approved"
    )

    auth.login(author)  # one idea approved: the next one is published at once
    _post_idea(client, "A second idea from me")
    second = db.session.scalar(select(Idea).where(Idea.title == "A second idea from me"))
    assert not second.awaiting_approval


def test_a_rejected_idea_stays_hidden_with_the_reason(client, auth, app):
    with app.test_request_context():
        settings.save({"pre_moderation": PreModeration.ALL})
        db.session.commit()
    author = auth.as_role()
    _post_idea(client)
    idea = db.session.scalar(select(Idea))
    auth.as_role(Role.MODERATOR)
    response = client.post(f"/moderation/ideas/{idea.id}/hide", data={"reason": "Advertising"})
    assert response.status_code == 302
    idea = _reload(Idea, idea.id)
    assert (idea.awaiting_approval, idea.hidden_reason) == (False, "Advertising")
    auth.login(author)
    assert "Hidden by a moderator: Advertising" in client.get(f"/ideas/{idea.id}").get_data(
        as_text=True
    )


def test_staff_ideas_are_never_held_back(app):
    from portal.ideas.services import needs_approval

    with app.test_request_context():
        settings.save({"pre_moderation": PreModeration.ALL})
        assert needs_approval(make_user(Role.OFFICIAL)) is False
        assert needs_approval(make_user()) is True


def test_a_fresh_installation_tells_the_admin_what_is_missing(client, auth):
    """A new production database has no categories and no departments: the
    first admin reads that on every page, with a link to fix it."""
    auth.as_role(Role.ADMIN)
    front = client.get("/").get_data(as_text=True)
    assert "the portal has no categories" in front
    assert "the portal has no departments" in front
    assert 'href="/admin/categories/"' in front
    make_category()
    after = client.get("/").get_data(as_text=True)
    assert "the portal has no categories" not in after
    assert "the portal has no departments" in after
    make_department()
    assert "the portal has no" not in client.get("/").get_data(as_text=True)


def test_a_citizen_on_a_fresh_installation_reads_why_ideas_cannot_be_posted(client, auth):
    auth.as_role(Role.CITIZEN)
    page = client.get("/ideas/new").get_data(as_text=True)
    assert "has not set up any categories" in page
    assert 'name="title"' not in page
    assert "the portal has no categories" not in page  # the admin's notice is for admins
    make_category()
    assert 'name="title"' in client.get("/ideas/new").get_data(as_text=True)
