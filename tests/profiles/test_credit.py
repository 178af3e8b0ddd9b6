"""Credit where it is due: the author of an adopted idea or an awarded
answer is thanked by name in the reports only with their consent, and
thanked by mail, in their language, when their idea is carried out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges import agenda as challenge_agenda
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas.models import Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.mail_sending import send_pending
from portal.municipality import services as municipality
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.timeutil import utcnow
from tests.factories import make_hand_over, make_idea, make_meeting, make_official, make_user
from tests.reports.test_results_report import _published


def _mails(kind: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
        )
    )


def _accepted(author_consents: bool):  # type: ignore[no-untyped-def]
    """An idea by Karen Holm, accepted at a meeting held two hours ago."""
    author = make_user(name="Karen Holm")
    author.credit_by_name = author_consents
    meeting = make_meeting()
    official = make_official()
    idea = db.session.get(Idea, make_hand_over(make_idea(author)).idea_id)
    municipality.add_to_agenda(official, meeting, idea)
    meeting.starts_at = utcnow() - timedelta(hours=2)
    municipality.decide(official, meeting, idea, municipality.Decision.ACCEPTED, "Agreed.")
    db.session.commit()
    return meeting


def test_the_meeting_report_thanks_the_proposer_by_name_only_with_consent(client):
    named = _accepted(author_consents=True)
    report = client.get(f"/meetings/{named.id}/report").get_data(as_text=True)
    decision = report[report.index(">Decision<") :]
    assert "The municipality thanks Karen Holm, who proposed this idea." in decision
    unnamed = _accepted(author_consents=False)
    report = client.get(f"/meetings/{unnamed.id}/report").get_data(as_text=True)
    decision = report[report.index(">Decision<") :]
    assert "The municipality thanks the citizen who proposed this idea." in decision
    assert "thanks Karen Holm" not in report


def test_the_results_reports_thank_the_awarded_author_only_with_consent(client):
    challenge, answers = _published()
    winner_id = answers[0].author_id
    report = client.get(f"/challenges/{challenge.id}/report").get_data(as_text=True)
    assert "The municipality thanks the citizen who gave this answer." in report
    assert report.count('class="credit"') == 1  # the winner only, not the other answer
    winner = db.session.get(User, winner_id)  # the request ended the test's session
    winner.credit_by_name = True
    meeting = make_meeting()
    challenge_agenda.put_on_agenda(make_user(Role.ADMIN), meeting, challenge)
    db.session.commit()
    report = client.get(f"/challenges/{challenge.id}/report").get_data(as_text=True)
    thanks = f"The municipality thanks {winner.name} for this answer."
    assert thanks.replace("<", "&lt;").replace(">", "&gt;") in report  # escaped, as names are
    meeting_report = client.get(f"/meetings/{meeting.id}/report").get_data(as_text=True)
    assert thanks.replace("<", "&lt;").replace(">", "&gt;") in meeting_report


def test_the_author_is_thanked_by_mail_in_their_language_when_the_idea_is_carried_out(
    app, mail_server
):
    author, fan = make_user(locale="nl"), make_user()
    idea = db.session.get(Idea, make_hand_over(make_idea(author, title="Bankjes")).idea_id)
    notifications.follow(fan, FollowKind.IDEA, idea)
    official = make_official()
    ideas.change_status(idea, IdeaStatus.ACCEPTED, official)
    db.session.commit()
    assert not _mails("idea_implemented")
    ideas.change_status(idea, IdeaStatus.IMPLEMENTED, official, "De bankjes staan er sinds mei.")
    db.session.commit()
    (thanks,) = _mails("idea_implemented")
    assert thanks.to_address == author.email
    assert thanks.locale == "nl"
    assert thanks.subject == "Uw idee “Bankjes” is uitgevoerd: dank u wel"
    assert "De bankjes staan er sinds mei." in thanks.body_text
    assert f"/people/{author.id}" in thanks.body_text
    assert "List-Unsubscribe" in thanks.headers
    # the author's thank-you mail says it: the followers' mail goes to the fan only
    implemented = [m for m in _mails("status_changed") if "Implemented" in m.body_text]
    assert [m.to_address for m in implemented] == [fan.email]
    send_pending()
    to_author = [
        r.message["Subject"] for r in mail_server.received if r.recipients == [author.email]
    ]
    assert thanks.subject in to_author


def test_an_answer_that_carries_the_idea_out_thanks_the_author(app):
    author = make_user(locale="da")
    item = make_hand_over(make_idea(author))
    idea = db.session.get(Idea, item.idea_id)
    official = make_official()
    ideas.change_status(idea, IdeaStatus.ACCEPTED, official)
    municipality.answer(official, item, idea, "Vi har **gjort det**.", IdeaStatus.IMPLEMENTED)
    db.session.commit()
    (thanks,) = _mails("idea_implemented")
    assert "<strong>gjort det</strong>" in thanks.body_html
    assert thanks.subject.startswith("Din idé")
    assert author.email not in {m.to_address for m in _mails("idea_answered")}


def _carried_out(author: User, actor: User) -> None:
    idea = db.session.get(Idea, make_hand_over(make_idea(author)).idea_id)
    for status in (IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED):
        ideas.change_status(idea, status, actor)


def test_no_thanks_to_an_unconfirmed_address_or_to_staff_for_their_own_idea(app):
    _carried_out(make_user(verified=False), make_official())
    official = make_official()
    _carried_out(official, official)
    db.session.commit()
    assert _mails("idea_implemented") == []
