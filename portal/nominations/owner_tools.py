"""The owners' pyramid: one person, one record (merging two records of the
same person), and inviting the best to answer or to join the jury."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select, update

from portal import suppression
from portal.accounts.models import User
from portal.challenges import invitations, jury
from portal.challenges.models import Challenge, JuryMember
from portal.extensions import db
from portal.moderation.services import log
from portal.nominations.counts import recount
from portal.nominations.models import Nominee, NomineeStatus
from portal.nominations.services import NominationError, forget_sent, records_of

# How far a record has come: when two are merged, the kept one takes the
# further of the two (someone who took part stays taking part).
_PROGRESS = {
    NomineeStatus.POINTER: 0,
    NomineeStatus.EXPIRED: 1,
    NomineeStatus.INVITED: 2,
    NomineeStatus.DECLINED: 3,  # they answered: no
    NomineeStatus.TOOK_PART: 4,
}
_CONTACT = (
    "status", "email", "invite_hash", "invited_at", "locale", "answered_at", "user_id", "shown",
)  # fmt: skip


def merge(actor: User, challenge: Challenge, keep: Nominee, other: Nominee) -> None:
    """``other`` is the same person as ``keep`` (another spelling, another
    address): its nominations count for ``keep`` from now on, and ``keep``
    takes the earlier round and the further status of the two. Nothing is
    deleted; the log says who merged what."""
    if keep.id == other.id:
        raise NominationError("merge itself")
    if keep.challenge_id != challenge.id or other.challenge_id != challenge.id:
        raise NominationError("other challenge")
    if keep.merged_into_id is not None or other.merged_into_id is not None:
        raise NominationError("merged")
    keep.round = min(keep.round, other.round)
    dropped = [other.email]
    if _PROGRESS[NomineeStatus(other.status)] > _PROGRESS[NomineeStatus(keep.status)]:
        dropped.append(keep.email)
        contact = {name: getattr(other, name) for name in _CONTACT}
        other.invite_hash = None
        db.session.flush()  # the link is unique: it leaves one record before the other gets it
        for name, value in contact.items():
            setattr(keep, name, value)
    if keep.status != NomineeStatus.INVITED:
        other.invite_hash = None  # they have answered: no link of theirs works any more
    # One address per person is enough to write to them; the merged record's
    # link (if it still works) leads to the kept one (``invitation``).
    other.email = None
    forget_sent([e for e in dropped if e != keep.email], "nomination_invitation", challenge.id)
    keep.jury_member_id = keep.jury_member_id or other.jury_member_id
    keep.answer_invitation_id = keep.answer_invitation_id or other.answer_invitation_id
    db.session.execute(
        update(Nominee).where(Nominee.merged_into_id == other.id).values(merged_into_id=keep.id)
    )
    other.merged_into_id = keep.id
    db.session.flush()
    recount(challenge.id)
    # "Never e-mail me again" at one address holds for every address of the person.
    hashes = list(
        db.session.scalars(
            select(Nominee.address_hash).where(
                Nominee.id.in_(records_of(keep)), Nominee.address_hash.is_not(None)
            )
        )
    )
    if any(suppression.is_suppressed_hash(h) for h in hashes):
        suppression.suppress_hashes(hashes)
    log(actor, "nominee_merged", other, into=keep.id, challenge=challenge.id)


def _address_of(nominee: Nominee) -> tuple[str, str | None]:
    """Where the owners' invitation goes: the account the nominee took part
    with, or the address of their unanswered invitation."""
    if not nominee.reachable:
        raise NominationError("unreachable")
    if nominee.user_id is not None:
        user = db.session.get(User, nominee.user_id)
        return user.email, user.locale or nominee.locale  # type: ignore[union-attr]
    return nominee.email, nominee.locale  # type: ignore[return-value]


def invite_to(actor: User, challenge: Challenge, nominee: Nominee, seat: str) -> None:
    """Invite a nominee, with one action, to ``answer`` the challenge or to
    join its ``jury``: the challenge's own invitation mail, through the
    outbox; the owners never see the address."""
    if nominee.challenge_id != challenge.id:
        raise NominationError("other challenge")
    if nominee.merged_into_id is not None:
        raise NominationError("merged")
    email, locale = _address_of(nominee)
    locale = locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    if seat == "jury":
        if nominee.jury_member_id is not None:
            raise NominationError("asked already")
        jury.invite(actor, challenge, nominee.name, email, locale, address_private=True)
        nominee.jury_member_id = db.session.scalar(
            select(JuryMember.id).where(
                JuryMember.challenge_id == challenge.id, JuryMember.email == email.lower()
            )
        )
    else:
        if nominee.answer_invitation_id is not None:
            raise NominationError("asked already")
        invitation = invitations.invite(actor, challenge, nominee.name, email, locale, nominee=True)
        nominee.answer_invitation_id = invitation.id
