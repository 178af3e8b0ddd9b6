"""Who may answer: everyone registered, or also people the owners invite by
e-mail — one invitation per address, while the challenge is open."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.challenges import invitations
from portal.challenges.invitations import InvitationError
from portal.challenges.models import AnswerInvitation, Challenge
from portal.extensions import db
from portal.mail import OutboxMessage
from tests.challenges.test_pages import _form
from tests.factories import (
    make_answer,
    make_challenge,
    make_department,
    make_official,
    make_owner,
    make_terms,
    make_user,
)


def _error(*args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(InvitationError) as raised:
        invitations.invite(*args)
    return raised.value.key


def test_the_owner_chooses_who_may_answer_in_the_form(client, auth):
    department = make_department()
    auth.login(make_official(department))
    data = _form(department, make_terms(), who_answers="invited")
    assert client.post("/challenges/new", data=data).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert challenge.invites_answerers is True
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "also people the municipality invites by e-mail" in page
    bad = client.post("/challenges/new", data={**data, "who_answers": "friends"})
    assert bad.status_code == 400
    assert "Please choose one of the options." in bad.get_data(as_text=True)


def test_invitations_once_per_address_while_open_and_only_when_chosen():
    closed_to_invites = make_challenge()
    owner = make_owner(closed_to_invites)
    assert _error(owner, closed_to_invites, "Ann", "ann@example.org", "da") == "not inviting"
    challenge = make_challenge(invites_answerers=True)
    owner = make_owner(challenge)
    invitations.invite(owner, challenge, "Ann", "Ann@Example.org", "da", "You know the harbour.")
    db.session.commit()
    assert _error(owner, challenge, "Ann again", "ann@example.org", "nl") == "already invited"
    (mail,) = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "answer_invitation")
    ).all()
    assert mail.to_address == "ann@example.org"
    assert "inviterer dig til at give et bidrag" in mail.body_text
    assert "You know the harbour." in mail.body_text
    assert f"/challenges/{challenge.id}/answer" in mail.body_text
    draft = make_challenge(phase="draft", invites_answerers=True)
    assert _error(make_owner(draft), draft, "Bo", "bo@example.org", "da") == "not open"


def test_at_most_so_many_invitations(monkeypatch):
    monkeypatch.setattr(invitations, "INVITATIONS_MAX", 2)
    challenge = make_challenge(invites_answerers=True)
    owner = make_owner(challenge)
    for n in range(2):
        invitations.invite(owner, challenge, f"P{n}", f"p{n}@example.org", "en")
    assert _error(owner, challenge, "P3", "p3@example.org", "en") == "too many"


def test_the_owners_page_invites_and_shows_who_answered(client, auth):
    challenge = make_challenge(invites_answerers=True)
    invitee = make_user(email="expert@example.org")
    auth.login(make_owner(challenge))
    page = client.get(f"/challenges/{challenge.id}/invitations")
    assert page.status_code == 200
    bad = client.post(
        f"/challenges/{challenge.id}/invitations",
        data={"name": "Expert", "email": "not-an-address", "locale": "nl", "message": "Kom!"},
    )
    assert bad.status_code == 400
    assert "Please enter a valid e-mail address." in bad.get_data(as_text=True)
    assert "Kom!" in bad.get_data(as_text=True)
    sent = client.post(
        f"/challenges/{challenge.id}/invitations",
        data={"name": "Expert", "email": "expert@example.org", "locale": "nl", "message": ""},
    )
    assert sent.status_code == 302
    assert db.session.scalar(select(AnswerInvitation.locale)) == "nl"
    assert "Not yet" in client.get(f"/challenges/{challenge.id}/invitations").get_data(as_text=True)
    make_answer(db.session.get(Challenge, challenge.id), invitee)
    listing = client.get(f"/challenges/{challenge.id}/invitations").get_data(as_text=True)
    assert "Yes, 1 answer" in listing
    again = client.post(
        f"/challenges/{challenge.id}/invitations",
        data={"name": "Expert", "email": "expert@example.org", "locale": "nl"},
    )
    assert "already been invited" in again.get_data(as_text=True)


def test_only_the_owners_of_an_inviting_challenge_see_the_page(client, auth):
    plain = make_challenge()
    auth.login(make_owner(plain))
    assert client.get(f"/challenges/{plain.id}/invitations").status_code == 403
    inviting = make_challenge(invites_answerers=True)
    auth.login(make_user())
    assert client.get(f"/challenges/{inviting.id}/invitations").status_code == 403
