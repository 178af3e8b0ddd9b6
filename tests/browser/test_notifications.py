"""Following, notification settings and unsubscribing in a real browser, in each language."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.accounts.models import User
from portal.extensions import db
from portal.ideas.models import Idea
from portal.notifications import services
from portal.notifications import unsubscribe as links
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

LANGUAGE_BUTTONS = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands"}
IDEAS = {"da": "Reparationscafé", "nb": "Udendørs sommerbio", "nl": "Bogbyttekasser"}
CATEGORIES = {"da": "culture", "nb": "nature", "nl": "sport"}


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_follow_choose_settings_and_unsubscribe(live_server, browser, screenshot, locale):
    base = live_server.url
    page = browser.new_context().new_page()
    page.goto(base + "/account/login")
    page.fill("#email", "citizen@example.org")
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()

    with live_server.app.app_context():
        idea_id = db.session.scalar(select(Idea.id).where(Idea.title.startswith(IDEAS[locale])))
        user = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        token = links.unsubscribe_token(user)
        db.session.remove()

    page.goto(f"{base}/ideas/{idea_id}")
    page.locator(f"form[action='/ideas/{idea_id}/follow'] button").click()
    assert page.locator(f"form[action='/ideas/{idea_id}/unfollow'] button").is_visible()

    slug = CATEGORIES[locale]
    page.goto(f"{base}/ideas/?category={slug}")
    page.locator(f"form[action='/categories/{slug}/follow'] button").click()
    assert page.locator(f"form[action='/categories/{slug}/unfollow'] button").is_visible()

    page.goto(base + "/account/profile")
    page.locator("a[href='/account/notifications']").click()
    page.locator("#idea_delivery-1").check()  # a daily digest
    page.locator("#all_ideas_delivery-2").check()  # a weekly digest
    page.select_option("#email_locale", locale)
    page.locator("main form.stacked-form button[type=submit]").click()
    assert page.locator("#idea_delivery-1").is_checked()
    assert page.locator("#email_locale").input_value() == locale
    assert axe_violations(page) == []
    screenshot(page, f"notification-settings-{locale}-desktop")

    page.goto(f"{base}/unsubscribe/{token}")
    assert page.locator("html").get_attribute("lang") == locale
    page.locator("main form button[type=submit]").click()
    done = page.locator("main").inner_text()
    assert "c…@example.org" in done  # whoever holds the link sees a masked address
    assert "citizen@example.org" not in done
    with live_server.app.app_context():
        user = db.session.scalar(select(User).where(User.email == "citizen@example.org"))
        assert services.settings_of(user).no_email is True
        db.session.remove()

    # Back on: the switch on the settings page.
    page.goto(base + "/account/notifications")
    assert page.locator("#no_email").is_checked()
    page.locator("#no_email").uncheck()
    page.locator("main form.stacked-form button[type=submit]").click()
    assert not page.locator("#no_email").is_checked()
    page.context.close()
