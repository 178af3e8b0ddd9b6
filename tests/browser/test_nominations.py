"""Pyramiding in a real browser, in each language: a citizen nominates an
expert; the expert opens the invitation the local SMTP server received,
takes part and nominates someone who knows more; the owner reads the
pyramid and its picture and invites the top nominee to the jury, whose
invitation leaves through the outbox. axe checks every page on the way;
screenshots at phone and desktop width."""

from __future__ import annotations

import re

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from portal.accounts.models import Role, User
from portal.challenges.models import Challenge
from portal.demo.challenges import CHALLENGES
from tests.browser.conftest import axe_violations
from tests.browser.test_challenges import _log_in_as
from tests.mail_server import Handler, free_port

pytestmark = pytest.mark.browser

# "Thank you: your nomination is saved." and the nominee's welcome, per language.
SAVED = {
    "da": "indstilling er gemt",
    "nb": "Nominasjonen din er lagret",
    "nl": "voordracht is opgeslagen",
}


@pytest.fixture(scope="module")
def smtp(live_server):  # type: ignore[no-untyped-def]
    handler, port = Handler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    live_server.app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_SECURITY="none")
    yield handler
    controller.stop()


def _deliver(live_server, handler, to: str):  # type: ignore[no-untyped-def]
    """Send the outbox to the local SMTP server; the last mail ``to`` got."""
    from portal.extensions import db
    from portal.mail_sending import send_pending

    with live_server.app.app_context():
        send_pending()
        db.session.remove()
    mails = [r.message for r in handler.received if to in r.recipients]
    assert mails, f"no mail to {to}"
    return mails[-1]


def _text(message) -> str:  # type: ignore[no-untyped-def]
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.parametrize("locale", ["da", "nb", "nl"])
def test_from_a_nomination_to_the_jury(live_server, browser, smtp, screenshot, locale):
    base = live_server.url
    with live_server.app.app_context():
        from portal.accounts.services import hash_password
        from portal.extensions import db
        from portal.timeutil import utcnow

        challenge_id = db.session.scalar(
            select(Challenge.id).where(Challenge.title == CHALLENGES[0]["title"])
        )
        expert = f"expert-{locale}@example.org"
        db.session.add(User(email=expert, display_name=f"Expert {locale}", role=Role.CITIZEN,
                            password_hash=hash_password("demo-password"), locale=locale,
                            email_verified_at=utcnow()))  # fmt: skip
        db.session.commit()
        db.session.remove()
    found: dict[str, list[str]] = {}

    # A citizen nominates an expert (a mistake first: the text stays).
    citizen = _log_in_as(browser.new_context(), base, "citizen@example.org", locale)
    citizen.goto(f"{base}/challenges/{challenge_id}/nominate")
    citizen.fill("#knowledge", "She has measured the water in the streets for years.")
    citizen.locator("main form button[type=submit]").click()
    assert citizen.locator(".notice-error[role=alert]").count() == 1
    assert "measured the water" in citizen.locator("#knowledge").input_value()
    citizen.fill("#name", f"Expert {locale}")
    citizen.fill("#email", expert)
    citizen.check("#named")
    citizen.locator("main form button[type=submit]").click()
    assert SAVED[locale] in citizen.locator("main").inner_text()
    found["nominate"] = axe_violations(citizen)
    assert expert not in citizen.content()  # never shown back

    # The expert opens the invitation, in the nominator's language.
    mail = _deliver(live_server, smtp, expert)
    assert mail["Content-Language"] == locale
    assert "List-Unsubscribe" in mail
    link = re.search(r"https?://\S+/nominated/[\w-]+", _text(mail)).group(0)
    nominee = browser.new_context().new_page()
    nominee.goto(link)
    found["invitation"] = axe_violations(nominee)
    nominee.locator("main a.button").first.click()  # log in, then back to the invitation
    nominee.fill("#email", expert)
    nominee.fill("#password", "demo-password")
    nominee.locator("form.stacked-form button[type=submit]").click()
    assert "/nominated/" in nominee.url
    nominee.locator("main form.stacked-form button[type=submit]").click()
    assert f"/challenges/{challenge_id}" in nominee.url
    # ... and nominates in turn: the next round.
    nominee.goto(f"{base}/challenges/{challenge_id}/nominate")
    nominee.fill("#name", f"Professor {locale}")
    nominee.fill("#email", f"professor-{locale}@example.org")
    nominee.fill("#knowledge", "Wrote the book on cloudbursts.")
    nominee.locator("main form button[type=submit]").click()
    assert SAVED[locale] in nominee.locator("main").inner_text()

    # The owner reads the pyramid and invites the top nominee to the jury.
    owner = _log_in_as(browser.new_context(), base, "official@example.org", locale)
    for width in (390, 1280):
        owner.set_viewport_size({"width": width, "height": 900})
        owner.goto(f"{base}/challenges/{challenge_id}/pyramid")
        screenshot(owner, f"pyramid-{locale}-{width}")
    assert owner.locator("svg[role=img] circle").count() > 25
    assert f"Expert {locale}" in owner.locator("#nominees").inner_text()
    assert expert not in owner.content()
    found["pyramid"] = axe_violations(owner)
    # The best-ranked nominee not yet asked (an earlier language asked the first).
    top = owner.locator("#nominees tbody tr:has(button[value=jury])").first
    name = top.locator("th").inner_text().split("\n")[0]
    top.locator("button[value=jury]").click()
    assert owner.locator(".notice-success").count() == 1
    assert name in owner.locator(".notice-success").inner_text()
    with live_server.app.app_context():
        from portal.challenges.models import JuryMember

        address = db.session.scalar(
            select(JuryMember.email).where(
                JuryMember.challenge_id == challenge_id, JuryMember.name == name
            )
        )
        db.session.remove()
    invitation = _deliver(live_server, smtp, address)
    assert "/jury/" in _text(invitation)
    owner.goto(f"{base}/challenges/{challenge_id}/pyramid/report")
    found["pyramid report"] = axe_violations(owner)
    screenshot(owner, f"pyramid-report-{locale}")
    assert {page: v for page, v in found.items() if v} == {}
