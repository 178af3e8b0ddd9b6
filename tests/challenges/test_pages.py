"""Challenges through HTTP: the owner's form, phases, answering, the terms."""

from __future__ import annotations

from datetime import timedelta

from flask_babel import to_user_timezone
from sqlalchemy import select

from portal.accounts.models import Role
from portal.challenges.models import Answer, Challenge, Criterion, Phase, Terms
from portal.extensions import db
from portal.ideas.models import Idea
from portal.timeutil import utcnow
from tests.factories import (
    make_answer,
    make_category,
    make_challenge,
    make_department,
    make_idea,
    make_official,
    make_owner,
    make_terms,
    make_user,
)


def _form(department, terms, **changes) -> dict:  # type: ignore[no-untyped-def]
    today = to_user_timezone(utcnow()).date()  # the municipality's day
    data = {
        "title": "How do we keep low streets dry?",
        "summary": "Flooding in low streets.",
        "brief": "## Background\n\nThe harbour floods twice a year.",
        "department": str(department.id),
        "opens_on": str(today),
        "closes_on": str(today + timedelta(days=10)),
        "closes_time": "23:59",
        "results_on": str(today + timedelta(days=40)),
        "reward": "Realisation by the municipality",
        "reward_amount": "50000",
        "terms": str(terms.id),
        "who_answers": "everyone",
        "scale_max": "5",
        "criteria-0-name": "Feasibility",
        "criteria-0-weight": "30",
        "criteria-1-name": "Impact",
        "criteria-1-description": "How much does it help?",
        "criteria-1-weight": "40",
        "criteria-2-name": "Cost",
        "criteria-2-weight": "30",
    }
    data.update(changes)
    return data


def test_an_official_sets_a_challenge_and_opens_it(client, auth):
    department = make_department()
    terms = make_terms()
    auth.login(make_official(department))
    page = client.get("/challenges/new").get_data(as_text=True)
    assert 'name="criteria-5-name"' in page  # six rows, no JavaScript needed
    response = client.post("/challenges/new", data=_form(department, terms))
    assert response.status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert challenge.phase == Phase.DRAFT
    weights = select(Criterion.weight).order_by(Criterion.position)
    assert db.session.scalars(weights).all() == [30, 40, 30]
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "only its department, its jury and the administrators see it" in detail
    assert "50,000" in detail  # the amount, in the reader's way of writing numbers

    assert client.post(f"/challenges/{challenge.id}/open").status_code == 302
    assert db.session.get(Challenge, challenge.id).phase == Phase.OPEN
    page = client.get("/challenges/").get_data(as_text=True)
    assert "How do we keep low streets dry?" in page
    assert "Closes in" in page


