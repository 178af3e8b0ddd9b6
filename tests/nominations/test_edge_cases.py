"""What an independent review tried: addresses that must not outlive their
use, two records of one person each with a live link, self-nomination
through a second address, hidden nominations, two nominations of one new
address at the same moment, and a GET that must change nothing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal import suppression
from portal.challenges.models import AnswerInvitation, JuryMember
from portal.extensions import db
from portal.mail import ERASED_ADDRESS, OutboxMessage, OutboxStatus
from portal.nominations import answers, owner_tools, queries, services
from portal.nominations.models import Nomination, NominationCall, Nominee, NomineeStatus
from portal.nominations.services import CallData, NominationData, NominationError
from portal.timeutil import utcnow
from tests.factories import make_challenge, make_owner, make_user


def _call(challenge):  # type: ignore[no-untyped-def]
    owner = make_owner(challenge)
    services.set_call(owner, challenge, CallData("Who knows?", 3, utcnow() + timedelta(days=9)))
    db.session.commit()
    return owner


def _nominate(nominator, challenge, name, email=None):  # type: ignore[no-untyped-def]
    return services.nominate(
        nominator, challenge, NominationData(name, email, "Knows the tides.", False)
    )


def _token(email: str) -> str:
    body = db.session.scalar(
        select(OutboxMessage.body_text).where(
            OutboxMessage.kind == "nomination_invitation", OutboxMessage.to_address == email
        )
    )
    return re.search(r"/nominated/([\w-]+)", body).group(1)


def _addresses() -> set[str]:
    return set(db.session.scalars(select(OutboxMessage.to_address)))


def test_an_unanswered_nominees_address_leaves_the_outbox_and_the_owners_invitations(app):
    challenge = make_challenge()
    owner = _call(challenge)
    nomination = _nominate(make_user(), challenge, "Anna", "anna@example.net")
    db.session.commit()
    anna = db.session.get(Nominee, nomination.nominee_id)
    owner_tools.invite_to(owner, challenge, anna, "jury")
    owner_tools.invite_to(owner, challenge, anna, "answer")
    db.session.execute(  # the mails went out
        OutboxMessage.__table__.update().values(status=OutboxStatus.SENT)
    )
    db.session.commit()
    assert "anna@example.net" in _addresses()
    # Forty days later nobody has answered anything.
    later = utcnow() + timedelta(days=40)
    assert answers.expire(later) == 3  # the nominee, the jury's and the answer invitation
    db.session.commit()
    assert "anna@example.net" not in _addresses()
    assert ERASED_ADDRESS in _addresses()  # the mails are kept, not where they went
    assert db.session.scalar(select(func.count()).select_from(JuryMember)) == 0
    assert db.session.scalar(select(func.count()).select_from(AnswerInvitation)) == 0
    db.session.expire_all()
    anna = db.session.get(Nominee, anna.id)
    assert (anna.status, anna.email, anna.jury_member_id) == (NomineeStatus.EXPIRED, None, None)
    assert answers.expire(later) == 0  # idempotent


def test_answering_erases_the_address_from_the_invitations_mail(app):
    challenge = make_challenge()
    _call(challenge)
    nomination = _nominate(make_user(), challenge, "Ole", "ole@example.net")
    db.session.execute(OutboxMessage.__table__.update().values(status=OutboxStatus.SENT))
    db.session.commit()
    answers.decline(db.session.get(Nominee, nomination.nominee_id))
    db.session.commit()
    assert "ole@example.net" not in _addresses()


def test_either_link_of_a_merged_person_answers_for_the_kept_record(app):
    challenge = make_challenge()
    owner = _call(challenge)
    first, second = make_user(), make_user()
    _nominate(first, challenge, "X", "x1@example.net")
    _nominate(second, challenge, "X.", "x2@example.net")
    db.session.commit()
    links = {e: _token(e) for e in ("x1@example.net", "x2@example.net")}
    keep, other = (db.session.scalar(select(Nominee).where(Nominee.name == n)) for n in ("X", "X."))
    owner_tools.merge(owner, challenge, keep, other)
    db.session.commit()
    assert db.session.get(Nominee, other.id).email is None  # one address per person
    assert answers.invitation(challenge, links["x1@example.net"]).id == keep.id
    assert answers.invitation(challenge, links["x2@example.net"]).id == keep.id
    answers.take_part(make_user(), answers.invitation(challenge, links["x2@example.net"]), True)
    db.session.commit()
    assert db.session.get(Nominee, keep.id).status == NomineeStatus.TOOK_PART
    assert answers.invitation(challenge, links["x1@example.net"]) is None  # every link dies
    assert answers.invitation(challenge, links["x2@example.net"]) is None
    call = db.session.get(NominationCall, challenge.id)
    db.session.refresh(call)
    assert (call.nominated, call.took_part) == (1, 1)


def test_never_e_mail_me_again_covers_every_address_of_a_merged_person(app):
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(), challenge, "Y", "y1@example.net")
    _nominate(make_user(), challenge, "Y.", "y2@example.net")
    db.session.commit()
    keep, other = (db.session.scalar(select(Nominee).where(Nominee.name == n)) for n in ("Y", "Y."))
    owner_tools.merge(owner, challenge, keep, other)
    answers.decline(keep, never_again=True)
    db.session.commit()
    assert suppression.is_suppressed("y1@example.net")
    assert suppression.is_suppressed("y2@example.net")


def test_a_nominator_cannot_take_part_as_their_own_nominee(client, auth):
    challenge = make_challenge()
    _call(challenge)
    camilla = make_user()
    _nominate(camilla, challenge, "Camilla's other self", "camilla.alt@example.net")
    db.session.commit()
    path = f"/challenges/{challenge.id}/nominated/{_token('camilla.alt@example.net')}"
    auth.login(camilla)
    refused = client.post(path, data={"answer": "take part", "shown": "y"})
    assert refused.status_code == 200
    assert "You nominated this person yourself" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Nominee.status)) == NomineeStatus.INVITED
    with pytest.raises(NominationError):
        answers.take_part(camilla, db.session.scalar(select(Nominee)), shown=False)


def test_a_person_whose_only_nomination_is_hidden_leaves_the_pyramid_and_the_count(app):
    challenge = make_challenge()
    _call(challenge)
    moderator = make_user()
    _nominate(make_user(), challenge, "Evil <script>", "evil@example.net")
    _nominate(make_user(), challenge, "Fine", "fine@example.net")
    db.session.commit()
    evil = db.session.scalar(
        select(Nomination).join(Nominee).where(Nominee.name == "Evil <script>")
    )
    services.hide(moderator, evil, "Abusive.")
    db.session.commit()
    found = queries.pyramid(challenge)
    assert [r.nominee.name for r in found.rows] == ["Fine"]
    assert all(p.row is None or p.row.nominee.name == "Fine" for p in found.people)
    call = db.session.get(NominationCall, challenge.id)
    db.session.refresh(call)
    assert call.nominated == 1


def test_two_nominations_of_one_new_address_at_the_same_moment(app, monkeypatch):
    """The second sees no nominee yet, then meets the first's in the unique
    index: its nomination counts for that nominee, and no second mail goes."""
    challenge = make_challenge()
    _call(challenge)
    _nominate(make_user(), challenge, "Hanne", "hanne@example.net")
    db.session.commit()
    late = make_user()
    original = services._existing
    calls = []

    def not_yet_then_found(*args):  # type: ignore[no-untyped-def] - the race: not seen yet
        calls.append(args)
        return None if len(calls) == 1 else original(*args)

    monkeypatch.setattr(services, "_existing", not_yet_then_found)
    nomination = _nominate(late, challenge, "H.", "hanne@example.net")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Nominee)) == 1
    assert db.session.scalar(select(func.count()).select_from(Nomination)) == 2
    assert nomination.name == "H."  # their own words for their own list
    kinds = db.session.scalars(select(OutboxMessage.kind)).all()
    assert kinds.count("nomination_invitation") == 1


def test_a_get_with_a_one_click_body_changes_nothing(client):
    challenge = make_challenge()
    _call(challenge)
    _nominate(make_user(), challenge, "Kim", "kim@example.net")
    db.session.commit()
    path = f"/challenges/{challenge.id}/nominated/{_token('kim@example.net')}"
    client.open(path, method="GET", data={"List-Unsubscribe": "One-Click"})
    assert not suppression.is_suppressed("kim@example.net")
    assert db.session.scalar(select(Nominee.status)) == NomineeStatus.INVITED


def test_a_nominators_list_shows_the_name_they_gave(client, auth):
    challenge = make_challenge()
    _call(challenge)
    _nominate(make_user(), challenge, "Vibeke Vandværk", "vibeke@example.net")
    prober = make_user()
    _nominate(prober, challenge, "Who is this?", "vibeke@example.net")
    db.session.commit()
    auth.login(prober)
    mine = client.get(f"/challenges/{challenge.id}/nominate").get_data(as_text=True)
    assert "Who is this?" in mine
    assert "Vibeke Vandværk" not in mine  # another nominator's words
    data = client.get("/account/data").get_json()["nominations"]["made"]
    assert [m["name"] for m in data] == ["Who is this?"]


def _sent() -> None:
    db.session.execute(OutboxMessage.__table__.update().values(status=OutboxStatus.SENT))


def _by_name(name: str) -> Nominee:
    return db.session.scalar(select(Nominee).where(Nominee.name == name))


def test_a_newer_invited_record_merges_into_an_older_pointer(app):
    """The kept record takes the other's live link (unique): no crash, and
    the link leads to the kept record."""
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(), challenge, "The harbour master")  # a pointer
    _nominate(make_user(), challenge, "Hanne", "hanne@example.net")
    db.session.commit()
    link = _token("hanne@example.net")
    owner_tools.merge(owner, challenge, _by_name("The harbour master"), _by_name("Hanne"))
    db.session.commit()
    kept = _by_name("The harbour master")
    assert (kept.status, kept.email) == (NomineeStatus.INVITED, "hanne@example.net")
    assert answers.invitation(challenge, link).id == kept.id


def test_a_merged_records_address_leaves_the_outbox_of_that_challenge_only(app):
    challenge, elsewhere = make_challenge(), make_challenge()
    owner = _call(challenge)
    _call(elsewhere)
    _nominate(make_user(), challenge, "X", "x1@example.net")
    _nominate(make_user(), challenge, "X.", "x2@example.net")
    _nominate(make_user(), elsewhere, "X in another call", "x2@example.net")
    _sent()
    db.session.commit()
    owner_tools.merge(owner, challenge, _by_name("X"), _by_name("X."))
    db.session.commit()
    to_x2 = db.session.scalars(
        select(OutboxMessage.about).where(OutboxMessage.to_address == "x2@example.net")
    ).all()
    assert to_x2 == [f'{{"challenges": [{elsewhere.id}]}}']  # still needed there


def test_a_nominee_who_took_part_cannot_nominate_the_address_they_were_invited_at(app):
    challenge = make_challenge()
    _call(challenge)
    nomination = _nominate(make_user(), challenge, "Rita", "rita.work@example.net")
    db.session.commit()
    rita = make_user(email="rita.home@example.net")
    answers.take_part(rita, db.session.get(Nominee, nomination.nominee_id), shown=False)
    db.session.commit()
    with pytest.raises(NominationError) as raised:
        _nominate(rita, challenge, "Rita at work", "rita.work@example.net")
    assert raised.value.key == "self"


def test_each_nominator_hears_in_their_own_words(app):
    from portal.notifications import services as notifications
    from portal.notifications.models import Delivery

    challenge = make_challenge()
    _call(challenge)
    polite, rude = make_user(), make_user()
    for user in (polite, rude):
        notifications.save_settings(user, challenge_delivery=Delivery.INSTANT)
    _nominate(polite, challenge, "Hanne Havnefoged", "hanne@example.net")
    _nominate(rude, challenge, "Hanne (the drunk)", "hanne@example.net")
    db.session.commit()
    answers.take_part(make_user(), db.session.scalar(select(Nominee)), shown=False)
    db.session.commit()
    mails = {
        m.to_address: m.body_text
        for m in db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "nominee_took_part")
        )
    }
    assert "the drunk" not in mails[polite.email]
    assert "Hanne Havnefoged" not in mails[rude.email]


def test_an_expert_whose_only_nomination_is_hidden_is_not_named_on_the_challenge(client):
    challenge = make_challenge()
    _call(challenge)
    nomination = _nominate(make_user(), challenge, "Hidden Expert", "hidden@example.net")
    db.session.commit()
    answers.take_part(make_user(name="Hidden Expert"), _by_name("Hidden Expert"), shown=True)
    db.session.commit()
    page = f"/challenges/{challenge.id}"
    assert "Hidden Expert" in client.get(page).get_data(as_text=True)
    services.hide(make_user(), db.session.get(Nomination, nomination.id), "Abusive.")
    db.session.commit()
    assert "Hidden Expert" not in client.get(page).get_data(as_text=True)


def test_never_e_mail_me_again_survives_a_later_merge(app):
    challenge = make_challenge()
    owner = _call(challenge)
    _nominate(make_user(), challenge, "Z", "z1@example.net")
    db.session.commit()
    answers.decline(_by_name("Z"), never_again=True)
    _nominate(make_user(), challenge, "Z.", "z2@example.net")  # suppressed z1 only
    db.session.commit()
    owner_tools.merge(owner, challenge, _by_name("Z"), _by_name("Z."))
    db.session.commit()
    assert _by_name("Z").status == NomineeStatus.DECLINED  # said no: stays so
    assert suppression.is_suppressed("z2@example.net")
    with pytest.raises(NominationError):
        owner_tools.invite_to(owner, challenge, _by_name("Z"), "jury")


def test_a_nominee_who_joins_the_jury_leaves_no_address_behind(app):
    from portal.challenges import jury

    challenge = make_challenge()
    owner = _call(challenge)
    nomination = _nominate(make_user(), challenge, "Jo", "jo.work@example.net")
    db.session.commit()
    owner_tools.invite_to(owner, challenge, db.session.get(Nominee, nomination.nominee_id), "jury")
    _sent()
    db.session.commit()
    body = db.session.scalar(
        select(OutboxMessage.body_text).where(OutboxMessage.kind == "jury_invitation")
    )
    member = jury.join(make_user(), challenge, re.search(r"/jury/join/([\w-]+)", body).group(1))
    db.session.commit()
    assert member.email is None
    assert (
        db.session.scalar(
            select(OutboxMessage.to_address).where(OutboxMessage.kind == "jury_invitation")
        )
        == ERASED_ADDRESS
    )


def test_one_nominator_is_one_arrow_after_a_merge(app):
    challenge = make_challenge()
    owner = _call(challenge)
    both, once = make_user(), make_user()
    _nominate(both, challenge, "Q", "q1@example.net")
    _nominate(both, challenge, "Q.", "q2@example.net")
    _nominate(once, challenge, "R", "r@example.net")
    db.session.commit()
    owner_tools.merge(owner, challenge, _by_name("Q"), _by_name("Q."))
    db.session.commit()
    weights = {r.nominee.name: r.weight for r in queries.pyramid(challenge).rows}
    assert weights["Q"] == pytest.approx(weights["R"])  # one nominator each


def test_expiry_keeps_an_invitation_to_answer_sent_to_a_nominees_own_account(app):
    challenge = make_challenge()
    owner = _call(challenge)
    nomination = _nominate(make_user(), challenge, "Ole", "ole@example.net")
    db.session.commit()
    answers.take_part(make_user(), db.session.get(Nominee, nomination.nominee_id), shown=False)
    owner_tools.invite_to(
        owner, challenge, db.session.get(Nominee, nomination.nominee_id), "answer"
    )
    db.session.commit()
    answers.expire(utcnow() + timedelta(days=40))
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(AnswerInvitation)) == 1
