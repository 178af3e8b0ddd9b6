"""A moderator hands an idea over, an official answers it, puts it on a
meeting's agenda and records the decision — in a real browser, in each language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Idea
from portal.moderation import services as moderation
from portal.moderation.models import FlagReason
from portal.municipality.models import Department, Meeting
from portal.timeutil import utcnow
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

LANGUAGE_BUTTONS = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands"}
# A new demo idea for each run, and the status labels the pages must show.
IDEAS = {"da": "Bogbyttekasser", "nb": "Gratis digital hjelp", "nl": "Genbrugshjørne"}
LABELS = {
    "da": ("Sendt videre til kommunen", "På dagsordenen", "Vedtaget"),
    "nb": ("Oversendt til kommunen", "Satt på sakslisten", "Vedtatt"),
    "nl": ("Doorgestuurd naar de gemeente", "Geagendeerd", "Aangenomen"),
}


def _query(live_server, stmt):  # type: ignore[no-untyped-def]
    with live_server.app.app_context():
        value = db.session.scalar(stmt)
        db.session.remove()
    return value


def _log_in_as(page, base: str, email: str, locale: str) -> None:
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
    assert page.locator("html").get_attribute("lang") == locale


def _submit(page) -> None:
    page.locator("main form.stacked-form button[type=submit]").last.click()


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_hand_over_answer_agenda_and_decision(live_server, browser, screenshot, locale):
    base = live_server.url
    handed, on_agenda, accepted = LABELS[locale]
    idea_id = _query(live_server, select(Idea.id).where(Idea.title.startswith(IDEAS[locale])))
    roads = _query(live_server, select(Department.id).where(Department.slug == "roads-parks"))
    context = browser.new_context()
    page = context.new_page()

    # A citizen reported the idea; the moderator finds the report unfounded …
    with live_server.app.app_context():
        reporter = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        moderation.flag(reporter, db.session.get(Idea, idea_id), FlagReason.OTHER, "Dublet?")
        db.session.commit()
        db.session.remove()
    _log_in_as(page, base, "moderator@example.org", locale)
    page.goto(base + "/moderation/")
    page.locator(f"button[formaction^='/moderation/ideas/{idea_id}/dismiss']").click()
    assert page.locator(f"button[formaction^='/moderation/ideas/{idea_id}/dismiss']").count() == 0

    # … and hands the idea over to Roads and Parks with a memo.
    page.goto(f"{base}/ideas/{idea_id}")
    page.locator(f"a[href='/moderation/ideas/{idea_id}/hand-over']").click()
    page.select_option("#department", str(roads))
    page.fill("#memo", "Mange borgere ønsker dette. **Billigt** og hurtigt.")
    _submit(page)
    assert handed in page.locator(".idea header").inner_text()
    assert page.locator(".municipality-answer .deadline").is_visible()
    page.locator("form[action='/account/logout'] button").click()

    # The official of Roads and Parks lands on the inbox and answers.
    _log_in_as(page, base, "official@example.org", locale)
    page.goto(base + "/")
    page.goto(base + "/municipality/inbox")
    screenshot(page, f"inbox-{locale}-desktop")
    page.locator(f"a[href='/ideas/{idea_id}/answer']").click()
    assert "Billigt" in page.locator(".memo").inner_text()
    page.fill("#answer", "Vi sætter det på **udvalgets** næste møde.")
    page.locator("#status-0").check()
    _submit(page)
    assert page.locator("#answer strong").first.inner_text() == "udvalgets"
    screenshot(page, f"idea-answered-{locale}-desktop")

    # The official creates a meeting, puts the idea on its agenda and publishes it.
    page.goto(base + "/meetings/new")
    tomorrow = (utcnow() + timedelta(days=1)).date().isoformat()
    page.fill("#body", f"Teknik- og Miljøudvalget ({locale})")
    page.fill("#date", tomorrow)
    page.fill("#time", "19:00")
    page.fill("#place", "Rådhuset")
    _submit(page)
    page.select_option("#idea", str(idea_id))
    page.locator("form[action$='/agenda'] button[type=submit]").click()
    assert handed in page.locator(".agenda").inner_text()  # a draft: nothing public yet
    page.locator(".notice form button[type=submit]").click()  # publish
    assert on_agenda in page.locator(".agenda").inner_text()
    meeting_url = page.url.split("#")[0]
    screenshot(page, f"meeting-{locale}-desktop")

    # The meeting takes place; the official records the decision.
    meeting_id = int(meeting_url.rstrip("/").rsplit("/", 1)[1])
    with live_server.app.app_context():
        db.session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id)
            .values(starts_at=utcnow() - timedelta(hours=2))
        )
        db.session.commit()
        db.session.remove()
    page.goto(meeting_url)
    page.locator(f"a[href$='/agenda/{idea_id}/decision']").click()
    assert axe_violations(page) == []
    page.locator("#decision-0").check()
    page.fill("#text", "Udvalget vedtager forslaget.")
    _submit(page)
    assert accepted in page.locator(".agenda").inner_text()

    # The minutes: the decision's wording corrected, then the minutes approved.
    page.locator(f"a[href='/meetings/{meeting_id}/minutes']").click()
    assert axe_violations(page) == []
    page.fill(f"#text_{idea_id}", "Udvalget vedtager forslaget enstemmigt.")
    page.locator("form.minutes-form button[type=submit]").click()
    assert (
        page.locator(f"#text_{idea_id}").input_value() == "Udvalget vedtager forslaget enstemmigt."
    )
    screenshot(page, f"minutes-{locale}-desktop")
    page.locator(f"form[action='/meetings/{meeting_id}/minutes/approve'] button").click()
    assert "enstemmigt" in page.locator(".agenda").inner_text()
    assert page.locator(f"a[href$='/agenda/{idea_id}/decision']").count() == 0
    page.goto(f"{base}/ideas/{idea_id}")
    assert accepted in page.locator(".idea header").inner_text()
    assert "Udvalget vedtager forslaget." in page.locator(".history").inner_text()
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, f"idea-decided-{locale}-phone")

    # The official opens the meeting's report, to print and as PDF.
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(meeting_url)
    page.locator(f"a[href='/meetings/{meeting_id}/report']").click()
    assert page.locator("html").get_attribute("lang") == locale
    assert IDEAS[locale] in page.locator(f"#idea-{idea_id}").inner_text()
    screenshot(page, f"meeting-report-{locale}-desktop")
    pdf = page.request.get(f"{base}/meetings/{meeting_id}/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    context.close()
