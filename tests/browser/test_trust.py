"""Trust and reuse in a real browser, in each language: a citizen is shown
a similar idea while typing and supports it instead; a moderator corrects
a title and the history shows the difference and the reason; a visitor
downloads the open data and reads it; the printed report names
fingerprints; an official thanks in public on an implemented idea."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import func, select

from portal.ideas.models import Idea
from portal.municipality.models import Meeting
from portal.supports.models import Support
from tests.browser.test_staff import _log_in, _scalar

pytestmark = pytest.mark.browser

# A citizen, and a title that brings up ideas they do not support yet.
TYPED = {
    "da": ("mette.kjaer@example.org", "Gratis p-pladser i bymidten"),
    "nb": ("lars.oestergaard@example.org", "Hundeskov til hunder"),
    "nl": ("camilla.bach@example.org", "Sommer bio op Torvet"),
}
CORRECTED = {"da": "Reparationscafé på biblioteket hver måned", "nb": "Delebiler i Solbjerg",
             "nl": "Vinterbadebro ved søen"}  # fmt: skip


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_citizen_supports_a_similar_idea_instead(live_server, browser, screenshot, locale):
    base = live_server.url
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    email, typed = TYPED[locale]
    _log_in(page, base, email, locale)
    page.goto(base + "/ideas/new")
    page.locator("input[name=title]").press_sequentially(typed, delay=40)
    # The first suggestion this citizen may support (not their own idea).
    first = page.locator("#similar-ideas li:has(button)").first
    first.wait_for(timeout=5000)
    assert page.locator("#similar-heading").inner_text()
    screenshot(page, f"similar-{locale}")
    title = first.locator("a").first.inner_text()
    idea_id = _scalar(live_server, select(Idea.id).where(Idea.title == title))
    before = _scalar(
        live_server, select(func.count()).select_from(Support).where(Support.idea_id == idea_id)
    )
    first.locator("button").click()
    page.wait_for_url(f"**/ideas/{idea_id}**")
    after = _scalar(
        live_server, select(func.count()).select_from(Support).where(Support.idea_id == idea_id)
    )
    assert after == before + 1


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_moderator_corrects_a_title_and_the_history_shows_why(live_server, browser, locale):
    base = live_server.url
    page = browser.new_context().new_page()
    _log_in(page, base, "moderator@example.org", locale)
    idea_id = _scalar(live_server, select(Idea.id).where(Idea.status == "new").offset(
        ["da", "nb", "nl"].index(locale)).limit(1))  # fmt: skip
    page.goto(f"{base}/moderation/ideas/{idea_id}/edit")
    page.fill("#title", CORRECTED[locale])
    page.fill("#reason", f"Typo ({locale})")
    page.locator("main form.stacked-form button[type=submit]").last.click()
    page.goto(f"{base}/ideas/{idea_id}")
    page.locator(f"a[href='/ideas/{idea_id}/history']").click()
    history = page.locator("main")
    assert history.locator("ins").count() >= 1
    assert f"Typo ({locale})" in history.inner_text()
    assert len(page.locator("code.fingerprint").first.inner_text()) == 64
    assert page.locator("html").get_attribute("lang") == locale


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_a_visitor_downloads_the_open_data(live_server, browser, locale):
    base = live_server.url
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(f"{base}/open-data/?lang={locale}")
    assert page.locator("html").get_attribute("lang") == locale
    with page.expect_download() as waiting:
        page.locator("a[href='/open-data/ideas.csv']").click()
    download = waiting.value
    text = download.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), strict=True))
    shown = _scalar(live_server, select(func.count()).select_from(Idea).where(Idea.visible))
    assert len(rows) == shown
    assert {"id", "title", "status", "link"} <= set(rows[0])


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_the_printed_report_names_fingerprints(live_server, browser, locale):
    base = live_server.url
    page = browser.new_context().new_page()
    meeting_id = _scalar(
        live_server, select(Meeting.id).where(Meeting.published_at.is_not(None)).limit(1)
    )
    page.goto(f"{base}/meetings/{meeting_id}/report?lang={locale}")
    assert page.locator("html").get_attribute("lang") == locale
    assert page.locator(".version-print").count() >= 1
    fingerprint = page.locator(".version-print").first.inner_text().split()[-1].rstrip(".")
    assert len(fingerprint) == 64


THANKS = {
    "da": ("Bænken blev sat op den 3. maj. Tak, Karen!", "Tak fra kommunen"),
    "nb": ("Benken ble satt opp 3. mai. Takk, Karen!", "Takk fra kommunen"),
    "nl": ("Het bankje staat er sinds 3 mei. Dank u wel, Karen!", "Bedankt namens de gemeente"),
}


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_an_official_thanks_in_public_on_an_implemented_idea(live_server, browser, locale):
    base = live_server.url
    idea_id = _scalar(live_server, select(Idea.id).where(Idea.status == "implemented").limit(1))
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _log_in(page, base, "official@example.org", locale)
    page.goto(f"{base}/ideas/{idea_id}")
    page.locator(f"a[href='/ideas/{idea_id}/thanks']").click()
    text, heading = THANKS[locale]
    page.fill("#text", text)
    page.locator("main form.stacked-form button[type=submit]").first.click()
    page.wait_for_url(f"**/ideas/{idea_id}#thanks")
    visitor = browser.new_context(extra_http_headers={"Accept-Language": locale}).new_page()
    visitor.goto(f"{base}/ideas/{idea_id}")
    assert visitor.locator("html").get_attribute("lang") == locale
    note = visitor.locator("#thanks")
    assert note.locator("h2").inner_text() == heading
    assert text in note.inner_text()
