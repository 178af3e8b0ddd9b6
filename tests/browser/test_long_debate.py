"""A long debate in a real browser: paged, and an old link to a comment
on a later page still finds it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.accounts.models import User
from portal.comments import services
from portal.extensions import db
from portal.ideas import services as ideas
from portal.ideas.models import Category

pytestmark = pytest.mark.browser


def test_an_old_link_to_a_comment_on_a_later_page_finds_it(live_server, browser):
    with live_server.app.app_context():
        author = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        category = db.session.scalar(select(Category).order_by(Category.id))
        idea = ideas.create_idea(  # its own idea: the other journeys' stay as they were
            author, "En lang debat om havnen", "Hvad skal der ske med havnen?" * 2, category
        )
        ids = [
            services.add_comment(author, idea, f"Indlæg nummer {n} i en lang debat.").id
            for n in range(45)
        ]
        db.session.commit()
        idea_id = idea.id
        db.session.remove()
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/ideas/{idea_id}#comment-{ids[-1]}")  # as a mail of old linked it
    page.wait_for_url(f"**cpage=**#comment-{ids[-1]}")
    expect(page.locator(f"#comment-{ids[-1]}")).to_be_visible()
    page.locator(".comments nav.pager a[rel=prev]").click()
    expect(page.locator(".comments nav.pager")).to_contain_text("2")
    page.context.close()
