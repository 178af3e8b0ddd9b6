"""An admin's and a moderator's work in a real browser, in each language."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from portal import settings
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.ideas.models import Idea
from portal.ideas.premoderation import PreModeration
from portal.municipality.models import Department

pytestmark = pytest.mark.browser

LANGUAGE_BUTTONS = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands"}
CITIZENS = {"da": "Mette Kjær", "nb": "Henrik Vestergaard", "nl": "Camilla Bach"}


def _scalar(live_server, stmt):  # type: ignore[no-untyped-def]
    with live_server.app.app_context():
        value = db.session.scalar(stmt)
        db.session.remove()
    return value


def _log_in(page, base: str, email: str, locale: str) -> None:
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
    assert page.locator("html").get_attribute("lang") == locale


def _submit(page) -> None:
    page.locator("main form.stacked-form button[type=submit]").last.click()


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_admin_manages_roles_departments_categories_and_settings(
    live_server, browser, screenshot, locale
):
    base = live_server.url
    page = browser.new_context().new_page()
    _log_in(page, base, "admin@example.org", locale)

    # A new department, named in every language.
    page.locator("nav.main-nav a[href='/admin/users']").click()
    page.locator("a[href='/admin/departments/']").click()
    page.fill("#slug", f"digital-{locale}")
    for field, name in (("da", "Digitalisering"), ("nb", "Digitalisering"),
                        ("nl", "Digitalisering"), ("en", "Digitalisation")):  # fmt: skip
        page.fill(f"#name_{field}", f"{name} ({locale})")
    _submit(page)
    assert f"digital-{locale}" in page.locator("table").inner_text()
    department = _scalar(
        live_server, select(Department.id).where(Department.slug == f"digital-{locale}")
    )

    # A citizen becomes an official of it.
    page.locator("a[href='/admin/users']").first.click()
    page.fill("#users-q", CITIZENS[locale])
    page.locator("form.filters button[type=submit]").click()
    page.get_by_role("link", name=CITIZENS[locale]).click()
    page.locator("#role-2").check()  # official
    page.select_option("#department", str(department))
    _submit(page)
    user = _scalar(live_server, select(User).where(User.display_name == CITIZENS[locale]))
    assert (user.role, user.department_id) == (Role.OFFICIAL, department)
    screenshot(page, f"admin-user-{locale}-desktop")

    # A category is renamed.
    page.locator("a[href='/admin/categories/']").click()
    page.locator("table a").first.click()
    page.fill("#name_nl", f"Wegen ({locale})")
    _submit(page)
    assert f"Wegen ({locale})" in page.locator("table").inner_text()

    # The answer deadline changes; a bad number is explained and nothing is lost.
    page.locator("a[href='/admin/settings']").click()
    page.fill("#answer_days", "0")
    _submit(page)
    assert page.locator("#answer_days-error").is_visible()
    page.fill("#answer_days", "21")
    _submit(page)
    with live_server.app.test_request_context():
        assert settings.get("answer_days") == 21
        db.session.remove()
    page.context.close()


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_moderator_approves_edits_merges_hides_and_blocks(live_server, browser, screenshot, locale):
    base = live_server.url
    with live_server.app.test_request_context():
        settings.save({"pre_moderation": PreModeration.ALL})
        db.session.commit()
        db.session.remove()
    citizen = browser.new_context().new_page()
    _log_in(citizen, base, "citizen@example.org", locale)
    citizen.goto(base + "/ideas/new")
    citizen.fill("#title", f"Legeplads i Højby ({locale})")
    citizen.select_option("#category", index=1)
    citizen.fill("#body", "Børnene i Højby mangler en legeplads tæt på skolen.")
    citizen.locator("input[name=publish]").click()
    idea_id = _scalar(
        live_server, select(Idea.id).where(Idea.title == f"Legeplads i Højby ({locale})")
    )
    assert citizen.locator(".notice-info").is_visible()  # waits for approval

    page = browser.new_context().new_page()
    _log_in(page, base, "moderator@example.org", locale)
    page.goto(base + "/moderation/")
    page.locator(f"button[formaction='/moderation/ideas/{idea_id}/approve']").click()
    assert page.locator(f"button[formaction='/moderation/ideas/{idea_id}/approve']").count() == 0
    screenshot(page, f"moderation-queue-{locale}-desktop")

    # Correct a typo in the title, with a reason.
    page.goto(f"{base}/moderation/ideas/{idea_id}/edit")
    page.fill("#title", f"Legeplads i Højby by ({locale})")
    page.fill("#reason", "Stavefejl")
    _submit(page)
    assert page.locator("h1").inner_text() == f"Legeplads i Højby by ({locale})"

    # Merge it into an older idea that asks for the same.
    target = _scalar(live_server, select(Idea.id).where(Idea.title.startswith("Skolehaver")))
    page.goto(f"{base}/moderation/ideas/{idea_id}/merge")
    page.fill("#into", str(target))
    page.fill("#reason", "Samme ønske")
    _submit(page)
    assert page.locator(f".notice a[href='/ideas/{target}']").is_visible()

    # Hide a comment with a reason, then restore it.
    page.goto(f"{base}/ideas/{target}")
    page.locator("a[href*='/moderation/comments/'][href$='/hide']").first.click()
    page.fill("#reason", "Personlige oplysninger")
    _submit(page)
    assert "Personlige oplysninger" in page.locator(".hidden-note").first.inner_text()
    page.locator("a[href*='/moderation/comments/'][href$='/restore']").first.click()
    page.fill("#reason", "Rettet af forfatteren")
    _submit(page)

    # Block the author for a week; they can read but see why they cannot take part.
    author = _scalar(live_server, select(User.id).where(User.email == "citizen@example.org"))
    page.goto(f"{base}/moderation/users/{author}/block")
    page.select_option("#period", "7")
    page.fill("#reason", "Gentagne personangreb")
    _submit(page)
    citizen.goto(f"{base}/ideas/{target}")
    assert "Gentagne personangreb" in citizen.locator("body").inner_text()
    assert citizen.locator("#comment-body-new").count() == 0
    page.goto(f"{base}/moderation/users/{author}/unblock")
    page.fill("#reason", "Aftalt med borgeren")
    _submit(page)
    page.goto(base + "/moderation/log")
    log = page.locator("table").inner_text()
    assert "Gentagne personangreb" in log
    assert "Samme ønske" in log
    page.context.close()
    citizen.context.close()
    with live_server.app.test_request_context():
        settings.save({"pre_moderation": PreModeration.OFF})
        db.session.commit()
        db.session.remove()


def test_the_administrations_tabs_fold_on_a_phone(live_server, browser):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _log_in(page, live_server.url, "admin@example.org", "nl")
    page.goto(live_server.url + "/admin/reasons/")
    summary = page.locator("details.staff-menu > summary")
    assert summary.inner_text() == "Beheer: Standaardredenen"
    tabs = page.locator("details.staff-menu nav.tabs")
    assert not tabs.is_visible()
    summary.click()
    assert tabs.is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(summary).to_be_hidden()  # a wide screen shows the tabs themselves
    assert tabs.is_visible()
    page.context.close()
