"""Nominating experts for a challenge, and what the nominee does with the
one invitation: take part, decline, or never be e-mailed again."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from portal import suppression
from portal.accounts.locks import lock_author
from portal.accounts.models import User
from portal.challenges import invitations, jury
from portal.challenges.models import (
    INVITATION_DAYS,
    AnswerInvitation,
    Challenge,
    JuryMember,
    Phase,
)
from portal.errors import DomainError
from portal.extensions import db
from portal.hooks import content_withdrawn
from portal.mail import forget_addresses, queue_mail
from portal.moderation.services import log
from portal.nominations import notices, queries
from portal.nominations.models import (
    KNOWLEDGE_MAX,
    LIMIT_MAX,
    NAME_MAX,
    QUESTION_MAX,
    Nomination,
    NominationCall,
    Nominee,
    NomineeStatus,
)
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.timeutil import utcnow
from portal.urls import absolute_url

# While a challenge is in these phases, a call for nominations may run.
NOMINATING_PHASES = (Phase.OPEN, Phase.EVALUATION)


class NominationError(DomainError):
    messages = {
        "no call": _l("This challenge does not ask for nominations."),
        "closed": _l("Nominations for this challenge have ended."),
        "blocked": _l("Your account is blocked, so you cannot nominate anyone."),
        "self": _l("You cannot nominate yourself: name someone who knows more than you."),
        "twice": _l("You have already nominated this person for this challenge."),
        "limit": _l("You can nominate at most %(max)s people for this challenge."),
        "name": _l("Please give the person's name as others know them."),
        "knowledge": _l("Please say what they know about this problem and why they know more."),
        "too long": _l("That text is too long."),
        "question": _l("Please write the question nominators answer (at most 300 characters)."),
        "per nominator": _l("From 1 to %(max)s nominations per person, please."),
        "ends": _l("The end date must be in the future."),
        "phase": _l("Nominations run while the challenge is open or in evaluation."),
        "invitation": _l(
            "This invitation is no longer valid: it has been answered or has expired."
        ),
        "merge itself": _l("A nominee cannot be merged into themselves."),
        "merged": _l("This nominee has been merged into another record: use that one."),
        "other challenge": _l("Both records must belong to this challenge."),
        "unreachable": _l(
            "This nominee cannot be written to: they have no address any more, declined, or "
            "did not answer in time."
        ),
        "asked already": _l("This nominee has already been invited to that."),
        "own nominee": _l(
            "You nominated this person yourself, so you cannot take part through their invitation."
        ),
        "reason": _l("Please give a reason."),
        "already hidden": _l("It is already hidden."),
        "not hidden": _l("It is not hidden."),
    }


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# --- the owner's call ------------------------------------------------------------


@dataclass
class CallData:
    question: str
    per_nominator: int
    ends_at: datetime


def set_call(actor: User, challenge: Challenge, data: CallData) -> NominationCall:
    """Ask for nominations (or change the question, the limit, the end)."""
    if challenge.phase not in NOMINATING_PHASES:
        raise NominationError("phase")
    if not data.question.strip() or len(data.question) > QUESTION_MAX:
        raise NominationError("question")
    if not 1 <= data.per_nominator <= LIMIT_MAX:
        raise NominationError("per nominator", max=LIMIT_MAX)
    if data.ends_at <= utcnow():
        raise NominationError("ends")
    call = db.session.get(NominationCall, challenge.id)
    if call is None:
        call = NominationCall(challenge_id=challenge.id)
        db.session.add(call)
    call.question, call.per_nominator, call.ends_at = (
        data.question,
        data.per_nominator,
        data.ends_at,
    )
    db.session.flush()
    return call


def end_call(actor: User, challenge: Challenge) -> None:
    """Stop taking nominations now (the nominations made stay)."""
    call = db.session.get(NominationCall, challenge.id)
    if call is None:
        raise NominationError("no call")
    call.ends_at = min(call.ends_at, utcnow())


def open_call(challenge: Challenge) -> NominationCall | None:
    """The challenge's call, if it takes nominations now."""
    call = db.session.get(NominationCall, challenge.id)
    if call is None or not call.is_open(utcnow()) or challenge.phase not in NOMINATING_PHASES:
        return None
    return call


# --- nominating ------------------------------------------------------------------


@dataclass
class NominationData:
    name: str
    email: str | None  # None: a pointer the owner may follow up by hand
    knowledge: str
    named: bool  # the nominee may be told who nominated them


def _nominee_of(user: User, challenge: Challenge) -> Nominee | None:
    """The nominator's own place in the pyramid: the nominee record they
    took part through, if any."""
    return db.session.scalar(
        select(Nominee).where(
            Nominee.challenge_id == challenge.id,
            Nominee.user_id == user.id,
            Nominee.status == NomineeStatus.TOOK_PART,
        )
    )


def made_by(user: User, challenge: Challenge) -> int:
    return db.session.scalar(
        select(func.count()).where(
            Nomination.challenge_id == challenge.id, Nomination.nominator_id == user.id
        )
    )


