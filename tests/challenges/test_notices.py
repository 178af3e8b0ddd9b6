"""Following a challenge, and the mails a challenge sends: new answers and
results to its followers (at once or in a digest), each answer's outcome to
its author, "the evaluation has started" and a reminder to the jury."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import User
from portal.challenges import jury, services
from portal.challenges.models import Award, Challenge
from portal.challenges.results import Outcome, publish
from portal.extensions import db
from portal.ideas.models import Category
from portal.mail import OutboxMessage
from portal.mail_sending import send_pending
from portal.notifications import services as notifications
from portal.notifications.digests import build_digests
from portal.notifications.models import Delivery, FollowKind
from portal.timeutil import utcnow
from tests.challenges.test_jury import _evaluating, _values
from tests.challenges.test_results import _scored
from tests.factories import (
    make_answer,
    make_challenge,
    make_idea,
    make_juror,
    make_owner,
    make_user,
)


def _mails(kind: str, to: User | None = None) -> list[OutboxMessage]:
    stmt = select(OutboxMessage).where(OutboxMessage.kind == kind).order_by(OutboxMessage.id)
    if to is not None:
        stmt = stmt.where(OutboxMessage.to_address == to.email)
    return list(db.session.scalars(stmt))


def _follower(challenge: Challenge, **settings) -> User:  # type: ignore[no-untyped-def]
    user = make_user(locale="nl")
    if settings:
        notifications.save_settings(user, **settings)
    notifications.follow(user, FollowKind.CHALLENGE, challenge)
    db.session.commit()
    return user


def test_citizens_follow_a_challenge_from_its_page(client, auth):
    challenge = make_challenge()
    auth.as_role()
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert f'action="/challenges/{challenge.id}/follow"' in page
    assert client.get(f"/challenges/{challenge.id}/follow").status_code == 405
    assert client.post(f"/challenges/{challenge.id}/follow").status_code == 302
    page = client.get(f"/challenges/{challenge.id}").get_data(as_text=True)
    assert "Stop following this challenge" in page
    settings = client.get("/account/notifications").get_data(as_text=True)
    assert "The challenge" in settings
    assert f"/challenges/{challenge.id}/unfollow" in settings
    client.post(f"/challenges/{challenge.id}/unfollow")
    assert "Follow this challenge" in client.get(f"/challenges/{challenge.id}").get_data(
        as_text=True
    )


def test_followers_hear_of_each_new_answer_once_and_answerers_follow(app):
    challenge = make_challenge()
    follower = _follower(challenge, all_ideas_delivery=Delivery.INSTANT)
    notifications.follow(follower, FollowKind.ALL_IDEAS)
    db.session.commit()
    answer = make_answer(challenge)
    db.session.commit()
    (mail,) = _mails("new_idea", follower)  # one mail, though two follows match
    assert "Nieuwe inzending" in mail.subject
    assert "uitdaging" in mail.body_text
    author = db.session.get(User, answer.author_id)
    assert notifications.is_following(author, FollowKind.CHALLENGE, challenge)
    # An existing idea given as an answer: the challenge's followers only.
    idea = make_idea(title="Older idea, now an answer")
    category_only = make_user()
    category = db.session.get(Category, idea.category_id)
    notifications.follow(category_only, FollowKind.CATEGORY, category)
    db.session.commit()
    author = db.session.get(User, idea.author_id)
    before = len(_mails("new_idea", follower))  # 2: the answer, the idea (all ideas)
    services.answer_with_idea(author, challenge, idea, True)
    db.session.commit()
    assert len(_mails("new_idea", follower)) == before + 1
    assert _mails("new_idea", category_only) == []


def test_results_tell_each_author_their_outcome_and_followers_the_winners(app, mail_server):
    challenge, (best, other) = _evaluating()
    follower = _follower(challenge)
    quiet = _follower(challenge, challenge_delivery=Delivery.DAILY)
    da_author = db.session.get(User, other.author_id)
    da_author.locale = "da"
    _scored(challenge, best, other)
    publish(
        make_owner(challenge),
        challenge,
        [
            Outcome(best.id, Award.FIRST, "Cheap **and** quick."),
            Outcome(other.id, None, "Too costly for the harbour."),
        ],
    )
    db.session.commit()
    (outcome,) = _mails("answer_outcome", da_author)
    assert "Dit bidrag blev ikke præmieret." in outcome.body_text
    assert "Begrundelsen, der blev offentliggjort med resultatet:" in outcome.body_text
    assert "Too costly for the harbour." in outcome.body_text
    assert "Feasibility: 3" in outcome.body_text
    (winner,) = _mails("answer_outcome", db.session.get(User, best.author_id))
    assert "1st place" in winner.body_text
    assert "Cheap <strong>and</strong> quick." in winner.body_html
    (results,) = _mails("challenge_results", follower)
    assert "1e plaats" in results.body_text
    assert best.title in results.body_text
    assert _mails("challenge_results", quiet) == []  # their digest tells them
    assert _mails("challenge_results", da_author) == []  # the outcome mail says it all
    send_pending()
    received = {r.recipients[0]: r.message for r in mail_server.received}
    assert received[da_author.email]["Content-Language"] == "da"
    assert received[follower.email]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_follower_who_stops_following_before_sending_gets_no_results(app):
    from portal.notifications.sending import NOT_FOLLOWING, still_wanted

    challenge, answers = _evaluating(1)
    follower = _follower(challenge)
    _scored(challenge, *answers)
    publish(make_owner(challenge), challenge, [Outcome(answers[0].id, Award.WINNER, "Good.")])
    db.session.commit()
    (mail,) = _mails("challenge_results", follower)
    assert still_wanted(mail) is None
    notifications.unfollow(follower, FollowKind.CHALLENGE, challenge)
    db.session.commit()
    assert still_wanted(mail) == NOT_FOLLOWING


def test_digests_carry_new_answers_and_results_of_followed_challenges(app):
    challenge = make_challenge()
    reader = _follower(challenge, challenge_delivery=Delivery.DAILY)
    make_answer(challenge)
    make_idea(title="An idea elsewhere")
    db.session.commit()
    assert build_digests(Delivery.DAILY).written == 1
    (digest,) = _mails("digest", reader)
    assert "inzending voor de uitdaging" in digest.body_text
    assert "An idea elsewhere" not in digest.body_text
    challenge, answers = _evaluating(1)
    notifications.follow(reader, FollowKind.CHALLENGE, challenge)
    _scored(challenge, *answers)
    publish(make_owner(challenge), challenge, [Outcome(answers[0].id, None, "Not this time.")])
    db.session.commit()
    assert build_digests(Delivery.DAILY, utcnow() + timedelta(days=1)).written == 1
    latest = _mails("digest", reader)[-1]
    assert "Uitslag gepubliceerd" in latest.body_text
    assert f"/challenges/{challenge.id}#results" in latest.body_text


def test_the_jury_hears_when_evaluation_starts_and_is_reminded_once(app):
    challenge = make_challenge()
    member = make_juror(challenge)
    answers = [make_answer(challenge) for _ in range(2)]
    db.session.commit()
    juror = db.session.get(User, member.user_id)
    assert _mails("jury_evaluation", juror) == []
    later = challenge.closes_at + timedelta(minutes=1)
    moved = services.advance(later)
    db.session.commit()
    assert moved.closed == [challenge.id]
    assert moved.reminded == []
    (started,) = _mails("jury_evaluation", juror)
    assert "2 answers" in started.body_text
    assert f"/challenges/{challenge.id}/evaluate" in started.body_text
    challenge = db.session.get(Challenge, challenge.id)
    jury.score(member, challenge, answers[0], _values(challenge, 1, 2, 3))
    done = make_juror(challenge)
    for answer in answers:
        jury.score(done, challenge, answer, _values(challenge, 3, 3, 3))
    db.session.commit()
    soon = challenge.results_due - timedelta(days=2)
    assert services.advance(soon).reminded == [challenge.id]
    assert services.advance(soon).reminded == []  # once, however often it runs
    db.session.commit()
    (reminder,) = _mails("jury_reminder", juror)
    assert "1 of 2 answers scored." in reminder.body_text
    assert _mails("jury_reminder", db.session.get(User, done.user_id)) == []  # nothing left


def test_closing_by_hand_tells_the_jury_too(app):
    challenge = make_challenge()
    member = make_juror(challenge)
    services.close_answers(make_owner(challenge), challenge)
    db.session.commit()
    assert len(_mails("jury_evaluation", db.session.get(User, member.user_id))) == 1
