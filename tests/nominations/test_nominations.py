"""Nominating experts, the nominee's one invitation and its three answers,
the suppression list every mail honours, and the owner's pyramid."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import suppression
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.mail_sending import send_pending
from portal.nominations import queries, services
from portal.nominations.models import Nomination, Nominee, NomineeStatus
from portal.nominations.services import CallData, NominationData, NominationError
from portal.timeutil import utcnow
from tests.factories import make_challenge, make_juror, make_owner, make_user


def _call(challenge, per_nominator=3):  # type: ignore[no-untyped-def]
    services.set_call(
        make_owner(challenge),
        challenge,
        CallData("Who knows more about the harbour?", per_nominator, utcnow() + timedelta(days=9)),
    )
    db.session.commit()


def _data(name="Hanne Havnefoged", email="hanne@example.org", named=True):  # type: ignore[no-untyped-def]
    return NominationData(name, email, "She has run the harbour for twenty years.", named)


def _error(*args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(NominationError) as raised:
        services.nominate(*args)
    return raised.value.key


def _invitations(to: str) -> list[OutboxMessage]:
    return list(
        db.session.scalars(
            select(OutboxMessage).where(
                OutboxMessage.kind == "nomination_invitation", OutboxMessage.to_address == to
            )
        )
    )


def _token(message: OutboxMessage) -> str:
    return re.search(r"/nominated/([\w-]+)", message.body_text).group(1)


def test_the_rules_of_nominating():
    challenge = make_challenge()
    nominator = make_user()
    assert _error(nominator, challenge, _data()) == "no call"
    _call(challenge, per_nominator=2)
    assert _error(nominator, challenge, _data(email=nominator.email.upper())) == "self"
    services.nominate(nominator, challenge, _data())
    assert _error(nominator, challenge, _data(name="Hanne H.")) == "twice"
    services.nominate(nominator, challenge, _data(name="The harbour master", email=None))
    assert _error(nominator, challenge, _data(email="third@example.org")) == "limit"
    blocked = make_user()
    blocked.blocked_at = utcnow()
    assert _error(blocked, challenge, _data(email="x@example.org")) == "blocked"


def test_one_invitation_per_address_and_every_nomination_counts(app):
    challenge = make_challenge()
    _call(challenge)
    first, second = make_user(locale="nl"), make_user()
    services.nominate(first, challenge, _data(), "nl")
    services.nominate(second, challenge, _data(name="H. Havnefoged", email="HANNE@example.org"))
    db.session.commit()
    (mail,) = _invitations("hanne@example.org")
    assert first.display_name in mail.body_text  # named: the nominator agreed
    assert "voorgedragen" in mail.body_text  # the nominator's language
    assert "?lang=da" in mail.body_text
    (row,) = queries.pyramid(challenge).rows
    assert row.nominators == 2
    anonymous = make_challenge()
    _call(anonymous)
    services.nominate(first, anonymous, _data(named=False))
    db.session.commit()
    later = _invitations("hanne@example.org")[-1]
    assert first.display_name not in later.body_text


def test_the_nominee_takes_part_and_nominates_the_next_round(client, auth):
    challenge = make_challenge()
    _call(challenge)
    services.nominate(make_user(), challenge, _data())
    db.session.commit()
    path = f"/challenges/{challenge.id}/nominated/{_token(_invitations('hanne@example.org')[0])}"
    page = client.get(path + "?lang=nb")
    assert page.status_code == 200
    assert "nominert som ekspert" in page.get_data(as_text=True)
    assert f"/account/register?next={path}" in page.get_data(as_text=True)  # back here after
    hanne = make_user(email="hanne@example.org")
    auth.login(hanne)
    assert client.post(path, data={"answer": "take part", "shown": "y"}).status_code == 302
    nominee = db.session.scalar(select(Nominee))
    assert (nominee.status, nominee.user_id, nominee.email) == (
        NomineeStatus.TOOK_PART,
        hanne.id,
        None,  # the address is no longer needed
    )
    assert nominee.address_hash is not None
    assert client.get(path).status_code == 404  # answered: the link is spent
    services.nominate(db.session.get(User, hanne.id), challenge, _data("Ole", "ole@example.org"))
    db.session.commit()
    rounds = {n.name: n.round for n in db.session.scalars(select(Nominee))}
    assert rounds == {"Hanne Havnefoged": 1, "Ole": 2}


def test_never_e_mail_me_again_holds_for_every_mail(app, client, mail_server):
    challenge = make_challenge()
    _call(challenge)
    services.nominate(make_user(), challenge, _data())
    db.session.commit()
    (invitation,) = _invitations("hanne@example.org")
    assert "List-Unsubscribe-Post" in (invitation.headers or "")
    path = f"/challenges/{challenge.id}/nominated/{_token(invitation)}"
    assert client.get(path).status_code == 200  # a GET changes nothing
    assert not suppression.is_suppressed("hanne@example.org")
    # The one-click POST a mail program sends (RFC 8058).
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    assert suppression.is_suppressed("Hanne@Example.org")
    other = make_challenge()
    _call(other)
    services.nominate(make_user(), other, _data())
    from portal.challenges import jury

    jury.invite(make_owner(other), other, "Hanne", "hanne@example.org", "da")
    db.session.commit()
    assert _invitations("hanne@example.org")[1:] == []  # a suppressed nominee is not invited
    send_pending()
    assert [r for r in mail_server.received if "hanne@example.org" in r.recipients] == []
    statuses = db.session.scalars(select(Nominee.status)).all()
    assert statuses == [NomineeStatus.DECLINED, NomineeStatus.DECLINED]


def test_unanswered_addresses_are_erased_by_flask_nominations_expire(app, runner):
    challenge = make_challenge()
    _call(challenge)
    services.nominate(make_user(), challenge, _data())
    db.session.commit()
    nominee = db.session.scalar(select(Nominee))
    nominee.invited_at = utcnow() - timedelta(days=31)
    db.session.commit()
    result = runner.invoke(args=["nominations", "expire"])
    assert "1 addresses erased" in result.output
    nominee = db.session.scalar(select(Nominee))
    assert (nominee.status, nominee.email) == (NomineeStatus.EXPIRED, None)
    assert nominee.address_hash == suppression.address_hash("hanne@example.org")
    assert "0 addresses erased" in runner.invoke(args=["nominations", "expire"]).output


def test_the_pyramid_is_for_the_owners_and_the_jury(client, auth):
    challenge = make_challenge()
    _call(challenge)
    services.nominate(make_user(), challenge, _data())
    services.nominate(make_user(), challenge, _data(name="Pointer", email=None))
    db.session.commit()
    path = f"/challenges/{challenge.id}/pyramid"
    auth.login(make_user())
    assert client.get(path).status_code == 403
    member = make_juror(challenge)
    auth.login(db.session.get(User, member.user_id))
    page = client.get(path).get_data(as_text=True)
    assert "Hanne Havnefoged" in page
    assert "twenty years" in page
    assert "hanne@example.org" not in page  # addresses are never shown
    auth.login(make_owner(challenge))
    assert client.get(path).status_code == 200
    detail = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "2 people have been nominated" in detail


def test_a_citizen_nominates_through_the_page_and_sees_what_became_of_it(client, auth):
    challenge = make_challenge()
    _call(challenge)
    auth.login(make_user(Role.CITIZEN))
    page = client.get(f"/challenges/{challenge.id}/nominate").get_data(as_text=True)
    assert "Who knows more about the harbour?" in page
    bad = client.post(
        f"/challenges/{challenge.id}/nominate",
        data={"name": "", "email": "not an address", "knowledge": "Knows the tides."},
    )
    assert bad.status_code == 400
    assert "Knows the tides." in bad.get_data(as_text=True)
    sent = client.post(
        f"/challenges/{challenge.id}/nominate",
        data={"name": "Hanne", "email": "hanne@example.org", "knowledge": "Knows the tides."},
    )
    assert sent.status_code == 302
    mine = client.get(f"/challenges/{challenge.id}/nominate").get_data(as_text=True)
    assert "Invited, no answer yet" in mine
    assert "hanne@example.org" not in mine  # never shown back, once entered
    assert db.session.scalar(select(Nomination.named)) is False
