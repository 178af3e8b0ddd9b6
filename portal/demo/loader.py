"""Loads the demo municipality: categories, citizens, the four staff
accounts of the README, ideas with comments, replies and supports, flags,
departments, hand-overs and answers, meetings with agendas and decisions,
and open calls (``demo/challenges.py``)."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert, literal, select, union

from portal.accounts.models import Role, User
from portal.accounts.services import hash_password
from portal.areas.models import Area
from portal.comments.models import Comment
from portal.demo import content
from portal.demo.challenges import load_challenges
from portal.demo.photos import add_demo_photos
from portal.extensions import db
from portal.ideas import tally, workflow
from portal.ideas.models import Category, Idea, IdeaStatus, StatusCause, StatusChange
from portal.ideas.services import refresh_figures
from portal.moderation import services as moderation
from portal.moderation.models import CannedReason, FlagReason
from portal.municipality import services as municipality
from portal.municipality.models import AgendaItem, Decision, Department, HandOver, Meeting
from portal.municipality.services import DECISION_STATUS
from portal.notifications import services as notifications
from portal.notifications.models import Follow, FollowKind
from portal.sanitize import render_markdown
from portal.supports.models import Support
from portal.timeutil import utcnow
from portal.versions.services import keep_first_versions

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
    for citizen in citizens[::2]:  # half of them are named in the open data
        citizen.credit_by_name = True

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

    ideas = [_add_idea(spec, citizens, categories, rng, now) for spec in content.IDEAS]
    for number, language in content.IDEA_LANGUAGES.items():
        ideas[number].language = language
    _areas(ideas)
    db.session.add_all(
        CannedReason(position=n, **{f"text_{code}": text for code, text in texts.items()})
        for n, texts in enumerate(content.CANNED_REASONS)
    )
    _moderation(staff[Role.MODERATOR], citizens)
    departments = _departments(staff[Role.OFFICIAL], person)
    _municipality(ideas, departments, staff, now)
    add_demo_photos(ideas)
    _duplicate(ideas, citizens, categories, staff[Role.MODERATOR], rng, now)
    _follows(staff[Role.CITIZEN], categories)
    load_challenges(citizens, departments, categories, now, person)
    tally.rebuild()
    keep_first_versions()
    db.session.commit()
    return True


def _areas(ideas: list[Idea]) -> None:
    """The areas, and each idea in the first one its text names."""
    areas = {
        word: Area(slug=slug, position=n, name_en=name, name_da=name, name_nb=name, name_nl=name)
        for n, (slug, name, word) in enumerate(content.AREAS)
    }
    db.session.add_all(areas.values())
    db.session.flush()
    for idea in ideas:
        named = [area for word, area in areas.items() if word in f"{idea.title} {idea.body}"]
        idea.area_id = named[0].id if named else None


def _add_idea(spec: dict, citizens: list[User], categories: dict, rng: random.Random, now) -> Idea:
    author = citizens[spec["author"]]
    posted = now - timedelta(days=spec["days_ago"], minutes=rng.randint(0, 600))
    idea = Idea(
        title=spec["title"],
        body=spec["body"],
        body_html=render_markdown(spec["body"]),
        language="da",
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
    return idea


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


def _departments(official: User, person) -> dict[str, Department]:  # type: ignore[no-untyped-def]
    departments = {}
    for spec in content.DEPARTMENTS:
        names = spec["name"]
        departments[spec["slug"]] = Department(
            slug=spec["slug"],
            name_en=names["en"],
            name_da=names["da"],
            name_nb=names["nb"],
            name_nl=names["nl"],
        )
    db.session.add_all(departments.values())
    db.session.flush()
    official.department_id = departments["roads-parks"].id
    email, name, slug = content.EXTRA_OFFICIAL
    person(email, name, Role.OFFICIAL, 300).department_id = departments[slug].id
    return departments


def _step(
    idea: Idea, to_status: IdeaStatus, when, actor_id: int, note: str = "", cause=None
) -> None:  # type: ignore[no-untyped-def]
    """One entry of the idea's history, as the workflow allows it."""
    workflow.check(idea.status, to_status)
    db.session.add(
        StatusChange(
            idea_id=idea.id,
            from_status=idea.status,
            to_status=to_status,
            actor_id=actor_id,
            note=note or None,
            note_html=render_markdown(note) if note else None,
            cause=cause,
            created_at=when,
        )
    )
    idea.status = to_status


