"""What pyramiding tells people: a nominator hears that their nominee took
part (at once or in their digest), and the owners get a daily summary of
new nominations while the call is open."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.nominations import answers, notices, services
from portal.nominations.models import Nominee
from portal.nominations.services import CallData, NominationData
from portal.notifications import services as notifications
from portal.notifications.digests import build_digests
from portal.notifications.models import Delivery
from portal.timeutil import utcnow
from tests.factories import make_challenge, make_owner, make_user


def _mails(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)))


def _nominated(challenge, nominator, name, email):  # type: ignore[no-untyped-def]
    return services.nominate(
        nominator, challenge, NominationData(name, email, "Knows the harbour.", False)
    )


def test_a_nominator_hears_that_their_nominee_took_part(app):
    challenge = make_challenge()
    services.set_call(make_owner(challenge), challenge,
                      CallData("Who knows?", 3, utcnow() + timedelta(days=9)))  # fmt: skip
    at_once, daily = make_user(locale="nl"), make_user()
    notifications.save_settings(daily, challenge_delivery=Delivery.DAILY)
    notifications.save_settings(at_once, challenge_delivery=Delivery.INSTANT)
    _nominated(challenge, at_once, "Hanne", "hanne@example.org")
    _nominated(challenge, daily, "Hanne", "hanne@example.org")
    db.session.commit()
    nominee = db.session.scalar(select(Nominee))
    hanne = make_user(email="hanne@example.org")
    answers.take_part(hanne, nominee, shown=False)
    db.session.commit()
    (mail,) = _mails("nominee_took_part")
    assert mail.to_address == at_once.email
    assert "Hanne" in mail.body_text
    assert "die u als expert voordroeg" in mail.body_text  # the nominator's language
    assert build_digests(Delivery.DAILY, utcnow() + timedelta(minutes=1)).written == 1
    (digest,) = _mails("digest")
    assert digest.to_address == daily.email
    assert "Experts you nominated who take part" in digest.body_text
    assert f"Hanne – {challenge.title}" in digest.body_text


def test_the_owners_get_one_summary_a_day_of_new_nominations(app):
    challenge = make_challenge()
    owner = make_owner(challenge)
    services.set_call(owner, challenge, CallData("Who knows?", 3, utcnow() + timedelta(days=9)))
    db.session.commit()
    assert notices.summarise() == 0  # nothing came in
    for n in range(3):
        _nominated(challenge, make_user(), f"Expert {n}", f"expert{n}@example.org")
    _nominated(challenge, make_user(), "Expert 0", "expert0@example.org")
    db.session.commit()
    later = utcnow() + timedelta(seconds=1)
    officials = set(
        db.session.scalars(
            select(User.email).where(
                User.role == Role.OFFICIAL, User.department_id == challenge.department_id
            )
        )
    )
    assert owner.email in officials
    assert notices.summarise(later) == len(officials)  # each of the department's officials
    assert notices.summarise(later) == 0  # safe to run twice
    db.session.commit()
    mails = _mails("nominations_summary")
    assert {m.to_address for m in mails} == officials
    mail = mails[0]
    assert "4 new nominations" in mail.subject
    assert "3 people were nominated for the first time" in mail.body_text
    assert "1. Expert 0" in mail.body_text  # the leader, named twice
    assert notices.summarise(later + timedelta(days=1)) == 0  # nothing new since
