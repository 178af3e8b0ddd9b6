"""axe-core (bundled with axe-playwright-python) finds no WCAG 2.0/2.1 A or
AA violations on each page type, for a visitor and a citizen, in every
language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

VISITOR_PAGES = [
    "/",
    "/ideas/",
    "/ideas/?sort=top&category=roads",
    "/ideas/?area=engholm",
    "/ideas/search?q=cykel",
    "/ideas/search?q=cykel&area=hojby",
    "/ideas/{idea}",
    "/account/login",
    "/account/register",
    "/account/reset",
    "/no-such-page",
]
CITIZEN_PAGES = ["/ideas/new", "/ideas/{idea}", "/account/profile", "/account/activity"]
VISITOR_PAGES += ["/meetings/", "/meetings/1", "/meetings/3", "/meetings/2/report"]
STAFF_PAGES = {
    "moderator@example.org": [
        "/moderation/",
        "/moderation/log",
        "/moderation/ideas/{new_idea}/hand-over",
        "/moderation/ideas/{new_idea}/status",
        "/moderation/ideas/{new_idea}/ask-to-edit",
        "/moderation/ideas/{new_idea}/hide",
        "/municipality/inbox?department=all",
    ],
    "official@example.org": [
        "/municipality/inbox",
        "/ideas/{handed}/answer",
        "/ideas/{handed}",
        "/meetings/new",
        "/meetings/3",
        "/meetings/3/edit",
        "/meetings/3/minutes",
        "/reports/period",
        "/account/notifications",
    ],
    "admin@example.org": [
        "/admin/users",
        "/admin/users/1",
        "/admin/departments/",
        "/admin/categories/1",
        "/admin/areas/",
        "/admin/reasons/",
        "/admin/reasons/1",
        "/admin/settings",
        "/admin/outbox",
    ],
}
LANGUAGE_BUTTONS = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands", "en": "English"}


def _log_in(page, base: str, email: str = "citizen@example.org") -> None:
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_no_accessibility_violations(live_server, browser, locale):
    context = browser.new_context(extra_http_headers={"Accept-Language": locale})
    page = context.new_page()
    found = {}
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path.format(idea=1))
        found[("visitor", path)] = axe_violations(page)
    _log_in(page, live_server.url)
    for path in CITIZEN_PAGES:
        page.goto(live_server.url + path.format(idea=1))
        found[("citizen", path)] = axe_violations(page)
    # A form with errors, as the citizen sees it after sending it empty.
    page.goto(live_server.url + "/ideas/new")
    page.locator("input[name=publish]").click()
    found[("citizen", "/ideas/new with errors")] = axe_violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_no_accessibility_violations_for_staff(live_server, browser, locale):
    """Moderators, officials and admins, in their account's language."""
    # Ideas of the demo: #13 is new, #6 is handed over to Roads and Parks (unanswered).
    ids = {"new_idea": 13, "handed": 6}
    found = {}
    for email, paths in STAFF_PAGES.items():
        context = browser.new_context()
        page = context.new_page()
        _log_in(page, live_server.url, email)
        page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
        assert page.locator("html").get_attribute("lang") == locale
        for path in paths:
            response = page.goto(live_server.url + path.format(**ids))
            assert response.status < 400, (email, path, response.status)
            found[(email, path)] = axe_violations(page)
        context.close()
    assert {k: v for k, v in found.items() if v} == {}
