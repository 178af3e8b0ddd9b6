"""The call's stored counts: how many people its visible nominations name,
and how many of them took part (the challenge page reads them with the
call instead of counting thousands of nominations on every view)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from portal.extensions import db
from portal.nominations.models import Nomination, NominationCall, Nominee, NomineeStatus


def people_counted(challenge_id: int, took_part: bool = False):  # type: ignore[no-untyped-def]
    """SQL: how many people the challenge's visible nominations name (a
    person is a record and the records merged into it); with ``took_part``,
    of those who took part. A hidden nomination does not count."""
    record, person = aliased(Nominee), aliased(Nominee)
    stmt = (
        select(func.count(func.distinct(person.id)))
        .select_from(Nomination)
        .join(record, record.id == Nomination.nominee_id)
        .join(person, person.id == func.coalesce(record.merged_into_id, record.id))
        .where(Nomination.challenge_id == challenge_id, Nomination.visible)
    )
    if took_part:
        stmt = stmt.where(person.status == NomineeStatus.TOOK_PART)
    return stmt.scalar_subquery()


def recount(challenge_id: int) -> None:
    """Store on the call how many people its visible nominations name and
    how many of them took part (``NominationCall.nominated``/``took_part``):
    every change that can move them calls this in its transaction. The
    call's row is locked first, so of two transactions at once the second
    counts after the first has committed, and both counts hold."""
    call = db.session.scalar(
        select(NominationCall)
        .where(NominationCall.challenge_id == challenge_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if call is None:
        return
    counts = db.session.execute(
        select(people_counted(challenge_id), people_counted(challenge_id, took_part=True))
    ).one()
    call.nominated, call.took_part = counts
