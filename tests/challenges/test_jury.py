"""The jury: appointing and inviting, scoring by the criteria, conflicts of
interest, no anchoring, the ranking — through the services and HTTP."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.accounts.models import Role
from portal.challenges import jury, ranking, services
from portal.challenges.jury import JuryError
from portal.challenges.models import Challenge, Criterion, Evaluation, JuryMember, Score
from portal.extensions import db
from portal.mail import OutboxMessage
from tests.factories import (
    make_answer,
    make_challenge,
    make_juror,
    make_owner,
    make_user,
)


def _criteria(challenge: Challenge) -> list[Criterion]:
    return list(
        db.session.scalars(
            select(Criterion)
            .where(Criterion.challenge_id == challenge.id)
            .order_by(Criterion.position)
        )
    )


def _evaluating(answers: int = 2):  # type: ignore[no-untyped-def]
    challenge = make_challenge()
    ideas = [make_answer(challenge) for _ in range(answers)]
    services.close_answers(make_owner(challenge), challenge)
    db.session.commit()
    return db.session.get(Challenge, challenge.id), ideas


def _values(challenge: Challenge, *values: int) -> dict[int, int]:
    return dict(zip([c.id for c in _criteria(challenge)], values, strict=True))


def _error(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(JuryError) as raised:
        call(*args)
    return raised.value.key


def test_staff_are_appointed_and_others_invited():
    challenge = make_challenge()
    owner = make_owner(challenge)
    citizen = make_user()
    assert _error(jury.appoint, owner, challenge, citizen) == "not staff"
    assert _error(jury.appoint, owner, challenge, None) == "no account"
    moderator = make_user(Role.MODERATOR)
    jury.appoint(owner, challenge, moderator)
    assert _error(jury.appoint, owner, challenge, moderator) == "already member"
    link = jury.invite(owner, challenge, "Harbour Master", "Harbour@Example.org", "da")
    mail = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    assert mail.to_address == "harbour@example.org"
    assert link in mail.body_text
    assert "bedømmelsesudvalg" in mail.subject or "udfordring" in mail.subject
    assert _error(jury.invite, owner, challenge, "Again", "harbour@example.org", "da") == (
        "already member"
    )


def test_an_invitation_link_works_once_and_only_for_its_challenge():
    challenge, other = make_challenge(), make_challenge()
    link = jury.invite(make_owner(challenge), challenge, "Expert", "expert@example.org", "en")
    token = link.rsplit("/", 1)[1]
    assert jury.invitation(other, token) is None
    expert = make_user()
    member = jury.join(expert, challenge, token)
    assert (member.user_id, member.name) == (expert.id, expert.display_name)
    assert member.invite_hash is None
    assert _error(jury.join, make_user(), challenge, token) == "invitation"


def test_scores_stay_on_the_scale_in_the_service_and_the_database():
    challenge, (idea, _other) = _evaluating()
    member = make_juror(challenge)
    assert _error(jury.score, member, challenge, idea, _values(challenge, 3, 9, 1)) == "scale"
    missing = dict(list(_values(challenge, 3, 3, 3).items())[:2])
    assert _error(jury.score, member, challenge, idea, missing) == "criteria"
    jury.score(member, challenge, idea, _values(challenge, 3, 4, 5), "Promising")
    db.session.commit()
    row = db.session.scalars(select(Score)).first()
    row.value = 6  # behind the portal's back
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_scoring_only_in_evaluation_and_never_on_a_declared_conflict():
    open_challenge = make_challenge()
    idea = make_answer(open_challenge)
    member = make_juror(open_challenge)
    values = _values(open_challenge, 1, 1, 1)
    assert _error(jury.score, member, open_challenge, idea, values) == "not evaluating"
    challenge, (answer, _other) = _evaluating()
    member = make_juror(challenge)
    jury.score(member, challenge, answer, _values(challenge, 2, 2, 2))
    jury.declare_conflict(member, challenge, answer, True)
    db.session.commit()
    assert db.session.scalars(select(Score).where(Score.member_id == member.id)).all() == []
    again = _values(challenge, 2, 2, 2)
    assert _error(jury.score, member, challenge, answer, again) == "conflict"


def test_the_ranking_weights_the_criterion_means():
    challenge, (good, weak) = _evaluating()
    first, second = make_juror(challenge), make_juror(challenge)
    jury.score(first, challenge, good, _values(challenge, 4, 5, 3))  # 30/40/30
    jury.score(second, challenge, good, _values(challenge, 2, 5, 5))
    jury.score(first, challenge, weak, _values(challenge, 1, 1, 1))
    db.session.commit()
    criteria = _criteria(challenge)
    scores = list(db.session.scalars(select(Score)))
    ranked = ranking.rank(challenge, [weak, good], scores)
    assert [r.idea.id for r in ranked] == [good.id, weak.id]
    # feasibility mean 3, impact 5, cost 4: (30×3 + 40×5 + 30×4) / 100
    assert ranked[0].total == pytest.approx(4.1)
    feasibility = ranked[0].criteria[criteria[0].id]
    assert (feasibility.mean, feasibility.spread, feasibility.count) == (3, 1, 2)
    assert ranked[1].total == pytest.approx(1)


def test_a_member_scores_through_the_pages_and_sees_others_only_when_done(client, auth):
    challenge, (idea, other) = _evaluating()
    colleague = make_juror(challenge)
    jury.score(colleague, challenge, idea, _values(challenge, 5, 5, 5))
    db.session.commit()
    member = make_juror(challenge)
    auth.login(_user(member))
    listing = client.get(f"/challenges/{challenge.id}/evaluate").get_data(as_text=True)
    assert "0 of 2 answers scored." in listing
    fields = {f"criterion_{c.id}": "3" for c in _criteria(challenge)}
    bad = client.post(
        f"/challenges/{challenge.id}/evaluate/{idea.id}",
        data={**fields, f"criterion_{_criteria(challenge)[0].id}": "9", "note": "My note"},
    )
    assert bad.status_code == 400
    assert "My note" in bad.get_data(as_text=True)  # nothing typed is lost
    saved = client.post(
        f"/challenges/{challenge.id}/evaluate/{idea.id}", data={**fields, "note": "My note"}
    )
    assert saved.status_code == 302
    page = client.get(f"/challenges/{challenge.id}/evaluate/{idea.id}").get_data(as_text=True)
    assert "without names" not in page  # not all scored yet: no anchoring
    client.post(f"/challenges/{challenge.id}/evaluate/{other.id}/conflict", data={"declared": "1"})
    assert db.session.get(Evaluation, (member.id, other.id)).conflict_declared_at is not None
    listing = client.get(f"/challenges/{challenge.id}/evaluate").get_data(as_text=True)
    assert "2 of 2 answers scored." in listing
    page = client.get(f"/challenges/{challenge.id}/evaluate/{idea.id}").get_data(as_text=True)
    assert "All members’ scores, without names" in page
    assert colleague.name not in page


def test_jury_notes_are_never_public(client, auth):
    challenge, (idea, _other) = _evaluating()
    member = make_juror(challenge)
    jury.score(member, challenge, idea, _values(challenge, 3, 3, 3), "Secret jury note")
    db.session.commit()
    for path in (
        f"/challenges/{challenge.id}",
        f"/ideas/{idea.id}",
        f"/feeds/ideas/{idea.id}.atom",
    ):
        assert "Secret jury note" not in client.get(path).get_data(as_text=True)
    auth.login(make_owner(challenge))
    ranking_page = client.get(f"/challenges/{challenge.id}/ranking").get_data(as_text=True)
    assert "Secret jury note" not in ranking_page
    assert "3" in ranking_page


def test_the_owner_invites_and_the_expert_joins_through_the_pages(client, auth):
    challenge = make_challenge()
    auth.login(make_owner(challenge))
    bad = client.post(
        f"/challenges/{challenge.id}/jury",
        data={
            "invite-name": "Harbour Master",
            "invite-email": "not an address",
            "invite-submit": "1",
        },
    )
    assert bad.status_code == 400
    assert "Harbour Master" in bad.get_data(as_text=True)
    client.post(
        f"/challenges/{challenge.id}/jury",
        data={
            "invite-name": "Harbour Master",
            "invite-email": "h@example.org",
            "invite-locale": "da",
            "invite-submit": "1",
        },
    )
    mail = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc())).first()
    link = next(w for w in mail.body_text.split() if "/jury/join/" in w)
    path = urlsplit(link).path
    expert = make_user()
    auth.login(expert)
    assert "Join the jury as" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 302
    member = db.session.scalar(select(JuryMember).where(JuryMember.user_id == expert.id))
    assert member.challenge_id == challenge.id
    assert client.get(path).status_code == 404  # used
    auth.logout()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert expert.display_name.replace("<", "&lt;").split("&lt;")[0] in page


def _user(member: JuryMember):  # type: ignore[no-untyped-def]
    from portal.accounts.models import User

    return db.session.get(User, member.user_id)
