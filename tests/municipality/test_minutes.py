"""The minutes of a meeting: all decisions on one page, corrected there
until the minutes are approved."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.moderation.models import LogEntry
from portal.municipality.models import AgendaItem, Meeting
from portal.timeutil import utcnow
from portal.versions.models import Revision
from tests.factories import make_hand_over, make_meeting, make_official


def _held_meeting(client, ideas: int = 3):  # type: ignore[no-untyped-def]
    meeting = make_meeting()
    ids = [make_hand_over().idea_id for _ in range(ideas)]
    for idea_id in ids:
        client.post(f"/meetings/{meeting.id}/agenda", data={"idea": idea_id})
    held = db.session.get(Meeting, meeting.id)
    held.starts_at = utcnow() - timedelta(hours=3)
    db.session.commit()
    return held, ids


def _status(idea_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Idea, idea_id).status


def test_all_decisions_are_written_on_one_page_and_corrected_until_approved(client, auth):
    auth.login(make_official())
    meeting, (first, second, third) = _held_meeting(client)
    url = f"/meetings/{meeting.id}/minutes"
    page = client.get(url).get_data(as_text=True)
    for idea_id in (first, second, third):
        assert f'name="decision_{idea_id}"' in page
    saved = client.post(url, data={
        f"decision_{first}": "accepted", f"text_{first}": "The council **agrees**.",
        f"decision_{second}": "declined", f"text_{second}": "No money this year.",
        f"decision_{third}": "", f"text_{third}": "",
    })  # fmt: skip
    assert saved.status_code == 302
    assert (_status(first), _status(second), _status(third)) == (
        IdeaStatus.ACCEPTED, IdeaStatus.DECLINED, IdeaStatus.ON_AGENDA,
    )  # fmt: skip
    told = db.session.scalar(
        select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "status_changed")
    )
    assert told  # the authors (and supporters) heard of the new decisions

    # A text corrected: a new version, the outcome kept, nobody told again.
    corrected = client.post(url, data={
        f"decision_{first}": "accepted", f"text_{first}": "The council agrees, unanimously.",
        f"decision_{second}": "declined", f"text_{second}": "No money this year.",
    })  # fmt: skip
    assert corrected.status_code == 302
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.idea_id == first))
    assert item.decision_text == "The council agrees, unanimously."
    assert (
        db.session.scalar(
            select(func.count(Revision.id)).where(
                Revision.idea_id == first, Revision.kind == "decision"
            )
        )
        == 2
    )
    assert (
        db.session.scalar(
            select(func.count(OutboxMessage.id)).where(OutboxMessage.kind == "status_changed")
        )
        == told
    )
    assert "decision_revised" in set(db.session.scalars(select(LogEntry.action)))

    # The outcome of a recorded decision does not change; nothing typed is lost.
    changed = client.post(url, data={
        f"decision_{first}": "declined", f"text_{first}": "Declined after all.",
    })  # fmt: skip
    assert changed.status_code == 400
    text = changed.get_data(as_text=True)
    assert "A recorded decision keeps its outcome" in text
    assert "Declined after all." in text
    assert _status(first) == IdeaStatus.ACCEPTED

    # A decision needs its text.
    no_text = client.post(url, data={f"decision_{third}": "accepted", f"text_{third}": ""})
    assert no_text.status_code == 400

    # Approving waits for every item.
    early = client.post(f"{url}/approve", follow_redirects=True)
    assert "Every item on the agenda needs its decision" in early.get_data(as_text=True)
    assert db.session.get(Meeting, meeting.id).minutes_approved_at is None
    client.post(url, data={f"decision_{third}": "postponed", f"text_{third}": "Next month."})
    assert _status(third) == IdeaStatus.HANDED_OVER
    approved = client.post(f"{url}/approve")
    assert approved.status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).minutes_approved
    locked = client.post(url, data={f"decision_{first}": "accepted", f"text_{first}": "Later."})
    assert "The minutes were approved on" in locked.get_data(as_text=True)
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.idea_id == first))
    assert item.decision_text == "The council agrees, unanimously."
    single = client.post(
        f"/meetings/{meeting.id}/agenda/{first}/decision",
        data={"decision": "accepted", "text": "x"}, follow_redirects=True,
    )  # fmt: skip
    assert "The minutes of this meeting are approved" in single.get_data(as_text=True)
    assert "minutes_approved" in set(db.session.scalars(select(LogEntry.action)))


def test_the_minutes_wait_for_the_meeting(client, auth):
    auth.login(make_official())
    meeting = make_meeting(utcnow() + timedelta(days=2))
    idea_id = make_hand_over().idea_id
    client.post(f"/meetings/{meeting.id}/agenda", data={"idea": idea_id})
    url = f"/meetings/{meeting.id}/minutes"
    assert "once the published meeting has begun" in client.get(url).get_data(as_text=True)
    early = client.post(url, data={f"decision_{idea_id}": "accepted", f"text_{idea_id}": "Yes"})
    assert early.status_code == 400
    assert "A decision can be recorded once the meeting has begun." in early.get_data(as_text=True)
    assert _status(idea_id) == IdeaStatus.ON_AGENDA
    assert client.post(f"{url}/approve").status_code == 302
    assert db.session.get(Meeting, meeting.id).minutes_approved_at is None


def test_a_hidden_idea_does_not_hold_up_the_minutes_and_an_empty_agenda_has_none(client, auth):
    from portal.accounts.models import Role
    from portal.moderation import services as moderation
    from tests.factories import make_user

    auth.login(make_official())
    meeting, (kept, hidden) = _held_meeting(client, ideas=2)
    moderation.hide(make_user(Role.MODERATOR), db.session.get(Idea, hidden), "Spam")
    db.session.commit()
    url = f"/meetings/{meeting.id}/minutes"
    assert f'name="decision_{hidden}"' not in client.get(url).get_data(as_text=True)
    client.post(url, data={f"decision_{kept}": "accepted", f"text_{kept}": "Yes."})
    assert client.post(f"{url}/approve").status_code == 302
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).minutes_approved
    # Typed after someone else approved: refused, the text kept.
    late = client.post(url, data={f"decision_{kept}": "accepted", f"text_{kept}": "Too late."})
    assert late.status_code == 400
    assert "Too late." in late.get_data(as_text=True)
    empty = make_meeting(utcnow() - timedelta(hours=1))
    refused = client.post(f"/meetings/{empty.id}/minutes/approve", follow_redirects=True)
    assert "There is nothing on the agenda to approve minutes of." in refused.get_data(as_text=True)
    assert db.session.get(Meeting, empty.id).minutes_approved_at is None


def test_a_recorded_decision_cannot_be_taken_back_to_undecided(client, auth):
    auth.login(make_official())
    meeting, (idea_id,) = _held_meeting(client, ideas=1)
    url = f"/meetings/{meeting.id}/minutes"
    client.post(url, data={f"decision_{idea_id}": "accepted", f"text_{idea_id}": "Yes."})
    undone = client.post(url, data={f"decision_{idea_id}": "", f"text_{idea_id}": "Yes."})
    assert undone.status_code == 400
    assert "A recorded decision keeps its outcome" in undone.get_data(as_text=True)
    assert _status(idea_id) == IdeaStatus.ACCEPTED
