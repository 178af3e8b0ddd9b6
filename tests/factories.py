"""Plain factory functions. Defaults are hostile now and then: markup in
names and titles must come out escaped everywhere."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import TypeVar

from portal.accounts import sessions
from portal.accounts.models import Role, User
from portal.accounts.services import create_user
from portal.comments import services as comment_services
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Category, Idea
from portal.municipality import services as municipality
from portal.municipality.models import Department, HandOver, Meeting
from portal.timeutil import utcnow

_seq = itertools.count(1)
T = TypeVar("T")
PASSWORD = "correct horse battery"


def _saved(obj: T) -> T:
    db.session.commit()
    return obj


def make_user(
    role: Role = Role.CITIZEN,
    *,
    email: str | None = None,
    name: str | None = None,
    verified: bool = True,
    locale: str | None = None,
    password: str = PASSWORD,
) -> User:
    n = next(_seq)
    user = create_user(
        name or f"<b>User</b> {n}",
        email or f"user{n}@example.org",
        password,
        role=role,
        locale=locale,
        verified=verified,
    )
    return _saved(user)


def login_id(user: User) -> str:
    """Start a login session for the user; the value Flask-Login keeps in the cookie."""
    sessions.start(user)
    db.session.commit()
    return user.get_id()


def make_category(slug: str | None = None, name: str | None = None) -> Category:
    n = next(_seq)
    label = name or f"Category {n}"
    category = Category(
        slug=slug or f"category-{n}",
        position=n,
        name_en=label,
        name_da=f"{label} (da)",
        name_nb=f"{label} (nb)",
        name_nl=f"{label} (nl)",
    )
    db.session.add(category)
    return _saved(category)


def make_idea(
    author: User | None = None,
    *,
    title: str | None = None,
    body: str = "A body with <script>alert('x')</script> and **bold** words.",
    category: Category | None = None,
    created_at: datetime | None = None,
) -> Idea:
    author = author or make_user()
    category = category or make_category()
    idea = idea_services.create_idea(
        author, title or f"<script>alert(1)</script> Idea {next(_seq)}", body, category
    )
    if created_at is not None:
        idea.created_at = created_at
    return _saved(idea)


def make_comment(
    idea: Idea, author: User | None = None, body: str | None = None, parent: Comment | None = None
) -> Comment:
    comment = comment_services.add_comment(
        author or make_user(),
        idea,
        body or f"Comment {next(_seq)} <img src=x onerror=alert(1)>",
        parent.id if parent else None,
    )
    return _saved(comment)


def make_department(slug: str | None = None, name: str | None = None) -> Department:
    n = next(_seq)
    label = name or f"<i>Department</i> {n}"
    department = Department(
        slug=slug or f"department-{n}",
        name_en=label,
        name_da=f"{label} (da)",
        name_nb=f"{label} (nb)",
        name_nl=f"{label} (nl)",
    )
    db.session.add(department)
    return _saved(department)


def make_official(department: Department | None = None, **kwargs: object) -> User:
    official = make_user(Role.OFFICIAL, **kwargs)  # type: ignore[arg-type]
    official.department_id = (department or make_department()).id
    return _saved(official)


def make_hand_over(
    idea: Idea | None = None, department: Department | None = None, memo: str = "**Memo**"
) -> HandOver:
    idea = idea or make_idea()
    moderator = make_user(Role.MODERATOR)
    item = municipality.hand_over(moderator, idea, department or make_department(), memo)
    return _saved(item)


def make_meeting(
    starts_at: datetime | None = None, *, published: bool = True, body: str = "<b>Council</b>"
) -> Meeting:
    meeting = Meeting(
        body=body,
        starts_at=starts_at or utcnow() + timedelta(days=10),
        place="Town hall",
        description="",
        published_at=utcnow() if published else None,
    )
    db.session.add(meeting)
    return _saved(meeting)
