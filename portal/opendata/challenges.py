"""The municipality's open calls as open data: the challenges that have
opened, the criteria their answers are judged on, and the published
results. Drafts, and the jury's own scores and notes, are not public."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from portal.challenges.models import (
    AWARD_LABELS,
    PHASE_LABELS,
    Answer,
    Challenge,
    Criterion,
    Phase,
)
from portal.ideas.models import Idea
from portal.municipality.models import Department
from portal.opendata.fields import Dataset, Field, Frequency, Kind, page_address, streamed
from portal.opendata.municipal import department_names

CHALLENGE = _l("The challenge's number (the page of challenge 3 is /challenges/3).")


# Example times (UTC), as the downloads write them.
AT_1 = "2026-03-01T08:00:00Z"
AT_2 = "2026-04-01T21:59:00Z"
AT_3 = "2026-05-02T10:00:00Z"


def challenges() -> Iterator[tuple]:
    link = page_address("challenges.detail", "challenge_id")
    answers = (
        select(func.count())
        .select_from(Idea)
        .where(Idea.challenge_id == Challenge.id, Idea.visible)
        .scalar_subquery()
    )
    stmt = (
        select(
            Challenge.id,
            Challenge.title,
            Challenge.summary,
            Department.slug,
            Challenge.phase,
            Challenge.opens_at,
            Challenge.closes_at,
            Challenge.results_published_at,
            Challenge.reward,
            Challenge.reward_amount,
            answers,
        )  # fmt: skip
        .join(Department, Department.id == Challenge.department_id)
        .where(Challenge.is_public)
        .order_by(Challenge.opens_at, Challenge.id)
    )
    for row in streamed(stmt):
        yield (*row, link(row.id))


def criteria() -> Iterator[tuple]:
    stmt = (
        select(
            Criterion.challenge_id,
            Criterion.position,
            Criterion.name,
            Criterion.description,
            Criterion.weight,
            Criterion.from_supports,
        )  # fmt: skip
        .join(Challenge, Challenge.id == Criterion.challenge_id)
        .where(Challenge.is_public)
        .order_by(Criterion.challenge_id, Criterion.position)
    )
    yield from (tuple(row) for row in streamed(stmt))


def results() -> Iterator[tuple]:
    stmt = (
        select(Idea.challenge_id, Idea.id, Answer.award, Answer.reasoning)
        .join(Answer, Answer.idea_id == Idea.id)
        .join(Challenge, Challenge.id == Idea.challenge_id)
        .where(Challenge.results_published_at.is_not(None), Idea.visible)
        .order_by(Idea.challenge_id, Idea.id)
    )
    for row in streamed(stmt):
        yield (*row[:3], row.reasoning or None)


def _phases() -> Mapping[str, object]:
    return {str(phase): label for phase, label in PHASE_LABELS.items() if phase != Phase.DRAFT}


def _awards() -> Mapping[str, object]:
    return {str(award): label for award, label in AWARD_LABELS.items()}


DATASETS = (
    Dataset(
        "challenges",
        _l("Challenges"),
        _l(
            "The open calls in which the municipality asks citizens and experts for answers "
            "to a problem of its own, from the day each opened: what is asked, by when, what "
            "the best answers receive and how many answers came in."
        ),
        Frequency.CONTINUOUS,
        (
            Field("id", Kind.INTEGER, CHALLENGE, "3"),
            Field("title", Kind.TEXT, _l("The challenge's title."), "Mindre madspild i skolerne"),
            Field("summary", Kind.TEXT, _l("What it asks, in short."), "Hvordan …?"),
            Field(
                "department",
                Kind.KEY,
                _l("The department that set it, by short name."),
                "schools",
                values=department_names,
            ),
            Field("phase", Kind.KEY, _l("Where the challenge is now."), "results", _phases),
            Field("opens", Kind.DATETIME, _l("When it opens for answers."), AT_1),
            Field("deadline", Kind.DATETIME, _l("The deadline for answers."), AT_2),
            Field(
                "results_published",
                Kind.DATETIME,
                _l("When the results were published."),
                AT_3,
                empty=_l("Not yet."),
            ),
            Field(
                "reward",
                Kind.TEXT,
                _l("What the best answers receive."),
                "Vinderen får 25.000 kr. til at afprøve idéen.",
            ),
            Field(
                "reward_amount",
                Kind.INTEGER,
                _l("The amount offered, in whole units of the portal's currency."),
                "25000",
                empty=_l("No amount."),
            ),
            Field("answers", Kind.INTEGER, _l("How many answers were given (shown ones)."), "12"),
            Field("link", Kind.URL, _l("The challenge's page."), "https://…/challenges/3"),
        ),
        challenges,
        ("challenges", "open innovation"),
    ),
    Dataset(
        "challenge-criteria",
        _l("Criteria of the challenges"),
        _l("What the jury of each challenge judges the answers on, and each criterion's weight."),
        Frequency.CONTINUOUS,
        (
            Field("challenge", Kind.INTEGER, CHALLENGE, "3"),
            Field("position", Kind.INTEGER, _l("Its place in the list (1 is first)."), "1"),
            Field("name", Kind.TEXT, _l("The criterion."), "Effekt"),
            Field(
                "description", Kind.TEXT, _l("What it means."), "Hvor meget madspild det sparer."
            ),
            Field("weight", Kind.INTEGER, _l("Its share of the total, in percent."), "40"),
            Field(
                "from_supports",
                Kind.BOOLEAN,
                _l("true: scored from the answer's public supports, not by the jury."),
                "false",
            ),
        ),
        criteria,
        ("challenges", "open innovation"),
    ),
    Dataset(
        "challenge-results",
        _l("Results of the challenges"),
        _l(
            "For each challenge whose results are published: every answer (an idea, by "
            "number), the award it received, if any, and the jury's reasons."
        ),
        Frequency.CONTINUOUS,
        (
            Field("challenge", Kind.INTEGER, CHALLENGE, "3"),
            Field("idea", Kind.INTEGER, _l("The answer: an idea's number."), "41"),
            Field(
                "award",
                Kind.KEY,
                _l("The award it received."),
                "first",
                values=_awards,
                empty=_l("No award."),
            ),
            Field(
                "reasoning",
                Kind.TEXT,
                _l("The jury's reasons, as written (Markdown)."),
                "Enkel at indføre på alle skoler.",
                empty=_l("None was given."),
            ),
        ),
        results,
        ("challenges", "open innovation"),
    ),
)
