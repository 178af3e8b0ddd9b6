"""Setting challenges, moving them through their phases, and answering them.

Every function takes the person acting; the views ask ``permissions`` who
may call them, these functions check that the challenge's state allows it
and raise ``ChallengeError`` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select, update

from portal.accounts.models import User
from portal.areas.models import Area
from portal.challenges import notices, queries, workflow
from portal.challenges.models import Answer, Challenge, Criterion, Phase, Terms
from portal.errors import DomainError
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Category, Idea
from portal.notifications import announcements
from portal.notifications import services as notifications
from portal.notifications.models import FollowKind
from portal.sanitize import render_markdown
from portal.timeutil import utcnow


class ChallengeError(DomainError):
    """What is asked does not fit the challenge as it is now."""

    messages = {
        "weights": _l(
            "The weights of the criteria must add up to 100 %%; now they add up to %(sum)s %%."
        ),
        "no criteria": _l("Give at least one criterion the jury scores the answers on."),
        "supports twice": _l("Only one criterion can be scored from the public supports."),
        "dates": _l("The deadline must be after the opening."),
        "results date": _l("The results can only be expected after the deadline."),
        "deadline passed": _l("The deadline has passed: choose a later one to open the challenge."),
        "criteria locked": _l(
            "The criteria and the scale can no longer change: the evaluation has begun."
        ),
        "terms locked": _l(
            "The terms can no longer change: answers have been given under the present ones."
        ),
        "phase": _l("This cannot be done in the challenge's present phase."),
        "not accepting": _l("This challenge does not accept answers now."),
        "terms": _l("Please accept the terms to give your answer."),
        "already an answer": _l("This idea already answers a challenge."),
        "not your idea": _l("You can only give your own ideas as answers."),
        "idea closed": _l("This idea is hidden, withdrawn or merged, so it cannot be an answer."),
        "reason": _l("Please give a reason."),
        "terms retired": _l("These terms have been replaced by a newer version; choose that one."),
        "terms exist": _l("Terms with this short name exist already."),
    }


@dataclass
class CriterionData:
    name: str
    description: str
    weight: int
    from_supports: bool = False  # public support, computed (``challenges.ranking``)


@dataclass
class ChallengeData:
    """What the owner writes; the form gives it, the services check it."""

    title: str
    summary: str
    brief: str
    department_id: int
    terms: Terms
    opens_at: datetime
    closes_at: datetime
    results_due: datetime
    reward: str
    reward_amount: int | None
    scale_max: int
    criteria: list[CriterionData]
    # Also people the owners invite by e-mail may answer (besides everyone
    # registered).
    invites_answerers: bool = False
    # After the results, authors see each member's scores without names
    # (an admin's choice; None leaves it as it is).
    anonymous_scores: bool | None = None


def _check(data: ChallengeData, keeps_terms: int | None = None) -> None:
    """``keeps_terms``: the terms the challenge has now, which it may keep
    after an admin replaced them (its answers were given under them)."""
    if all(c.from_supports for c in data.criteria):
        raise ChallengeError("no criteria")
    if sum(c.from_supports for c in data.criteria) > 1:
        raise ChallengeError("supports twice")
    total = sum(c.weight for c in data.criteria)
    if total != 100:
        raise ChallengeError("weights", sum=total)
    if data.closes_at <= data.opens_at:
        raise ChallengeError("dates")
    if data.results_due < data.closes_at:
        raise ChallengeError("results date")
    if not data.terms.current and data.terms.id != keeps_terms:
        raise ChallengeError("terms retired")


def _has_answers(challenge: Challenge) -> bool:
    return bool(db.session.scalar(select(exists().where(Idea.challenge_id == challenge.id))))


def create_challenge(actor: User, data: ChallengeData) -> Challenge:
    """A new challenge, as a draft only its department and admins see."""
    _check(data)
    challenge = Challenge(created_by_id=actor.id, phase=Phase.DRAFT)
    _apply(challenge, data)
    db.session.add(challenge)
    db.session.flush()
    return challenge


def update_challenge(actor: User, challenge: Challenge, data: ChallengeData) -> None:
    """Change what the owner wrote. The criteria and scale are fixed once the
    evaluation begins, the terms once someone has answered under them."""
    if challenge.phase in workflow.FINISHED:
        raise ChallengeError("phase")
    _check(data, keeps_terms=challenge.terms_id)
    if workflow.criteria_locked(challenge) and _criteria_change(challenge, data):
        raise ChallengeError("criteria locked")
    if data.terms.id != challenge.terms_id and _has_answers(challenge):
        raise ChallengeError("terms locked")
    _apply(challenge, data)


def _criteria_change(challenge: Challenge, data: ChallengeData) -> bool:
    if challenge.id is None:
        return True
    now = [(c.name, c.description, c.weight, c.from_supports) for c in challenge.criteria]
    return data.scale_max != challenge.scale_max or now != [
        (c.name, c.description, c.weight, c.from_supports) for c in data.criteria
    ]


def _apply(challenge: Challenge, data: ChallengeData) -> None:
    challenge.title = data.title
    challenge.summary = data.summary
    challenge.brief = data.brief
    challenge.brief_html = render_markdown(data.brief)
    challenge.department_id = data.department_id
    challenge.terms_id = data.terms.id
    challenge.opens_at = data.opens_at
    challenge.closes_at = data.closes_at
    challenge.results_due = data.results_due
    challenge.reward = data.reward
    challenge.reward_amount = data.reward_amount
    challenge.invites_answerers = data.invites_answerers
    if data.anonymous_scores is not None:
        challenge.anonymous_scores = data.anonymous_scores
    challenge.updated_at = utcnow()
    if not workflow.criteria_locked(challenge):
        challenge.scale_max = data.scale_max
    if not workflow.criteria_locked(challenge) and _criteria_change(challenge, data):
        if challenge.id is not None:
            challenge.criteria.clear()
            db.session.flush()  # the old rows go before the new ones take their positions
        challenge.criteria = [
            Criterion(
                position=n,
                name=c.name,
                description=c.description,
                weight=c.weight,
                from_supports=c.from_supports,
            )
            for n, c in enumerate(data.criteria)
        ]


# --- phases ------------------------------------------------------------------


def _require_phase(challenge: Challenge, to: Phase) -> None:
    if not workflow.allowed(Phase(challenge.phase), to):
        raise ChallengeError("phase")


def _move(challenge: Challenge, to: Phase, now: datetime) -> None:
    _require_phase(challenge, to)
    challenge.phase = to
    challenge.phase_changed_at = now
    challenge.updated_at = now


def open_now(actor: User, challenge: Challenge) -> None:
    """Open a draft for answers at once (the opening date becomes today)."""
    now = utcnow()
    _require_phase(challenge, Phase.OPEN)
    if challenge.closes_at <= now:
        raise ChallengeError("deadline passed")
    _move(challenge, Phase.OPEN, now)
    challenge.opens_at = min(challenge.opens_at, now)
    challenge.opened_at = now
    challenge.scheduled = False


def schedule(actor: User, challenge: Challenge, scheduled: bool = True) -> None:
    """Let ``flask challenges advance`` open the draft at its opening date
    (or stop it from doing so)."""
    if challenge.phase != Phase.DRAFT:
        raise ChallengeError("phase")
    if scheduled and challenge.closes_at <= utcnow():
        raise ChallengeError("deadline passed")
    challenge.scheduled = scheduled
    challenge.updated_at = utcnow()


def close_answers(actor: User, challenge: Challenge) -> None:
    """End the answering now, before the deadline, and begin the evaluation."""
    now = utcnow()
    _move(challenge, Phase.EVALUATION, now)
    challenge.closes_at = max(min(challenge.closes_at, now), challenge.opens_at)
    _count_supports(challenge.id)
    notices.evaluation_started(challenge)


def cancel(actor: User, challenge: Challenge, reason: str) -> None:
    """Stop the challenge for good, with a reason everyone reads."""
    if not reason.strip():
        raise ChallengeError("reason")
    _move(challenge, Phase.CANCELLED, utcnow())
    challenge.cancel_reason = reason
    challenge.scheduled = False


def archive(actor: User, challenge: Challenge) -> None:
    """Close a challenge whose results are published: it stays readable."""
    _move(challenge, Phase.CLOSED, utcnow())


def _count_supports(challenge_id: int) -> None:
    """Keep each answer's supports at the deadline (the public-support
    criterion counts these)."""
    supports = select(Idea.support_count).where(Idea.id == Answer.idea_id).scalar_subquery()
    answers = select(Idea.id).where(Idea.challenge_id == challenge_id)
    db.session.execute(
        update(Answer).where(Answer.idea_id.in_(answers)).values(supports_at_close=supports)
    )


@dataclass
class Advanced:
    opened: list[int]
    closed: list[int]
    reminded: list[int]


def advance(now: datetime | None = None) -> Advanced:
    """Open scheduled drafts whose opening date has come and move open
    challenges past their deadline into evaluation. Idempotent, and safe when
    several nodes run it at once: each step is one conditional UPDATE, so a
    challenge moves once however many runs see it. The jury hears that the
    evaluation has started, and is reminded before the results are due."""
    now = now or utcnow()
    opened = db.session.scalars(
        update(Challenge)
        .where(
            Challenge.phase == Phase.DRAFT,
            Challenge.scheduled.is_(True),
            Challenge.opens_at <= now,
            Challenge.closes_at > now,
        )
        .values(
            phase=Phase.OPEN, scheduled=False, phase_changed_at=now, updated_at=now, opened_at=now
        )
        .returning(Challenge.id)
    ).all()
    closed = db.session.scalars(
        update(Challenge)
        .where(Challenge.phase == Phase.OPEN, Challenge.closes_at <= now)
        .values(phase=Phase.EVALUATION, phase_changed_at=now, updated_at=now)
        .returning(Challenge.id)
    ).all()
    for challenge_id in sorted(closed):
        _count_supports(challenge_id)
        notices.evaluation_started(queries.load(challenge_id))
    return Advanced(sorted(opened), sorted(closed), notices.remind_jury(now))


# --- answers -----------------------------------------------------------------


def _require_open(challenge: Challenge, accepted_terms: bool) -> None:
    if not challenge.accepts_answers(utcnow()):
        raise ChallengeError("not accepting")
    if not accepted_terms:
        raise ChallengeError("terms")


@dataclass
class IdeaFields:
    title: str
    body: str
    category: Category
    language: str | None = None
    area: Area | None = None


def answer_with_new_idea(
    actor: User, challenge: Challenge, fields: IdeaFields, accepted_terms: bool
) -> Idea:
    """Post an idea as an answer, under the challenge's terms (recorded)."""
    _require_open(challenge, accepted_terms)
    idea = idea_services.create_idea(
        actor, fields.title, fields.body, fields.category, fields.language, challenge.id,
        area=fields.area,
    )  # fmt: skip
    if db.session.get(Answer, idea.id) is None:  # not a double submit of the same answer
        _record_answer(actor, challenge, idea)
    return idea


