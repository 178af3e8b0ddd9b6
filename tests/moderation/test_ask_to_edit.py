"""A moderator asks the author to edit an idea instead of hiding it: held
with the reason, the author told and able to edit, then back in the queue."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas import tally
from portal.ideas.models import Category, Idea
from portal.mail import OutboxMessage
from portal.moderation import services as moderation
from portal.moderation.models import Flag, FlagReason, LogEntry
from portal.notifications import services as notifications
from portal.notifications.models import Delivery, FollowKind
from portal.timeutil import utcnow
from tests.factories import login_id, make_canned_reason, make_idea, make_user

BODY = "A bench by the harbour would help the older people who walk there every day."


def _reload(idea_id: int) -> Idea:
    db.session.expire_all()
    return db.session.get(Idea, idea_id)


def _as(client, user):  # type: ignore[no-untyped-def]
    with client.session_transaction() as session:
        session["_user_id"] = login_id(user)


def test_the_whole_round_from_request_to_publication(app, client):
    author = make_user(locale="da")
    category_follower = make_user()
    idea = make_idea(author, title="Bench by the harbour, call 12345678", body=BODY)
    notifications.save_settings(category_follower, category_delivery=Delivery.INSTANT)
    notifications.follow(
        category_follower, FollowKind.CATEGORY, db.session.get(Category, idea.category_id)
    )
    reporter = make_user()
    moderation.flag(reporter, db.session.get(Idea, idea.id), FlagReason.OTHER, "A phone number")
    idea.created_at = utcnow() - timedelta(days=30)  # long past the time for edits
    db.session.commit()
    before = tally.total()
    moderator = make_user(Role.MODERATOR)
    _as(client, moderator)
    page = client.get(f"/moderation/ideas/{idea.id}/ask-to-edit")
    assert page.status_code == 200
    asked = client.post(
        f"/moderation/ideas/{idea.id}/ask-to-edit",
        data={"reason": "Please take out the phone number."},
    )
    assert asked.status_code == 302
    held = _reload(idea.id)
    assert held.is_held_for_edit
    assert tally.total() == before - 1
    assert db.session.scalar(select(Flag.resolved_at)) is not None
    mail = db.session.scalar(select(OutboxMessage).where(OutboxMessage.kind == "edit_requested"))
    assert mail.to_address == author.email
    assert "Please take out the phone number." in mail.body_text
    assert "Redigér venligst din idé" in mail.subject  # the author's language
    assert db.session.scalar(select(LogEntry.action).order_by(LogEntry.id.desc())) == (
        "edit_requested"
    )

    client.get("/account/logout")
    visitor = client.application.test_client()
    assert visitor.get(f"/ideas/{idea.id}").status_code == 404
    _as(client, author)
    own = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "Please take out the phone number." in own
    assert f'href="/ideas/{idea.id}/edit"' in own
    form = client.get(f"/ideas/{idea.id}/edit").get_data(as_text=True)
    assert "Please take out the phone number." in form  # what to change, not an edit deadline
    assert "You can edit this idea until" not in form
    data = {"title": "Bench by the harbour", "body": BODY, "category": held.category_id,
            "publish": "1"}  # fmt: skip
    assert client.post(f"/ideas/{idea.id}/edit", data=data).status_code == 302
    waiting = _reload(idea.id)
    assert waiting.awaiting_approval
    assert waiting.title == "Bench by the harbour"
    assert not waiting.is_held_for_edit
    again = client.post(f"/ideas/{idea.id}/edit", data={**data, "title": "Another title"})
    assert again.status_code == 403  # waits for the moderators now

    _as(client, moderator)
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Edited by its author at a moderator’s request" in queue
    approved = client.post(f"/moderation/ideas/{idea.id}/approve")
    assert approved.status_code == 302
    published = _reload(idea.id)
    assert published.is_public
    assert published.edit_requested_at is None
    assert tally.total() == before
    announced = select(OutboxMessage).where(
        OutboxMessage.kind == "new_idea", OutboxMessage.to_address == category_follower.email
    )
    assert db.session.scalars(announced).all() == []  # told once, when it was first posted


def test_a_standard_reason_and_the_refusals(client, auth):
    reason = make_canned_reason(
        en="It contains a phone number.", nl="Er staat een telefoonnummer in."
    )
    author = make_user(locale="nl")
    idea = make_idea(author)
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    url = f"/moderation/ideas/{idea.id}/ask-to-edit"
    empty = client.post(url, data={"reason": ""})
    assert empty.status_code == 400
    assert "Please give a reason or choose a standard one." in empty.get_data(as_text=True)
    client.post(url, data={"canned": str(reason.id), "reason": ""})
    assert _reload(idea.id).hidden_reason == "Er staat een telefoonnummer in."
    twice = client.post(url, data={"reason": "Again"})
    assert twice.status_code == 302  # nothing to do: it is held already
    assert _reload(idea.id).hidden_reason == "Er staat een telefoonnummer in."


def test_hiding_or_restoring_a_held_idea_ends_the_request(app):
    moderator = make_user(Role.MODERATOR)
    idea = make_idea()
    moderation.ask_to_edit(moderator, db.session.get(Idea, idea.id), "Take out the address.")
    db.session.commit()
    moderation.restore(moderator, _reload(idea.id), "It was fine after all.")
    db.session.commit()
    restored = _reload(idea.id)
    assert (restored.is_public, restored.edit_requested_at) == (True, None)
    moderation.ask_to_edit(moderator, restored, "Take out the address.")
    held = _reload(idea.id)
    category = db.session.get(Category, held.category_id)
    idea_services.edit_idea(held, "A new title here", held.body, category)
    db.session.commit()
    moderation.hide(moderator, _reload(idea.id), "Still the address.")
    db.session.commit()
    hidden = _reload(idea.id)
    assert hidden.edit_requested_at is None
    assert not hidden.awaiting_approval
    assert hidden.hidden_reason == "Still the address."


def test_a_held_idea_can_still_be_hidden_and_only_ideas_under_review_are_held(client, auth):
    idea = make_idea()
    taken_up = make_idea()
    db.session.get(Idea, taken_up.id).status = "accepted"
    db.session.commit()
    auth.as_role(Role.MODERATOR)
    client.post(f"/moderation/ideas/{idea.id}/ask-to-edit", data={"reason": "The address."})
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert f'href="/moderation/ideas/{idea.id}/hide"' in page
    hidden = client.post(f"/moderation/ideas/{idea.id}/hide", data={"reason": "Not fixed."})
    assert hidden.status_code == 302
    after = _reload(idea.id)
    assert (after.hidden_reason, after.edit_requested_at) == ("Not fixed.", None)
    refused = client.get(f"/moderation/ideas/{taken_up.id}/ask-to-edit", follow_redirects=True)
    assert "Only a published idea still under review" in refused.get_data(as_text=True)
    assert not _reload(taken_up.id).is_held_for_edit


def test_moving_a_held_idea_to_another_area_is_not_the_edit_asked_for(app):
    from portal.areas.models import Area
    from tests.factories import make_area

    moderator = make_user(Role.MODERATOR)
    idea = make_idea(area=make_area())
    other = make_area()
    moderation.ask_to_edit(moderator, db.session.get(Idea, idea.id), "The phone number.")
    db.session.commit()
    held = _reload(idea.id)
    category = db.session.get(Category, held.category_id)
    idea_services.edit_idea(
        held, held.title, held.body, category, area=db.session.get(Area, other.id)
    )
    db.session.commit()
    moved = _reload(idea.id)
    assert moved.area_id == other.id
    assert moved.is_held_for_edit  # still held: the text was not changed
