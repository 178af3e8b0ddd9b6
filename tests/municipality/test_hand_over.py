"""Hand-over to a department, the officials' inbox, the public answer and its deadline."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.moderation import services as moderation
from portal.moderation.models import LogEntry
from portal.municipality import services as municipality
from portal.municipality.models import HandOver
from portal.supports.services import support
from portal.timeutil import utcnow
from tests.factories import (
    make_department,
    make_hand_over,
    make_idea,
    make_meeting,
    make_official,
    make_user,
)


def _hand_over(client, idea, department, memo="It asks for a bench.\n\n**Many** want it."):
    return client.post(
        f"/moderation/ideas/{idea.id}/hand-over",
        data={"department": department.id, "memo": memo, "note": "Sent to the roads people."},
    )


def test_moderator_hands_an_idea_over_with_a_memo_and_a_deadline(client, auth):
    department = make_department(name="Roads and Parks")
    idea = make_idea()
    auth.as_role(Role.MODERATOR)
    form = client.get(f"/moderation/ideas/{idea.id}/hand-over").get_data(as_text=True)
    assert "Roads and Parks" in form
    assert "citizens support the idea" in form  # the memo starts from a template
    response = _hand_over(client, idea, department)
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.scalar(select(HandOver))
    assert item.department_id == department.id
    assert "<strong>Many</strong>" in item.memo_html
    assert abs((item.due_at - item.created_at) - timedelta(days=30)) < timedelta(seconds=1)
    assert db.session.get(Idea, idea.id).status == IdeaStatus.HANDED_OVER
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "The municipality answers by" in page
    assert "Sent to the roads people." in page  # the public explanation in the history
    assert db.session.scalar(select(LogEntry.action).order_by(LogEntry.id.desc())) == "hand_over"


def test_handing_over_twice_or_a_hidden_idea_is_refused_and_changes_nothing(client, auth):
    department = make_department()
    idea = make_idea()
    make_hand_over(idea, department)
    auth.as_role(Role.MODERATOR)
    again = client.post(
        f"/moderation/ideas/{idea.id}/hand-over",
        data={"department": department.id, "memo": "Again"},
        follow_redirects=True,
    )
    assert "already been handed over" in again.get_data(as_text=True)
    assert db.session.query(HandOver).count() == 1

    hidden = make_idea()
    moderation.hide(make_user(Role.MODERATOR), hidden, "Spam")
    db.session.commit()
    response = _hand_over(client, hidden, department)
    assert response.status_code == 302
    refused = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "This idea is hidden, withdrawn or merged" in refused
    assert db.session.query(HandOver).count() == 1


def test_hand_over_form_errors_keep_what_was_typed(client, auth):
    idea = make_idea()
    auth.as_role(Role.MODERATOR)
    response = client.post(
        f"/moderation/ideas/{idea.id}/hand-over",
        data={"department": "999999999999", "memo": "My careful memo"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please choose a department." in page
    assert "My careful memo" in page
    assert db.session.query(HandOver).count() == 0


def test_inbox_shows_the_departments_hand_overs_overdue_first(client, auth):
    roads, culture = make_department(), make_department()
    late = make_hand_over(make_idea(title="Late idea"), roads)
    late.due_at = late.created_at = utcnow() - timedelta(days=40)
    late.due_at = utcnow() - timedelta(days=10)
    soon = make_hand_over(make_idea(title="Fresh idea"), roads)
    other = make_hand_over(make_idea(title="Other department idea"), culture)
    db.session.commit()
    auth.login(make_official(roads))
    page = client.get("/municipality/inbox").get_data(as_text=True)
    assert page.index("Late idea") < page.index("Fresh idea")
    assert "Other department idea" not in page
    assert "1 hand-over is overdue." in page
    everything = client.get("/municipality/inbox?department=all").get_data(as_text=True)
    assert "Other department idea" in everything
    assert soon.id
    assert other.id


def test_official_answers_in_public_and_sets_the_next_status(client, auth):
    department = make_department()
    author, supporter = make_user(), make_user()
    idea = make_idea(author)
    support(supporter, idea)
    db.session.commit()
    make_hand_over(idea, department)
    official = auth.login(make_official(department))
    response = client.post(
        f"/ideas/{idea.id}/answer",
        data={"answer": "We will place **two** benches. <script>x</script>", "status": "accepted"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.scalar(select(HandOver))
    assert item.answered_by_id == official.id
    assert item.answered_at is not None
    assert "<script>" not in item.answer_html
    assert "<strong>two</strong>" in item.answer_html
    assert db.session.get(Idea, idea.id).status == IdeaStatus.ACCEPTED
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "<strong>two</strong>" in page
    assert "answered the same day" in page
    mails = list(db.session.scalars(select(OutboxMessage)))
    kinds = {(m.to_address, m.kind) for m in mails}
    assert (author.email, "idea_answered") in kinds
    assert (supporter.email, "idea_answered") in kinds
    # One mail with the answer and the new status, not two.
    assert [m for m in mails if m.kind == "status_changed" and "Accepted" in m.subject] == []
    answer_mail = next(
        m for m in mails if m.kind == "idea_answered" and m.to_address == author.email
    )
    assert "New status: Accepted" in answer_mail.body_text


def test_the_answer_can_be_previewed_before_it_is_published(client, auth):
    department = make_department()
    idea = make_idea()
    make_hand_over(idea, department)
    auth.login(make_official(department))
    text = "We will place **two** benches. <script>x</script>"
    form = client.get(f"/ideas/{idea.id}/answer").get_data(as_text=True)
    assert 'name="preview"' in form
    shown = client.post(
        f"/ideas/{idea.id}/answer", data={"answer": text, "status": "accepted", "preview": "1"}
    )
    assert shown.status_code == 200
    page = shown.get_data(as_text=True)
    assert '<div class="user-content"><p>We will place <strong>two</strong> benches.' in page
    assert "<script>x</script>" not in page
    assert "**two**" in page  # the text stays in the form, to be published or changed
    db.session.expire_all()
    assert db.session.scalar(select(HandOver)).answered_at is None  # not published
    assert (
        db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "idea_answered"))
        is None
    )
    refused = client.post(f"/ideas/{idea.id}/answer", data={"answer": "", "preview": "1"})
    assert refused.status_code == 400


def test_answering_for_another_department_is_refused_with_a_reason(client, auth):
    roads, culture = make_department(name="Roads"), make_department()
    idea = make_idea()
    make_hand_over(idea, roads)
    auth.login(make_official(culture))
    response = client.post(
        f"/ideas/{idea.id}/answer", data={"answer": "Not ours", "status": "declined"}
    )
    assert response.status_code == 403
    assert "Only officials of Roads can answer this idea." in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(HandOver)).answer is None
    assert db.session.get(Idea, idea.id).status == IdeaStatus.HANDED_OVER


def test_an_illegal_status_in_the_answer_is_refused(client, auth):
    department = make_department()
    idea = make_idea()
    make_hand_over(idea, department)
    auth.login(make_official(department))
    response = client.post(
        f"/ideas/{idea.id}/answer", data={"answer": "Done", "status": "implemented"}
    )
    assert response.status_code == 400
    assert "Please choose one of the options." in response.get_data(as_text=True)
    assert "Done" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(HandOver)).answer is None


def test_overdue_hand_over_is_said_on_the_idea_page(client):
    idea = make_idea()
    item = make_hand_over(idea)
    item.created_at = utcnow() - timedelta(days=40)
    item.due_at = utcnow() - timedelta(days=10)
    db.session.commit()
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "The answer is overdue." in page


def test_moderator_marks_an_idea_under_review(client, auth):
    idea = make_idea()
    auth.as_role(Role.MODERATOR)
    response = client.post(
        f"/moderation/ideas/{idea.id}/status", data={"status": "under_review", "note": ""}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == IdeaStatus.UNDER_REVIEW
    bad = client.post(f"/moderation/ideas/{idea.id}/status", data={"status": "accepted"})
    assert bad.status_code == 400
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == IdeaStatus.UNDER_REVIEW


def test_an_idea_on_an_agenda_keeps_its_status_when_answered(client, auth):
    department = make_department()
    idea = make_idea()
    make_hand_over(idea, department)
    official = make_official(department)
    municipality.add_to_agenda(official, make_meeting(), db.session.get(Idea, idea.id))
    db.session.commit()
    auth.login(official)
    form = client.get(f"/ideas/{idea.id}/answer").get_data(as_text=True)
    assert 'checked id="status-0" name="status" required type="radio" value="on_agenda"' in form
    assert 'value="handed_over"' not in form
    bad = client.post(f"/ideas/{idea.id}/answer", data={"answer": "x", "status": "handed_over"})
    assert bad.status_code == 400
    ok = client.post(f"/ideas/{idea.id}/answer", data={"answer": "Soon", "status": "on_agenda"})
    assert ok.status_code == 302
    db.session.expire_all()
    assert db.session.get(Idea, idea.id).status == IdeaStatus.ON_AGENDA


def test_hidden_ideas_leave_the_inbox_and_cannot_be_answered(client, auth):
    department = make_department()
    idea = make_idea(title="Hidden in the inbox")
    item = make_hand_over(idea, department)
    item.due_at = item.created_at  # overdue
    db.session.commit()
    moderation.hide(make_user(Role.MODERATOR), db.session.get(Idea, idea.id), "Personal data")
    db.session.commit()
    auth.login(make_official(department))
    page = client.get("/municipality/inbox").get_data(as_text=True)
    assert "Hidden in the inbox" not in page
    assert "hand-over is overdue" not in page
    auth.as_role(Role.ADMIN)
    response = client.post(
        f"/ideas/{idea.id}/answer", data={"answer": "x", "status": "handed_over"},
        follow_redirects=True,
    )  # fmt: skip
    assert "hidden, withdrawn or merged" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalar(select(HandOver)).answer is None
