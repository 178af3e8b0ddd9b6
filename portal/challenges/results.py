"""Publishing a challenge's results: the owner picks the awards, writes the
public reasoning for each awarded answer and a short reason for every other
one, and publishes everything in one step."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.accounts.models import User
from portal.challenges import jury_queries, notices
from portal.challenges.models import REASONING_MAX, Answer, Award, Challenge, Phase
from portal.errors import DomainError
from portal.extensions import db
from portal.sanitize import render_markdown
from portal.timeutil import utcnow


class ResultsError(DomainError):
    messages = {
        "phase": _l("Results are published once, at the end of the evaluation."),
        "unscored": _l(
            "Some answers have no scores yet: the jury scores every answer before the results "
            "are published (a member with a conflict of interest leaves it to the others)."
        ),
        "reason": _l("Please give a reason for every answer, awarded or not."),
        "too long": _l("A reason is at most 5000 characters."),
        "answers": _l("The answers have changed since the page was loaded; please check again."),
    }


@dataclass(frozen=True)
class Outcome:
    idea_id: int
    award: Award | None
    reasoning: str


def publish(actor: User, challenge: Challenge, outcomes: list[Outcome]) -> None:
    """Award, explain and publish in one step (the phase becomes *results*)."""
    if challenge.phase != Phase.EVALUATION:
        raise ResultsError("phase")
    answers = jury_queries.answers_to_score(challenge)
    if {o.idea_id for o in outcomes} != {i.id for i in answers}:
        raise ResultsError("answers")
    scored = {s.idea_id for s in jury_queries.scores_of(challenge)}
    if any(i.id not in scored for i in answers):
        raise ResultsError("unscored")
    if any(not o.reasoning.strip() for o in outcomes):
        raise ResultsError("reason")
    if any(len(o.reasoning) > REASONING_MAX for o in outcomes):
        raise ResultsError("too long")
    rows = {
        a.idea_id: a
        for a in db.session.scalars(
            select(Answer).where(Answer.idea_id.in_([i.id for i in answers]))
        )
    }
    for outcome in outcomes:
        row = rows[outcome.idea_id]
        row.award = outcome.award.value if outcome.award else None
        row.reasoning = outcome.reasoning
        row.reasoning_html = render_markdown(outcome.reasoning)
    now = utcnow()
    challenge.phase, challenge.phase_changed_at, challenge.updated_at = Phase.RESULTS, now, now
    challenge.results_published_at = now
    db.session.flush()
    notices.results_published(challenge)
