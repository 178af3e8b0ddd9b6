"""Publishing results: awards, reasons for every answer, one step; what the
public and each answerer then read."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.challenges import jury
from portal.challenges.models import Answer, Award, Challenge, Criterion, Phase
from portal.challenges.results import Outcome, ResultsError, publish
from portal.extensions import db
from tests.challenges.test_jury import _evaluating
from tests.factories import make_juror, make_owner


def _scored(challenge: Challenge, *ideas) -> None:  # type: ignore[no-untyped-def]
    criteria = db.session.scalars(
        select(Criterion).where(Criterion.challenge_id == challenge.id).order_by(Criterion.position)
    ).all()
    member = make_juror(challenge)
    for n, idea in enumerate(ideas):
        jury.score(member, challenge, idea, {c.id: 4 - n for c in criteria})
    db.session.commit()


def _error(*args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(ResultsError) as raised:
        publish(*args)
    return raised.value.key


def test_results_need_every_answer_scored_and_a_reason_for_each():
    challenge, (best, other) = _evaluating()
    owner = make_owner(challenge)
    outcomes = [
        Outcome(best.id, Award.FIRST, "Cheap and quick."),
        Outcome(other.id, None, "Too costly."),
    ]
    _scored(challenge, best)
    assert _error(owner, challenge, outcomes) == "unscored"
    _scored(challenge, other)
    assert _error(owner, challenge, [outcomes[0], Outcome(other.id, None, " ")]) == "reason"
    assert _error(owner, challenge, outcomes[:1]) == "answers"
    publish(owner, challenge, outcomes)
    db.session.commit()
    assert db.session.get(Challenge, challenge.id).phase == Phase.RESULTS
    assert db.session.get(Answer, best.id).award == Award.FIRST
    assert _error(owner, challenge, outcomes) == "phase"  # once


def test_everyone_reads_the_outcomes_and_an_author_their_own_means(client, auth):
    challenge, (best, other) = _evaluating()
    _scored(challenge, best, other)
    owner = make_owner(challenge)
    auth.login(owner)
    form = {
        f"award_{best.id}": "first",
        f"reason_{best.id}": "Cheap **and** quick.",
        f"award_{other.id}": "",
        f"reason_{other.id}": "",
    }
    refused = client.post(f"/challenges/{challenge.id}/results", data=form)
    assert refused.status_code == 400
    assert "Please give a reason for every answer" in refused.get_data(as_text=True)
    assert "Cheap **and** quick." in refused.get_data(as_text=True)  # kept
    form[f"reason_{other.id}"] = "Too costly for the harbour."
    assert client.post(f"/challenges/{challenge.id}/results", data=form).status_code == 302
    auth.logout()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "1st place" in page
    assert "Cheap <strong>and</strong> quick." in page
    assert "Not awarded" in page
    assert "Too costly for the harbour." in page
    assert "Your answer’s mean scores:" not in page
    auth.login(_user_of_idea(other))
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert page.count("Your answer’s mean scores:") == 1


def _user_of_idea(idea):  # type: ignore[no-untyped-def]
    from portal.accounts.models import User

    return db.session.get(User, idea.author_id)
