"""Journey: a moderator hides a comment with a standard reason, which the
page copies into the reason in the author's language to be edited — in
da, nb and nl."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.comments.models import Comment
from portal.extensions import db
from tests.browser.conftest import axe_violations
from tests.browser.test_staff import _log_in, _submit

pytestmark = pytest.mark.browser

IDEA = {"da": 3, "nb": 4, "nl": 5}  # a different debate for each run


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_moderator_hides_a_comment_with_a_standard_reason(
    live_server, browser, screenshot, locale
):
    base = live_server.url
    page = browser.new_context().new_page()
    _log_in(page, base, "moderator@example.org", locale)
    page.goto(f"{base}/ideas/{IDEA[locale]}")
    link = page.locator("a[href*='/moderation/comments/'][href$='/hide']").first
    comment_id = int(link.get_attribute("href").split("/")[3])
    link.click()
    option = page.locator("#canned option").nth(1)
    author_text = option.get_attribute("data-text")
    page.select_option("#canned", index=1)
    expect(page.locator("#reason")).to_have_value(author_text)  # in the author's language
    assert axe_violations(page) == []
    screenshot(page, f"moderation-canned-reason-{locale}-desktop")
    page.locator("#reason").press("End")
    page.locator("#reason").type(" (1)")
    _submit(page)
    expect(page.locator(".hidden-note").first).to_contain_text(author_text + " (1)")
    with live_server.app.app_context():
        reason = db.session.scalar(select(Comment.hidden_reason).where(Comment.id == comment_id))
        db.session.remove()
    assert reason == author_text + " (1)"
    page.context.close()
