"""The jury of a challenge: appointing staff, inviting outside experts by
e-mail, and scoring the answers by the published criteria.

Every function takes the person acting; the views ask ``permissions`` who
may call them, these functions check what the challenge's state allows and
raise ``JuryError`` otherwise.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select

from portal.accounts.models import Role, User
from portal.challenges import jury_queries
from portal.challenges.models import (
    INVITATION_DAYS,
    NOTE_MAX,
    Challenge,
    Evaluation,
    JuryMember,
    Phase,
    Score,
)
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas.models import Idea
from portal.mail import forget_addresses, queue_mail
from portal.timeutil import utcnow
from portal.urls import absolute_url

STAFF_ROLES = (Role.OFFICIAL, Role.MODERATOR, Role.ADMIN)


class JuryError(DomainError):
    """What is asked does not fit the jury or the evaluation as they are."""

    messages = {
        "not staff": _l(
            "Only officials, moderators and administrators are appointed by their account; "
            "invite anyone else by e-mail."
        ),
        "no account": _l(
            "There is no account with this e-mail address; invite the person instead."
        ),
        "already member": _l("This person is already on the jury."),
        "finished": _l("The challenge is over: its jury no longer changes."),
        "invitation": _l(
            "This invitation link does not work (any more). "
            "Ask the challenge's owner for a new one."
        ),
        "not evaluating": _l("Answers are scored while the challenge is in evaluation."),
        "seen": _l(
            "You have dealt with every answer and seen the other members' scores, so a "
            "declaration can no longer be taken back."
        ),
        "not an answer": _l("This idea is not an answer to this challenge."),
        "scale": _l("Each score is a whole number from 0 to %(max)s."),
        "criteria": _l("Please score every criterion."),
        "conflict": _l(
            "You declared a conflict of interest on this answer, so you do not score it."
        ),
        "note": _l("The note is too long."),
    }


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_changeable(challenge: Challenge) -> None:
    if challenge.phase in (Phase.RESULTS, Phase.CLOSED, Phase.CANCELLED):
        raise JuryError("finished")


def appoint(actor: User, challenge: Challenge, user: User | None) -> JuryMember:
    """Put an official, moderator or admin on the jury by their account."""
    _require_changeable(challenge)
    if user is None:
        raise JuryError("no account")
    if user.role not in STAFF_ROLES:
        raise JuryError("not staff")
    if _member_of(user, challenge) is not None:
        raise JuryError("already member")
    member = JuryMember(
        challenge_id=challenge.id, user_id=user.id, name=user.display_name, joined_at=utcnow()
    )
    db.session.add(member)
    db.session.flush()
    return member


def invite(
    actor: User,
    challenge: Challenge,
    name: str,
    email: str,
    locale: str | None,
    address_private: bool = False,
) -> str:
    """Invite an outside expert: a mail with a link only they have. Returns
    the link (the mail carries it; tests follow it). ``address_private``:
    the address is not the owners' to read (it came from a nomination)."""
    _require_changeable(challenge)
    email = email.strip().lower()
    taken = db.session.scalar(
        select(JuryMember.id)
        .outerjoin(User, User.id == JuryMember.user_id)
        .where(
            JuryMember.challenge_id == challenge.id,
            (JuryMember.email == email) | (func.lower(User.email) == email),
        )
    )
    if taken is not None:
        raise JuryError("already member")
    token = secrets.token_urlsafe(24)
    member = JuryMember(
        challenge_id=challenge.id,
        email=email,
        name=name[:60],
        invite_hash=_hash(token),
        address_private=address_private,
    )
    db.session.add(member)
    db.session.flush()
    link = absolute_url("challenges.join_jury", challenge_id=challenge.id, token=token)
    queue_mail(
        "jury_invitation",
        email,
        locale,
        about={"challenges": [challenge.id]},
        name=name,
        challenge=challenge,
        link=link,
        days=INVITATION_DAYS,
        inviter=actor.display_name,
    )
    return link


def invitation(challenge: Challenge, token: str) -> JuryMember | None:
    """The unused, unexpired invitation the link names, if any."""
    member = db.session.scalar(
        select(JuryMember).where(
            JuryMember.challenge_id == challenge.id, JuryMember.invite_hash == _hash(token)
        )
    )
    if member is None or member.invited_at < utcnow() - timedelta(days=INVITATION_DAYS):
        return None
    return member


