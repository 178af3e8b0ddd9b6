"""An open call from start to end in a real browser, in each language: the
owner writes and opens a challenge and appoints a jury member, a citizen
answers it, the owner ends answering, the jury member scores, the owner
publishes the results and the citizen reads their outcome. axe checks every
new page on the way; screenshots at phone and desktop width."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.challenges.models import Challenge
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser

LANGUAGE_BUTTONS = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands"}
# What the pages must say, in each language: the award and the phase.
WORDS = {
    "da": ("1. plads", "Resultat offentliggjort"),
    "nb": ("1. plass", "Resultat publisert"),
    "nl": ("1e plaats", "Uitslag gepubliceerd"),
}


def _log_in_as(context, base: str, email: str, locale: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    page.goto(base + "/account/login")
    page.fill("#email", email)
    page.fill("#password", "demo-password")
    page.locator("form.stacked-form button[type=submit]").click()
    page.get_by_role("button", name=LANGUAGE_BUTTONS[locale]).click()
    assert page.locator("html").get_attribute("lang") == locale
    return page


def _challenge_id(live_server, title: str) -> int:
    with live_server.app.app_context():
        from portal.extensions import db

        found = db.session.scalar(select(Challenge.id).where(Challenge.title == title))
        db.session.remove()
    return found


def _check(page, found: dict, name: str) -> None:
    found[name] = axe_violations(page)


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_an_open_call_from_brief_to_outcome(live_server, browser, screenshot, locale):
    base = live_server.url
    title = f"Journey {locale}: how do we light the harbour path?"
    found: dict[str, list[str]] = {}

    # The owner writes the challenge, opens it and appoints a jury member.
    owner = _log_in_as(browser.new_context(), base, "official@example.org", locale)
    owner.goto(base + "/challenges/new")
    owner.locator("main form button[type=submit]").first.click()  # empty: every error at once
    assert owner.locator(".notice-error[role=alert]").count() == 1
    _check(owner, found, "new challenge with errors")
    owner.fill("#title", title)
    owner.fill("#summary", "The path along the harbour is dark in winter.")
    owner.fill("#brief", "## Background\n\nThe lamps are old.")
    owner.fill("#reward", "The best idea is built next year.")
    owner.select_option("#terms", index=1)
    for row, (name, weight) in enumerate([("Safety", "60"), ("Cost", "40")]):
        owner.fill(f"#criteria-{row}-name", name)
        owner.fill(f"#criteria-{row}-weight", weight)
    owner.locator("main form button[type=submit]").first.click()
    challenge_id = _challenge_id(live_server, title)
    assert challenge_id, "the challenge was saved"
    owner.locator(f"form[action='/challenges/{challenge_id}/open'] button").click()
    _check(owner, found, "challenge page for the owner")
    owner.goto(f"{base}/challenges/{challenge_id}/jury")
    owner.fill("#appoint-email", "moderator@example.org")
    owner.locator("#appoint-submit").click()
    assert "Morten Moderator" in owner.locator("table tbody").inner_text()
    _check(owner, found, "jury page")

    # A citizen reads the brief and answers.
    citizen = _log_in_as(browser.new_context(), base, "citizen@example.org", locale)
    citizen.goto(f"{base}/challenges/{challenge_id}")
    _check(citizen, found, "challenge page for a citizen")
    citizen.locator(f"a[href='/challenges/{challenge_id}/answer']").first.click()
    citizen.fill("#title", f"Solar lamps along the path ({locale})")
    citizen.select_option("#category", index=1)
    citizen.fill("#body", "Solar lamps need no cables and light the path all night long.")
    citizen.locator("input[name=publish]").click()  # without the terms: refused, text kept
    assert citizen.locator("#title").input_value() == f"Solar lamps along the path ({locale})"
    _check(citizen, found, "answer form with errors")
    citizen.check("#accept_terms")
    citizen.locator("input[name=publish]").click()
    assert "/ideas/" in citizen.url

    # The owner ends answering; the jury member scores.
    owner.goto(f"{base}/challenges/{challenge_id}")
    owner.locator(f"form[action='/challenges/{challenge_id}/close'] button").click()
    juror = _log_in_as(browser.new_context(), base, "moderator@example.org", locale)
    juror.goto(f"{base}/challenges/{challenge_id}/evaluate")
    _check(juror, found, "jury member's list")
    juror.locator(f"a[href^='/challenges/{challenge_id}/evaluate/']").first.click()
    for group in juror.locator("fieldset:has(input[type=radio])").all():
        group.locator("input[type=radio][value='4']").check()
    juror.fill("#note", "Cheap and sensible.")
    # The score is stored before the owner publishes (wait for the answer to the POST).
    with juror.expect_navigation():
        juror.locator("main form.score-form button[type=submit]").click()
    _check(juror, found, "score page after scoring")

    # The owner reads the ranking and publishes the results.
    owner.goto(f"{base}/challenges/{challenge_id}/ranking")
    _check(owner, found, "ranking")
    owner.goto(f"{base}/challenges/{challenge_id}/results")
    _check(owner, found, "results form")
    owner.select_option("main form select", "first")
    owner.locator("main form textarea").first.fill("Cheap, quick and safe.")
    with owner.expect_navigation():
        owner.locator("main form button[type=submit]").click()
    winner, published = WORDS[locale]
    assert published in owner.content()

    # The citizen reads the outcome and their answer's mean scores.
    citizen.goto(f"{base}/challenges/{challenge_id}")
    text = citizen.locator("#results").inner_text()
    assert winner in text
    assert "Cheap, quick and safe." in text
    _check(citizen, found, "challenge page with results")
    for width in (390, 1280):
        citizen.set_viewport_size({"width": width, "height": 900})
        screenshot(citizen, f"challenge-results-{locale}-{width}")
        scroll = citizen.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (width, scroll)
    citizen.goto(f"{base}/challenges/{challenge_id}/report")
    _check(citizen, found, "results report")
    assert {k: v for k, v in found.items() if v} == {}
