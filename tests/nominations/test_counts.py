"""The call's counts (people nominated, people who took part) are stored on
the call and equal what the nominations say after every change that moves
them, also when nominations arrive at the same moment."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.extensions import db
from portal.nominations import answers, owner_tools, services
from portal.nominations.counts import people_counted
from portal.nominations.models import Nomination, NominationCall, Nominee
from portal.nominations.services import CallData, NominationData
from portal.privacy import services as privacy
from portal.timeutil import utcnow
from tests.factories import make_challenge, make_owner, make_user
from tests.parallel import posts_at_once


def _call(challenge):  # type: ignore[no-untyped-def]
    owner = make_owner(challenge)
    services.set_call(owner, challenge, CallData("Who knows?", 3, utcnow() + timedelta(days=9)))
    db.session.commit()
    return owner


def _nominate(nominator, challenge, name, email=None):  # type: ignore[no-untyped-def]
    nomination = services.nominate(
        nominator, challenge, NominationData(name, email, "Knows the tides.", False)
    )
    db.session.commit()
    return nomination


def _counts(challenge) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(stored, counted) for nominated and took part, read afresh."""
    db.session.expire_all()
    call = db.session.get(NominationCall, challenge.id)
    counted = db.session.execute(
        select(people_counted(challenge.id), people_counted(challenge.id, took_part=True))
    ).one()
    assert (call.nominated, call.took_part) == tuple(counted)
    return call.nominated, call.took_part


def _by_name(name: str) -> Nominee:
    return db.session.scalar(select(Nominee).where(Nominee.name == name))


def test_the_counts_follow_every_change(app):
    challenge = make_challenge()
    owner = _call(challenge)
    assert _counts(challenge) == (0, 0)
    anna, bo = make_user(), make_user()
    _nominate(anna, challenge, "Hanne", "hanne@example.net")
    _nominate(bo, challenge, "Hanne H.", "hanne@example.net")  # the same person
    assert _counts(challenge) == (1, 0)
    _nominate(anna, challenge, "Ole", "ole@example.net")
    _nominate(bo, challenge, "Ole T.", "ole.t@example.net")  # a second record of Ole
    assert _counts(challenge) == (3, 0)
    owner_tools.merge(owner, challenge, _by_name("Ole"), _by_name("Ole T."))
    db.session.commit()
    assert _counts(challenge) == (2, 0)
    answers.take_part(make_user(name="Hanne"), _by_name("Hanne"), shown=True)
    db.session.commit()
    assert _counts(challenge) == (2, 1)
    only_ole = db.session.scalars(
        select(Nomination).join(Nominee).where(Nominee.name.like("Ole%"))
    ).all()
    moderator = make_user()
    for nomination in only_ole:
        services.hide(moderator, nomination, "Abusive.")
    db.session.commit()
    assert _counts(challenge) == (1, 1)
    services.restore(moderator, only_ole[0], "It was fine.")
    db.session.commit()
    assert _counts(challenge) == (2, 1)
    privacy.erase(db.session.get(type(anna), bo.id))  # Bo's nominations go
    db.session.commit()
    assert _counts(challenge) == (2, 1)  # Anna still names both
    privacy.erase(db.session.get(type(anna), anna.id))
    db.session.commit()
    assert _counts(challenge) == (0, 0)


def test_nominations_at_the_same_moment_are_all_counted(app):
    challenge = make_challenge()
    _call(challenge)
    path = f"/challenges/{challenge.id}/nominate"
    requests = [
        (make_user(), path, {"name": f"Expert {n}", "email": f"e{n}@example.net",
                             "knowledge": "Knows the tides."})
        for n in range(4)
    ]  # fmt: skip
    assert posts_at_once(app, requests) == [302] * 4
    assert _counts(challenge) == (4, 0)
