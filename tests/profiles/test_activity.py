"""My activity: a person's own ideas (also waiting or hidden ones), comments,
supports, follows and reports with what became of them; for their eyes only,
at a fixed number of queries."""

from __future__ import annotations

from portal.accounts.models import Role
from portal.extensions import db
from portal.moderation import services as moderation
from portal.moderation.models import FlagReason
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.supports.services import support
from tests.factories import make_category, make_comment, make_idea, make_user


def _busy(person, n: int = 0):  # type: ignore[no-untyped-def]
    mine = make_idea(person, title=f"Benches by the lake {n or ''}".strip())
    hidden = make_idea(person, title=f"An idea a moderator hid {n}")
    moderation.hide(make_user(role=Role.MODERATOR), hidden, "Personal data")
    other = make_idea(title=f"Dog park in Solbjerg {n or ''}".strip())
    make_comment(other, person, body="Yes, please!")
    support(person, other)
    notifications.follow(person, FollowKind.CATEGORY, make_category(name=f"Traffic {n}"))
    rude = make_comment(other, body="Rude words")
    moderation.flag(person, rude, FlagReason.OFFENSIVE)
    db.session.commit()
    return mine, other


def test_my_activity_shows_what_i_did_and_what_became_of_it(client, auth):
    person = auth.as_role(name="Karen")
    mine, other = _busy(person)
    page = client.get("/account/activity").get_data(as_text=True)
    assert "Benches by the lake" in page
    assert "Hidden by a moderator: Personal data" in page
    assert 'href="/comments/' in page  # a comment's lasting address finds its page
    assert "Dog park in Solbjerg" in page  # supported, and commented on
    assert "New ideas in" in page
    assert "Traffic" in page
    assert "waits for a moderator" in page
    home = client.get("/").get_data(as_text=True)
    assert 'href="/account/activity"' in home


def test_my_activity_is_mine_only_and_costs_the_same_queries(client, auth, count_queries):
    assert client.get("/account/activity").status_code == 302  # log in first
    person = auth.as_role()
    _busy(person)
    with count_queries() as few:
        client.get("/account/activity")
    for n in range(1, 4):
        _busy(person, n)
    with count_queries() as many:
        client.get("/account/activity")
    assert many.count == few.count