def answer_with_idea(actor: User, challenge: Challenge, idea: Idea, accepted_terms: bool) -> None:
    """Give one of the author's existing ideas as an answer."""
    _require_open(challenge, accepted_terms)
    if idea.author_id != actor.id:
        raise ChallengeError("not your idea")
    if not idea.is_public:
        raise ChallengeError("idea closed")
    if idea.challenge_id is not None:
        raise ChallengeError("already an answer")
    _record_answer(actor, challenge, idea)
    announcements.new_idea(idea, as_answer_only=True)


def _record_answer(author: User, challenge: Challenge, idea: Idea) -> None:
    """The answer, with the terms (this version) the author accepted now."""
    idea.challenge_id = challenge.id
    db.session.add(Answer(idea_id=idea.id, terms_id=challenge.terms_id))
    db.session.flush()
    # The author hears about the challenge's results (and its other answers).
    notifications.follow(author, FollowKind.CHALLENGE, challenge)


# --- terms -------------------------------------------------------------------


@dataclass
class TermsData:
    name: dict[str, str]  # per language code
    text: dict[str, str]


def create_terms(actor: User, slug: str, data: TermsData) -> Terms:
    if db.session.scalar(select(Terms.id).where(Terms.slug == slug).limit(1)) is not None:
        raise ChallengeError("terms exist")
    terms = Terms(slug=slug, version=1)
    _apply_terms(terms, data)
    db.session.add(terms)
    db.session.flush()
    return terms


def revise_terms(actor: User, terms: Terms, data: TermsData) -> Terms:
    """New wording is a new version: answers keep the version they accepted,
    challenges not yet answered move to the new one."""
    newer = Terms(slug=terms.slug, version=terms.version + 1)
    _apply_terms(newer, data)
    terms.current = False
    db.session.add(newer)
    db.session.flush()
    answered = select(Idea.id).where(Idea.challenge_id == Challenge.id).exists()
    db.session.execute(
        update(Challenge)
        .where(Challenge.terms_id == terms.id, ~answered)
        .values(terms_id=newer.id)
        .execution_options(synchronize_session="fetch")
    )
    return newer


def _apply_terms(terms: Terms, data: TermsData) -> None:
    for code in ("en", "da", "nb", "nl"):
        setattr(terms, f"name_{code}", data.name[code])
        setattr(terms, f"text_{code}", data.text[code])
