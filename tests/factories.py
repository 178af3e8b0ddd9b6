"""Plain factory functions. Defaults are hostile now and then: markup in
names and titles must come out escaped everywhere."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import TypeVar

from portal.accounts import sessions
from portal.accounts.models import Role, User
from portal.accounts.services import create_user
from portal.areas.models import Area
from portal.challenges import jury
from portal.challenges import services as challenge_services
from portal.challenges.models import Challenge, JuryMember, Terms
from portal.comments import services as comment_services
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Category, Idea
from portal.moderation.models import CannedReason
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


def make_area(slug: str | None = None, name: str | None = None) -> Area:
    n = next(_seq)
    label = name or f"Area {n}"
    area = Area(
        slug=slug or f"area-{n}",
        position=n,
        name_en=label,
        name_da=f"{label} (da)",
        name_nb=f"{label} (nb)",
        name_nl=f"{label} (nl)",
    )
    db.session.add(area)
    return _saved(area)


def make_canned_reason(**texts: str) -> CannedReason:
    n = next(_seq)
    reason = CannedReason(
        position=n,
        **{f"text_{code}": texts.get(code, f"Standard reason {n} ({code})")
           for code in ("en", "da", "nb", "nl")},
    )  # fmt: skip
    db.session.add(reason)
    return _saved(reason)


def make_idea(
    author: User | None = None,
    *,
    title: str | None = None,
    body: str = "A body with <script>alert('x')</script> and **bold** words.",
    category: Category | None = None,
    created_at: datetime | None = None,
    area: Area | None = None,
) -> Idea:
    author = author or make_user()
    category = category or make_category()
    idea = idea_services.create_idea(
        author, title or f"<script>alert(1)</script> Idea {next(_seq)}", body, category,
        area=area,
    )  # fmt: skip
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


def make_terms(name: str = "<b>CC BY 4.0</b>") -> Terms:
    n = next(_seq)
    text = "Anyone may share and adapt the answer, **naming its author**."
    data = challenge_services.TermsData(
        name={code: f"{name} ({code})" for code in ("en", "da", "nb", "nl")},
        text={code: f"{text} ({code})" for code in ("en", "da", "nb", "nl")},
    )
    return _saved(challenge_services.create_terms(None, f"terms-{n}", data))  # type: ignore[arg-type]


def challenge_data(department: Department, terms: Terms, **changes: object):  # type: ignore[no-untyped-def]
    now = utcnow()
    data = challenge_services.ChallengeData(
        title="<script>x</script> How do we keep low streets dry?",
        summary="Flooding in <b>low</b> streets.",
        brief="## Background\n\nThe harbour floods **twice** a year.",
        department_id=department.id,
        terms=terms,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=5),
        results_due=now + timedelta(days=30),
        reward="Realisation by the municipality",
        reward_amount=50_000,
        scale_max=5,
        criteria=[
            challenge_services.CriterionData("Feasibility", "Can it be done?", 30),
            challenge_services.CriterionData("Impact", "How much does it help?", 40),
            challenge_services.CriterionData("Cost", "What does it cost?", 30),
        ],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def make_challenge(
    department: Department | None = None, phase: str = "open", **changes: object
) -> Challenge:
    """A challenge in ``phase`` (draft, open, evaluation, cancelled)."""
    department = department or make_department()
    owner = make_official(department)
    terms = changes.pop("terms", None) or make_terms()
    data = challenge_data(department, terms, **changes)  # type: ignore[arg-type]
    challenge = challenge_services.create_challenge(owner, data)
    if phase != "draft":
        challenge_services.open_now(owner, challenge)
    if phase == "evaluation":
        challenge_services.close_answers(owner, challenge)
    if phase == "cancelled":
        challenge_services.cancel(owner, challenge, "The budget was cut.")
    return _saved(challenge)


def make_answer(challenge: Challenge, author: User | None = None) -> Idea:
    author = author or make_user()
    fields = challenge_services.IdeaFields(
        f"Answer {next(_seq)} <b>raise the kerbs</b>", "Raise the kerbs " * 5, make_category()
    )
    return _saved(challenge_services.answer_with_new_idea(author, challenge, fields, True))


def make_owner(challenge: Challenge) -> User:
    """An official of the challenge's department."""
    return make_official(db.session.get(Department, challenge.department_id))


def make_juror(challenge: Challenge, user: User | None = None) -> JuryMember:
    """A citizen invited to the challenge's jury by e-mail, who joined."""
    user = user or make_user()
    owner = make_owner(challenge)
    link = jury.invite(owner, challenge, user.display_name, user.email, "en")
    member = jury.join(user, challenge, link.rsplit("/", 1)[1])
    return _saved(member)
