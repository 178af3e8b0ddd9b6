from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.supports import services
from portal.supports.models import Support
from tests.factories import make_idea, make_user


def _count(idea_id: int) -> tuple[int, int]:
    db.session.expire_all()
    rows = db.session.scalar(select(func.count()).where(Support.idea_id == idea_id))
    return db.session.get(Idea, idea_id).support_count, rows


def test_support_and_withdraw(client, auth):
    idea = make_idea()
    auth.as_role()
    assert client.post(f"/ideas/{idea.id}/support").status_code == 302
    assert _count(idea.id) == (1, 1)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "You support this idea." in page
    assert "Withdraw my support" in page

    client.post(f"/ideas/{idea.id}/support")  # a second click changes nothing
    assert _count(idea.id) == (1, 1)

    assert client.post(f"/ideas/{idea.id}/unsupport").status_code == 302
    assert _count(idea.id) == (0, 0)
    client.post(f"/ideas/{idea.id}/unsupport")
    assert _count(idea.id) == (0, 0)


def test_support_is_a_post(client, auth):
    idea = make_idea()
    auth.as_role()
    assert client.get(f"/ideas/{idea.id}/support").status_code == 405


def test_author_cannot_support_own_idea(client, auth):
    author = auth.as_role()
    idea = make_idea(author)
    assert client.post(f"/ideas/{idea.id}/support").status_code == 403
    assert _count(idea.id) == (0, 0)


def test_visitor_is_asked_to_log_in(client):
    idea = make_idea()
    response = client.post(f"/ideas/{idea.id}/support")
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]


def test_unique_constraint_in_the_database():
    idea, user = make_idea(), make_user()
    assert services.support(user, idea) is True
    db.session.commit()
    assert services.support(user, idea) is False
    db.session.add(Support(idea_id=idea.id, user_id=user.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()


def test_counts_are_exact_under_concurrency(app):
    """Many people support and withdraw at the same moment, each in their own
    connection and thread: the count on the row equals the rows."""
    idea = make_idea()
    users = [make_user() for _ in range(12)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(users))

    def worker(user_id: int, withdraw: bool) -> None:
        try:
            with app.app_context():
                user = db.session.get(type(users[0]), user_id)
                barrier.wait()
                for _ in range(3):
                    services.support(user, db.session.get(Idea, idea.id))
                    db.session.commit()
                if withdraw:
                    services.withdraw_support(user, db.session.get(Idea, idea.id))
                    db.session.commit()
        except BaseException as error:  # noqa: BLE001
            errors.append(error)

    threads = [
        threading.Thread(target=worker, args=(user.id, n % 3 == 0)) for n, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _count(idea.id) == (8, 8)


def _flashes(client, idea_id: int) -> str:
    return client.get(f"/ideas/{idea_id}").get_data(as_text=True)


def test_second_support_or_withdrawal_says_why_nothing_changed(client, auth):
    idea = make_idea()
    auth.as_role()
    client.post(f"/ideas/{idea.id}/support")
    assert client.post(f"/ideas/{idea.id}/support").status_code == 302
    assert "You already support this idea." in _flashes(client, idea.id)
    client.post(f"/ideas/{idea.id}/unsupport")
    assert client.post(f"/ideas/{idea.id}/unsupport").status_code == 302
    assert "You do not support this idea." in _flashes(client, idea.id)
    assert _count(idea.id) == (0, 0)


@pytest.mark.parametrize("action", ["support", "unsupport"])
def test_closed_ideas_say_they_can_no_longer_be_supported(client, auth, action):
    withdrawn, into, merged = make_idea(), make_idea(), make_idea()
    stored = db.session.get(Idea, withdrawn.id)
    stored.status = IdeaStatus.WITHDRAWN
    stored = db.session.get(Idea, merged.id)
    stored.status, stored.merged_into_id = IdeaStatus.MERGED, into.id
    db.session.commit()
    auth.as_role()
    for idea, message in (
        (withdrawn, "This idea has been withdrawn by its author; it can no longer be supported."),
        (merged, f"This idea has been merged into idea #{into.id}; it can no longer be supported."),
    ):
        response = client.post(f"/ideas/{idea.id}/{action}", data={"next": "/elsewhere"})
        assert response.status_code == 302
        assert response.headers["Location"] == f"/ideas/{idea.id}"
        assert message in _flashes(client, idea.id)
        assert _count(idea.id) == (0, 0)


def test_closed_ideas_still_refuse_authors_and_visitors(client, auth):
    author = make_user()
    idea = make_idea(author)
    stored = db.session.get(Idea, idea.id)
    stored.status = IdeaStatus.WITHDRAWN
    db.session.commit()
    assert client.post(f"/ideas/{idea.id}/support").headers["Location"].startswith("/account/login")
    auth.login(author)
    assert client.post(f"/ideas/{idea.id}/support").status_code == 403
    auth.as_role(verified=False)
    assert client.post(f"/ideas/{idea.id}/support").status_code == 403
