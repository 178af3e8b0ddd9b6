"""What a nominee does with the one invitation: take part, decline, or
never be e-mailed again; and the addresses forgotten when nobody needs them."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from portal import suppression
from portal.accounts.models import User
from portal.challenges.models import (
    INVITATION_DAYS,
    AnswerInvitation,
    Challenge,
    JuryMember,
)
from portal.extensions import db
from portal.nominations import notices
from portal.nominations.counts import recount
from portal.nominations.models import Nomination, Nominee, NomineeStatus
from portal.nominations.services import (
    NominationError,
    forget_sent,
    records_of,
    token_hash,
)
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.timeutil import utcnow


def invitation(challenge: Challenge, token: str) -> Nominee | None:
    """The person the link invites, if they have not answered yet: the
    record it was sent for, or the record that was merged into since."""
    found = db.session.scalar(
        select(Nominee).where(
            Nominee.challenge_id == challenge.id, Nominee.invite_hash == token_hash(token)
        )
    )
    if found is not None and found.merged_into_id is not None:
        found = db.session.get(Nominee, found.merged_into_id)
    return found if found is not None and found.status == NomineeStatus.INVITED else None


def challenge_of(nominee: Nominee) -> Challenge:
    return db.session.get(Challenge, nominee.challenge_id)  # type: ignore[return-value]


def _answer(nominee: Nominee, status: NomineeStatus) -> None:
    """The addresses are no longer needed once the nominee has answered
    (theirs, and those of records merged into theirs; every link dies)."""
    nominee.status, nominee.answered_at = status, utcnow()
    emails = [nominee.email] if nominee.email else []
    emails += db.session.scalars(
        select(Nominee.email).where(
            Nominee.merged_into_id == nominee.id, Nominee.email.is_not(None)
        )
    ).all()
    nominee.email, nominee.invite_hash = None, None
    db.session.execute(
        update(Nominee)
        .where(Nominee.merged_into_id == nominee.id)
        .values(email=None, invite_hash=None)
    )
    forget_sent(emails, "nomination_invitation", nominee.challenge_id)


def take_part(user: User, nominee: Nominee, shown: bool) -> None:
    """The nominee, logged in, takes part: they may answer the challenge and
    nominate in turn (the next round); ``shown``: named on the challenge
    page as a nominated expert."""
    if nominee.status != NomineeStatus.INVITED:
        raise NominationError("invitation")
    own = select(Nomination.id).where(
        Nomination.nominee_id.in_(records_of(nominee)), Nomination.nominator_id == user.id
    )
    if db.session.scalar(own.limit(1)) is not None:
        raise NominationError("own nominee")
    _answer(nominee, NomineeStatus.TOOK_PART)
    nominee.user_id, nominee.shown = user.id, shown
    recount(nominee.challenge_id)
    # They hear of the challenge's answers and results, as answerers do.
    notifications.follow(user, FollowKind.CHALLENGE, challenge_of(nominee))
    notices.took_part(nominee, challenge_of(nominee))


def decline(nominee: Nominee, never_again: bool = False) -> None:
    """No thanks — and, if asked, never any e-mail from the portal again."""
    if nominee.status != NomineeStatus.INVITED:
        raise NominationError("invitation")
    if never_again:  # every address the person was invited at
        suppression.suppress_hashes(
            list(
                db.session.scalars(
                    select(Nominee.address_hash).where(
                        Nominee.id.in_(records_of(nominee)), Nominee.address_hash.is_not(None)
                    )
                )
            )
        )
    _answer(nominee, NomineeStatus.DECLINED)


def expire(now: datetime | None = None) -> int:
    """Erase the addresses nobody needs any more, and return how many: of
    nominees who have not answered within ``NOMINATION_EXPIRY_DAYS`` (the
    keyed hash stays), of the owners' invitations of nominees to the jury or
    to answer that have run out, and of the mails that went to them.
    Idempotent, and safe on several nodes: conditional UPDATEs and DELETEs."""
    now = now or utcnow()
    before = now - timedelta(days=current_app.config["NOMINATION_EXPIRY_DAYS"])
    unanswered = (Nominee.status == NomineeStatus.INVITED) & (Nominee.invited_at <= before)
    addresses = db.session.execute(
        select(Nominee.email, Nominee.challenge_id).where(unanswered, Nominee.email.is_not(None))
    ).all()
    erased = (
        db.session.execute(
            update(Nominee)
            .where(unanswered)
            .values(status=NomineeStatus.EXPIRED, email=None, invite_hash=None)
        ).rowcount
        or 0
    )
    for email, challenge_id in addresses:
        forget_sent([email], "nomination_invitation", challenge_id)
    # A nominee invited from the pyramid keeps their address in that
    # invitation only until it runs out (the jury's link: INVITATION_DAYS;
    # an invitation to answer: as the nomination's, unless they took part
    # and it went to their own account).
    stale_jury = (
        JuryMember.address_private.is_(True)
        & JuryMember.joined_at.is_(None)
        & (JuryMember.invited_at <= now - timedelta(days=INVITATION_DAYS))
    )
    took_part = (
        select(Nominee.id)
        .where(
            Nominee.answer_invitation_id == AnswerInvitation.id,
            Nominee.status == NomineeStatus.TOOK_PART,
        )
        .exists()
    )
    stale_answer = (
        AnswerInvitation.address_private.is_(True)
        & (AnswerInvitation.invited_at <= before)
        & ~took_part
    )
    for kind, model, stale in (
        ("jury_invitation", JuryMember, stale_jury),
        ("answer_invitation", AnswerInvitation, stale_answer),
    ):
        rows = db.session.execute(select(model.email, model.challenge_id).where(stale)).all()
        erased += db.session.execute(delete(model).where(stale)).rowcount or 0
        for email, challenge_id in rows:
            forget_sent([email], kind, challenge_id)
    return erased
