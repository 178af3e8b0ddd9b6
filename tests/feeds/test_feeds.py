"""Feeds read by a real feed reader library (feedparser), and the calendar."""

from __future__ import annotations

from datetime import timedelta

import feedparser
import pytest
from icalendar import Calendar

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Idea
from portal.moderation import services as moderation
from portal.municipality import services as municipality
from portal.timeutil import utcnow
from tests.factories import (
    make_category,
    make_comment,
    make_hand_over,
    make_idea,
    make_meeting,
    make_official,
    make_user,
)

BASE = "http://portal.test"
FEEDS = [
    "/feeds/ideas.{fmt}",
    "/feeds/categories/{slug}.{fmt}",
    "/feeds/ideas/{idea}.{fmt}",
    "/feeds/answers.{fmt}",
    "/feeds/meetings.{fmt}",
]


def _read(client, url, **headers):  # type: ignore[no-untyped-def]
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0, (url, parsed.get("bozo_exception"))
    return response, parsed


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    category = make_category("roads")
    idea = make_idea(title="A bench by the lake", category=category)
    make_comment(idea, make_user(), body="I would sit there every day.")
    official = make_official()
    item = make_hand_over(idea)
    municipality.answer(official, item, idea, "We will place **two** benches.", idea.status)
    meeting = make_meeting()
    municipality.add_to_agenda(official, meeting, db.session.get(Idea, idea.id))
    db.session.commit()
    return {"idea": idea.id, "slug": category.slug, "meeting": meeting.id}


@pytest.mark.parametrize("fmt", ["atom", "rss"])
@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_is_well_formed_with_absolute_links(client, world, path, fmt):
    url = path.format(fmt=fmt, **world)
    response, parsed = _read(client, url, Host="evil.example")
    assert response.mimetype == f"application/{fmt}+xml"
    assert parsed.entries, url
    for entry in parsed.entries:
        assert entry.link.startswith(BASE + "/"), entry.link
        assert entry.get("published_parsed") or entry.get("updated_parsed")
    assert b"evil.example" not in response.data


def test_entries_have_stable_ids_and_the_right_content(client, world):
    _, first = _read(client, f"/feeds/ideas/{world['idea']}.atom")
    _, again = _read(client, f"/feeds/ideas/{world['idea']}.atom")
    assert [e.id for e in first.entries] == [e.id for e in again.entries]
    kinds = {e.id.rsplit("#", 1)[-1].split("-")[0] for e in first.entries}
    assert {"comment", "status", "answer"} <= kinds
    answer = next(e for e in first.entries if e.id.endswith("#answer"))
    assert "<strong>two</strong>" in answer.content[0].value
    _, ideas = _read(client, "/feeds/ideas.atom")
    assert ideas.entries[0].title == "A bench by the lake"
    assert ideas.entries[0].id == f"{BASE}/ideas/{world['idea']}"
    _, meetings = _read(client, "/feeds/meetings.rss")
    assert "A bench by the lake" in meetings.entries[0].description


def test_the_feed_speaks_the_language_asked_for(client, world):
    _, dutch = _read(client, "/feeds/ideas.atom?lang=nl")
    assert dutch.feed.language == "nl"
    assert dutch.feed.title.startswith("Nieuwe ideeën")
    _, norwegian = _read(client, "/feeds/answers.rss", **{"Accept-Language": "nb-NO,nb;q=0.9"})
    assert norwegian.feed.language == "nb"
    assert norwegian.entries[0].title.startswith("Kommunens svar")
    client.set_cookie("lang", "da")  # feeds ignore the cookie: readers do not send it
    _, english = _read(client, "/feeds/ideas.atom?lang=en")
    assert english.feed.title.startswith("New ideas")


def test_conditional_get_answers_304(client, world):
    response, _ = _read(client, "/feeds/ideas.atom")
    etag, modified = response.headers["ETag"], response.headers["Last-Modified"]
    assert client.get("/feeds/ideas.atom", headers={"If-None-Match": etag}).status_code == 304
    since = client.get("/feeds/ideas.atom", headers={"If-Modified-Since": modified})
    assert since.status_code == 304
    make_idea(title="Something new")
    changed = client.get("/feeds/ideas.atom", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert b"Something new" in changed.data


def test_hidden_withdrawn_and_merged_content_never_appears(client, world):
    moderator = make_user(Role.MODERATOR)
    idea = db.session.get(Idea, world["idea"])
    secret_comment = make_comment(idea, make_user(), body="My phone number is 12345678")
    moderation.hide(moderator, secret_comment, "Personal data")
    withdrawn = make_idea(title="Withdrawn idea")
    idea_services.withdraw_idea(withdrawn, db.session.get(type(moderator), withdrawn.author_id))
    duplicate = make_idea(title="Merged duplicate")
    moderation.merge(moderator, duplicate, idea, "Same")
    db.session.commit()
    everything = b"".join(
        client.get(path.format(fmt=fmt, **world)).data for path in FEEDS for fmt in ("atom", "rss")
    )
    assert b"12345678" not in everything
    assert b"Withdrawn idea" not in everything
    assert b"Merged duplicate" not in everything
    assert client.get(f"/feeds/ideas/{withdrawn.id}.atom").status_code == 404

    moderation.hide(moderator, db.session.get(Idea, world["idea"]), "Spam")
    db.session.commit()
    assert client.get(f"/feeds/ideas/{world['idea']}.atom").status_code == 404
    for path in ("/feeds/ideas.rss", "/feeds/answers.atom", "/feeds/meetings.atom"):
        assert b"A bench by the lake" not in client.get(path).data, path
    assert b"A bench by the lake" not in client.get("/feeds/meetings.ics").data


def test_meetings_calendar(client, world):
    make_meeting(utcnow() + timedelta(days=3), published=False, body="Draft meeting")
    response = client.get("/feeds/meetings.ics")
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == f"meeting-{world['meeting']}@portal.test"
    assert str(event["URL"]) == f"{BASE}/meetings/{world['meeting']}"
    assert "A bench by the lake" in str(event["DESCRIPTION"])
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    etag = response.headers["ETag"]
    assert client.get("/feeds/meetings.ics", headers={"If-None-Match": etag}).status_code == 304


def test_pages_announce_their_feeds(client, world):
    pages = {
        "/": "/feeds/ideas.atom?lang=en",
        "/ideas/": "/feeds/ideas.atom?lang=en",
        f"/ideas/?category={world['slug']}": f"/feeds/categories/{world['slug']}.atom?lang=en",
        f"/ideas/{world['idea']}": f"/feeds/ideas/{world['idea']}.atom?lang=en",
        "/meetings/": "/feeds/meetings.atom?lang=en",
    }
    for page, feed in pages.items():
        html = client.get(page).get_data(as_text=True)
        assert '<link rel="alternate" type="application/atom+xml"' in html, page
        assert f'href="{feed}"' in html, page
        assert 'type="application/rss+xml"' in html, page
        assert f'<a href="{feed}" type="application/atom+xml">Atom</a>' in html, page
    assert "/feeds/meetings.ics" in client.get("/meetings/").get_data(as_text=True)


def test_unknown_feeds_are_404(client):
    assert client.get("/feeds/categories/nope.atom").status_code == 404
    assert client.get("/feeds/ideas/99999.atom").status_code == 404
    assert client.get("/feeds/ideas.json").status_code == 404
