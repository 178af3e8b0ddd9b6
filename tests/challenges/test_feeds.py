"""Challenges in feeds (read back with feedparser) and in the calendar."""

from __future__ import annotations

import feedparser
from icalendar import Calendar

from portal.extensions import db
from portal.timeutil import utcnow
from tests.factories import make_answer, make_challenge


def test_a_challenge_feed_has_its_phase_and_its_answers(client):
    challenge = make_challenge()
    answer = make_answer(challenge)
    hidden = make_answer(challenge)
    hidden.hidden_at, hidden.hidden_reason = utcnow(), "Spam"
    db.session.commit()
    for fmt in ("atom", "rss"):
        response = client.get(f"/feeds/challenges/{challenge.id}.{fmt}?lang=da")
        assert response.status_code == 200
        parsed = feedparser.parse(response.data)
        assert not parsed.bozo, parsed.bozo_exception
        titles = [e.title for e in parsed.entries]
        assert answer.title in titles
        assert hidden.title not in titles
        assert any(t.endswith(": Åben for bidrag") for t in titles)
        assert parsed.feed.language == "da"


def test_drafts_have_no_feed_and_are_in_no_list(client):
    draft = make_challenge(phase="draft")
    assert client.get(f"/feeds/challenges/{draft.id}.atom").status_code == 404
    shown = make_challenge()
    parsed = feedparser.parse(client.get("/feeds/challenges.atom").data)
    links = [e.link for e in parsed.entries]
    assert any(link.endswith(f"/challenges/{shown.id}") for link in links)
    assert not any(link.endswith(f"/challenges/{draft.id}") for link in links)


def test_the_calendar_has_deadlines_and_results_dates(client):
    challenge = make_challenge()
    make_challenge(phase="draft")
    calendar = Calendar.from_ical(client.get("/feeds/meetings.ics?lang=en").data)
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    deadline = events[f"challenge-{challenge.id}-deadline"]
    assert str(deadline["summary"]).startswith("Deadline: ")
    assert deadline.decoded("dtstart").replace(tzinfo=None) == challenge.closes_at.replace(
        microsecond=0
    )
    assert f"challenge-{challenge.id}-results" in events
    assert len([uid for uid in events if uid.startswith("challenge-")]) == 2
