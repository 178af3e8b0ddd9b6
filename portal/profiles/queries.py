"""What a participant's public profile shows: only what idea pages already
show everyone (their ideas and challenge answers, how many comments they
wrote), and what the municipality did with it. No points for activity:
recognition follows outcomes."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from portal.accounts.models import User
from portal.challenges.models import Answer, Challenge
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.cards import loaded_for_cards
from portal.ideas.models import Idea, IdeaStatus
from portal.nominations.models import Nominee, NomineeStatus, visibly_nominated

ADOPTED = (IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED)


@dataclass
class Profile:
    person: User
    ideas: list[Idea] = field(default_factory=list)
    comments: int = 0
    awards: list[tuple[Challenge, Answer]] = field(default_factory=list)
    experts: list[Challenge] = field(default_factory=list)  # took part when nominated

    @property
    def adopted(self) -> int:
        return sum(1 for idea in self.ideas if idea.status in ADOPTED)

    @property
    def shows_anything(self) -> bool:
        """A profile exists for someone whose name the portal already shows
        everyone: an author of a visible idea or comment, or an expert named."""
        return bool(self.ideas or self.comments or self.experts)

    @property
    def answers(self) -> list[Idea]:
        """Ideas that answer a challenge (each with its challenge loaded)."""
        return [idea for idea in self.ideas if idea.challenge_id is not None]

    @property
    def own_ideas(self) -> list[Idea]:
        return [idea for idea in self.ideas if idea.challenge_id is None]


def profile(person: User) -> Profile:
    """Five queries however much the person wrote."""
    found = Profile(person)
    found.ideas = list(
        db.session.scalars(
            select(Idea)
            .where(Idea.author_id == person.id, Idea.visible)
            .options(*loaded_for_cards(), joinedload(Idea.challenge))
            .order_by(Idea.created_at.desc(), Idea.id.desc())
        )
    )
    found.comments = (
        db.session.scalar(
            select(func.count()).where(Comment.author_id == person.id, Comment.public)
        )
        or 0
    )
    found.awards = [
        (challenge, answer)
        for challenge, answer in db.session.execute(
            select(Challenge, Answer)
            .join(Idea, Idea.challenge_id == Challenge.id)
            .join(Answer, Answer.idea_id == Idea.id)
            .where(
                Idea.author_id == person.id,
                Idea.visible,
                Answer.award.is_not(None),
                Challenge.results_published_at.is_not(None),
            )  # fmt: skip
            .order_by(Challenge.results_published_at.desc())
        )
    ]
    found.experts = list(
        db.session.scalars(
            select(Challenge)
            .join(Nominee, Nominee.challenge_id == Challenge.id)
            .where(
                Nominee.user_id == person.id,
                Nominee.status == NomineeStatus.TOOK_PART,
                Nominee.shown.is_(True),
                Nominee.merged_into_id.is_(None),  # the kept record of a person
                visibly_nominated(),  # as the challenge page names them
                Challenge.is_public,
            )
            .distinct()
        )
    )
    return found