def join(user: User, challenge: Challenge, token: str) -> JuryMember:
    """The invited expert, logged in, takes their seat (the link then dies)."""
    _require_changeable(challenge)
    member = invitation(challenge, token)
    if member is None:
        raise JuryError("invitation")
    if _member_of(user, challenge) is not None:
        raise JuryError("already member")
    member.user_id, member.joined_at, member.invite_hash = user.id, utcnow(), None
    member.name = user.display_name
    if member.address_private and member.email:
        # An address from a nomination: the account's counts from now on.
        forget_addresses([member.email], ("jury_invitation",), {"challenges": [challenge.id]})
        member.email = None
    return member


def remove(actor: User, member: JuryMember, challenge: Challenge) -> None:
    """Take someone off the jury; their scores go with them."""
    _require_changeable(challenge)
    db.session.delete(member)


def set_name_public(member: JuryMember, public: bool) -> None:
    member.name_public = public


def _member_of(user: User, challenge: Challenge) -> JuryMember | None:
    return db.session.scalar(
        select(JuryMember).where(
            JuryMember.challenge_id == challenge.id, JuryMember.user_id == user.id
        )
    )


# --- scoring -----------------------------------------------------------------


def _require_scorable(challenge: Challenge, idea: Idea) -> None:
    if challenge.phase != Phase.EVALUATION:
        raise JuryError("not evaluating")
    if idea.challenge_id != challenge.id or not idea.is_public:
        raise JuryError("not an answer")


def _evaluation(member: JuryMember, idea: Idea) -> Evaluation:
    found = db.session.get(Evaluation, (member.id, idea.id))
    if found is None:
        found = Evaluation(member_id=member.id, idea_id=idea.id, note="")
        db.session.add(found)
    return found


def score(
    member: JuryMember,
    challenge: Challenge,
    idea: Idea,
    values: Mapping[int, int | None],
    note: str = "",
) -> None:
    """Score one answer on every criterion (and keep a private note). A
    member changes their scores until the results are published."""
    _require_scorable(challenge, idea)
    evaluation = _evaluation(member, idea)
    if evaluation.conflict_declared_at is not None:
        raise JuryError("conflict")
    if len(note) > NOTE_MAX:
        raise JuryError("note")
    criteria = {c.id for c in challenge.jury_criteria}
    if set(values) != criteria or any(v is None for v in values.values()):
        raise JuryError("criteria")
    if any(not 0 <= v <= challenge.scale_max for v in values.values()):  # type: ignore[operator]
        raise JuryError("scale", max=challenge.scale_max)
    now = utcnow()
    for criterion_id, value in values.items():
        row = db.session.get(Score, (member.id, idea.id, criterion_id))
        if row is None:
            row = Score(member_id=member.id, idea_id=idea.id, criterion_id=criterion_id)
            db.session.add(row)
        row.value, row.scale_max, row.scored_at = value, challenge.scale_max, now
    evaluation.note, evaluation.updated_at = note, now
    db.session.flush()


def has_finished(member: JuryMember, challenge: Challenge) -> bool:
    """Done with every answer: the others' scores are open to them."""
    answers = jury_queries.answers_to_score(challenge)
    return jury_queries.progress(challenge, answers).get(member.id, 0) >= len(answers)


def saw_others(member: JuryMember) -> None:
    """The member is shown the others' scores (recorded the first time)."""
    if member.others_seen_at is None:
        member.others_seen_at = utcnow()


def declare_conflict(member: JuryMember, challenge: Challenge, idea: Idea, conflict: bool) -> None:
    """Say (or take back) that one cannot judge this answer fairly; the
    member's scores of it are removed and it leaves their count."""
    _require_scorable(challenge, idea)
    if not conflict and member.others_seen_at is not None:
        raise JuryError("seen")  # no scoring after a look at the others
    evaluation = _evaluation(member, idea)
    evaluation.conflict_declared_at = utcnow() if conflict else None
    evaluation.updated_at = utcnow()
    if conflict:
        db.session.execute(
            delete(Score).where(Score.member_id == member.id, Score.idea_id == idea.id)
        )
    db.session.flush()
