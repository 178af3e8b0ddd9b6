"""axe-core (bundled with axe-playwright-python) finds no WCAG 2.0/2.1 A or
AA violations on each page type, for a visitor and a citizen, in every
language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
VISITOR_PAGES = [
    "/",
    "/ideas/",
    "/ideas/?sort=top&category=roads",
    "/ideas/search?q=cykel",
    "/ideas/{idea}",
    "/account/login",
    "/account/register",
    "/account/reset",
    "/no-such-page",
]
CITIZEN_PAGES = ["/ideas/new", "/ideas/{idea}", "/account/profile"]


def _violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=WCAG)
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def _log_in(page, base: str) -> None:
    page.goto(base + "/account/login")
    page.fill("#email", "citizen@example.org")
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()


@pytest.mark.parametrize("locale", ["da", "nb", "nl", "en"])
def test_no_accessibility_violations(live_server, browser, locale):
    context = browser.new_context(extra_http_headers={"Accept-Language": locale})
    page = context.new_page()
    found = {}
    for path in VISITOR_PAGES:
        page.goto(live_server.url + path.format(idea=1))
        found[("visitor", path)] = _violations(page)
    _log_in(page, live_server.url)
    for path in CITIZEN_PAGES:
        page.goto(live_server.url + path.format(idea=1))
        found[("citizen", path)] = _violations(page)
    # A form with errors, as the citizen sees it after sending it empty.
    page.goto(live_server.url + "/ideas/new")
    page.locator("input[name=publish]").click()
    found[("citizen", "/ideas/new with errors")] = _violations(page)
    context.close()
    assert {k: v for k, v in found.items() if v} == {}
