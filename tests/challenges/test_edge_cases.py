"""What an independent review of open calls tried and found broken: the
deadline by cron, terms replaced under an answered challenge, answers changed
after the deadline, supports after the deadline, a draft's jury, line
breaks, a cancelled draft, looking at the others' scores too early, an
answer restored after the results, and the messages a form gives."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges import jury, jury_queries, queries, ranking, services
from portal.challenges.jury import JuryError
from portal.challenges.models import Award, Challenge, Phase, Terms
from portal.challenges.results import Outcome, publish
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.moderation import services as moderation
from portal.supports.services import support
from portal.timeutil import utcnow
from tests.challenges.test_jury import _evaluating, _values
from tests.challenges.test_pages import _form
from tests.challenges.test_results import _scored
from tests.challenges.test_scoring_options import WITH_SUPPORT, _criteria
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


def _user(member):  # type: ignore[no-untyped-def]
    return db.session.get(User, member.user_id)


def test_the_deadline_moves_a_challenge_nobody_has_loaded_into_evaluation(runner):
    challenge = make_challenge()
    member = make_juror(challenge)
    make_answer(challenge)
    challenge.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    db.session.expunge_all()  # as in a cron run: nothing loaded yet
    result = runner.invoke(args=["challenges", "advance"])
    assert result.exit_code == 0, result.output
    assert "closed for answers 1" in result.output
    assert db.session.get(Challenge, challenge.id).phase == Phase.EVALUATION
    mails = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.kind == "jury_evaluation")
    ).all()
    assert [m.recipient_id for m in mails] == [member.user_id]


def test_an_answered_challenge_keeps_its_terms_after_an_admin_rewrites_them(client, auth):
    department = make_department()
    terms = make_terms()
    challenge = make_challenge(department, terms=terms)
    make_answer(challenge)
    services.revise_terms(
        make_user(Role.ADMIN),
        db.session.get(Terms, terms.id),
        services.TermsData(
            name={c: "CC BY 4.0" for c in ("en", "da", "nb", "nl")},
            text={c: "New wording" for c in ("en", "da", "nb", "nl")},
        ),
    )
    db.session.commit()
    auth.login(make_owner(challenge))
    page = client.get(f"/challenges/{challenge.id}/edit").get_data(as_text=True)
    assert re.search(
        rf'<option[^>]*selected[^>]*value="{terms.id}"|value="{terms.id}"[^>]*selected', page
    )
    data = _form(department, terms, title="A new title for the same question")
    assert client.post(f"/challenges/{challenge.id}/edit", data=data).status_code == 302
    assert db.session.get(Challenge, challenge.id).title == "A new title for the same question"


def test_an_answer_cannot_be_changed_once_the_deadline_has_passed(client, auth):
    challenge = make_challenge()
    author = make_user()
    answer = make_answer(challenge, author)
    services.close_answers(make_owner(challenge), challenge)
    db.session.commit()
    auth.login(author)
    response = client.post(
        f"/ideas/{answer.id}/edit",
        data={"title": "Rewritten while the jury scores", "body": "A different text " * 3},
    )
    assert response.status_code == 403
    assert "no longer takes answers" in response.get_data(as_text=True)


def test_supports_after_the_deadline_change_no_score():
    challenge = make_challenge(criteria=list(WITH_SUPPORT))
    popular, quiet = make_answer(challenge), make_answer(challenge)
    support(make_user(), popular)
    services.close_answers(make_owner(challenge), challenge)
    db.session.commit()
    for _ in range(3):
        support(make_user(), quiet)
    db.session.commit()
    challenge = queries.load(challenge.id)
    assert jury_queries.supports_of(challenge) == {popular.id: 1, quiet.id: 0}
    feasibility, from_supports = _criteria(challenge)
    member = make_juror(challenge)
    for idea in (popular, quiet):
        jury.score(member, challenge, idea, {feasibility.id: 3})
    ranked = ranking.rank(
        challenge,
        jury_queries.answers_to_score(challenge),
        jury_queries.scores_of(challenge),
        supports=jury_queries.supports_of(challenge),
    )
    assert [r.idea.id for r in ranked] == [popular.id, quiet.id]


def test_an_expert_invited_to_a_drafts_jury_joins_it(client, auth):
    draft = make_challenge(phase="draft")
    expert = make_user()
    link = jury.invite(make_owner(draft), draft, "Expert", expert.email, "da")
    db.session.commit()
    auth.login(expert)
    path = link.removeprefix("http://portal.test")
    assert client.get(path).status_code == 200
    joined = client.post(path)
    assert joined.status_code == 302
    assert client.get(joined.headers["Location"]).status_code == 200  # says when scoring begins
    assert client.get(f"/challenges/{draft.id}").status_code == 200  # the jury reads the draft
    auth.login(make_user())
    assert client.get(f"/challenges/{draft.id}").status_code == 404


def test_summary_reward_and_note_keep_their_line_breaks(client, auth):
    department = make_department()
    auth.login(make_official(department))
    data = _form(department, make_terms(), summary="Line one\r\nLine two", reward="A\nB")
    assert client.post("/challenges/new", data=data).status_code == 302
    challenge = db.session.scalar(select(Challenge))
    assert challenge.summary == "Line one\nLine two"
    bad = _form(department, make_terms(), summary="Line one\x07")
    assert "control characters" in client.post("/challenges/new", data=bad).get_data(as_text=True)


def test_a_draft_cancelled_before_it_opened_stays_out_of_sight(client, auth):
    draft = make_challenge(phase="draft")
    services.cancel(make_owner(draft), draft, "Not needed after all.")
    db.session.commit()
    assert client.get(f"/challenges/{draft.id}").status_code == 404
    assert client.get(f"/feeds/challenges/{draft.id}.atom").status_code == 404
    assert draft.title not in client.get("/challenges/").get_data(as_text=True)
    opened = make_challenge(phase="cancelled")
    assert client.get(f"/challenges/{opened.id}").status_code == 200  # public, with its reason


def test_a_member_cannot_take_a_conflict_back_after_seeing_the_others(client, auth):
    challenge, (first, last) = _evaluating()
    member = make_juror(challenge)
    jury.score(member, challenge, first, _values(challenge, 1, 1, 1))
    jury.declare_conflict(member, challenge, last, True)  # done: the others are open
    jury.declare_conflict(member, challenge, last, False)  # not looked yet: still free
    jury.declare_conflict(member, challenge, last, True)
    db.session.commit()
    auth.login(_user(member))
    page = client.get(f"/challenges/{challenge.id}/evaluate/{first.id}").get_data(as_text=True)
    assert "without names" in page  # the others' scores, shown and recorded
    # Hiding and restoring answers changes nothing once they have looked.
    moderator = make_user(Role.MODERATOR)
    moderation.hide(moderator, db.session.get(type(first), first.id), "Check")
    moderation.restore(moderator, db.session.get(type(first), first.id), "Fine")
    db.session.commit()
    challenge = queries.load(challenge.id)
    member = db.session.get(type(member), member.id)
    with pytest.raises(JuryError) as raised:
        jury.declare_conflict(member, challenge, db.session.get(type(last), last.id), False)
    assert raised.value.key == "seen"


def test_an_owner_on_the_jury_sees_the_ranking_only_when_done(client, auth):
    challenge, (first, _second) = _evaluating()
    owner = make_owner(challenge)
    challenge = queries.load(challenge.id)
    jury.appoint(owner, challenge, owner)
    db.session.commit()
    auth.login(owner)
    response = client.get(f"/challenges/{challenge.id}/ranking")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/challenges/{challenge.id}/evaluate")
    assert client.get(f"/challenges/{challenge.id}/report").status_code == 403  # the draft too


def test_an_answer_restored_after_the_results_was_never_judged_and_stays_out(client):
    challenge, (best, hidden) = _evaluating()
    moderator = make_user(Role.MODERATOR)
    moderation.hide(moderator, hidden, "Spam")
    _scored(challenge, best)
    publish(make_owner(challenge), challenge, [Outcome(best.id, Award.WINNER, "Good.")])
    moderation.restore(moderator, db.session.get(type(hidden), hidden.id), "A mistake")
    db.session.commit()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    results = page[page.index('id="results"') :].split("</section>")[0]
    assert f'href="/ideas/{best.id}"' in results
    assert f'href="/ideas/{hidden.id}"' not in results
    report = client.get(f"/challenges/{challenge.id}/report").get_data(as_text=True)
    assert "Not awarded" not in report
    other = client.get(f"/challenges/{challenge.id}?outcome=other").get_data(as_text=True)
    assert f'href="/ideas/{hidden.id}"' not in other[other.index('id="answers"') :]


def test_scores_off_the_scale_and_words_for_numbers_get_clear_messages(client, auth):
    challenge, (idea, _other) = _evaluating()
    member = make_juror(challenge)
    auth.login(_user(member))
    criterion = _criteria(queries.load(challenge.id))[0]
    response = client.post(
        f"/challenges/{challenge.id}/evaluate/{idea.id}", data={f"criterion_{criterion.id}": "6"}
    )
    assert response.status_code == 400
    assert "Each score is a whole number from 0 to 5." in response.get_data(as_text=True)
    department = make_department()
    auth.login(make_official(department))
    bad = client.post(
        "/challenges/new", data=_form(department, make_terms(), **{"criteria-0-weight": "abc"})
    )
    text = bad.get_data(as_text=True)
    assert "Please give a whole number." in text
    assert "Not a valid integer value" not in text


def test_a_stale_give_idea_form_says_why(client, auth):
    first, second = make_challenge(), make_challenge()
    author = make_user()
    from tests.factories import make_idea

    idea = make_idea(author)
    services.answer_with_idea(author, first, idea, True)
    db.session.commit()
    auth.login(author)
    response = client.post(
        f"/challenges/{second.id}/answer/existing",
        data={"existing-idea": idea.id, "existing-accept_terms": "y"},
    )
    assert response.status_code == 400
    assert "Please choose one of your ideas." in response.get_data(as_text=True)


def test_after_the_results_the_jury_page_says_scoring_is_over(client, auth):
    challenge, (idea, other) = _evaluating()
    member = make_juror(challenge)
    _scored(challenge, idea, other)
    publish(
        make_owner(challenge),
        challenge,
        [Outcome(idea.id, None, "No."), Outcome(other.id, None, "No.")],
    )
    db.session.commit()
    auth.login(_user(member))
    page = client.get(f"/challenges/{challenge.id}/evaluate").get_data(as_text=True)
    assert "The evaluation is over" in page
    sheet = client.get(f"/challenges/{challenge.id}/evaluate/{idea.id}").get_data(as_text=True)
    assert "Save my scores" not in sheet


def test_someone_on_the_jury_by_their_account_is_not_invited_again():
    challenge = make_challenge()
    moderator = make_user(Role.MODERATOR)
    owner = make_owner(challenge)
    jury.appoint(owner, challenge, moderator)
    with pytest.raises(JuryError) as raised:
        jury.invite(owner, challenge, "Again", moderator.email.upper(), "en")
    assert raised.value.key == "already member"
