"""Two choices about scoring: "public support" as a criterion computed from
the supports (``challenges.ranking``), and an admin's choice to show an
author every member's scores for their answer, without names."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges import jury, jury_queries, queries, ranking, services
from portal.challenges.jury import JuryError
from portal.challenges.models import Award, Challenge, Criterion
from portal.challenges.results import Outcome, publish
from portal.challenges.services import ChallengeError, CriterionData
from portal.extensions import db
from portal.supports.services import support
from tests.challenges.test_pages import _form
from tests.factories import (
    make_answer,
    make_challenge,
    make_department,
    make_juror,
    make_official,
    make_owner,
    make_terms,
    make_user,
)

WITH_SUPPORT = [
    CriterionData("Feasibility", "Can it be done?", 60),
    CriterionData("Public support", "Do citizens want it?", 40, from_supports=True),
]


def _criteria(challenge: Challenge) -> list[Criterion]:
    return list(
        db.session.scalars(
            select(Criterion)
            .where(Criterion.challenge_id == challenge.id)
            .order_by(Criterion.position)
        )
    )


def _with_support_in_evaluation():  # type: ignore[no-untyped-def]
    challenge = make_challenge(criteria=list(WITH_SUPPORT))
    popular, quiet = make_answer(challenge), make_answer(challenge)
    for _ in range(4):
        support(make_user(), popular)
    support(make_user(), quiet)
    services.close_answers(make_owner(challenge), challenge)
    db.session.commit()
    return db.session.get(Challenge, challenge.id), popular, quiet


def test_public_support_is_computed_from_the_supports_not_scored():
    challenge, popular, quiet = _with_support_in_evaluation()
    feasibility, from_supports = _criteria(challenge)
    member = make_juror(challenge)
    with pytest.raises(JuryError):  # the jury does not score it
        jury.score(member, challenge, popular, {feasibility.id: 2, from_supports.id: 5})
    jury.score(member, challenge, popular, {feasibility.id: 2})
    jury.score(member, challenge, quiet, {feasibility.id: 4})
    db.session.commit()
    answers = jury_queries.answers_to_score(challenge)
    ranked = {
        r.idea.id: r for r in ranking.rank(challenge, answers, jury_queries.scores_of(challenge))
    }
    # 4 supports is the most: the full scale (5); 1 support: a quarter of it.
    assert ranked[popular.id].criteria[from_supports.id].mean == pytest.approx(5)
    assert ranked[quiet.id].criteria[from_supports.id].mean == pytest.approx(1.25)
    assert ranked[popular.id].total == pytest.approx((60 * 2 + 40 * 5) / 100)
    assert ranked[quiet.id].total == pytest.approx((60 * 4 + 40 * 1.25) / 100)
    assert jury_queries.progress(challenge, answers) == {member.id: 2}  # both done


def test_an_answer_the_jury_has_not_scored_stays_unscored_despite_supports():
    challenge, popular, _quiet = _with_support_in_evaluation()
    answers = jury_queries.answers_to_score(challenge)
    ranked = ranking.rank(challenge, answers, [])
    assert all(not r.scored for r in ranked)


def test_one_support_criterion_at_most_and_never_only_that():
    challenge = make_challenge()
    owner = make_owner(challenge)
    from tests.factories import challenge_data

    twice = [*WITH_SUPPORT, CriterionData("Again", "", 0, from_supports=True)]
    data = challenge_data(make_department(), make_terms(), criteria=twice)
    with pytest.raises(ChallengeError) as raised:
        services.create_challenge(owner, data)
    assert raised.value.key == "supports twice"
    only = [CriterionData("Support", "", 100, from_supports=True)]
    with pytest.raises(ChallengeError) as raised:
        services.create_challenge(
            owner, challenge_data(make_department(), make_terms(), criteria=only)
        )
    assert raised.value.key == "no criteria"


def test_the_form_offers_public_support_and_the_score_form_leaves_it_out(client, auth):
    department = make_department()
    terms = make_terms()
    auth.login(make_official(department))
    data = _form(department, terms, **{"criteria-2-from_supports": "y"})
    data_twice = {**data, "criteria-1-from_supports": "y"}
    refused = client.post("/challenges/new", data=data_twice)
    assert refused.status_code == 400
    assert "Only one criterion can be scored from the public supports." in refused.get_data(
        as_text=True
    )
    assert client.post("/challenges/new", data=data).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert [c.from_supports for c in _criteria(challenge)] == [False, False, True]
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "except public support" in page
    challenge, popular, _quiet = _with_support_in_evaluation()
    member = make_juror(challenge)
    auth.login(db.session.get(User, member.user_id))
    sheet = client.get(f"/challenges/{challenge.id}/evaluate/{popular.id}").get_data(as_text=True)
    feasibility, from_supports = _criteria(challenge)
    assert f'name="criterion_{feasibility.id}"' in sheet
    assert f'name="criterion_{from_supports.id}"' not in sheet


def test_only_admins_choose_anonymous_scores_and_authors_then_see_them(client, auth):
    challenge = make_challenge()
    first, second = make_answer(challenge), make_answer(challenge)
    auth.login(make_owner(challenge))
    form = client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True)
    assert 'name="anonymous_scores"' not in form
    auth.login(make_user(Role.ADMIN))
    form = client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True)
    assert 'name="anonymous_scores"' in form
    challenge = queries.load(challenge.id)
    services.close_answers(make_owner(challenge), challenge)
    challenge.anonymous_scores = True
    db.session.commit()
    criteria = _criteria(challenge)
    for value in (4, 2):
        member = make_juror(challenge)
        for idea in (first, second):
            jury.score(member, challenge, idea, {c.id: value for c in criteria})
    publish(
        make_owner(challenge),
        challenge,
        [Outcome(first.id, Award.WINNER, "Best."), Outcome(second.id, None, "Good too.")],
    )
    db.session.commit()
    auth.login(db.session.get(User, first.author_id))
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert page.count("the members’ scores, lowest first: 2, 4") == len(criteria)  # own only
    db.session.get(Challenge, challenge.id).anonymous_scores = False
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "lowest first" not in page
    assert "Your answer’s mean scores:" in page
