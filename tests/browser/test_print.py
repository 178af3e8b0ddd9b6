"""What a page looks like on paper: the content, without forms, buttons,
pagers or action links, and with closed <details> (the memo) printed open."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _log_in(page, base: str, email: str = "citizen@example.org") -> None:
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()


def _hidden_in_print(page, selectors: list[str]) -> None:
    page.emulate_media(media="screen")
    for selector in selectors:
        assert page.locator(selector).first.is_visible(), selector  # there on screen...
    page.emulate_media(media="print")
    for selector in selectors:
        assert not page.locator(selector).first.is_visible(), selector  # ...not on paper


def test_the_idea_list_prints_without_forms_and_pager(live_server, browser, screenshot):
    page = browser.new_page()
    _log_in(page, live_server.url)
    page.goto(live_server.url + "/ideas/?sort=top")
    _hidden_in_print(
        page,
        [
            "form.filters",
            "form.filters select",
            "main .inline-form button",  # follow all new ideas
            ".pager",
            ".language-switch",
            ".site-header nav",
            ".feed-links",
        ],
    )
    assert page.locator(".idea-card-title").first.is_visible()
    screenshot(page, "print-idea-list")
    page.close()


def test_an_idea_prints_without_actions_and_with_the_memo(live_server, browser, screenshot):
    page = browser.new_page()
    _log_in(page, live_server.url)
    page.goto(live_server.url + "/ideas/1")
    _hidden_in_print(
        page,
        [
            ".support-box form",
            ".support-box .plain-list",  # report this idea
            ".comment-actions",  # report (a comment)
            "#new-comment",
            "section.comments > .comment-form",
        ],
    )
    assert page.locator("#idea-title").is_visible()
    assert page.locator(".comment .user-content").first.is_visible()
    # The memo is a closed <details>; its text prints all the same.
    page.emulate_media(media="screen")
    assert not page.locator(".memo .user-content").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".memo .user-content").is_visible()
    screenshot(page, "print-idea")
    page.close()


def test_details_open_before_printing_and_close_after(live_server, browser):
    page = browser.new_page()
    page.goto(live_server.url + "/ideas/1")
    closed = "details.memo:not([open])"
    assert page.locator(closed).count() == 1
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator(closed).count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator(closed).count() == 1
    page.close()
