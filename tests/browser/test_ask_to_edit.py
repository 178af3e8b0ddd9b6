"""Journey: a moderator asks a citizen to edit an idea (a phone number in
it) instead of hiding it; the citizen edits it; the moderator publishes it
again from the queue — in da, nb and nl."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.ideas.models import Idea
from tests.browser.conftest import axe_violations
from tests.browser.test_staff import _log_in, _submit

pytestmark = pytest.mark.browser

PUBLISH = {"da": "Offentliggør idé", "nb": "Publiser idé", "nl": "Idee publiceren"}
APPROVE = {
    "da": "Godkend og offentliggør",
    "nb": "Godkjenn og publiser",
    "nl": "Goedkeuren en publiceren",
}


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_moderator_asks_for_an_edit_and_publishes_the_edited_idea(
    live_server, browser, screenshot, locale
):
    base = live_server.url
    title = f"Bænk ved havnen, ring 12345678 ({locale})"
    citizen = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _log_in(citizen, base, "citizen@example.org", locale)
    citizen.goto(base + "/ideas/new")
    citizen.fill("#title", title)
    citizen.select_option("#category", index=1)
    citizen.fill("#body", "Der mangler en bænk ved havnen, hvor de ældre går tur hver dag.")
    citizen.get_by_role("button", name=PUBLISH[locale]).click()
    citizen.wait_for_url("**/ideas/*")
    idea_id = int(citizen.url.split("/ideas/")[1].split("?")[0].split("#")[0])

    moderator = browser.new_context().new_page()
    _log_in(moderator, base, "moderator@example.org", locale)
    moderator.goto(f"{base}/ideas/{idea_id}")
    moderator.locator(f"a[href='/moderation/ideas/{idea_id}/ask-to-edit']").click()
    moderator.fill("#reason", "Tag telefonnummeret ud af titlen.")
    assert axe_violations(moderator) == []
    screenshot(moderator, f"ask-to-edit-{locale}-desktop")
    _submit(moderator)
    expect(moderator.locator("main")).to_contain_text("Tag telefonnummeret ud af titlen.")

    citizen.goto(f"{base}/ideas/{idea_id}")
    expect(citizen.locator(".notice-warning")).to_contain_text("Tag telefonnummeret ud af titlen.")
    screenshot(citizen, f"asked-to-edit-{locale}-phone")
    citizen.locator(f".notice-warning a[href='/ideas/{idea_id}/edit']").click()
    citizen.fill("#title", f"Bænk ved havnen ({locale})")
    citizen.locator("input[name=publish]").click()
    expect(citizen.locator(".notice-info")).to_be_visible()  # waits for the moderators

    moderator.goto(base + "/moderation/")
    moderator.locator(f"button[formaction='/moderation/ideas/{idea_id}/approve']").click()
    expect(
        moderator.locator(f"button[formaction='/moderation/ideas/{idea_id}/approve']")
    ).to_have_count(0)
    with live_server.app.app_context():
        idea = db.session.scalar(select(Idea).where(Idea.id == idea_id))
        db.session.remove()
    assert idea.is_public
    assert idea.title == f"Bænk ved havnen ({locale})"
    citizen.context.close()
    moderator.context.close()
