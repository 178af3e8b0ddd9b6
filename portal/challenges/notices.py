"""The mails a challenge sends: its results to those who follow it, each
answer's outcome to its author, and to the jury "the evaluation has
started" and a reminder before the results are due.

New answers reach the challenge's followers as new ideas do
(``notifications.announcements.new_idea``); daily and weekly followers read both
in their digest. Every mail is written in its recipient's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, select, update

from portal.accounts.models import User
from portal.challenges import jury_queries, queries, ranking
from portal.challenges.models import Challenge, JuryMember, Phase
from portal.extensions import db
from portal.mail import queue_mail
from portal.notifications import outcomes
from portal.notifications import services as notifications
from portal.notifications.models import Delivery, Follow, FollowKind, NotificationSettings
from portal.urls import absolute_url


def _url(challenge: Challenge) -> str:
    return absolute_url("challenges.detail", challenge_id=challenge.id, _anchor="results")


def results_published(challenge: Challenge) -> None:
    """Tell every answer's author its outcome, and the followers (who have
    not answered) that the results are out."""
    results = jury_queries.results_of(challenge)
    ranked = {
        r.idea.id: r
        for r in ranking.rank(
            challenge,
            [idea for idea, _answer in results],
            jury_queries.scores_of(challenge),
            supports=jury_queries.supports_of(challenge),
        )
    }
    individual = jury_queries.individual_scores(challenge) if challenge.anonymous_scores else {}
    authors = set()
    for idea, answer in results:
        author = idea.author
        authors.add(author.id)
        if author.erased_at is not None or not author.email_verified_at:
            continue
        notifications.queue_notification(
            "answer_outcome",
            author,
            notifications.settings_of(author),
            topic=outcomes.OUTCOME,
            about={"ideas": [idea.id], "challenges": [challenge.id]},
            challenge=challenge,
            idea=idea,
            answer=answer,
            ranked=ranked[idea.id],
            individual=individual.get(idea.id, {}),
            url=_url(challenge),
        )
    for user, settings in instant_followers(challenge):
        if user.id in authors:
            continue  # their outcome mail says it all
        notifications.queue_notification(
            "challenge_results",
            user,
            settings,
            topic=FollowKind.CHALLENGE,
            about={"challenges": [challenge.id]},
            challenge=challenge,
            awarded=[(idea, answer) for idea, answer in results if answer.award],
            answers=len(results),
            url=_url(challenge),
        )


def instant_followers(challenge: Challenge) -> list[tuple[User, NotificationSettings]]:
    """Who follows the challenge and wants each piece of news by mail at once."""
    rows = db.session.execute(
        select(User, NotificationSettings)
        .join(
            Follow,
            and_(
                Follow.user_id == User.id,
                Follow.kind == FollowKind.CHALLENGE,
                Follow.challenge_id == challenge.id,
            ),
        )
        .outerjoin(NotificationSettings, NotificationSettings.user_id == User.id)
        .where(
            notifications.wants_mail(),
            notifications.delivery_sql(FollowKind.CHALLENGE) == Delivery.INSTANT,
        )
        .order_by(User.id)
    ).all()
    return [(u, s or notifications.default_settings(u.id)) for u, s in rows]


# --- the jury ------------------------------------------------------------------


def _members(challenge: Challenge) -> list[tuple[JuryMember, User]]:
    """The members who joined (an open invitation has nobody to tell yet)."""
    rows = db.session.execute(
        select(JuryMember, User)
        .join(User, User.id == JuryMember.user_id)
        .where(JuryMember.challenge_id == challenge.id, User.erased_at.is_(None))
        .order_by(JuryMember.id)
    ).all()
    return [(member, user) for member, user in rows]


def _tell_jury(kind: str, challenge: Challenge, only_unfinished: bool = False) -> None:
    answers = jury_queries.answers_to_score(challenge)
    progress = jury_queries.progress(challenge, answers)
    for member, user in _members(challenge):
        done = progress.get(member.id, 0)
        if only_unfinished and done >= len(answers):
            continue
        queue_mail(
            kind,
            user.email,
            user.locale,
            recipient_id=user.id,
            about={"challenges": [challenge.id]},
            user=user,
            challenge=challenge,
            done=done,
            total=len(answers),
            url=absolute_url("challenges.evaluate", challenge_id=challenge.id),
        )


def evaluation_started(challenge: Challenge) -> None:
    """The deadline has passed: every member hears they can score now."""
    _tell_jury("jury_evaluation", challenge)


def remind_jury(now: datetime) -> list[int]:
    """Challenges in evaluation whose results are due within
    ``JURY_REMINDER_DAYS``: remind each member who has answers left to score,
    once per challenge (a conditional UPDATE, so two nodes remind once)."""
    soon = now + timedelta(days=current_app.config["JURY_REMINDER_DAYS"])
    due = db.session.scalars(
        update(Challenge)
        .where(
            Challenge.phase == Phase.EVALUATION,
            Challenge.jury_reminded_at.is_(None),
            Challenge.results_due <= soon,
        )
        .values(jury_reminded_at=now)
        .returning(Challenge.id)
    ).all()
    for challenge_id in sorted(due):
        challenge = queries.load(challenge_id)
        if challenge is not None:
            _tell_jury("jury_reminder", challenge, only_unfinished=True)
    return sorted(due)
