"""Nominating experts for a challenge: the owner's call, the nominations,
moderating their texts, and erasing a person's part in them. What the nominee
answers is in ``answers``; the owners' tools for the pyramid in ``owner_tools``."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from portal import suppression
from portal.accounts.locks import lock_author
from portal.accounts.models import User
from portal.challenges.models import Challenge, Phase
from portal.errors import DomainError
from portal.extensions import db
from portal.hooks import content_withdrawn
from portal.mail import forget_addresses, queue_mail
from portal.moderation.services import log
from portal.nominations import queries
from portal.nominations.counts import recount
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


def token_hash(token: str) -> str:
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
        Nominee.id.in_(records_of(nominee)), Nominee.user_id == nominator.id
    )
    if db.session.scalar(themselves.limit(1)) is not None:
        raise NominationError("self")  # they took part through this very record
    taken = select(Nomination.id).where(
        Nomination.nominee_id.in_(records_of(nominee)), Nomination.nominator_id == nominator.id
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
    recount(challenge.id)
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
    nominee.invite_hash, nominee.invited_at = token_hash(token), utcnow()
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


def forget_sent(emails: list[str | None], kind: str, challenge_id: int) -> None:
    """The outbox forgets where this challenge's mails of ``kind`` went."""
    forget_addresses([e for e in emails if e], (kind,), {"challenges": [challenge_id]})


def records_of(nominee: Nominee):  # type: ignore[no-untyped-def]
    """SQL: the ids of the person's records, the kept one and those merged into it."""
    return select(Nominee.id).where(
        (Nominee.id == nominee.id) | (Nominee.merged_into_id == nominee.id)
    )


# --- moderation: an abusive text stops counting ---------------------------------------


def hide(moderator: User, nomination: Nomination, reason: str) -> None:
    """Hide a nomination whose text is abusive: it leaves the pyramid and no
    longer counts; the nominator sees that it was hidden and why."""
    if not reason.strip():
        raise NominationError("reason")
    if nomination.is_hidden:
        raise NominationError("already hidden")
    nomination.hidden_at, nomination.hidden_reason = utcnow(), reason
    recount(nomination.challenge_id)
    log(moderator, "hide", nomination, reason, challenge=nomination.challenge_id)
    content_withdrawn.send("nomination")  # a printed pyramid may carry it


def restore(moderator: User, nomination: Nomination, reason: str) -> None:
    if not reason.strip():
        raise NominationError("reason")
    if not nomination.is_hidden:
        raise NominationError("not hidden")
    nomination.hidden_at = nomination.hidden_reason = None
    recount(nomination.challenge_id)
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
    challenges = set(
        db.session.scalars(
            select(Nomination.challenge_id).where(
                (Nomination.nominator_id == user.id) | Nomination.nominee_id.in_(about)
            )
        )
    )
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
        records = list(db.session.scalars(records_of(nominee)))
        left = select(Nomination.id).where(Nomination.nominee_id.in_(records)).limit(1)
        if db.session.scalar(left) is None:
            _delete_records(records)
    for challenge_id in sorted(challenges):  # one order: no deadlock with a nomination
        recount(challenge_id)


def _delete_records(ids: list[int]) -> None:
    db.session.execute(
        update(Nominee).where(Nominee.merged_into_id.in_(ids)).values(merged_into_id=None)
    )
    db.session.execute(delete(Nominee).where(Nominee.id.in_(ids)))
