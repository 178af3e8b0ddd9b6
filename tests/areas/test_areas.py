"""Areas of the municipality: admins name them, ideas name one, lists,
feeds and the front page filter by them, and citizens follow them."""

from __future__ import annotations

import json

import feedparser
from flask_babel import to_user_timezone
from sqlalchemy import select

from portal import settings
from portal.accounts.models import Role
from portal.areas.models import Area
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas import tally
from portal.ideas.models import Category, Idea
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.notifications import services as notifications
from portal.notifications.digests import build_digests
from portal.notifications.models import Delivery, Follow, FollowKind
from portal.timeutil import utcnow
from portal.versions.models import Revision
from tests.factories import (
    make_area,
    make_category,
    make_department,
    make_hand_over,
    make_idea,
    make_official,
    make_user,
)

NAMES = {"name_da": "Juelsminde by", "name_nb": "Juelsminde sentrum", "name_nl": "Wijk Juelsminde",
         "name_en": "Juelsminde town"}  # fmt: skip
BODY = "More benches along the harbour path, please, for those who walk slowly."


def _reload(model, item_id):  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.get(model, item_id)


def test_admins_name_areas_in_every_language_and_order_them(client, auth):
    admin = auth.as_role(Role.ADMIN)
    response = client.post("/admin/areas/", data={"slug": "juelsminde", "position": "2", **NAMES})
    assert response.status_code == 302
    area = db.session.scalar(select(Area))
    assert (area.name_da, area.name_nl, area.position) == ("Juelsminde by", "Wijk Juelsminde", 2)
    duplicate = client.post("/admin/areas/", data={"slug": "juelsminde", "position": "1", **NAMES})
    assert duplicate.status_code == 400
    assert "That short name is already in use." in duplicate.get_data(as_text=True)
    assert "Wijk Juelsminde" in duplicate.get_data(as_text=True)  # nothing typed is lost
    first = client.post("/admin/areas/", data={"slug": "torring", "position": "1",
                                               **{k: "Tørring" for k in NAMES}})  # fmt: skip
    assert first.status_code == 302
    listing = client.get("/admin/areas/").get_data(as_text=True)
    assert listing.index("torring") < listing.index("juelsminde")  # by position
    renamed = {"slug": "juelsminde", "position": "5", **NAMES, "name_nb": "Juelsminde"}
    edited = client.post(f"/admin/areas/{area.id}", data=renamed)
    assert edited.status_code == 302
    assert _reload(Area, area.id).name_nb == "Juelsminde"
    actions = set(db.session.scalars(select(LogEntry.action).where(LogEntry.actor_id == admin.id)))
    assert {"area_created", "area_edited"} <= actions
    assert client.get("/moderation/log?target=area").status_code == 200


def test_an_idea_names_an_area_or_none(client, auth):
    category = make_category()
    form_without_areas = auth.as_role()
    assert 'name="area"' not in client.get("/ideas/new").get_data(as_text=True)
    area = make_area(name="Hornsyld")
    page = client.get("/ideas/new?area=" + area.slug).get_data(as_text=True)
    assert f'<option selected value="{area.id}">Hornsyld</option>' in page  # came from its list
    data = {"title": "Benches by the harbour", "body": BODY, "category": category.id,
            "publish": "1"}  # fmt: skip
    posted = client.post("/ideas/new", data={**data, "area": str(area.id)})
    idea = db.session.scalar(select(Idea).where(Idea.author_id == form_without_areas.id))
    assert posted.status_code == 302
    assert idea.area_id == area.id
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/ideas/?area={area.slug}">Hornsyld</a>' in page
    for wrong in ("999", "abc", "1.5"):
        unknown = client.post("/ideas/new", data={**data, "title": "Another idea", "area": wrong})
        assert unknown.status_code == 400, wrong
        assert "Please choose an area." in unknown.get_data(as_text=True)
    none = client.post("/ideas/new", data={**data, "title": "No area at all", "area": "none"})
    assert none.status_code == 302
    assert db.session.scalar(select(Idea.area_id).where(Idea.title == "No area at all")) is None