def _municipality(ideas: list[Idea], departments: dict, staff: dict, now) -> None:  # type: ignore[no-untyped-def]
    """Ideas under review and withdrawn, hand-overs with and without answers
    (one overdue), two past meetings with decisions and one coming up."""
    moderator, official = staff[Role.MODERATOR], staff[Role.OFFICIAL]
    for number, note in content.UNDER_REVIEW.items():
        idea = ideas[number]
        _step(
            idea, IdeaStatus.UNDER_REVIEW, idea.created_at + timedelta(days=2), moderator.id, note
        )
    for number, note in content.WITHDRAWN.items():
        idea = ideas[number]
        _step(
            idea, IdeaStatus.WITHDRAWN, idea.created_at + timedelta(days=30), idea.author_id, note
        )

    for number, (slug, days_ago, memo, answer) in content.HAND_OVERS.items():
        idea = ideas[number]
        handed = now - timedelta(days=days_ago)
        _step(idea, IdeaStatus.HANDED_OVER, handed, moderator.id)
        item = HandOver(
            idea_id=idea.id,
            department_id=departments[slug].id,
            memo=memo,
            memo_html=render_markdown(memo),
            support_count=idea.support_count,
            handed_over_by_id=moderator.id,
            created_at=handed,
            due_at=handed + timedelta(days=30),
        )
        if answer:
            after, text, status = answer
            item.answer, item.answer_html = text, render_markdown(text)
            item.answered_at = handed + timedelta(days=after)
            item.answered_by_id = official.id
            if status != idea.status:
                _step(idea, IdeaStatus(status), item.answered_at, official.id)
        db.session.add(item)

    for body, days, place, description, agenda in content.MEETINGS:
        starts = (now + timedelta(days=days)).replace(hour=17, minute=0, second=0, microsecond=0)
        meeting = Meeting(
            body=body,
            starts_at=starts,
            place=place,
            description=description,
            published_at=starts - timedelta(days=14),
            created_by_id=official.id,
            created_at=starts - timedelta(days=20),
            updated_at=starts - timedelta(days=14),
        )
        db.session.add(meeting)
        db.session.flush()
        for position, (number, decision, text) in enumerate(agenda, start=1):
            idea = ideas[number]
            _step(idea, IdeaStatus.ON_AGENDA, starts - timedelta(days=14), official.id)
            item = AgendaItem(meeting_id=meeting.id, idea_id=idea.id, position=position)
            if decision:
                item.decision, item.decision_text = decision, text
                item.decision_html = render_markdown(text)
                item.decided_at, item.decided_by_id = starts + timedelta(hours=3), official.id
                status = DECISION_STATUS[Decision(decision)]
                cause = StatusCause.POSTPONED if decision == Decision.POSTPONED else None
                _step(idea, status, item.decided_at, official.id, text, cause)
            db.session.add(item)

    for number, (days_ago, note) in content.IMPLEMENTED.items():
        _step(
            ideas[number], IdeaStatus.IMPLEMENTED, now - timedelta(days=days_ago), official.id, note
        )
    for number, (days_ago, text) in content.THANKS.items():
        note = municipality.thank(official, ideas[number], text)
        note.created_at = now - timedelta(days=days_ago)


def _duplicate(ideas, citizens, categories, moderator, rng, now) -> None:  # type: ignore[no-untyped-def]
    spec = {**content.DUPLICATE, "supporters": 4}
    duplicate = _add_idea(spec, citizens, categories, rng, now)
    moderation.merge(
        moderator,
        duplicate,
        ideas[spec["into"]],
        f"Samme ønske som idé nr. {ideas[spec['into']].id}: vi samler støtten dér.",
    )


def _follows(citizen: User, categories: dict) -> None:  # type: ignore[no-untyped-def]
    """Authors, supporters and commenters follow their ideas (as the services
    make them do); the demo citizen also follows a category."""
    people = union(
        select(Idea.author_id.label("user_id"), Idea.id.label("idea_id")),
        select(Support.user_id, Support.idea_id),
        select(Comment.author_id, Comment.idea_id),
    ).subquery()
    db.session.execute(
        insert(Follow).from_select(
            ["user_id", "kind", "idea_id"],
            select(people.c.user_id, literal(FollowKind.IDEA.value), people.c.idea_id),
        )
    )
    notifications.follow(citizen, FollowKind.CATEGORY, categories["roads"])
