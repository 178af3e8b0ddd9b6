"""The municipality's pages send a fixed number of queries however much data there is."""

from __future__ import annotations

from datetime import timedelta

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas.models import Idea
from portal.municipality import services
from portal.timeutil import utcnow
from tests.factories import (
    make_department,
    make_hand_over,
    make_idea,
    make_meeting,
    make_official,
    make_user,
)


def _fill(department, meeting, past, official) -> int:  # type: ignore[no-untyped-def]
    """Three more hand-overs, one on each meeting's agenda; returns one of them."""
    ideas = [make_hand_over(make_idea(), department).idea_id for _ in range(3)]
    services.add_to_agenda(official, meeting, db.session.get(Idea, ideas[0]))
    past.starts_at = utcnow() + timedelta(days=1)
    services.add_to_agenda(official, past, db.session.get(Idea, ideas[1]))
    past.starts_at = utcnow() - timedelta(days=1)
    db.session.commit()
    return ideas[0]


def test_pages_send_the_same_queries_as_data_grows(client, auth, count_queries):
    department = make_department()
    official = make_official(department)
    meeting, past = make_meeting(), make_meeting(utcnow() - timedelta(days=1))
    idea_id = _fill(department, meeting, past, official)

    def measure(role_user) -> dict[str, int]:  # type: ignore[no-untyped-def]
        auth.login(role_user)
        counts = {}
        for url in (
            "/municipality/inbox",
            "/municipality/inbox?department=all&show=answered",
            "/meetings/",
            f"/meetings/{meeting.id}",
            f"/meetings/{past.id}",
            f"/ideas/{idea_id}",
            "/admin/users",
        ):
            with count_queries() as counter:
                response = client.get(url)
            assert response.status_code in (200, 403), url
            counts[url] = counter.count
        return counts

    admin = make_user(Role.ADMIN)
    small = measure(official), measure(admin)
    for _ in range(3):
        _fill(department, meeting, past, official)
        make_user()
    large = measure(official), measure(admin)
    assert small == large
    # The idea page is the most: with its photos and the ideas merged into it.
    assert max(max(c.values()) for c in large) <= 10
