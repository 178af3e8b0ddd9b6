from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.timeutil import utcnow
from tests.factories import make_idea, make_user


def test_moderator_blocks_a_citizen_who_can_then_only_read(app, client, auth):
    citizen = make_user(name="Trolden", locale="nb")
    idea = make_idea()
    moderator = auth.as_role(Role.MODERATOR)
    empty = client.post(f"/moderation/users/{citizen.id}/block", data={"period": "7", "reason": ""})
    assert empty.status_code == 400
    assert "Please give a reason." in empty.get_data(as_text=True)
    assert 'name="period"' in empty.get_data(as_text=True)  # the block's length, kept

    response = client.post(
        f"/moderation/users/{citizen.id}/block", data={"period": "7", "reason": "Insults"}
    )
    assert response.status_code == 302
    stored = db.session.get(User, citizen.id)
    assert stored.is_blocked
    assert timedelta(days=6) < stored.blocked_until - utcnow() <= timedelta(days=7)
    entry = db.session.scalar(select(LogEntry))
    assert (entry.actor_id, entry.action, entry.target_type) == (moderator.id, "block", "user")
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "account_blocked"))
    assert mail.locale == "nb"
    assert "Insults" in mail.body_text

    auth.login(stored)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Insults" in page  # they see why
    assert "Support this idea" not in page
    assert client.get("/ideas/new").status_code == 403
    assert client.post(f"/ideas/{idea.id}/support").status_code == 403
    assert client.post(f"/ideas/{idea.id}/comments", data={"body": "x"}).status_code == 403
    assert client.get(f"/ideas/{idea.id}/flag").status_code == 403


def test_a_block_ends_by_itself_or_when_lifted(client, auth):
    citizen = make_user()
    citizen.blocked_at = utcnow() - timedelta(days=2)
    citizen.blocked_until = utcnow() - timedelta(days=1)
    citizen.blocked_reason = "Old"
    db.session.commit()
    assert not db.session.get(User, citizen.id).is_blocked

    auth.as_role(Role.MODERATOR)
    client.post(f"/moderation/users/{citizen.id}/block", data={"period": "", "reason": "Spam"})
    assert db.session.get(User, citizen.id).blocked_until is None
    assert db.session.get(User, citizen.id).is_blocked
    client.post(f"/moderation/users/{citizen.id}/unblock", data={"reason": "Apologised"})
    assert not db.session.get(User, citizen.id).is_blocked
    assert [e.action for e in db.session.scalars(select(LogEntry))] == ["block", "unblock"]


def test_staff_cannot_be_blocked_and_citizens_cannot_block(client, auth):
    official = make_user(Role.OFFICIAL)
    auth.as_role(Role.MODERATOR)
    assert client.get(f"/moderation/users/{official.id}/block").status_code == 403
    other = make_user()
    auth.as_role(Role.CITIZEN)
    assert (
        client.post(
            f"/moderation/users/{other.id}/block", data={"period": "1", "reason": "x"}
        ).status_code
        == 403
    )
    assert not db.session.get(User, other.id).is_blocked
