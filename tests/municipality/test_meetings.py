"""Meetings, their ordered agenda, publication and decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.moderation import services as moderation
from portal.municipality import services
from portal.municipality.models import AgendaItem, HandOver, Meeting
from portal.timeutil import utcnow
from tests.factories import make_hand_over, make_idea, make_meeting, make_official, make_user


def _status(idea_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Idea, idea_id).status


def test_official_creates_a_meeting_in_local_time(client, auth):
    auth.login(make_official())
    response = client.post(
        "/meetings/new",
        data={"body": "City Council", "date": "2027-03-12", "time": "19:00",
              "place": "Town hall, room 2", "description": "Budget and ideas"},
    )  # fmt: skip
    assert response.status_code == 302
    meeting = db.session.scalar(select(Meeting))
    # Testing runs in Europe/Copenhagen: 19:00 local in March is 18:00 UTC.
    assert meeting.starts_at.hour == 18
    assert meeting.published_at is None


@pytest.mark.parametrize("typed", ["19:30", "19.30"])
def test_a_time_typed_as_the_language_writes_it_is_taken(client, auth, typed):
    """Where the browser shows no clock, a Dane or a Norwegian types 19.30,
    as the field's hint writes it in their language."""
    auth.login(make_official())
    response = client.post(
        "/meetings/new",
        data={"body": "Council", "date": "2027-03-12", "time": typed, "place": "Hall"},
    )
    assert response.status_code == 302
    assert db.session.scalar(select(Meeting)).starts_at.minute == 30