def test_an_admin_can_require_an_area(client, auth, app):
    category, area = make_category(), make_area(name="Uldum")
    with app.test_request_context():
        settings.save({"idea_area": "required"})
    db.session.commit()
    auth.as_role()
    page = client.get("/ideas/new").get_data(as_text=True)
    assert '<option selected value="none">Choose an area</option>' in page
    data = {"title": "Benches by the harbour", "body": BODY, "category": category.id,
            "area": "none", "publish": "1"}  # fmt: skip
    refused = client.post("/ideas/new", data=data)
    assert refused.status_code == 400
    text = refused.get_data(as_text=True)
    assert "Please choose an area." in text
    assert "Benches by the harbour" in text  # what was typed stays
    assert "harbour path" in text
    client.set_cookie("lang", "da")
    assert "Vælg et lokalområde." in client.post("/ideas/new", data=data).get_data(as_text=True)
    assert client.post("/ideas/new", data={**data, "area": str(area.id)}).status_code == 302


def test_moving_an_idea_to_another_area_moves_its_count_and_keeps_no_version(app):
    here, there = make_area(), make_area()
    idea = make_idea(area=here)
    db.session.commit()
    versions_before = db.session.scalar(select(db.func.count(Revision.id)))
    assert (tally.total(area_id=here.id), tally.total(area_id=there.id)) == (1, 0)
    idea = db.session.get(Idea, idea.id)
    category = db.session.get(Category, idea.category_id)
    assert idea_services.edit_idea(idea, idea.title, idea.body, category, area=there)
    db.session.commit()
    assert (tally.total(area_id=here.id), tally.total(area_id=there.id)) == (0, 1)
    assert _reload(Idea, idea.id).edited_at is None  # where it is listed, not what it says
    assert db.session.scalar(select(db.func.count(Revision.id))) == versions_before
    assert not idea_services.edit_idea(idea, idea.title, idea.body, category, area=there)


def test_lists_feeds_and_the_front_page_filter_by_area(client):
    roads, parks = make_category(name="Roads"), make_category(name="Parks")
    harbour, town = make_area(slug="harbour", name="Harbour"), make_area(name="Town")
    make_idea(title="Harbour road", category=roads, area=harbour)
    make_idea(title="Harbour park", category=parks, area=harbour)
    make_idea(title="Town road", category=roads, area=town)
    make_idea(title="Road anywhere", category=roads)
    db.session.commit()
    page = client.get("/ideas/?area=harbour").get_data(as_text=True)
    assert "<h1>Ideas in Harbour</h1>" in page
    assert "2 ideas" in page
    assert "Town road" not in page
    assert '<span class="area-name">Harbour</span>' in page  # the cards name it
    both = client.get(f"/ideas/?area=harbour&category={roads.slug}").get_data(as_text=True)
    assert "1 idea" in both
    assert "Harbour road" in both
    assert "Harbour park" not in both
    assert "Ideas in Roads in Harbour" in both
    assert 'href="/feeds/areas/harbour.atom?lang=en"' in page
    assert client.get("/ideas/?area=nowhere").status_code == 404
    front = client.get("/").get_data(as_text=True)
    assert 'href="/ideas/?area=harbour"' in front
    feed = feedparser.parse(client.get("/feeds/areas/harbour.atom").data)
    assert feed.bozo == 0
    assert {e.title for e in feed.entries} == {"Harbour road", "Harbour park"}
    assert feed.feed.title.startswith("New ideas: Harbour")
    rss = feedparser.parse(client.get("/feeds/areas/harbour.rss").data)
    assert len(rss.entries) == 2
    assert client.get("/feeds/areas/nowhere.atom").status_code == 404
    # The pager keeps the area.
    for n in range(25):
        make_idea(title=f"Harbour idea {n}", category=parks, area=harbour)
    db.session.commit()
    assert (
        "area=harbour"
        in client.get("/ideas/?area=harbour").get_data(as_text=True).split('class="pager"')[1]
    )