def test_bad_criteria_are_explained_and_nothing_typed_is_lost(client, auth):
    department = make_department()
    auth.login(make_official(department))
    data = _form(department, make_terms(), **{"criteria-2-weight": "20"})
    response = client.post("/challenges/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "now they add up to 90 %" in page
    assert "How much does it help?" in page
    no_name = _form(department, make_terms(), **{"criteria-3-weight": "10"})
    assert "Please name the criterion" in client.post("/challenges/new", data=no_name).get_data(
        as_text=True
    )
    yesterday = to_user_timezone(utcnow()).date() - timedelta(days=1)
    backwards = _form(department, make_terms(), closes_on=str(yesterday))
    assert "The deadline must be after the opening." in client.post(
        "/challenges/new", data=backwards
    ).get_data(as_text=True)
    assert db.session.scalar(select(Challenge)) is None


def test_an_official_sets_challenges_only_for_their_own_department(client, auth):
    mine, other = make_department(), make_department()
    auth.login(make_official(mine))
    response = client.post("/challenges/new", data=_form(other, make_terms()))
    assert response.status_code == 400
    assert "Please choose a department." in response.get_data(as_text=True)


def test_a_draft_is_seen_only_by_its_department_and_admins(client, auth):
    draft = make_challenge(phase="draft")
    assert client.get(f"/challenges/{draft.id}").status_code == 404
    auth.login(make_user())
    assert client.get(f"/challenges/{draft.id}").status_code == 404
    assert "How do we keep" not in client.get("/challenges/").get_data(as_text=True)
    auth.login(make_official())
    assert client.get(f"/challenges/{draft.id}").status_code == 404
    auth.login(make_user(Role.ADMIN))
    assert client.get(f"/challenges/{draft.id}").status_code == 200
    assert "Drafts (only staff see them)" in client.get("/challenges/").get_data(as_text=True)


def test_a_citizen_answers_with_an_idea_under_the_terms(client, auth):
    challenge = make_challenge()
    category = make_category()
    citizen = auth.login(make_user())
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Answer this challenge" in page
    assert "&lt;script&gt;" in page  # the title is escaped
    data = {
        "title": "Raise the kerbs",
        "body": "Raise the kerbs in the lowest streets first.",
        "category": str(category.id),
        "language": "en",
        "publish": "1",
    }
    refused = client.post(f"/challenges/{challenge.id}/answer", data=data)
    assert refused.status_code == 400
    assert "Please accept the terms to give your answer." in refused.get_data(as_text=True)
    assert "Raise the kerbs in the lowest streets first." in refused.get_data(as_text=True)
    response = client.post(f"/challenges/{challenge.id}/answer", data={**data, "accept_terms": "y"})
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea).where(Idea.author_id == citizen.id))
    assert db.session.get(Answer, idea.id).terms_id == challenge.terms_id
    idea_page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert "An answer to the challenge" in idea_page
    assert "Your idea is now an answer to the challenge." in idea_page
    listed = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Raise the kerbs" in listed
    assert "1 answer" in listed