def test_a_bad_date_is_explained_and_nothing_typed_is_lost(client, auth):
    auth.login(make_official())
    response = client.post(
        "/meetings/new",
        data={"body": "City Council", "date": "12/03/2027", "time": "7pm", "place": "Hall"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please give the date as year-month-day" in page
    assert "Please give the time as hours and minutes" in page
    assert "City Council" in page
    assert db.session.query(Meeting).count() == 0


def test_agenda_is_built_ordered_and_published(client, auth):
    meeting = make_meeting(published=False)
    first, second = make_hand_over().idea_id, make_hand_over().idea_id
    auth.login(make_official())
    for idea_id in (first, second):
        assert (
            client.post(f"/meetings/{meeting.id}/agenda", data={"idea": idea_id}).status_code == 302
        )
    # A draft's agenda is not public yet: the ideas show no new status until publication.
    assert _status(first) == IdeaStatus.HANDED_OVER
    client.post(f"/meetings/{meeting.id}/agenda/{second}/up")
    order = db.session.scalars(
        select(AgendaItem.idea_id)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position)
    ).all()
    assert order == [second, first]
    client.post(f"/meetings/{meeting.id}/agenda/{first}/remove")
    assert db.session.query(AgendaItem).count() == 1
    auth.logout()
    assert client.get(f"/meetings/{meeting.id}").status_code == 404  # a draft
    assert "Council" not in client.get("/meetings/").get_data(as_text=True)
    auth.login(make_official())
    client.post(f"/meetings/{meeting.id}/publish")
    assert _status(second) == IdeaStatus.ON_AGENDA
    assert _status(first) == IdeaStatus.HANDED_OVER
    auth.logout()
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "&lt;b&gt;Council&lt;/b&gt;" in page
    assert f"/ideas/{second}" in page


def test_only_handed_over_ideas_go_on_an_agenda(client, auth):
    meeting = make_meeting()
    fresh = make_idea()
    official = auth.login(make_official())
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f'<option value="{fresh.id}">' not in page  # not offered
    response = client.post(f"/meetings/{meeting.id}/agenda", data={"idea": fresh.id})
    assert response.status_code == 400
    assert "Please choose an idea." in response.get_data(as_text=True)
    assert db.session.query(AgendaItem).count() == 0
    with pytest.raises(services.MunicipalityError) as refused:  # the rule behind the form
        services.add_to_agenda(official, meeting, fresh)
    assert refused.value.key == "not handed over"


def test_decisions_are_recorded_after_the_meeting_and_move_the_idea(client, auth):
    meeting = make_meeting()
    accepted, postponed = make_hand_over().idea_id, make_hand_over().idea_id
    auth.login(make_official())
    for idea_id in (accepted, postponed):
        client.post(f"/meetings/{meeting.id}/agenda", data={"idea": idea_id})
    early = client.post(
        f"/meetings/{meeting.id}/agenda/{accepted}/decision",
        data={"decision": "accepted", "text": "Yes"}, follow_redirects=True,
    )  # fmt: skip
    assert "A decision can be recorded once the meeting has begun." in early.get_data(as_text=True)
    assert _status(accepted) == IdeaStatus.ON_AGENDA

    meeting = db.session.get(Meeting, meeting.id)
    meeting.starts_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    client.post(
        f"/meetings/{meeting.id}/agenda/{accepted}/decision",
        data={"decision": "accepted", "text": "The council **agrees**."},
    )
    client.post(
        f"/meetings/{meeting.id}/agenda/{postponed}/decision",
        data={"decision": "postponed", "text": "Needs a cost estimate."},
    )
    assert _status(accepted) == IdeaStatus.ACCEPTED
    assert _status(postponed) == IdeaStatus.HANDED_OVER
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "<strong>agrees</strong>" in page
    idea_page = client.get(f"/ideas/{accepted}").get_data(as_text=True)
    assert "The council <strong>agrees</strong>." in idea_page

    twice = client.post(
        f"/meetings/{meeting.id}/agenda/{accepted}/decision",
        data={"decision": "declined", "text": "No"}, follow_redirects=True,
    )  # fmt: skip
    assert "already been recorded" in twice.get_data(as_text=True)
    assert _status(accepted) == IdeaStatus.ACCEPTED


def test_a_decision_on_an_idea_not_on_the_agenda_changes_nothing(client, auth):
    meeting = make_meeting(utcnow() - timedelta(days=1))
    elsewhere = make_hand_over().idea_id
    auth.login(make_official())
    response = client.post(
        f"/meetings/{meeting.id}/agenda/{elsewhere}/decision",
        data={"decision": "accepted", "text": "Yes"}, follow_redirects=True,
    )  # fmt: skip
    assert "That idea is not on the agenda of this meeting." in response.get_data(as_text=True)
    assert _status(elsewhere) == IdeaStatus.HANDED_OVER


def test_meetings_list_upcoming_and_past(client):
    make_meeting(utcnow() + timedelta(days=3), body="Upcoming committee")
    make_meeting(utcnow() - timedelta(days=3), body="Past council")
    make_meeting(utcnow() + timedelta(days=5), body="Secret draft", published=False)
    page = client.get("/meetings/").get_data(as_text=True)
    assert page.index("Upcoming committee") < page.index("Past council")
    assert "Secret draft" not in page


def test_a_hidden_idea_leaves_the_public_agenda(client, auth):
    meeting = make_meeting()
    official = make_official()
    idea = db.session.get(Idea, make_hand_over(make_idea(title="Hidden agenda idea")).idea_id)
    services.add_to_agenda(official, meeting, idea)
    moderation.hide(make_user(Role.MODERATOR), idea, "Personal data")
    db.session.commit()
    public = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Hidden agenda idea" not in public
    assert "0 ideas on the agenda" in client.get("/meetings/").get_data(as_text=True)
    auth.login(official)
    staff = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Hidden by a moderator: Personal data" in staff
    assert f"Idea #{idea.id} (hidden by a moderator)" in staff
    assert "Hidden agenda idea" not in staff  # not to officials either, as in the log


def _on_agenda(meeting) -> int:  # type: ignore[no-untyped-def]
    idea = db.session.get(Idea, make_hand_over().idea_id)
    services.add_to_agenda(make_official(), meeting, idea)
    db.session.commit()
    return idea.id


def test_a_held_meetings_agenda_and_time_no_longer_change(client, auth):
    meeting = make_meeting()
    first, second = _on_agenda(meeting), _on_agenda(meeting)
    db.session.get(Meeting, meeting.id).starts_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    auth.login(make_official())
    moved = client.post(f"/meetings/{meeting.id}/agenda/{second}/up", follow_redirects=True)
    assert "already begun" in moved.get_data(as_text=True)
    order = db.session.scalars(
        select(AgendaItem.idea_id).where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position)
    ).all()  # fmt: skip
    assert order == [first, second]
    edit = client.post(
        f"/meetings/{meeting.id}/edit",
        data={"body": "Council", "date": "2099-01-01", "time": "19:00", "place": "Hall"},
    )
    assert edit.status_code == 400
    assert "already begun" in edit.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Meeting, meeting.id).starts_at < utcnow()


