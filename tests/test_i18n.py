from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask_babel import force_locale, format_date

from portal.accounts.models import User
from portal.extensions import db
from portal.i18n import normalise
from tests.factories import make_idea, make_user

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"
LOCALES = ("da", "nb", "nl")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalogue(locale: str):
    with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=locale)


def _template_ids() -> set:
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_not_fuzzy(locale):
    catalogue = _catalogue(locale)
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        if not all(strings):
            problems.append(("untranslated", message.id))
    assert problems == []
    assert _template_ids() <= {m.id for m in catalogue if m.id}, "run make update-translations"


@pytest.mark.parametrize("locale", LOCALES)
def test_placeholders_match(locale):
    mismatches = []
    for message in _catalogue(locale):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[0])) | set(PLACEHOLDER.findall(ids[-1]))
        for index, text in enumerate(strings):
            # A singular form may spell the number out ("one comment").
            optional = {"num"} if len(strings) > 1 and index == 0 else set()
            if not expected - optional <= set(PLACEHOLDER.findall(text)) <= expected:
                mismatches.append((message.id, text))
    assert mismatches == []


def test_template_is_up_to_date_with_the_code():
    """Every string marked in the code is in messages.pot (make extract)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fresh.pot"
        root = TRANSLATIONS.parent
        subprocess.run(  # noqa: S603
            [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
             "-k", "_l", "-k", "lazy_gettext", "-k", "count:1,2", "--ignore-dirs=.* __pycache__",
             "-o", str(out),
             "."],
            cwd=root, check=True, capture_output=True,
        )  # fmt: skip
        with open(out, "rb") as handle:
            fresh = {m.id for m in read_po(handle) if m.id}
    assert fresh - _template_ids() == set(), "run make update-translations"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("da-DK,da;q=0.9,en;q=0.5", "da"),
        ("nb-NO,nb;q=0.9", "nb"),
        ("no", "nb"),
        ("nn-NO", "nb"),
        ("nl-BE,nl;q=0.8", "nl"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "en"),  # the deployment default of the test configuration
    ],
)
def test_accept_language(client, header, expected):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert f'<html lang="{expected}">' in page


def test_cookie_beats_browser_and_account_beats_cookie(client, auth):
    response = client.post("/language", data={"lang": "nl", "next": "/ideas/"})
    assert response.headers["Location"] == "/ideas/"
    page = client.get("/", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert '<html lang="nl">' in page
    assert "Alle ideeën" in page

    user = auth.as_role(locale="da")
    assert '<html lang="da">' in client.get("/").get_data(as_text=True)
    client.post("/language", data={"lang": "nb"})
    assert db.session.get(User, user.id).locale == "nb"


def test_a_visitor_switches_language_with_a_link_that_keeps_the_page(client):
    """No form, no token: the footer's languages are links to the same page
    (its query kept), and the choice holds for the next pages."""
    page = client.get("/ideas/?sort=top&lang=da").get_data(as_text=True)
    assert 'href="/ideas/?sort=top&amp;lang=nb"' in page
    assert 'name="csrf_token"' not in page
    chosen = client.get("/ideas/?sort=top&lang=nb")
    assert '<html lang="nb">' in chosen.get_data(as_text=True)
    assert chosen.headers["Cache-Control"] == "private, no-store"  # it sets the cookie
    following = client.get("/", headers={"Accept-Language": "nl"})
    assert '<html lang="nb">' in following.get_data(as_text=True)
    assert "Set-Cookie" not in following.headers


def test_unknown_language_is_ignored(client):
    client.post("/language", data={"lang": "xx"})
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("da", "3. marts 2026"),
        ("nb", "3. mars 2026"),
        ("nl", "3 maart 2026"),
        ("en", "March 3, 2026"),
    ],
)
def test_dates_follow_the_locale(locale, text):
    with force_locale(locale):
        assert format_date(datetime(2026, 3, 3, 12), "long") == text


@pytest.mark.parametrize(
    ("locale", "ahead", "behind", "hours"),
    [
        ("da", "om 4 dage", "for 2 dage siden", "om 5 timer"),
        ("nb", "om 4 dager", "for 2 dager siden", "om 5 timer"),  # CLDR says "døgn"
        ("nl", "over 4 dagen", "2 dagen geleden", "over 5 uur"),
        ("en", "in 4 days", "2 days ago", "in 5 hours"),
    ],
)
def test_time_from_now_reads_naturally(app, locale, ahead, behind, hours):
    from portal.templating import _from_now
    from portal.timeutil import utcnow

    now = utcnow()
    with app.test_request_context(), force_locale(locale):
        assert _from_now(now + timedelta(days=4, minutes=1)) == ahead
        assert _from_now(now - timedelta(days=2, minutes=1)) == behind
        assert _from_now(now + timedelta(hours=5, minutes=1)) == hours
        assert "24" in _from_now(now + timedelta(days=1, minutes=1))  # "in 24 hours"


@pytest.mark.parametrize(
    ("locale", "words"),
    [
        ("da", ["Log ind", "Alle idéer"]),
        ("nb", ["Logg inn", "Alle ideer"]),
        ("nl", ["Inloggen", "Alle ideeën"]),
    ],
)
def test_pages_are_translated(client, locale, words):
    make_idea(make_user())
    page = client.get("/ideas/", headers={"Accept-Language": locale}).get_data(as_text=True)
    for word in words:
        assert word in page


def test_normalise():
    assert [normalise(t) for t in ("nb-NO", "no", "nn", "da_DK", "NL", "sv", "", None)] == [
        "nb", "nb", "nb", "da", "nl", None, None, None,
    ]  # fmt: skip
