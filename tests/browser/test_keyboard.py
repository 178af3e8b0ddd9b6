"""Posting, commenting and supporting with the keyboard only (Tab, Enter,
Space), with a visible focus on every control reached."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the control is focused; it must show where focus is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => !!document.activeElement?.matches(s)", selector):
            outline, width, shadow = page.evaluate(
                """() => { const s = getComputedStyle(document.activeElement);
                           return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""
            )
            visible = (outline != "none" and width != "0px") or shadow != "none"
            assert visible, f"{selector} has no visible focus"
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_post_comment_and_support_with_the_keyboard(live_server, browser, screenshot):
    page = browser.new_context(extra_http_headers={"Accept-Language": "da"}).new_page()
    base = live_server.url

    page.goto(base + "/account/login")
    _tab_to(page, "#email")
    page.keyboard.type("citizen@example.org")
    _tab_to(page, "#password")
    page.keyboard.type("demo-password")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Camilla Borger" in page.locator("header").inner_text()

    _tab_to(page, "nav.main-nav a[href='/ideas/new']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "#title")
    page.keyboard.type("Cykelstativer ved biblioteket")
    _tab_to(page, "#category")
    page.keyboard.press("ArrowDown")
    _tab_to(page, "#body")
    page.keyboard.type("Der mangler cykelstativer ved biblioteket, især om lørdagen.")
    _tab_to(page, "input[name=publish]")
    screenshot(page, "keyboard-focus-publish-da-desktop")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Cykelstativer ved biblioteket"

    _tab_to(page, "#comment-body-new")
    page.keyboard.type("Gerne overdækkede.")
    _tab_to(page, "form.comment-form:not(.reply-form *) button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Gerne overdækkede." in page.locator(".comments").inner_text()

    page.goto(base + "/ideas/2")  # someone else's idea
    before = int(page.locator(".support-count strong").inner_text().replace(".", ""))
    _tab_to(page, "form[action='/ideas/2/support'] button")
    with page.expect_navigation():
        page.keyboard.press("Space")
    after = int(page.locator(".support-count strong").inner_text().replace(".", ""))
    assert after == before + 1
    page.context.close()
