from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.accounts import services, tokens
from portal.accounts.models import User, UserSession
from portal.extensions import db
from portal.mail import OutboxMessage
from portal.timeutil import utcnow
from tests.factories import PASSWORD, login_id, make_user

NEW_PASSWORD = "a new and long password"


def _mails() -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def _link_in(message: OutboxMessage) -> str:
    url = re.search(r"http://portal\.test(/\S+)", message.body_text)
    assert url, message.body_text
    return url.group(1)


def _register(client, email="new@example.org", name="Nina Nielsen", password=NEW_PASSWORD):
    return client.post(
        "/account/register",
        data={
            "display_name": name,
            "email": email,
            "password": password,
            "password_confirm": password,
        },
    )


def test_register_verify_login_logout(client):
    response = _register(client, email="  New@Example.org ")
    assert response.status_code == 200
    assert b"new@example.org" in response.data

    user = db.session.scalar(select(User).where(User.email == "new@example.org"))
    assert user is not None
    assert not user.is_verified
    assert user.password_hash.startswith("scrypt:")
    (mail,) = _mails()
    assert mail.kind == "verify_email"
    assert mail.to_address == "new@example.org"
    assert "Nina Nielsen" in mail.body_text
    assert "<!doctype html>" in mail.body_html

    elsewhere = client.application.test_client()  # e.g. the link opened on a phone
    opened = elsewhere.get(_link_in(mail))
    assert opened.headers["Location"] == "/account/login"  # asks for the password
    db.session.expire_all()
    assert db.session.get(User, user.id).is_verified
    assert "Nina Nielsen" not in elsewhere.get("/").get_data(as_text=True)

    response = client.post(
        "/account/login", data={"email": "new@example.org", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert "Nina Nielsen" in client.get("/").get_data(as_text=True)

    assert client.get("/account/logout").status_code == 405  # logout is a POST
    assert client.post("/account/logout").status_code == 302
    assert "Nina Nielsen" not in client.get("/").get_data(as_text=True)


def test_confirming_in_the_registering_browser_logs_in(client):
    _register(client)
    (mail,) = _mails()
    opened = client.get(_link_in(mail))
    assert opened.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Nina Nielsen" in page  # logged in: the password was typed once
    assert "Thank you, your e-mail address is confirmed." in page
    with client.session_transaction() as session:
        assert "registering" not in session  # used up


def test_registering_from_a_page_comes_back_to_it_once_confirmed(client):
    client.post(
        "/account/register?next=/challenges/7/nominated/secret-token",
        data={"display_name": "Nina Nielsen", "email": "new@example.org",
              "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )  # fmt: skip
    (mail,) = _mails()
    opened = client.get(_link_in(mail))
    assert opened.headers["Location"] == "/challenges/7/nominated/secret-token"
    assert "Nina Nielsen" in client.get("/").get_data(as_text=True)
    # Only same-site paths are followed.
    other = client.application.test_client()
    other.post(
        "/account/register?next=https://evil.example/",
        data={"display_name": "Ole Olsen", "email": "ole@example.org",
              "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )  # fmt: skip
    link = _link_in([m for m in _mails() if m.to_address == "ole@example.org"][0])
    assert other.get(link).headers["Location"] == "/"


def test_registration_does_not_reveal_taken_addresses(client):
    existing = make_user(email="taken@example.org")
    first = _register(client, email="taken@example.org")
    second = _register(client, email="free@example.org")
    assert first.status_code == second.status_code == 200

    def strip(response, email):
        # The CSRF token carries a timestamp, so it differs when a second passes.
        html = response.get_data(as_text=True).replace(email, "")
        return re.sub(r'name="csrf_token" value="[^"]*"', "", html)

    assert strip(first, "taken@example.org") == strip(second, "free@example.org")
    kinds = {m.to_address: m.kind for m in _mails()}
    assert kinds == {"taken@example.org": "account_exists", "free@example.org": "verify_email"}
    assert db.session.scalar(select(User.display_name).where(User.id == existing.id)) == (
        existing.display_name
    )


def test_registration_errors_keep_what_was_typed(client):
    response = _register(client, email="not-an-address", name="Ida", password="short")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="not-an-address"' in page
    assert 'value="Ida"' in page
    assert "valid e-mail address" in page
    assert "at least 10 characters" in page
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="email-error' in page
    assert db.session.scalar(select(User.id)) is None


def test_display_name_rejects_invisible_characters_and_is_normalised(client):
    response = _register(client, name="Ad\u200bmin")
    assert "invisible or control characters" in response.get_data(as_text=True)
    _register(client, name="ｆｕｌｌｗｉｄｔｈ")
    assert db.session.scalar(select(User.display_name)) == "fullwidth"


def test_login_failure_is_the_same_for_unknown_and_wrong_password(client):
    make_user(email="known@example.org")
    unknown = client.post("/account/login", data={"email": "nobody@example.org", "password": "x"})
    wrong = client.post("/account/login", data={"email": "known@example.org", "password": "x"})
    assert unknown.status_code == wrong.status_code == 200
    message = b"The e-mail address or the password is not correct."
    assert message in unknown.data
    assert message in wrong.data


def test_login_redirects_only_to_same_site_paths(client):
    make_user(email="a@example.org")
    data = {"email": "a@example.org", "password": PASSWORD}
    evil = client.post("/account/login?next=https://evil.example/", data=data)
    assert evil.headers["Location"] == "/"
    client.post("/account/logout")
    for target in ("//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        response = client.post("/account/login", data={**data, "next": target})
        assert response.headers["Location"] == "/", target
        client.post("/account/logout")
    good = client.post("/account/login", data={**data, "next": "/ideas/?sort=top"})
    assert good.headers["Location"] == "/ideas/?sort=top"


def test_password_reset_link_is_single_use(client):
    user = make_user(email="forgot@example.org")
    unknown = client.post("/account/reset", data={"email": "nobody@example.org"})
    known = client.post("/account/reset", data={"email": "forgot@example.org"})
    assert unknown.status_code == known.status_code == 200
    (mail,) = _mails()
    link = _link_in(mail)

    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert services.authenticate("forgot@example.org", NEW_PASSWORD).id == user.id

    again = client.post(link, data={"password": "yet another password", "password_confirm": "x"})
    assert again.status_code == 302
    assert again.headers["Location"].endswith("/account/reset")
    assert services.authenticate("forgot@example.org", NEW_PASSWORD) is not None


def test_reset_token_expires(app):
    user = make_user()
    token = tokens.make_token(user, tokens.RESET)
    assert services.user_for_reset(token).id == user.id
    app.config["RESET_TOKEN_MINUTES"] = -1
    assert services.user_for_reset(token) is None
    assert services.user_for_reset(token + "x") is None
    assert tokens.read_token(token, tokens.VERIFY, 3600) is None  # wrong purpose


def test_profile_changes_name_and_language(client, auth):
    user = auth.as_role()
    response = client.post("/account/profile", data={"display_name": "Bo Bech", "locale": "nb"})
    assert response.status_code == 302
    assert "lang=nb" in response.headers["Set-Cookie"]
    saved = db.session.get(User, user.id)
    assert (saved.display_name, saved.locale) == ("Bo Bech", "nb")
    page = client.get("/account/profile").get_data(as_text=True)
    assert '<html lang="nb">' in page


def test_profile_errors_keep_input(client, auth):
    auth.as_role()
    response = client.post("/account/profile", data={"display_name": "x", "locale": "da"})
    assert response.status_code == 200
    assert 'value="x"' in response.get_data(as_text=True)


def test_password_change_ends_other_sessions(app, client, auth):
    user = auth.as_role()
    other_device = app.test_client()
    with other_device.session_transaction() as session:
        session["_user_id"] = login_id(user)
    assert other_device.get("/account/profile").status_code == 200

    wrong = client.post(
        "/account/password",
        data={
            "current_password": "wrong",
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert wrong.status_code == 400
    assert b"current password is not correct" in wrong.data

    ok = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert ok.status_code == 302
    assert client.get("/account/profile").status_code == 200  # this session goes on
    assert other_device.get("/account/profile").status_code == 302  # the other one ended


def test_logout_invalidates_a_replayed_cookie_but_not_other_devices(app, client, auth):
    user = auth.as_role()
    with client.session_transaction() as session:
        stolen = session["_user_id"]
    copy, phone = app.test_client(), app.test_client()
    with copy.session_transaction() as session:
        session["_user_id"] = stolen
    with phone.session_transaction() as session:
        session["_user_id"] = login_id(user)
    assert copy.get("/account/profile").status_code == 200
    client.post("/account/logout")
    assert copy.get("/account/profile").status_code == 302
    assert phone.get("/account/profile").status_code == 200


def test_sessions_expire_when_idle_or_old(app, client, auth):
    user = auth.as_role()
    assert client.get("/account/profile").status_code == 200
    login = db.session.scalar(select(UserSession).where(UserSession.user_id == user.id))
    login.last_seen_at = utcnow() - timedelta(minutes=app.config["SESSION_IDLE_MINUTES"] + 1)
    db.session.commit()
    assert client.get("/account/profile").status_code == 302
    assert db.session.scalar(select(UserSession.id)) is None

    remembered = app.test_client()
    with remembered.session_transaction() as session:
        session["_user_id"] = login_id(user)
    login = db.session.scalar(select(UserSession))
    login.remember = True
    login.last_seen_at = utcnow() - timedelta(days=3)
    db.session.commit()
    assert remembered.get("/account/profile").status_code == 200  # no idle limit
    login = db.session.scalar(select(UserSession))
    login.created_at = utcnow() - timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"] + 1)
    db.session.commit()
    assert remembered.get("/account/profile").status_code == 302  # but an absolute one


def test_a_fresh_session_at_login(client):
    make_user(email="fresh@example.org")
    with client.session_transaction() as session:
        session["_user_id"] = "1:planted-by-an-attacker"
    client.post("/account/login", data={"email": "fresh@example.org", "password": PASSWORD})
    with client.session_transaction() as session:
        assert session["_user_id"] != "1:planted-by-an-attacker"
    stored = db.session.scalars(select(UserSession.token_hash)).all()
    assert len(stored) == 1
    assert "planted" not in stored[0]


def test_unverified_user_can_read_but_not_post(client, auth):
    auth.as_role(verified=False)
    response = client.get("/ideas/new")
    assert response.status_code == 403
    assert b"confirm your e-mail address" in response.data
    assert client.post("/account/verify/resend").status_code == 302
    assert [m.kind for m in _mails()] == ["verify_email"]


def test_verification_link_tampered_or_old(app, client):
    user = make_user(verified=False)
    token = tokens.make_token(user, tokens.VERIFY)
    assert client.get(f"/account/verify/{token}x").headers["Location"].endswith("/account/login")
    app.config["VERIFY_TOKEN_HOURS"] = -1
    client.get(f"/account/verify/{token}")
    assert not db.session.get(User, user.id).is_verified


def test_mail_is_written_in_the_recipients_language(client):
    make_user(email="dansk@example.org", locale="da", name="Dorte")
    page = client.post(
        "/account/reset",
        data={"email": "dansk@example.org"},
        headers={"Accept-Language": "nl"},
    ).get_data(as_text=True)
    assert '<html lang="nl">' in page  # the page speaks the visitor's language...
    (mail,) = _mails()
    assert mail.locale == "da"  # ...the mail the recipient's
    assert "Hej Dorte" in mail.body_text
    assert "adgangskode" in mail.subject.lower()
    assert 'lang="da"' in mail.body_html


def test_moderators_land_on_the_moderation_queue(client):
    from portal.accounts.models import Role

    make_user(Role.MODERATOR, email="mod@example.org")
    response = client.post(
        "/account/login", data={"email": "mod@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/moderation/"
    client.post("/account/logout")
    back = client.post(
        "/account/login",
        data={"email": "mod@example.org", "password": PASSWORD, "next": "/ideas/"},
    )
    assert back.headers["Location"] == "/ideas/"


def _without_token(response, email):
    html = response.get_data(as_text=True).replace(email, "")
    return re.sub(r'name="csrf_token" value="[^"]*"', "", html)


def test_a_double_click_on_register_mails_one_confirmation(client):
    first = _register(client, email="double@example.org")
    second = _register(client, email="double@example.org")
    fresh = _register(client, email="other@example.org")
    assert first.status_code == second.status_code == 200
    assert _without_token(second, "double@example.org") == _without_token(
        fresh, "other@example.org"
    )
    assert [(m.to_address, m.kind) for m in _mails()] == [
        ("double@example.org", "verify_email"),
        ("other@example.org", "verify_email"),
    ]


def test_registering_again_later_resends_the_confirmation(client):
    _register(client, email="later@example.org")
    (mail,) = _mails()
    mail.created_at = utcnow() - services.REPEAT_MAIL_WINDOW - timedelta(seconds=1)
    db.session.commit()
    again = _register(client, email="later@example.org", name="Someone Else")
    assert again.status_code == 200
    assert [m.kind for m in _mails()] == ["verify_email", "verify_email"]
    # The account is the one first registered; the second request changed nothing.
    user = db.session.scalar(select(User).where(User.email == "later@example.org"))
    assert user.display_name == "Nina Nielsen"
    assert client.get(_link_in(_mails()[-1])).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).is_verified


def test_an_unconfirmed_account_is_not_confirmed_for_someone_else(client):
    """Someone registered another person's address with a password of their
    own. When the owner registers, they get no confirmation link (it would
    confirm the stranger's account) but the way to a password reset."""
    squatter = make_user(email="owner@example.org", verified=False, password="squatter's secret!")
    response = _register(client, email="owner@example.org", name="The Owner")
    assert response.status_code == 200
    assert [(m.to_address, m.kind) for m in _mails()] == [("owner@example.org", "account_exists")]
    db.session.expire_all()
    stored = db.session.get(User, squatter.id)
    assert not stored.is_verified
    assert services.check_password(stored, "squatter's secret!")  # nothing changed by a stranger


def test_a_registration_racing_another_for_the_same_address(client, monkeypatch):
    make_user(email="race@example.org", verified=False, password=NEW_PASSWORD)
    # The other request's account was not committed yet when this one looked.
    monkeypatch.setattr(services, "find_by_email", _none_once(services.find_by_email))
    response = _register(client, email="race@example.org")
    assert response.status_code == 200
    assert [(m.to_address, m.kind) for m in _mails()] == [("race@example.org", "verify_email")]
    assert db.session.scalar(select(func.count(User.id))) == 1


def _none_once(find):
    calls = []

    def find_by_email(email):
        calls.append(email)
        return None if len(calls) == 1 else find(email)

    return find_by_email


RESERVED = [
    "Former participant",
    "Tidligere deltager",
    "Tidligere deltaker",
    "Voormalig deelnemer",
    "voormalig-deelnemer!",
    "Moderatoren",
    "The Moderator",
    "Kommunen",
    "De Gemeente",
    "Sagsbehandleren",
    "Saksbehandler",
    "Ambtenaar",
    "Beheerder",
    "A.d.m.i.n",
    "Municipality",
    "Sølbjerg Kommune",  # the site's name with an accent
    "Solbjerg Kommunen",
    # A reserved word anywhere in the name, with or without an ending.
    "Gemeente Solbjerg",
    "Kommunen Solbjerg",
    "Solbjerg Kommune – Teknik",
    "Moderator Jens",
    "Jens (moderator)",
    "Byrådet",
    "Moderatie",
    "Moderering",
    "Kommunestyret",
    "Gemeenteraad Solbjerg",
    "Kommunens Venner",
    "Bente Kommunes",
    "Moderator1",
    "Ambtenaren",
    "Borgmester Hansen",
    "Jens, tidligere deltager",  # contains the placeholder of deleted accounts
    "SolbjergKommuneFan",  # contains the site's name
]


@pytest.mark.parametrize("name", RESERVED)
def test_reserved_display_names_are_refused_in_every_language(client, name):
    response = _register(client, name=name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This name is reserved. Please choose another." in page
    assert f'value="{name}"' in page  # what was typed is kept
    assert db.session.scalar(select(User.id)) is None


@pytest.mark.parametrize("name", ["Tidligere deltager", "Moderatoren", "Kommunen"])
def test_reserved_display_names_are_refused_on_the_profile(client, auth, name):
    user = auth.as_role()
    response = client.post(
        "/account/profile",
        data={"display_name": name, "locale": "da"},
        headers={"Accept-Language": "da"},
    )
    assert response.status_code == 200
    assert "Dette navn er reserveret" in response.get_data(as_text=True)
    assert db.session.get(User, user.id).display_name != name


@pytest.mark.parametrize(
    "name",
    [
        "Modesty",
        "Ann Admiral",
        "Jens Kommunsen",
        "Anne-Mette Sørensen",
        "Pieter de Vries",
        "Ola Nordmann",
        "Raad Haddad",  # "raad" alone is a first name, not the council
        "Moderat Mette",
        "Tidligere Jens",
    ],
)
def test_ordinary_names_are_accepted(client, name):
    _register(client, name=name)
    assert db.session.scalar(select(User.display_name)) == name


def _csrf_token(client, path):
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def _post_json(client, path, body, token=None):
    headers = {"X-CSRFToken": token} if token else {}
    return client.post(path, json=body, headers=headers)


NOT_TEXT = [5, 3.5, True, None, [1, 2], {"a": 1}]


@pytest.mark.parametrize("csrf", [False, True])
@pytest.mark.parametrize("value", NOT_TEXT)
def test_json_values_that_are_not_text_get_form_errors(app, client, csrf, value):
    app.config["WTF_CSRF_ENABLED"] = csrf
    token = _csrf_token(client, "/account/login") if csrf else None
    login = _post_json(client, "/account/login", {"email": value, "password": value}, token)
    assert login.status_code == 200
    assert 'aria-invalid="true"' in login.get_data(as_text=True)
    fields = ("display_name", "email", "password", "password_confirm")
    register = _post_json(client, "/account/register", dict.fromkeys(fields, value), token)
    assert register.status_code == 200
    assert 'aria-invalid="true"' in register.get_data(as_text=True)
    assert db.session.scalar(select(User.id)) is None
    reset = _post_json(client, "/account/reset", {"email": value}, token)
    assert reset.status_code == 200
    assert 'aria-invalid="true"' in reset.get_data(as_text=True)


@pytest.mark.parametrize("csrf", [False, True])
@pytest.mark.parametrize("value", NOT_TEXT)
def test_json_values_that_are_not_text_on_the_profile(app, client, auth, csrf, value):
    app.config["WTF_CSRF_ENABLED"] = csrf
    user = auth.as_role(name="Bo Bech")
    token = _csrf_token(client, "/account/profile") if csrf else None
    data = {"display_name": value, "locale": "da"}
    profile = _post_json(client, "/account/profile", data, token)
    if value == 3.5:  # a number is read as its digits, a name like any other
        assert profile.status_code == 302
        assert db.session.get(User, user.id).display_name == "3.5"
    else:  # too short ("5", "1") or empty (null, true, an object): never "True"
        assert profile.status_code == 200
        assert 'aria-invalid="true"' in profile.get_data(as_text=True)
        assert db.session.get(User, user.id).display_name == "Bo Bech"
    fields = ("current_password", "password", "password_confirm")
    password = _post_json(client, "/account/password", dict.fromkeys(fields, value), token)
    assert password.status_code == 400
    assert 'aria-invalid="true"' in password.get_data(as_text=True)
    assert services.check_password(db.session.get(User, user.id), PASSWORD)


def test_json_numbers_are_read_as_text(client, auth):
    user = auth.as_role()
    response = _post_json(client, "/account/profile", {"display_name": 1234, "locale": "da"})
    assert response.status_code == 302
    assert db.session.get(User, user.id).display_name == "1234"
    numbers = {
        "current_password": PASSWORD,
        "password": 12345678901,
        "password_confirm": 12345678901,
    }
    assert _post_json(client, "/account/password", numbers).status_code == 302
    assert services.authenticate(user.email, "12345678901") is not None


@pytest.mark.parametrize("body", ["[1, 2]", "5", '"text"', "{not json"])
def test_a_json_body_that_is_not_an_object_is_a_bad_request(client, body):
    response = client.post("/account/login", data=body, content_type="application/json")
    assert response.status_code == 400
    assert "Bad request" in response.get_data(as_text=True)
    empty = client.post("/account/login", data="null", content_type="application/json")
    assert empty.status_code == 200
    assert "This field is required." in empty.get_data(as_text=True)


def test_the_password_hint_gives_the_configured_length(app, client, auth):
    app.config["PASSWORD_MIN_LENGTH"] = 12
    register = client.get("/account/register").get_data(as_text=True)
    assert "At least 12 characters." in register
    assert "At least 10 characters" not in register
    danish = client.get("/account/register", headers={"Accept-Language": "da"})
    assert "Mindst 12 tegn." in danish.get_data(as_text=True)
    user = make_user()
    token = tokens.make_token(user, tokens.RESET)
    db.session.commit()
    reset = client.get(f"/account/reset/{token}")
    assert "At least 12 characters." in reset.get_data(as_text=True)
    short = _register(client, email="twelve@example.org", password="eleven chrs")
    assert "at least 12 characters" in short.get_data(as_text=True)
    auth.login(user)
    assert "At least 12 characters." in client.get("/account/profile").get_data(as_text=True)


def _count_hashes(monkeypatch) -> list[str]:
    """Every password hash computed from now on (generating or checking)."""
    import werkzeug.security

    computed: list[str] = []
    real = werkzeug.security._hash_internal

    def counting(method: str, salt: str, password: str):  # type: ignore[no-untyped-def]
        computed.append(method)
        return real(method, salt, password)

    monkeypatch.setattr(werkzeug.security, "_hash_internal", counting)
    return computed


def test_an_unknown_address_costs_one_hash_like_a_wrong_password(app, monkeypatch):
    """No account enumeration by timing: both answers cost the same work."""
    make_user(email="known@example.org")
    computed = _count_hashes(monkeypatch)
    for _ in range(2):  # the first call costs no more than later ones
        assert services.authenticate("known@example.org", "wrong password") is None
    known = list(computed)
    computed.clear()
    for _ in range(2):
        assert services.authenticate("unknown@example.org", "wrong password") is None
    assert computed == known == [app.config["PASSWORD_HASH_METHOD"]] * 2


def test_only_the_newest_reset_link_works(client):
    user = make_user(email="twice@example.org")
    client.post("/account/reset", data={"email": "twice@example.org"})
    client.post("/account/reset", data={"email": "twice@example.org"})
    older, newer = (_link_in(m) for m in _mails())
    assert older != newer
    refused = client.get(older, headers={"Accept-Language": "da"})
    assert refused.status_code == 302
    assert refused.headers["Location"].endswith("/account/reset")  # a way to ask for a new one
    page = client.get("/account/reset", headers={"Accept-Language": "da"}).get_data(as_text=True)
    assert "Linket er ugyldigt, udløbet eller allerede brugt." in page
    data = {"password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD}
    assert client.post(older, data=data).status_code == 302
    assert services.authenticate("twice@example.org", NEW_PASSWORD) is None
    assert client.get(newer).status_code == 200
    assert client.post(newer, data=data).headers["Location"].endswith("/account/login")
    assert services.authenticate("twice@example.org", NEW_PASSWORD).id == user.id
