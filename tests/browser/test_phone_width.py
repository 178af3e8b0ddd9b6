"""No page of the route × role matrix is wider than a phone (390 px): every
GET route, opened by every role the matrix allows, on the demo content."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.accounts import tokens
from portal.accounts.models import User
from portal.areas.models import Area
from portal.challenges import jury
from portal.challenges.models import Challenge
from portal.comments.models import Comment
from portal.extensions import db
from portal.ideas.models import Category, Idea, IdeaStatus
from portal.mail import OutboxMessage
from portal.moderation.models import CannedReason
from portal.municipality.models import HandOver, Meeting
from portal.nominations import services as nominations
from portal.nominations.services import CallData, NominationData
from portal.notifications import services as notifications
from portal.photos.models import Photo
from portal.timeutil import utcnow
from portal.versions.models import Revision
from tests.test_permissions import MATRIX

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ACCOUNTS = {
    "visitor": None,
    "citizen": "citizen@example.org",
    "moderator": "moderator@example.org",
    "official": "official@example.org",
    "admin": "admin@example.org",
}


def _demo_world(app) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The ids the matrix's paths name, taken from the demo content."""
    with app.app_context():
        citizen = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        official = db.session.scalar(select(User).where(User.email == "official@example.org"))
        # The idea with the longest debate: the widest content there is.
        idea = db.session.scalar(
            select(Idea).where(Idea.public).order_by(Idea.comment_count.desc())
        )
        comment = db.session.scalar(select(Comment).where(Comment.idea_id == idea.id))
        handed = db.session.scalar(
            select(HandOver.idea_id).where(HandOver.department_id == official.department_id)
        )
        category = db.session.scalar(select(Category))
        meeting = db.session.scalar(select(Meeting).order_by(Meeting.starts_at.desc()))
        challenge = db.session.scalar(
            select(Challenge).where(Challenge.department_id == official.department_id)
        )
        answer = db.session.scalar(select(Idea).where(Idea.challenge_id == challenge.id))
        link = jury.invite(official, challenge, "Expert", "phone-expert@example.org", "en")
        nominations.set_call(
            official, challenge, CallData("Who knows more?", 3, utcnow() + timedelta(days=9))
        )
        nomination = nominations.nominate(
            citizen,
            challenge,
            NominationData("Phone expert", "phone-nominee@example.org", "Knows it.", True),
        )
        invitation = db.session.scalar(
            select(OutboxMessage.body_text).where(OutboxMessage.kind == "nomination_invitation")
        )
        world = {
            "challenge": challenge.id,
            "draft_challenge": challenge.id,
            "terms": challenge.terms_id,
            "evaluating": challenge.id,
            "to_score": answer.id,
            "juror": 1,
            "jury_token": link.rsplit("/", 1)[1],
            "nomination_token": re.search(r"/nominated/([\w-]+)", invitation).group(1),
            "nomination": nomination.id,
            "nominee": nomination.nominee_id,
            "idea": idea.id,
            "comment": comment.id,
            "photo": db.session.scalar(select(Photo.key).order_by(Photo.id)),
            "revision": db.session.scalar(select(Revision.id).order_by(Revision.id)),
            "author": citizen.id,
            "mail": db.session.scalar(select(OutboxMessage.id)) or 1,
            "handed": handed,
            "implemented": db.session.scalar(
                select(Idea.id).where(Idea.public, Idea.status == IdeaStatus.IMPLEMENTED)
            ),
            "waiting": idea.id,
            "category": category.id,
            "category_slug": category.slug,
            "area_slug": db.session.scalar(select(Area.slug).order_by(Area.id)),
            "canned_reason": db.session.scalar(select(CannedReason.id).order_by(CannedReason.id)),
            "meeting": meeting.id,
            "draft": meeting.id,
            "verify_token": tokens.make_token(citizen, tokens.VERIFY),
            "reset_token": tokens.make_token(citizen, tokens.RESET),
            "unsubscribe_token": notifications.unsubscribe_token(citizen),
        }
        db.session.commit()
        return world


# Not pages: files, feeds and data for programs.
NOT_PAGES = {
    "static", "site.healthz", "privacy.download",
    "opendata.download", "opendata.catalogue",  # downloads, not pages
    "ideas.similar",  # a part of the idea form
    "photos.file",  # an image
}  # fmt: skip


def _pages_for(role: str, world: dict[str, object]) -> list[str]:
    roles = {"citizen": {"citizen", "other_citizen"}}.get(role, {role})
    return sorted(
        expect.path.format(**world)
        for endpoint, expect in MATRIX.items()
        if expect.method == "GET"
        and roles & expect.allowed
        and endpoint not in NOT_PAGES
        and not endpoint.startswith("feeds.")
    )


def _long_word_idea(app) -> int:  # type: ignore[no-untyped-def]
    """An idea whose title is one long word, as the form allows."""
    from portal.ideas.services import create_idea

    with app.app_context():
        author = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        idea = create_idea(
            author, "W" * 140, "A body with a long word: " + "x" * 200, _first_category()
        )
        db.session.commit()
        return idea.id


def _first_category() -> Category:
    return db.session.scalar(select(Category).order_by(Category.id))


def test_no_page_is_wider_than_a_phone(live_server, browser):
    long_word = _long_word_idea(live_server.app)
    world = _demo_world(live_server.app)
    too_wide = []
    for role, email in ACCOUNTS.items():
        context = browser.new_context(viewport=PHONE, extra_http_headers={"Accept-Language": "da"})
        page = context.new_page()
        if email:
            page.goto(live_server.url + "/account/login")
            page.fill("#email", email)
            page.fill("#password", "demo-password")
            page.locator("form.stacked-form button[type=submit]").click()
            page.wait_for_load_state()
        for path in [*_pages_for(role, world), f"/ideas/{long_word}", "/ideas/", "/"]:
            page.goto(live_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                widest = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                        .filter(e => e.getBoundingClientRect().right > innerWidth + 1)
                        .slice(0, 3).map(e => e.tagName + '.' + e.className)"""
                )
                too_wide.append((role, path, width, widest))
        context.close()
    assert too_wide == [], "\n".join(map(str, too_wide))