def _check(nominator: User, challenge: Challenge, data: NominationData) -> NominationCall:
    call = db.session.get(NominationCall, challenge.id)
    if call is None:
        raise NominationError("no call")
    if open_call(challenge) is None:
        raise NominationError("closed")
    if nominator.is_blocked:
        raise NominationError("blocked")
    if not data.name.strip():
        raise NominationError("name")
    if not data.knowledge.strip():
        raise NominationError("knowledge")
    if len(data.name) > NAME_MAX or len(data.knowledge) > KNOWLEDGE_MAX:
        raise NominationError("too long")
    if data.email and data.email.strip().lower() == nominator.email.lower():
        raise NominationError("self")
    return call


def nominate(
    nominator: User, challenge: Challenge, data: NominationData, locale: str | None = None
) -> Nomination:
    """Nominate someone. A new address gets the one invitation of this
    challenge (in ``locale``); an address nominated before is not mailed
    again, but the nomination counts. Without an address the nomination is
    a pointer for the owner."""
    call = _check(nominator, challenge, data)
    lock_author(nominator.id)  # two nominations sent at once both see the limit
    if made_by(nominator, challenge) >= call.per_nominator:
        raise NominationError("limit", max=call.per_nominator)
    email = data.email.strip().lower() if data.email else None
    nominee = _existing(challenge, email) if email else None
    if nominee is None:
        nominee = _new_or_existing(nominator, challenge, data.name.strip(), email)
    themselves = select(Nominee.id).where(
        Nominee.id.in_(_records_of(nominee)), Nominee.user_id == nominator.id
    )
    if db.session.scalar(themselves.limit(1)) is not None:
        raise NominationError("self")  # they took part through this very record
    taken = select(Nomination.id).where(
        Nomination.nominee_id.in_(_records_of(nominee)), Nomination.nominator_id == nominator.id
    )
    if db.session.scalar(taken.limit(1)) is not None:
        raise NominationError("twice")
    nomination = Nomination(
        challenge_id=challenge.id,
        nominee_id=nominee.id,
        nominator_id=nominator.id,
        knowledge=data.knowledge,
        name=data.name.strip(),
        named=data.named,
    )
    db.session.add(nomination)
    db.session.flush()
    # The nominator hears when their nominee takes part (unless they turned
    # "follow what I take part in" off).
    if notifications.settings_of(nominator).auto_follow:
        notifications.follow(nominator, FollowKind.CHALLENGE, challenge)
    if nominee.status == NomineeStatus.INVITED and nominee.invited_at is None:
        _invite(nominee, nomination, nominator, challenge, locale)
    return nomination


def _existing(challenge: Challenge, email: str) -> Nominee | None:
    """The person this address names, following a merge to the record kept."""
    found = db.session.scalar(
        select(Nominee)
        .where(
            Nominee.challenge_id == challenge.id,
            Nominee.address_hash == suppression.address_hash(email),
        )
        .order_by(Nominee.merged_into_id.is_not(None), Nominee.id)
        .limit(1)
    )
    if found is not None and found.merged_into_id is not None:
        return db.session.get(Nominee, found.merged_into_id)
    return found


def _new_or_existing(
    nominator: User, challenge: Challenge, name: str, email: str | None
) -> Nominee:
    """A new nominee — or, when someone else nominated the same address at
    the same moment (the unique index says so), theirs."""
    try:
        with db.session.begin_nested():
            return _new_nominee(nominator, challenge, name, email)
    except IntegrityError:
        found = _existing(challenge, email) if email else None
        if found is None:
            raise
        return found


def _new_nominee(nominator: User, challenge: Challenge, name: str, email: str | None) -> Nominee:
    mine = _nominee_of(nominator, challenge)
    if email is None:
        status = NomineeStatus.POINTER
    elif suppression.is_suppressed(email):
        status = NomineeStatus.DECLINED  # they asked never to be e-mailed again
    else:
        status = NomineeStatus.INVITED
    nominee = Nominee(
        challenge_id=challenge.id,
        name=name,
        email=email if status == NomineeStatus.INVITED else None,
        address_hash=suppression.address_hash(email) if email else None,
        status=status,
        round=mine.round + 1 if mine else 1,
    )
    db.session.add(nominee)
    db.session.flush()
    return nominee


def _invite(
    nominee: Nominee,
    nomination: Nomination,
    nominator: User,
    challenge: Challenge,
    locale: str | None,
) -> None:
    token = secrets.token_urlsafe(24)
    nominee.invite_hash, nominee.invited_at = _token_hash(token), utcnow()
    nominee.locale = locale or nominator.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    link = absolute_url("nominations.invitation", challenge_id=challenge.id, token=token)
    queue_mail(
        "nomination_invitation",
        nominee.email,  # type: ignore[arg-type]
        nominee.locale,
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        about={"challenges": [challenge.id]},
        name=nominee.name,
        nominator=nominator.display_name if nomination.named else None,
        knowledge=nomination.knowledge,
        challenge=challenge,
        link=link,
        days=current_app.config["NOMINATION_EXPIRY_DAYS"],
    )


