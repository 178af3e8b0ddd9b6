"""A citizen's whole journey in a real browser, in each language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal.extensions import db
from portal.mail import OutboxMessage

pytestmark = pytest.mark.browser

# What the register and publish buttons say in each language.
TEXTS = {
    "da": ("Opret konto", "Offentliggør idé"),
    "nb": ("Opprett konto", "Publiser idé"),
    "nl": ("Account aanmaken", "Idee publiceren"),
}


def _verification_link(live_server, email: str) -> str:
    with live_server.app.app_context():
        message = db.session.scalar(
            select(OutboxMessage)
            .where(OutboxMessage.to_address == email, OutboxMessage.kind == "verify_email")
            .order_by(OutboxMessage.id.desc())
        )
        db.session.remove()
    return re.search(r"(http://127\.0\.0\.1:\d+/account/verify/\S+)", message.body_text).group(1)


def _button(page, name: str):
    return page.get_by_role("button", name=name)


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_citizen_journey(live_server, browser, screenshot, locale):
    context = browser.new_context(locale=locale, extra_http_headers={"Accept-Language": locale})
    page = context.new_page()
    email = f"journey-{locale}@example.org"
    base = live_server.url

    page.goto(base + "/account/register")
    assert page.locator("html").get_attribute("lang") == locale
    page.fill("#display_name", f"Journey {locale}")
    page.fill("#email", email)
    page.fill("#password", "a long journey password")
    page.fill("#password_confirm", "a long journey password")
    register, publish = TEXTS[locale]
    _button(page, register).click()
    expect(page.locator("main")).to_contain_text(email)  # waits for the answer's page

    # Confirming in the browser that registered logs in: the password was typed once.
    page.goto(_verification_link(live_server, email))
    assert f"Journey {locale}" in page.locator("header").inner_text()

    page.goto(base + "/ideas/new")
    page.fill("#title", f"Flere bænke ved søen ({locale})")
    page.select_option("#category", index=1)
    page.fill(
        "#body",
        "Der mangler **bænke** langs stien rundt om søen.\n\n- ved legepladsen\n- ved broen",
    )
    page.locator("input[name=preview]").click()
    assert page.locator(".preview strong").inner_text() == "bænke"
    screenshot(page, f"idea-form-preview-{locale}-desktop")
    assert page.locator("input[name=publish]").get_attribute("value") == publish
    page.locator("input[name=publish]").click()
    assert page.locator("h1").inner_text() == f"Flere bænke ved søen ({locale})"
    idea_url = page.url

    page.fill("#comment-body-new", "Jeg har selv et forslag til placeringen.")
    page.locator("form.comment-form button[type=submit]").last.click()
    assert "forslag til placeringen" in page.locator(".comments").inner_text()
    # The confirmation sits at the new comment, which is marked, and has the focus.
    assert page.evaluate("document.activeElement.id") == "confirmation"
    assert page.locator(".comment-confirmed #confirmation").count() == 1
    screenshot(page, f"comment-confirmed-{locale}-desktop")
    page.locator(".reply-form summary").first.click()
    page.locator(".reply-form textarea").first.fill("Et svar på min egen kommentar.")
    page.locator(".reply-form button[type=submit]").first.click()
    assert page.locator(".replies .comment").count() == 1

    # Another citizen supports the idea.
    page.locator("form[action='/account/logout'] button").click()
    page.goto(base + "/account/login")
    page.fill("#email", "citizen@example.org")
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.goto(idea_url)
    # The demo citizen's account language is Danish: the account setting wins.
    _button(page, "Støt idéen").click()
    assert page.locator(".support-count strong").inner_text() == "1"
    screenshot(page, f"idea-detail-{locale}-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"idea-detail-{locale}-phone")
    context.close()


def test_language_switch_sticks_for_a_visitor(live_server, browser, screenshot):
    context = browser.new_context(extra_http_headers={"Accept-Language": "da"})
    page = context.new_page()
    page.goto(live_server.url + "/ideas/?sort=top")
    assert page.locator("html").get_attribute("lang") == "da"
    assert context.cookies() == []  # reading sets no cookie
    page.get_by_role("link", name="Nederlands").click()
    assert page.url.endswith("/ideas/?sort=top&lang=nl")  # the same page, its order kept
    assert page.locator("html").get_attribute("lang") == "nl"
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert [cookie["name"] for cookie in context.cookies()] == ["lang"]
    screenshot(page, "front-page-nl-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "front-page-nl-phone")
    context.close()


def test_pages_work_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/ideas/?sort=top")
    page.select_option("#filter-sort", "discussed")
    page.locator("form.filters button[type=submit]").click()
    assert "sort=discussed" in page.url
    page.locator(".idea-card-title a").first.click()
    assert page.locator(".support-box").is_visible()
    context.close()


def test_moderator_handles_reports_in_bulk(live_server, browser, screenshot):
    context = browser.new_context(extra_http_headers={"Accept-Language": "da"})
    page = context.new_page()
    page.goto(live_server.url + "/account/login")
    page.fill("#email", "moderator@example.org")
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.get_by_role("link", name="Moderering").first.click()
    assert page.locator("h1").inner_text() == "Modereringskø"
    screenshot(page, "moderation-queue-da-desktop")
    items = page.locator(".queue-item")
    before = items.count()
    assert before >= 2
    page.locator(".queue-item input[type=checkbox]").first.check()
    page.select_option("#action", "dismiss")
    page.fill("#reason", "Ikke i strid med retningslinjerne.")
    page.locator("fieldset.bulk button[type=submit]").click()
    assert page.locator(".queue-item").count() == before - 1
    page.goto(live_server.url + "/moderation/log")
    assert "Ikke i strid med retningslinjerne." in page.locator("table").inner_text()
    context.close()