def test_early_dates_are_refused_with_a_message(client, auth):
    auth.login(make_official())
    response = client.post(
        "/meetings/new", data={"body": "Council", "date": "0001-01-01", "time": "00:30",
                               "place": "Hall"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "between the years 2000 and 2100" in response.get_data(as_text=True)


def test_a_draft_agenda_tells_nobody_until_it_is_published(client, auth):
    meeting = make_meeting(published=False)
    idea_id = _on_agenda(meeting)
    assert _status(idea_id) == IdeaStatus.HANDED_OVER
    other = make_meeting(published=False)
    with pytest.raises(services.MunicipalityError):  # on one agenda at a time
        services.add_to_agenda(make_official(), other, db.session.get(Idea, idea_id))
    db.session.rollback()
    before = db.session.query(OutboxMessage).filter_by(kind="status_changed").count()
    services.publish(make_official(), db.session.get(Meeting, meeting.id))
    db.session.commit()
    assert _status(idea_id) == IdeaStatus.ON_AGENDA
    assert db.session.query(OutboxMessage).filter_by(kind="status_changed").count() > before


def test_a_decision_answers_the_hand_over(client, auth):
    meeting = make_meeting()
    idea_id = _on_agenda(meeting)
    db.session.get(Meeting, meeting.id).starts_at = utcnow() - timedelta(hours=1)
    db.session.commit()
    auth.login(make_official())
    client.post(
        f"/meetings/{meeting.id}/agenda/{idea_id}/decision",
        data={"decision": "declined", "text": "Too expensive this year."},
    )
    db.session.expire_all()
    item = db.session.scalar(select(HandOver).where(HandOver.idea_id == idea_id))
    assert item.answered_at is not None
    # The decision's text is shown once, under "At meetings": the answer points there.
    assert item.answer_html == ""
    page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    assert page.count("Too expensive this year.") == 2  # the meeting's decision, the history
    assert "The municipality answered with the decision of a meeting" in page


def test_officials_take_a_hidden_idea_off_the_agenda(client, auth):
    meeting = make_meeting()
    idea_id = _on_agenda(meeting)
    moderation.hide(make_user(Role.MODERATOR), db.session.get(Idea, idea_id), "Personal data")
    db.session.commit()
    auth.login(make_official())
    response = client.post(f"/meetings/{meeting.id}/agenda/{idea_id}/remove")
    assert response.status_code == 302
    assert db.session.query(AgendaItem).count() == 0


def _decided(decision: str, text: str) -> tuple[Meeting, int]:
    """An idea on the agenda of a meeting held two hours ago, decided."""
    meeting = make_meeting()
    official = make_official()
    idea = db.session.get(Idea, make_hand_over().idea_id)
    services.add_to_agenda(official, meeting, idea)
    meeting.starts_at = utcnow() - timedelta(hours=2)
    services.decide(official, meeting, idea, services.Decision(decision), text)
    db.session.commit()
    return meeting, idea.id


def test_a_decision_in_markdown_reads_as_text_in_the_history_feed_and_report(client):
    meeting, idea_id = _decided("accepted", "The council **agrees** unanimously.")
    idea_page = client.get(f"/ideas/{idea_id}").get_data(as_text=True)
    history = idea_page[idea_page.index('id="history-heading"') :]
    assert "<strong>agrees</strong>" in history
    assert "**agrees**" not in idea_page
    feed = client.get(f"/feeds/ideas/{idea_id}.atom").get_data(as_text=True)
    assert "**agrees**" not in feed
    report = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert "**agrees**" not in report
    assert "<strong>agrees</strong>" in report


def test_a_postponed_idea_says_so_in_its_history_and_mail(client):
    from portal.mail import OutboxMessage

    author = make_user(locale="da")
    meeting = make_meeting()
    official = make_official()
    idea = db.session.get(Idea, make_hand_over(make_idea(author)).idea_id)
    services.add_to_agenda(official, meeting, idea)
    meeting.starts_at = utcnow() - timedelta(hours=2)
    db.session.commit()
    services.decide(official, meeting, idea, services.Decision.POSTPONED, "Needs a price.")
    db.session.commit()
    mail = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.to_address == author.email, OutboxMessage.kind == "status_changed")
        .order_by(OutboxMessage.id.desc())
    ).first()
    assert "Udvalget har udsat den: den venter på et senere møde." in mail.body_text
    assert "er udsat" in mail.subject
    assert "Ny status" not in mail.body_text
    page = client.get(f"/ideas/{idea.id}", headers={"Accept-Language": "nl"})
    assert "De commissie heeft het uitgesteld" in page.get_data(as_text=True)


def test_the_log_words_agenda_and_hand_over_entries_in_the_readers_language(client, auth):
    from tests.factories import make_department

    department = make_department(name="Roads and Parks")
    idea = db.session.get(Idea, make_hand_over(department=department).idea_id)
    meeting = make_meeting()
    official = make_official()
    other = db.session.get(Idea, make_hand_over().idea_id)
    for item in (idea, other):
        services.add_to_agenda(official, meeting, item)
    services.move(official, meeting, other.id, "up")
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    log = client.get("/moderation/log", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert "Til: Roads and Parks (da)" in log
    assert f"Idé nr. {other.id} rykket op" in log
    assert "→ Roads and Parks" not in log
    assert f"#{other.id} up" not in log
