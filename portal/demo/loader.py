"""Loads the demo municipality: categories, citizens, the four staff
accounts of the README, ideas with comments, replies and supports."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.accounts.services import hash_password
from portal.comments.models import Comment
from portal.demo import content
from portal.extensions import db
from portal.ideas import tally
from portal.ideas.models import Category, Idea, IdeaStatus, StatusChange
from portal.ideas.services import refresh_figures
from portal.moderation import services as moderation
from portal.moderation.models import FlagReason
from portal.sanitize import render_markdown
from portal.supports.models import Support
from portal.timeutil import utcnow

DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo accounts
STAFF = [
    ("citizen@example.org", "Camilla Borger", Role.CITIZEN),
    ("moderator@example.org", "Morten Moderator", Role.MODERATOR),
    ("official@example.org", "Ole Sagsbehandler", Role.OFFICIAL),
    ("admin@example.org", "Anne Administrator", Role.ADMIN),
]


def load_demo(seed: int = 2026) -> bool:
    """Load once; returns False when demo content is already there."""
    if db.session.scalar(select(User.id).where(User.email == STAFF[0][0])) is not None:
        return False
    rng = random.Random(seed)
    now = utcnow()
    password_hash = hash_password(DEMO_PASSWORD)

    def person(email: str, name: str, role: Role, joined_days: int) -> User:
        joined = now - timedelta(days=joined_days)
        user = User(
            email=email,
            display_name=name,
            password_hash=password_hash,
            role=role,
            locale="da",
            created_at=joined,
            email_verified_at=joined,
        )
        db.session.add(user)
        return user

    staff = {role: person(email, name, role, 400) for email, name, role in STAFF}
    citizens = [person(c["email"], c["name"], Role.CITIZEN, 380) for c in content.CITIZENS]

    categories = {}
    for position, spec in enumerate(content.CATEGORIES):
        names = spec["name"]
        categories[spec["slug"]] = Category(
            slug=spec["slug"],
            position=position,
            name_en=names["en"],
            name_da=names["da"],
            name_nb=names["nb"],
            name_nl=names["nl"],
        )
    db.session.add_all(categories.values())
    db.session.flush()

    for spec in content.IDEAS:
        _add_idea(spec, citizens, categories, rng, now)
    tally.rebuild()
    _moderation(staff[Role.MODERATOR], citizens)
    db.session.commit()
    return True


def _add_idea(spec: dict, citizens: list[User], categories: dict, rng: random.Random, now) -> None:
    author = citizens[spec["author"]]
    posted = now - timedelta(days=spec["days_ago"], minutes=rng.randint(0, 600))
    idea = Idea(
        title=spec["title"],
        body=spec["body"],
        body_html=render_markdown(spec["body"]),
        category_id=categories[spec["category"]].id,
        author_id=author.id,
        status=IdeaStatus.NEW,
        created_at=posted,
    )
    db.session.add(idea)
    db.session.flush()
    db.session.add(
        StatusChange(
            idea_id=idea.id, to_status=IdeaStatus.NEW, actor_id=author.id, created_at=posted
        )
    )

    def at(hours: float):
        return min(posted + timedelta(hours=hours), now)

    for comment_spec in spec.get("comments", []):
        parent = _comment(idea, citizens[comment_spec["author"]], comment_spec, at)
        db.session.flush()
        for reply_spec in comment_spec.get("replies", []):
            _comment(idea, citizens[reply_spec["author"]], reply_spec, at, parent_id=parent.id)

    others = [c for c in citizens if c.id != author.id]
    age_hours = max((now - posted).total_seconds() / 3600, 1)
    for supporter in rng.sample(others, min(spec["supporters"], len(others))):
        db.session.add(
            Support(idea_id=idea.id, user_id=supporter.id, created_at=at(rng.uniform(0, age_hours)))
        )
    db.session.flush()
    refresh_figures(idea)


def _comment(idea: Idea, author: User, spec: dict, at, parent_id: int | None = None) -> Comment:
    comment = Comment(
        idea_id=idea.id,
        parent_id=parent_id,
        author_id=author.id,
        body=spec["body"],
        body_html=render_markdown(spec["body"]),
        created_at=at(spec["hours_after"]),
    )
    db.session.add(comment)
    return comment


def _moderation(moderator: User, citizens: list[User]) -> None:
    """Open flags for the queue, and a comment already hidden (with its log entry)."""
    ideas = list(db.session.scalars(select(Idea).order_by(Idea.created_at.desc())))
    comments = list(db.session.scalars(select(Comment).order_by(Comment.id)))
    flagged = [
        (ideas[2], FlagReason.OFF_TOPIC, "Det handler vist mere om naboens hæk end om kommunen."),
        (ideas[5], FlagReason.PERSONAL_DATA, "Der står et telefonnummer i teksten."),
        (comments[3], FlagReason.OFFENSIVE, "Tonen er ikke i orden."),
    ]
    for n, (target, reason, note) in enumerate(flagged):
        for reporter in citizens[n * 3 : n * 3 + 2]:
            if reporter.id != target.author_id:
                moderation.flag(reporter, target, reason, note)
    moderation.hide(
        moderator,
        comments[7],
        "Kommentaren nævner en navngiven medarbejder. Skriv gerne igen uden navnet.",
    )
