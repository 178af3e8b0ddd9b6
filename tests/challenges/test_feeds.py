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


def test_a_challenge_feed_keeps_every_phase_and_names_the_winners(client):
    from portal.challenges.models import Award
    from portal.challenges.results import Outcome, publish
    from tests.challenges.test_jury import _evaluating
    from tests.challenges.test_results import _scored
    from tests.factories import make_owner

    challenge, (winner, other) = _evaluating()
    _scored(challenge, winner, other)
    publish(
        make_owner(challenge),
        challenge,
        [Outcome(winner.id, Award.WINNER, "Best."), Outcome(other.id, None, "Costly.")],
    )
    db.session.commit()
    parsed = feedparser.parse(client.get(f"/feeds/challenges/{challenge.id}.atom?lang=nl").data)
    phases = [e.id.rsplit("#phase-", 1)[1] for e in parsed.entries if "#phase-" in e.id]
    assert phases == ["results", "evaluation", "open"]
    results = next(e for e in parsed.entries if e.id.endswith("#phase-results"))
    assert "Winnaar" in results.summary
    assert winner.title.split("<b>")[0].strip() in results.summary
    assert "Costly." not in results.summary
