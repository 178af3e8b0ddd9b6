"""The route × role matrix: every route of the app, asked as every role,
must answer as declared here. A new route without a declaration fails."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from portal import permissions
from portal.accounts import tokens
from portal.accounts.models import Role, User
from portal.challenges import jury
from portal.challenges import services as challenge_services
from portal.extensions import db
from portal.ideas import services as idea_services
from portal.ideas.models import Category, Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.nominations import services as nominations
from portal.nominations.services import CallData, NominationData
from portal.notifications import services as notifications
from portal.permissions.gates import STAFF_GATES
from portal.photos import services as photo_services
from portal.timeutil import utcnow
from portal.versions.models import Revision
from tests.factories import (
    login_id,
    make_answer,
    make_area,
    make_canned_reason,
    make_challenge,
    make_comment,
    make_department,
    make_hand_over,
    make_idea,
    make_juror,
    make_meeting,
    make_official,
    make_user,
)
from tests.photos.files import webp

ROLES = (
    "visitor", "citizen", "other_citizen", "moderator", "official", "other_official", "admin",
    "jury", "other_jury",
)  # fmt: skip
JURY = frozenset({"jury"})
EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"visitor"}
AUTHOR = frozenset({"citizen"})
NOT_AUTHOR = LOGGED_IN - AUTHOR
ADMIN = frozenset({"admin"})
MODERATORS = frozenset({"moderator", "admin"})
OFFICIALS = frozenset({"official", "other_official", "admin"})
# Officials of the department concerned (the idea's, the challenge's) and admins.
DEPARTMENT = frozenset({"official", "admin"})
STAFF = frozenset({"moderator", "official", "other_official", "admin"})


@dataclass(frozen=True)
class Expect:
    method: str
    path: str  # formatted with the world's ids and tokens
    allowed: frozenset


MATRIX = {
    "static": Expect("GET", "/static/css/portal.css", EVERYONE),
    "site.index": Expect("GET", "/", EVERYONE),
    "site.set_language": Expect("POST", "/language", EVERYONE),
    "site.healthz": Expect("GET", "/healthz", EVERYONE),
    # By address or token, not by role: the test client is 127.0.0.1, which
    # METRICS_ALLOW lets in (tests/test_metrics.py: everyone else gets 404).
    "site.metrics": Expect("GET", "/metrics", EVERYONE),
    "accounts.register": Expect("GET", "/account/register", EVERYONE),
    "accounts.verify": Expect("GET", "/account/verify/{verify_token}", EVERYONE),
    "accounts.resend_verification": Expect("POST", "/account/verify/resend", LOGGED_IN),
    "accounts.login": Expect("GET", "/account/login", EVERYONE),
    "accounts.logout": Expect("POST", "/account/logout", LOGGED_IN),
    "accounts.reset_request": Expect("GET", "/account/reset", EVERYONE),
    "accounts.reset_password": Expect("GET", "/account/reset/{reset_token}", EVERYONE),
    "accounts.profile": Expect("GET", "/account/profile", LOGGED_IN),
    "accounts.change_password": Expect("POST", "/account/password", LOGGED_IN),
    "ideas.index": Expect("GET", "/ideas/", EVERYONE),
    "ideas.search": Expect("GET", "/ideas/search?q=idea", EVERYONE),
    "ideas.similar": Expect("GET", "/ideas/similar?title=idea", EVERYONE),
    "versions.history": Expect("GET", "/ideas/{idea}/history", EVERYONE),
    "profiles.person": Expect("GET", "/people/{author}", EVERYONE),
    "profiles.activity": Expect("GET", "/account/activity", LOGGED_IN),
    "ideas.detail": Expect("GET", "/ideas/{idea}", EVERYONE),
    "ideas.new": Expect("GET", "/ideas/new", LOGGED_IN),
    "ideas.edit": Expect("GET", "/ideas/{idea}/edit", AUTHOR),
    "ideas.withdraw": Expect("GET", "/ideas/{idea}/withdraw", AUTHOR),
    "comments.create": Expect("POST", "/ideas/{idea}/comments", LOGGED_IN),
    "comments.edit": Expect("GET", "/comments/{comment}/edit", AUTHOR),
    "comments.permalink": Expect("GET", "/comments/{comment}", EVERYONE),
    "supports.support": Expect("POST", "/ideas/{idea}/support", NOT_AUTHOR),
    "supports.unsupport": Expect("POST", "/ideas/{idea}/unsupport", NOT_AUTHOR),
    "admin.outbox": Expect("GET", "/admin/outbox", ADMIN),
    "admin.requeue": Expect("POST", "/admin/outbox/{mail}/requeue", ADMIN),
    "admin.canned_reasons": Expect("GET", "/admin/reasons/", ADMIN),
    "admin.canned_reason": Expect("GET", "/admin/reasons/{canned_reason}", ADMIN),
    "admin.delete_canned_reason": Expect("POST", "/admin/reasons/{canned_reason}/delete", ADMIN),
    "moderation.flag": Expect("GET", "/ideas/{idea}/flag", NOT_AUTHOR),
    "moderation.queue": Expect("GET", "/moderation/", MODERATORS),
    "moderation.bulk": Expect("POST", "/moderation/bulk", MODERATORS),
    "moderation.act": Expect("GET", "/moderation/ideas/{idea}/hide", MODERATORS),
    "moderation.ask_to_edit": Expect("GET", "/moderation/ideas/{idea}/ask-to-edit", MODERATORS),
    "moderation.log": Expect("GET", "/moderation/log", MODERATORS),
    "moderation.dismiss": Expect("POST", "/moderation/ideas/{idea}/dismiss", MODERATORS),
    "moderation.merge": Expect("GET", "/moderation/ideas/{idea}/merge", MODERATORS),
    "moderation.edit_idea": Expect("GET", "/moderation/ideas/{idea}/edit", MODERATORS),
    "moderation.block": Expect("GET", "/moderation/users/{author}/block", MODERATORS),
    "moderation.approve": Expect("POST", "/moderation/ideas/{waiting}/approve", MODERATORS),
    "moderation.review_status": Expect("GET", "/moderation/ideas/{idea}/status", MODERATORS),
    "moderation.hand_over": Expect("GET", "/moderation/ideas/{idea}/hand-over", MODERATORS),
    "moderation.moderate_photo": Expect("GET", "/moderation/photos/{photo}/hide", MODERATORS),
    "photos.file": Expect("GET", "/photos/{photo}/small.webp", EVERYONE),
    "municipality.inbox": Expect("GET", "/municipality/inbox", STAFF),
    "municipality.thanks": Expect("GET", "/ideas/{implemented}/thanks", STAFF),
    "municipality.answer": Expect("GET", "/ideas/{handed}/answer", DEPARTMENT),
    "municipality.meetings": Expect("GET", "/meetings/", EVERYONE),
    "municipality.meeting": Expect("GET", "/meetings/{meeting}", EVERYONE),
    "municipality.new_meeting": Expect("GET", "/meetings/new", OFFICIALS),
    "municipality.edit_meeting": Expect("GET", "/meetings/{meeting}/edit", OFFICIALS),
    "municipality.publish": Expect("POST", "/meetings/{draft}/publish", OFFICIALS),
    "municipality.minutes_page": Expect("GET", "/meetings/{meeting}/minutes", OFFICIALS),
    "municipality.approve_minutes": Expect(
        "POST", "/meetings/{meeting}/minutes/approve", OFFICIALS
    ),
    "municipality.add_to_agenda": Expect("POST", "/meetings/{meeting}/agenda", OFFICIALS),
    "municipality.add_challenge": Expect("POST", "/meetings/{meeting}/challenges", OFFICIALS),
    "municipality.remove_challenge": Expect(
        "POST", "/meetings/{meeting}/challenges/{challenge}/remove", OFFICIALS
    ),
    "municipality.agenda_item": Expect(
        "POST", "/meetings/{meeting}/agenda/{handed}/remove", OFFICIALS
    ),
    "municipality.decision": Expect(
        "GET", "/meetings/{meeting}/agenda/{handed}/decision", OFFICIALS
    ),
    "feeds.ideas": Expect("GET", "/feeds/ideas.atom", EVERYONE),
    "feeds.category": Expect("GET", "/feeds/categories/{category_slug}.rss", EVERYONE),
    "feeds.area": Expect("GET", "/feeds/areas/{area_slug}.atom", EVERYONE),
    "feeds.idea": Expect("GET", "/feeds/ideas/{idea}.atom", EVERYONE),
    "feeds.answers": Expect("GET", "/feeds/answers.atom", EVERYONE),
    "feeds.meetings": Expect("GET", "/feeds/meetings.rss", EVERYONE),
    "feeds.calendar": Expect("GET", "/feeds/meetings.ics", EVERYONE),
    "opendata.index": Expect("GET", "/open-data/", EVERYONE),
    "opendata.download": Expect("GET", "/open-data/ideas.csv", EVERYONE),
    "opendata.catalogue": Expect("GET", "/open-data/catalog.ttl", EVERYONE),
    "feeds.challenges": Expect("GET", "/feeds/challenges.atom", EVERYONE),
    "feeds.challenge": Expect("GET", "/feeds/challenges/{challenge}.rss", EVERYONE),
    "notifications.idea": Expect("POST", "/ideas/{idea}/follow", LOGGED_IN),
    "notifications.category": Expect("POST", "/categories/{category_slug}/follow", LOGGED_IN),
    "notifications.area": Expect("POST", "/areas/{area_slug}/unfollow", LOGGED_IN),
    "notifications.challenge": Expect("POST", "/challenges/{challenge}/follow", LOGGED_IN),
    "notifications.all_ideas": Expect("POST", "/ideas/all/unfollow", LOGGED_IN),
    "notifications.settings": Expect("GET", "/account/notifications", LOGGED_IN),
    "notifications.unsubscribe": Expect("GET", "/unsubscribe/{unsubscribe_token}", EVERYONE),
    "reports.meeting": Expect("GET", "/meetings/{meeting}/report", EVERYONE),
    "reports.period": Expect("GET", "/reports/period", STAFF),
    "reports.challenge": Expect("GET", "/challenges/{evaluating}/report", DEPARTMENT),
    "comments.pick_for_report": Expect("POST", "/comments/{comment}/report", STAFF),
    "privacy.policy": Expect("GET", "/privacy", EVERYONE),
    "privacy.download": Expect("GET", "/account/data", LOGGED_IN),
    "privacy.delete": Expect("GET", "/account/delete", LOGGED_IN),
    "admin.users": Expect("GET", "/admin/users", ADMIN),
    "admin.user": Expect("GET", "/admin/users/{author}", ADMIN),
    "admin.named_list": Expect("GET", "/admin/departments/", ADMIN),
    "admin.named_edit": Expect("GET", "/admin/categories/{category}", ADMIN),
    "admin.site_settings": Expect("GET", "/admin/settings", ADMIN),
    "challenges.index": Expect("GET", "/challenges/", EVERYONE),
    "challenges.detail": Expect("GET", "/challenges/{challenge}", EVERYONE),
    "challenges.new": Expect("GET", "/challenges/new", OFFICIALS),
    "challenges.edit": Expect("GET", "/challenges/{challenge}/edit", DEPARTMENT),
    "challenges.phase": Expect("POST", "/challenges/{draft_challenge}/schedule", DEPARTMENT),
    "challenges.cancel": Expect("GET", "/challenges/{challenge}/cancel", DEPARTMENT),
    "challenges.answer": Expect("GET", "/challenges/{challenge}/answer", LOGGED_IN),
    "challenges.give_idea": Expect("POST", "/challenges/{challenge}/answer/existing", LOGGED_IN),
    "challenges.terms_list": Expect("GET", "/challenges/terms/", ADMIN),
    "challenges.terms_edit": Expect("GET", "/challenges/terms/{terms}", ADMIN),
    "challenges.jury": Expect("GET", "/challenges/{challenge}/jury", DEPARTMENT),
    "challenges.remove_juror": Expect(
        "POST", "/challenges/{evaluating}/jury/{juror}/remove", DEPARTMENT
    ),
    "challenges.join_jury": Expect(
        "GET", "/challenges/{challenge}/jury/join/{jury_token}", LOGGED_IN
    ),
    "challenges.evaluate": Expect("GET", "/challenges/{evaluating}/evaluate", JURY),
    "challenges.score": Expect("GET", "/challenges/{evaluating}/evaluate/{to_score}", JURY),
    "challenges.conflict": Expect(
        "POST", "/challenges/{evaluating}/evaluate/{to_score}/conflict", JURY
    ),
    "challenges.ranking": Expect("GET", "/challenges/{evaluating}/ranking", DEPARTMENT),
    "challenges.results": Expect("GET", "/challenges/{evaluating}/results", DEPARTMENT),
    "nominations.call": Expect("GET", "/challenges/{challenge}/nominations", DEPARTMENT),
    "nominations.pyramid": Expect("GET", "/challenges/{evaluating}/pyramid", DEPARTMENT | JURY),
    "nominations.nominate": Expect("GET", "/challenges/{challenge}/nominate", LOGGED_IN),
    "nominations.invite": Expect(
        "POST", "/challenges/{challenge}/pyramid/{nominee}/invite", DEPARTMENT
    ),
    "reports.pyramid": Expect("GET", "/challenges/{evaluating}/pyramid/report", DEPARTMENT | JURY),
    "moderation.nominations": Expect("GET", "/moderation/nominations", MODERATORS),
    "moderation.act_on_version": Expect("GET", "/moderation/versions/{revision}/hide", MODERATORS),
    "moderation.act_on_nomination": Expect(
        "GET", "/moderation/nominations/{nomination}/hide", MODERATORS
    ),
    "nominations.invitation": Expect(
        "GET", "/challenges/{challenge}/nominated/{nomination_token}", EVERYONE
    ),
    "challenges.invitations_page": Expect("GET", "/challenges/{challenge}/invitations", DEPARTMENT),
}


def test_every_route_is_declared(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - MATRIX.keys() == set(), "declare the new routes in MATRIX"
    assert MATRIX.keys() - endpoints == set(), "remove routes that no longer exist"


def _world() -> dict[str, object]:
    author = make_user(Role.CITIZEN, name="Author")
    department = make_department()
    users: dict[str, User | None] = {
        "visitor": None,
        "citizen": author,
        "other_citizen": make_user(Role.CITIZEN),
        "moderator": make_user(Role.MODERATOR),
        "official": make_official(department),
        "other_official": make_official(),
        "admin": make_user(Role.ADMIN),
    }
    idea = make_idea(author)
    comment = make_comment(idea, author)
    photo = photo_services.upload(author, webp((240, 200)), "A quay")
    photo_services.attach(idea, [(photo, "A quay")])
    handed = make_hand_over(make_idea(author), department).idea_id
    implemented = db.session.get(Idea, make_hand_over(make_idea(author), department).idea_id)
    for status in (IdeaStatus.ACCEPTED, IdeaStatus.IMPLEMENTED):
        idea_services.change_status(implemented, status, users["official"])
    waiting = make_idea(author)
    waiting.hidden_at, waiting.awaiting_approval = waiting.created_at, True
    db.session.commit()
    challenge = make_challenge(department, invites_answerers=True)
    evaluating = make_challenge(department)
    to_score = make_answer(evaluating)
    juror = make_juror(evaluating)
    users["jury"] = db.session.get(User, juror.user_id)
    users["other_jury"] = db.session.get(User, make_juror(make_challenge()).user_id)
    challenge_services.close_answers(users["official"], evaluating)
    link = jury.invite(users["official"], challenge, "Expert", "expert@example.org", "en")
    nominations.set_call(
        users["official"], challenge, CallData("Who knows?", 3, utcnow() + timedelta(days=9))
    )
    nomination = nominations.nominate(
        users["other_citizen"],
        challenge,
        NominationData("Nominee", "nominee@example.org", "Knows the harbour.", True),
    )
    db.session.commit()
    invitation = db.session.scalar(
        select(OutboxMessage.body_text).where(OutboxMessage.kind == "nomination_invitation")
    )
    return {
        "evaluating": evaluating.id,
        "to_score": to_score.id,
        "juror": juror.id,
        "jury_token": link.rsplit("/", 1)[1],
        "nomination_token": re.search(r"/nominated/([\w-]+)", invitation).group(1),
        "nomination": nomination.id,
        "nominee": nomination.nominee_id,
        "users": users,
        "challenge": challenge.id,
        "draft_challenge": make_challenge(department, phase="draft").id,
        "terms": challenge.terms_id,
        "idea": idea.id,
        "comment": comment.id,
        "photo": photo.key,
        "revision": db.session.scalar(select(Revision.id).where(Revision.idea_id == idea.id)),
        "author": author.id,
        "mail": db.session.scalar(select(OutboxMessage.id)),
        "handed": handed,
        "implemented": implemented.id,
        "waiting": waiting.id,
        "category": idea.category_id,
        "category_slug": db.session.get(Category, idea.category_id).slug,
        "area_slug": make_area().slug,
        "canned_reason": make_canned_reason().id,
        "meeting": make_meeting().id,
        "draft": make_meeting(published=False).id,
        "verify_token": tokens.make_token(author, tokens.VERIFY),
        "reset_token": _reset_token(author),
        "unsubscribe_token": notifications.unsubscribe_token(author),
    }


def _reset_token(user: User) -> str:
    token = tokens.make_token(user, tokens.RESET)
    db.session.commit()  # the newest link's nonce
    return token


def _denied(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in (401, 403, 404) or location.startswith("/account/login?next=")


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_role_matrix(app, endpoint):
    expect = MATRIX[endpoint]
    world = _world()
    path = expect.path.format(**world)
    wrong = []
    for role in ROLES:
        client = app.test_client()
        user = world["users"][role]
        if user is not None:
            with client.session_transaction() as session:
                session["_user_id"] = login_id(user)
        response = client.open(path, method=expect.method)
        response.close()
        assert response.status_code < 500, (role, response.status_code)
        if _denied(response) == (role in expect.allowed):
            wrong.append((role, response.status_code, response.headers.get("Location")))
    assert wrong == []


def test_visitors_are_asked_to_log_in_and_citizens_are_refused(app):
    world = _world()
    visitor = app.test_client()
    assert visitor.get("/admin/outbox").headers["Location"].startswith("/account/login?next=")
    citizen = app.test_client()
    with citizen.session_transaction() as session:
        session["_user_id"] = login_id(world["users"]["citizen"])
    assert citizen.get("/admin/outbox").status_code == 403


def test_templates_ask_the_same_rules(client, auth):
    """A button is shown exactly when the rule allows the action."""
    author = auth.as_role()
    idea = make_idea(author)
    page = client.get(f"/ideas/{idea.id}").get_data(as_text=True)
    assert permissions.can_support(author, idea) is False
    assert "Support this idea" not in page
    assert permissions.can_edit_idea(author, idea) is True
    assert "Edit your idea" in page


def test_rules_deny_by_default():
    assert permissions.can_create_idea(None) is False
    idea = make_idea()
    assert permissions.can_view_idea(None, idea) is True
    for rule in (permissions.can_edit_idea, permissions.can_withdraw_idea, permissions.can_support):
        assert rule(None, idea) is False
    unverified = make_user(verified=False)
    assert permissions.can_comment(unverified, idea) is False
    db.session.rollback()


# RFC 8058 one-click: the token in the address authenticates (a nominee's
# "take part" still checks the form's CSRF token, see the next test).
CSRF_EXEMPT = {"notifications.unsubscribe", "nominations.invitation"}


def test_every_post_needs_a_csrf_token(app):
    """With CSRF protection on (as in production), every state-changing
    route refuses a POST without the token — whoever sends it."""
    world = _world()
    app.config["WTF_CSRF_ENABLED"] = True
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in (rule.methods or ())}
    assert posts, "no POST routes found"
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_id(world["users"]["admin"])
    refused = {}
    for endpoint in sorted(posts - CSRF_EXEMPT):
        path = MATRIX[endpoint].path.format(**world)
        response = client.post(path, data={})
        response.close()
        refused[endpoint] = response.status_code
    assert {e: code for e, code in refused.items() if code != 400} == {}


def test_taking_part_as_a_nominee_needs_the_csrf_token(app):
    world = _world()
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = login_id(world["users"]["citizen"])
    path = MATRIX["nominations.invitation"].path.format(**world)
    client.post(path, data={"answer": "take part"})
    from portal.nominations.models import Nominee, NomineeStatus

    assert db.session.scalar(select(Nominee.status)) == NomineeStatus.INVITED


ADMIN_PAGES_WITH_IDS = {
    "admin.user", "admin.named_edit", "admin.requeue", "admin.canned_reason",
    "admin.delete_canned_reason",
}  # fmt: skip


@pytest.mark.parametrize("endpoint", sorted(STAFF_GATES.keys() | ADMIN_PAGES_WITH_IDS))
def test_staff_pages_answer_the_same_for_unknown_ids(app, endpoint):
    """No id enumeration: a visitor or citizen cannot tell an id that exists
    from one that does not."""
    expect = MATRIX[endpoint]
    world = _world()
    known = expect.path.format(**world)
    unknown = re.sub(r"/\d+(?=/|$)", "/987654", known)
    assert unknown != known
    for role in ("visitor", "citizen"):
        answers = []
        for path in (known, unknown):
            client = app.test_client()
            if world["users"][role] is not None:
                with client.session_transaction() as session:
                    session["_user_id"] = login_id(world["users"][role])
            response = client.open(path, method=expect.method)
            location = response.headers.get("Location", "").replace(quote(path, safe=""), "P")
            answers.append((response.status_code, location.replace(path, "P")))
        assert answers[0] == answers[1], (role, answers)


# Pages whose own form a visitor sends (logging in, registering, a link
# from a mail): they carry a CSRF token and so a session cookie.
VISITOR_FORMS = {
    "accounts.register", "accounts.login", "accounts.reset_request", "accounts.reset_password",
    "nominations.invitation",  # the nominee answers the mailed invitation
}  # fmt: skip


def test_a_visitor_reads_every_page_without_a_cookie_or_a_token(app):
    """Anonymous reading sets no cookie and carries no per-visitor token, so
    a shared cache can keep the page; only the pages of a visitor's own
    forms do (and say they may not be kept)."""
    app.config["WTF_CSRF_ENABLED"] = True
    world = _world()
    with_cookie, without = [], []
    for endpoint, expect in sorted(MATRIX.items()):
        if expect.method != "GET" or "visitor" not in expect.allowed or endpoint == "static":
            continue
        response = app.test_client().get(expect.path.format(**world))
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        personal = "Set-Cookie" in response.headers or b'name="csrf_token"' in response.data
        if personal != (endpoint in VISITOR_FORMS):
            (with_cookie if personal else without).append(endpoint)
        if personal:
            assert response.headers["Cache-Control"] == "private, no-store", endpoint
        else:
            assert response.headers["Cache-Control"].startswith("public"), endpoint
    assert with_cookie == [], "a visitor's page sets a cookie or carries a token"
    assert without == [], "declared in VISITOR_FORMS but without a form"