def test_following_an_area_tells_of_new_ideas_about_it(client, auth):
    harbour, town = make_area(name="Harbour"), make_area(name="Town")
    reader = auth.as_role()
    follow = client.post(f"/areas/{harbour.slug}/follow")
    assert follow.status_code == 302
    assert db.session.scalar(select(Follow.kind).where(Follow.user_id == reader.id)) == "area"
    page = client.get(f"/ideas/?area={harbour.slug}").get_data(as_text=True)
    assert "Stop following new ideas about Harbour" in page
    settings_page = client.get("/account/notifications").get_data(as_text=True)
    assert "New ideas about Harbour" in settings_page
    notifications.save_settings(reader, area_delivery=Delivery.INSTANT)
    db.session.commit()
    make_idea(title="A jetty for swimmers", area=harbour)
    make_idea(title="Something in town", area=town)
    db.session.commit()
    mails = list(
        db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == reader.email))
    )
    assert len(mails) == 1
    assert "A new idea about Harbour has been posted in" in mails[0].body_text
    assert "A jetty for swimmers" in mails[0].body_text
    client.post(f"/areas/{harbour.slug}/unfollow")
    assert db.session.scalar(select(Follow.id).where(Follow.user_id == reader.id)) is None
    assert client.post("/areas/nowhere/follow").status_code == 404


def test_a_daily_digest_carries_new_ideas_about_a_followed_area(app):
    harbour = make_area(name="Harbour")
    reader = make_user()
    notifications.follow(reader, FollowKind.AREA, harbour)
    db.session.commit()
    make_idea(title="A jetty for swimmers", area=harbour)
    make_idea(title="Not about the harbour")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    digest = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "digest"))
    assert "A jetty for swimmers" in digest.body_text
    assert "Not about the harbour" not in digest.body_text


def test_the_data_download_lists_area_follows(client, auth):
    area = make_area()
    reader = auth.as_role()
    notifications.follow(reader, FollowKind.AREA, area)
    db.session.commit()
    notifications.save_settings(reader, area_delivery=Delivery.WEEKLY)
    db.session.commit()
    data = json.loads(client.get("/account/data").get_data(as_text=True))
    (followed,) = data["follows"]
    assert (followed["kind"], followed["area"]) == ("area", area.id)
    assert data["notification_settings"]["areas"] == "weekly"


def test_the_period_report_can_be_limited_to_an_area_and_names_each_ideas_area(client, auth):
    harbour = make_area(name="Harbour")
    department = make_department()
    make_hand_over(make_idea(title="Jetty for swimmers", area=harbour), department)
    make_hand_over(make_idea(title="Bus shelter in town"), department)
    db.session.commit()
    auth.login(make_official(department))
    form = client.get("/reports/period").get_data(as_text=True)
    assert '<select id="area" name="area">' in form
    today = to_user_timezone(utcnow()).date()
    args = {"department": "all", "area": str(harbour.id), "from": str(today), "to": str(today)}
    page = client.get("/reports/period", query_string=args).get_data(as_text=True)
    assert "Jetty for swimmers" in page
    assert "Bus shelter in town" not in page
    assert "Ideas about Harbour" in page
    assert '<th scope="row">Area</th><td>Harbour</td>' in page
    everywhere = client.get("/reports/period", query_string={**args, "area": "all"})
    assert "Bus shelter in town" in everywhere.get_data(as_text=True)
    unknown = client.get("/reports/period", query_string={**args, "area": "999"})
    assert unknown.status_code == 400
    assert "Please choose one of the options." in unknown.get_data(as_text=True)
    pdf = client.get("/reports/period.pdf", query_string=args)
    assert pdf.mimetype == "application/pdf"
    assert "harbour" in pdf.headers["Content-Disposition"]
