"""Journey: a citizen finds an area on the front page, follows it, posts an
idea about it, and finds the follow on their notification settings — in
da, nb and nl, at phone and desktop width."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.test_staff import _log_in

pytestmark = pytest.mark.browser

AREAS = {"da": ("engholm", "Engholm"), "nb": ("hojby", "Højby"), "nl": ("vestervang", "Vestervang")}
TEXTS = {  # the heading, and what the follow buttons say
    "da": ("Idéer i %s", "Følg nye idéer om %s", "Følg ikke længere nye idéer om %s"),
    "nb": ("Ideer i %s", "Følg nye ideer om %s", "Slutt å følge nye ideer om %s"),
    "nl": (
        "Ideeën in %s",
        "Nieuwe ideeën over %s volgen",
        "Nieuwe ideeën over %s niet meer volgen",
    ),
}
PUBLISH = {"da": "Offentliggør idé", "nb": "Publiser idé", "nl": "Idee publiceren"}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_citizen_follows_an_area_and_posts_an_idea_about_it(
    live_server, browser, screenshot, locale, width
):
    base = live_server.url
    slug, name = AREAS[locale]
    heading, follow, unfollow = (text % name for text in TEXTS[locale])
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    _log_in(page, base, "citizen@example.org", locale)
    page.goto(base + "/")
    page.locator("section[aria-labelledby=areas-heading]").get_by_role("link").filter(
        has_text=name
    ).click()
    expect(page.locator("h1")).to_have_text(heading)
    assert page.url.endswith(f"/ideas/?area={slug}")
    if page.get_by_role("button", name=unfollow).count():  # the other width's run followed it
        page.get_by_role("button", name=unfollow).click()
    page.get_by_role("button", name=follow).click()
    expect(page.get_by_role("button", name=unfollow)).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, f"area-{locale}-{width}")

    page.goto(f"{base}/ideas/new?area={slug}")
    assert page.locator("#area option:checked").inner_text() == name
    page.fill("#title", f"Bænke i {name} ({locale}, {width})")
    page.fill("#body", "Der mangler bænke langs stien, hvor de ældre går tur hver dag.")
    page.select_option("#category", index=1)
    page.get_by_role("button", name=PUBLISH[locale]).click()
    expect(page.locator("main .meta").first).to_contain_text(name)
    page.locator("main .meta").first.get_by_role("link", name=name).click()
    expect(page.locator("main")).to_contain_text(f"Bænke i {name} ({locale}, {width})")

    page.goto(base + "/account/notifications")
    expect(page.locator(f"a[href='/ideas/?area={slug}']")).to_be_visible()
    page.context.close()
