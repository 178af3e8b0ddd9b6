"""Inviting people to answer: on a challenge that the owners open to "also
people we invite by e-mail", they send someone who may know the answer an
invitation — once per address, while the challenge is open. The invited
person registers or logs in and answers like anyone else; the owners see
who has answered."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.accounts.models import User
from portal.challenges.models import INVITATIONS_MAX, AnswerInvitation, Challenge
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas.models import Idea
from portal.mail import queue_mail
from portal.timeutil import utcnow
from portal.urls import absolute_url


class InvitationError(DomainError):
    messages = {
        "not inviting": _l(
            "This challenge is open to everyone registered only: choose “also people we "
            "invite by e-mail” in the challenge to invite people."
        ),
        "not open": _l("Invitations can be sent while the challenge is open for answers."),
        "already invited": _l("This address has already been invited to answer this challenge."),
        "too many": _l("A challenge can have at most %(max)s invitations."),
    }


def invite(
    actor: User,
    challenge: Challenge,
    name: str,
    email: str,
    locale: str,
    message: str = "",
    nominee: bool = False,
) -> AnswerInvitation:
    """Invite someone to answer: one mail, in ``locale``, with the owner's
    note and a link to the answer form. A ``nominee`` (from the pyramid) is
    invited whoever the challenge is open to, and the owners are not shown
    their address."""
    if not (challenge.invites_answerers or nominee):
        raise InvitationError("not inviting")
    if not challenge.accepts_answers(utcnow()):
        raise InvitationError("not open")
    email = email.strip().lower()
    taken = select(AnswerInvitation.id).where(
        AnswerInvitation.challenge_id == challenge.id, AnswerInvitation.email == email
    )
    if db.session.scalar(taken) is not None:
        raise InvitationError("already invited")
    count = select(func.count()).where(AnswerInvitation.challenge_id == challenge.id)
    if db.session.scalar(count) >= INVITATIONS_MAX:
        raise InvitationError("too many", max=INVITATIONS_MAX)
    invitation = AnswerInvitation(
        challenge_id=challenge.id,
        email=email,
        name=name[:60],
        locale=locale,
        message=message,
        invited_by_id=actor.id,
        address_private=nominee,
    )
    db.session.add(invitation)
    db.session.flush()
    queue_mail(
        "answer_invitation",
        email,
        locale,
        about={"challenges": [challenge.id]},
        name=name,
        inviter=actor.display_name,
        challenge=challenge,
        message=message,
        url=absolute_url("challenges.detail", challenge_id=challenge.id),
        answer_url=absolute_url("challenges.answer", challenge_id=challenge.id),
    )
    return invitation


@dataclass(frozen=True)
class Invited:
    invitation: AnswerInvitation
    answers: int  # public answers by the account with that address


def invited(challenge: Challenge) -> list[Invited]:
    """Every invitation, newest first, and whether the person has answered
    (two queries)."""
    rows = list(
        db.session.scalars(
            select(AnswerInvitation)
            .where(AnswerInvitation.challenge_id == challenge.id)
            .order_by(AnswerInvitation.invited_at.desc(), AnswerInvitation.id.desc())
        )
    )
    answered = dict(
        db.session.execute(
            select(func.lower(User.email), func.count(Idea.id))
            .join(Idea, Idea.author_id == User.id)
            .where(
                Idea.challenge_id == challenge.id,
                Idea.public,
                func.lower(User.email).in_([r.email for r in rows]),
            )
            .group_by(func.lower(User.email))
        ).all()
    )
    return [Invited(r, answered.get(r.email, 0)) for r in rows]
