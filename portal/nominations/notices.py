"""What pyramiding tells people by mail: a nominator, when their nominee
takes part (at once, or in their digest — see ``notifications.digests``),
and the challenge's owners, once a day while nominations are open, what
came in (``flask nominations summarise``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from portal.accounts.models import Role, User
from portal.challenges.models import Challenge
from portal.challenges.notices import instant_followers
from portal.extensions import db
from portal.mail import queue_mail
from portal.nominations import queries
from portal.nominations.models import Nomination, NominationCall, Nominee
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.timeutil import utcnow
from portal.urls import absolute_url

SUMMARY_TOP = 5  # nominees the owners' summary names


def took_part(nominee: Nominee, challenge: Challenge) -> None:
    """Tell those who nominated this person, and follow the challenge with
    instant mails, that their nominee takes part (the others read it in
    their digest)."""
    records = select(Nominee.id).where(
        (Nominee.id == nominee.id) | (Nominee.merged_into_id == nominee.id)
    )
    # Each nominator is told in their own words (the name they gave).
    names: dict[int, list[str]] = {}
    for nominator_id, name in db.session.execute(
        select(Nomination.nominator_id, Nomination.name).where(
            Nomination.nominee_id.in_(records), Nomination.visible
        )
    ):
        names.setdefault(nominator_id, []).append(name or nominee.name)
    for user, settings in instant_followers(challenge):
        if user.id in names:
            notifications.queue_notification(
                "nominee_took_part",
                user,
                settings,
                topic=FollowKind.CHALLENGE,
                about={"challenges": [challenge.id]},
                challenge=challenge,
                nominees=list(dict.fromkeys(names[user.id])),
                url=absolute_url("nominations.nominate", challenge_id=challenge.id),
            )


def summarise(now: datetime | None = None) -> int:
    """Mail each open call's owners what came in since the last summary:
    how many nominations and new nominees, and who leads. Safe to run
    twice and on several nodes: a call's summary is claimed by one
    conditional UPDATE before anything is written. Returns the mails queued."""
    now = now or utcnow()
    written = 0
    calls = db.session.scalars(
        select(NominationCall).where(NominationCall.ends_at > now - timedelta(days=1))
    ).all()
    for call in calls:
        since = call.summarised_until or call.created_at
        fresh = db.session.scalar(
            select(func.count()).where(
                Nomination.challenge_id == call.challenge_id,
                Nomination.created_at > since,
                Nomination.created_at <= now,
                Nomination.visible,
            )
        )
        claimed = db.session.execute(
            update(NominationCall)
            .where(
                NominationCall.challenge_id == call.challenge_id,
                func.coalesce(NominationCall.summarised_until, NominationCall.created_at) == since,
            )
            .values(summarised_until=now)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not fresh or claimed != 1:
            continue
        challenge = db.session.get(Challenge, call.challenge_id)
        new_nominees = db.session.scalar(
            select(func.count()).where(
                Nominee.challenge_id == call.challenge_id,
                Nominee.merged_into_id.is_(None),
                Nominee.created_at > since,
                Nominee.created_at <= now,
            )
        )
        top = [row.nominee.name for row in queries.pyramid(challenge).rows[:SUMMARY_TOP]]
        for owner in _owners(challenge):
            queue_mail(
                "nominations_summary",
                owner.email,
                owner.locale,
                recipient_id=owner.id,
                about={"challenges": [challenge.id]},
                name=owner.display_name,
                challenge=challenge,
                nominations=fresh,
                nominees=new_nominees,
                top=top,
                ends_at=call.ends_at,
                url=absolute_url("nominations.pyramid", challenge_id=challenge.id),
            )
            written += 1
    return written


def _owners(challenge: Challenge) -> list[User]:
    """The owning department's officials with a confirmed address."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == Role.OFFICIAL,
                User.department_id == challenge.department_id,
                User.email_verified_at.is_not(None),
                User.erased_at.is_(None),
            )
            .order_by(User.id)
        )
    )