def test_after_the_deadline_the_form_says_so_and_keeps_the_text(client, auth):
    challenge = make_challenge()
    auth.login(make_user())
    challenge.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    data = {
        "title": "Late but good",
        "body": "Raise the kerbs in the lowest streets first.",
        "category": str(make_category().id),
        "accept_terms": "y",
        "publish": "1",
    }
    response = client.post(f"/challenges/{challenge.id}/answer", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "This challenge does not accept answers now." in page
    assert "Late but good" in page
    assert db.session.scalar(select(Idea).where(Idea.title == "Late but good")) is None


def test_a_citizen_gives_an_existing_idea_as_answer(client, auth):
    challenge = make_challenge()
    citizen = auth.login(make_user())
    idea = make_idea(citizen)
    page = client.get(f"/challenges/{challenge.id}/answer").get_data(as_text=True)
    assert "Or give one of your ideas as the answer" in page
    data = {"existing-idea": str(idea.id)}
    refused = client.post(f"/challenges/{challenge.id}/answer/existing", data=data)
    assert refused.status_code == 400
    data["existing-accept_terms"] = "y"
    other = make_idea(make_user())
    stolen = client.post(
        f"/challenges/{challenge.id}/answer/existing", data={**data, "existing-idea": other.id}
    )
    assert stolen.status_code == 400  # not one of theirs: not even offered
    assert client.post(f"/challenges/{challenge.id}/answer/existing", data=data).status_code == 302
    assert db.session.get(Idea, idea.id).challenge_id == challenge.id
    assert db.session.get(Answer, idea.id).terms_id == challenge.terms_id
    assert db.session.get(Answer, other.id) is None


def test_the_owner_cancels_with_a_public_reason(client, auth):
    challenge = make_challenge()
    auth.login(make_owner(challenge))
    empty = client.post(f"/challenges/{challenge.id}/cancel", data={"reason": " "})
    assert empty.status_code == 400
    client.post(f"/challenges/{challenge.id}/cancel", data={"reason": "The <b>budget</b> was cut."})
    auth.logout()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "This challenge has been cancelled" in page
    assert "The &lt;b&gt;budget&lt;/b&gt; was cut." in page


def test_phase_buttons_refuse_what_the_phase_does_not_allow(client, auth):
    challenge = make_challenge(phase="evaluation")
    auth.login(make_owner(challenge))
    client.post(f"/challenges/{challenge.id}/open")
    assert db.session.get(Challenge, challenge.id).phase == Phase.EVALUATION
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "This cannot be done in the challenge&#39;s present phase." in page


def test_admins_maintain_the_terms_in_versions(client, auth):
    auth.login(make_user(Role.ADMIN))
    names = {f"name_{c}": f"CC BY 4.0 ({c})" for c in ("da", "nb", "nl", "en")}
    texts = {f"text_{c}": f"Share and adapt ({c})" for c in ("da", "nb", "nl", "en")}
    missing = client.post("/challenges/terms/", data={"slug": "cc-by", **names})
    assert missing.status_code == 400
    assert "CC BY 4.0 (nl)" in missing.get_data(as_text=True)
    assert (
        client.post("/challenges/terms/", data={"slug": "cc-by", **names, **texts}).status_code
        == 302
    )
    twice = client.post("/challenges/terms/", data={"slug": "cc-by", **names, **texts})
    assert "Terms with this short name exist already." in twice.get_data(as_text=True)
    terms = db.session.scalar(select(Terms).where(Terms.slug == "cc-by"))
    changed = {**names, **texts, "slug": "cc-by", "text_en": "Share, adapt, name the author"}
    assert client.post(f"/challenges/terms/{terms.id}", data=changed).status_code == 302
    versions = db.session.scalars(select(Terms).where(Terms.slug == "cc-by")).all()
    assert sorted(t.version for t in versions) == [1, 2]
    assert client.get(f"/challenges/terms/{terms.id}").status_code == 404  # replaced


def test_flask_challenges_advance(runner):
    ending = make_challenge()
    ending.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    result = runner.invoke(args=["challenges", "advance"])
    assert result.exit_code == 0
    assert "closed for answers 1" in result.output
    assert db.session.get(Challenge, ending.id).phase == Phase.EVALUATION
    assert "closed for answers 0" in runner.invoke(args=["challenges", "advance"]).output


def test_a_hidden_answer_leaves_the_challenge(client):
    challenge = make_challenge()
    shown, hidden = make_answer(challenge), make_answer(challenge)
    hidden.hidden_at, hidden.hidden_reason = utcnow(), "Spam"
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f"/ideas/{shown.id}" in page
    assert f"/ideas/{hidden.id}" not in page
    assert "1 answer" in page


def test_answers_are_filtered_by_category_and_after_the_results_by_outcome(client):
    from portal.challenges.models import Award
    from portal.challenges.results import Outcome, publish
    from tests.challenges.test_jury import _evaluating
    from tests.challenges.test_results import _scored

    challenge, (winner, other) = _evaluating()
    page = client.get(f"/challenges/{challenge.id}?category={winner.category_id}")
    text = page.get_data(as_text=True)
    assert 'name="category"' in text  # two answers, two categories
    assert f'href="/ideas/{winner.id}"' in text
    assert f'href="/ideas/{other.id}"' not in text
    assert 'name="outcome"' not in text  # no results yet
    from portal.challenges import queries

    challenge = queries.load(challenge.id)  # the request ended the session it came from
    _scored(challenge, winner, other)
    publish(
        make_owner(challenge),
        challenge,
        [Outcome(winner.id, Award.FIRST, "Best."), Outcome(other.id, None, "No.")],
    )
    db.session.commit()
    text = client.get(f"/challenges/{challenge.id}?outcome=other").get_data(as_text=True)
    answers = text[text.index('id="answers"') :]
    assert f'href="/ideas/{other.id}"' in answers
    assert f'href="/ideas/{winner.id}"' not in answers
    assert "1 answer" in answers
    ignored = client.get(f"/challenges/{challenge.id}?outcome=bogus&category=x")
    assert ignored.status_code == 200
