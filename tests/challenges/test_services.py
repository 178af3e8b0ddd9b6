"""Challenges through their services: the rules on criteria, dates, phases,
terms and answering, and the constraints in the database behind them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.challenges import services
from portal.challenges.models import Answer, Challenge, Criterion, Phase, Terms
from portal.challenges.services import ChallengeError, CriterionData
from portal.extensions import db
from portal.ideas.models import Idea
from portal.municipality.models import Department
from portal.timeutil import utcnow
from tests.factories import (
    challenge_data,
    make_answer,
    make_category,
    make_challenge,
    make_department,
    make_idea,
    make_official,
    make_terms,
    make_user,
)


def _data(**changes):  # type: ignore[no-untyped-def]
    return challenge_data(make_department(), make_terms(), **changes)


def _department(challenge: Challenge) -> Department:
    return db.session.get(Department, challenge.department_id)


def _error(call, *args) -> ChallengeError:  # type: ignore[no-untyped-def]
    with pytest.raises(ChallengeError) as raised:
        call(*args)
    return raised.value


def test_weights_must_add_up_to_one_hundred(app):
    criteria = [CriterionData("Feasibility", "", 30), CriterionData("Impact", "", 40)]
    error = _error(services.create_challenge, make_official(), _data(criteria=criteria))
    assert error.key == "weights"
    with app.test_request_context():
        assert error.message.endswith("now they add up to 70 %.")
    assert _error(services.create_challenge, make_official(), _data(criteria=[])).key == (
        "no criteria"
    )


def test_the_deadline_comes_after_the_opening_and_the_results_after_the_deadline():
    now = utcnow()
    early = _data(opens_at=now, closes_at=now - timedelta(hours=1))
    assert _error(services.create_challenge, make_official(), early).key == "dates"
    late = _data(closes_at=now + timedelta(days=3), results_due=now + timedelta(days=2))
    assert _error(services.create_challenge, make_official(), late).key == "results date"


def test_the_database_refuses_what_the_services_refuse():
    challenge = make_challenge()
    challenge.closes_at = challenge.opens_at
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    challenge = db.session.get(Challenge, challenge.id)
    db.session.add(
        Criterion(challenge_id=challenge.id, position=9, name="x", description="", weight=101)
    )
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    challenge = db.session.get(Challenge, challenge.id)
    challenge.phase = "cancelled"  # without a reason
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_challenge_moves_through_its_phases_in_order():
    challenge = make_challenge(phase="draft")
    owner = make_official()
    assert challenge.phase == Phase.DRAFT
    assert _error(services.close_answers, owner, challenge).key == "phase"
    services.open_now(owner, challenge)
    assert challenge.phase == Phase.OPEN
    assert _error(services.open_now, owner, challenge).key == "phase"
    services.close_answers(owner, challenge)
    assert challenge.phase == Phase.EVALUATION
    assert challenge.closes_at <= utcnow()
    assert _error(services.archive, owner, challenge).key == "phase"
    assert _error(services.cancel, owner, challenge, "  ").key == "reason"
    services.cancel(owner, challenge, "The budget was cut.")
    assert challenge.phase == Phase.CANCELLED
    assert _error(services.cancel, owner, challenge, "again").key == "phase"


def test_a_draft_past_its_deadline_cannot_open():
    challenge = make_challenge(phase="draft")
    challenge.opens_at = utcnow() - timedelta(days=10)
    challenge.closes_at = utcnow() - timedelta(days=1)
    assert _error(services.open_now, make_official(), challenge).key == "deadline passed"
    assert _error(services.schedule, make_official(), challenge).key == "deadline passed"


def test_advance_opens_scheduled_drafts_and_closes_at_the_deadline_once():
    later = make_challenge(phase="draft")
    due = make_challenge(phase="draft")
    services.schedule(make_official(), due)
    services.schedule(make_official(), later)
    later.opens_at = utcnow() + timedelta(days=2)
    unscheduled = make_challenge(phase="draft")
    ending = make_challenge()
    ending.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    moved = services.advance()
    db.session.commit()
    assert moved.opened == [due.id]
    assert moved.closed == [ending.id]
    again = services.advance()
    assert (again.opened, again.closed) == ([], [])
    phases = {c.id: c.phase for c in db.session.scalars(select(Challenge))}
    assert phases[due.id] == Phase.OPEN
    assert phases[ending.id] == Phase.EVALUATION
    assert phases[later.id] == phases[unscheduled.id] == Phase.DRAFT


def test_answering_records_the_terms_and_needs_them_accepted():
    challenge = make_challenge()
    idea = make_answer(challenge)
    answer = db.session.get(Answer, idea.id)
    assert idea.challenge_id == challenge.id
    assert answer.terms_id == challenge.terms_id
    assert answer.answered_at is not None
    fields = services.IdeaFields("Another answer", "Raise the kerbs " * 5, make_category())
    error = _error(services.answer_with_new_idea, make_user(), challenge, fields, False)
    assert error.key == "terms"


def test_no_answers_after_the_deadline_or_before_the_opening():
    ended = make_challenge(phase="evaluation")
    fields = services.IdeaFields("Too late", "Raise the kerbs " * 5, make_category())
    assert _error(services.answer_with_new_idea, make_user(), ended, fields, True).key == (
        "not accepting"
    )
    draft = make_challenge(phase="draft")
    assert _error(services.answer_with_new_idea, make_user(), draft, fields, True).key == (
        "not accepting"
    )
    assert db.session.scalar(select(Idea).where(Idea.title == "Too late")) is None


def test_an_existing_idea_becomes_an_answer_once_and_only_its_authors():
    challenge = make_challenge()
    author = make_user()
    idea = make_idea(author)
    assert _error(services.answer_with_idea, make_user(), challenge, idea, True).key == (
        "not your idea"
    )
    services.answer_with_idea(author, challenge, idea, True)
    db.session.commit()
    assert _error(services.answer_with_idea, author, challenge, idea, True).key == (
        "already an answer"
    )
    other = make_challenge()
    assert _error(services.answer_with_idea, author, other, idea, True).key == ("already an answer")


def test_criteria_are_fixed_once_the_evaluation_begins():
    challenge = make_challenge(phase="evaluation")
    owner = make_official()
    terms = db.session.get(Terms, challenge.terms_id)
    data = challenge_data(_department(challenge), terms)
    data.criteria = [CriterionData("Only one", "", 100)]
    assert _error(services.update_challenge, owner, challenge, data).key == "criteria locked"
    data = challenge_data(_department(challenge), terms, title="A clearer title")
    services.update_challenge(owner, challenge, data)  # the same criteria: fine
    assert challenge.title == "A clearer title"


def test_terms_are_fixed_once_someone_answered_under_them():
    challenge = make_challenge()
    owner = make_official()
    data = challenge_data(_department(challenge), make_terms(name="Other terms"))
    services.update_challenge(owner, challenge, data)  # no answers yet
    make_answer(challenge)
    data = challenge_data(_department(challenge), make_terms(name="Third terms"))
    assert _error(services.update_challenge, owner, challenge, data).key == "terms locked"


def test_new_wording_of_terms_is_a_new_version_answers_keep_theirs():
    answered = make_challenge()
    terms = db.session.get(Terms, answered.terms_id)
    quiet = make_challenge(terms=terms)
    idea = make_answer(answered)
    data = services.TermsData(
        name={c: "CC BY 4.0" for c in ("en", "da", "nb", "nl")},
        text={c: "New text" for c in ("en", "da", "nb", "nl")},
    )
    newer = services.revise_terms(make_user(), terms, data)
    db.session.commit()
    assert (newer.slug, newer.version, terms.current, newer.current) == (
        terms.slug,
        2,
        False,
        True,
    )
    assert db.session.get(Answer, idea.id).terms_id == terms.id
    assert db.session.get(Challenge, answered.id).terms_id == terms.id
    assert db.session.get(Challenge, quiet.id).terms_id == newer.id