def _records_of(nominee: Nominee):  # type: ignore[no-untyped-def]
    """SQL: the ids of the person's records, the kept one and those merged into it."""
    return select(Nominee.id).where(
        (Nominee.id == nominee.id) | (Nominee.merged_into_id == nominee.id)
    )


# --- the nominee's answer ------------------------------------------------------------


def invitation(challenge: Challenge, token: str) -> Nominee | None:
    """The person the link invites, if they have not answered yet: the
    record it was sent for, or the record that was merged into since."""
    found = db.session.scalar(
        select(Nominee).where(
            Nominee.challenge_id == challenge.id, Nominee.invite_hash == _token_hash(token)
        )
    )
    if found is not None and found.merged_into_id is not None:
        found = db.session.get(Nominee, found.merged_into_id)
    return found if found is not None and found.status == NomineeStatus.INVITED else None


def _forget(emails: list[str | None], kind: str, challenge_id: int) -> None:
    """The outbox forgets where this challenge's mails of ``kind`` went."""
    forget_addresses([e for e in emails if e], (kind,), {"challenges": [challenge_id]})


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
    _forget(emails, "nomination_invitation", nominee.challenge_id)


def take_part(user: User, nominee: Nominee, shown: bool) -> None:
    """The nominee, logged in, takes part: they may answer the challenge and
    nominate in turn (the next round); ``shown``: named on the challenge
    page as a nominated expert."""
    if nominee.status != NomineeStatus.INVITED:
        raise NominationError("invitation")
    own = select(Nomination.id).where(
        Nomination.nominee_id.in_(_records_of(nominee)), Nomination.nominator_id == user.id
    )
    if db.session.scalar(own.limit(1)) is not None:
        raise NominationError("own nominee")
    _answer(nominee, NomineeStatus.TOOK_PART)
    nominee.user_id, nominee.shown = user.id, shown
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
                        Nominee.id.in_(_records_of(nominee)), Nominee.address_hash.is_not(None)
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
        _forget([email], "nomination_invitation", challenge_id)
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
            _forget([email], kind, challenge_id)
    return erased


# --- the owners' pyramid: one person, one record; inviting the best ------------------

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
    _forget([e for e in dropped if e != keep.email], "nomination_invitation", challenge.id)
    keep.jury_member_id = keep.jury_member_id or other.jury_member_id
    keep.answer_invitation_id = keep.answer_invitation_id or other.answer_invitation_id
    db.session.execute(
        update(Nominee).where(Nominee.merged_into_id == other.id).values(merged_into_id=keep.id)
    )
    other.merged_into_id = keep.id
    db.session.flush()
    # "Never e-mail me again" at one address holds for every address of the person.
    hashes = list(
        db.session.scalars(
            select(Nominee.address_hash).where(
                Nominee.id.in_(_records_of(keep)), Nominee.address_hash.is_not(None)
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


# --- moderation: an abusive text stops counting ---------------------------------------


def hide(moderator: User, nomination: Nomination, reason: str) -> None:
    """Hide a nomination whose text is abusive: it leaves the pyramid and no
    longer counts; the nominator sees that it was hidden and why."""
    if not reason.strip():
        raise NominationError("reason")
    if nomination.is_hidden:
        raise NominationError("already hidden")
    nomination.hidden_at, nomination.hidden_reason = utcnow(), reason
    log(moderator, "hide", nomination, reason, challenge=nomination.challenge_id)
    content_withdrawn.send("nomination")  # a printed pyramid may carry it


def restore(moderator: User, nomination: Nomination, reason: str) -> None:
    if not reason.strip():
        raise NominationError("reason")
    if not nomination.is_hidden:
        raise NominationError("not hidden")
    nomination.hidden_at = nomination.hidden_reason = None
    log(moderator, "restore", nomination, reason, challenge=nomination.challenge_id)


# --- a person's data --------------------------------------------------------------------


def erase_person(user: User) -> None:
    """Erasing an account takes its nominations with it: those the person
    made (their words; a nominee left without any nomination goes too) and
    their own place in any pyramid, with what others wrote about them."""
    made = set(
        db.session.scalars(select(Nomination.nominee_id).where(Nomination.nominator_id == user.id))
    )
    about = list(db.session.scalars(queries.records_about(user)))
    db.session.execute(
        delete(Nomination).where(
            (Nomination.nominator_id == user.id) | Nomination.nominee_id.in_(about)
        )
    )
    _delete_records(about)
    # A record nobody nominates any more (the person's nominations were its
    # only ones) is nobody's business.
    orphans = db.session.scalars(
        select(Nominee).where(Nominee.id.in_(made - set(about)), Nominee.user_id.is_(None))
    ).all()
    for nominee in orphans:
        records = list(db.session.scalars(_records_of(nominee)))
        left = select(Nomination.id).where(Nomination.nominee_id.in_(records)).limit(1)
        if db.session.scalar(left) is None:
            _delete_records(records)


def _delete_records(ids: list[int]) -> None:
    db.session.execute(
        update(Nominee).where(Nominee.merged_into_id.in_(ids)).values(merged_into_id=None)
    )
    db.session.execute(delete(Nominee).where(Nominee.id.in_(ids)))
