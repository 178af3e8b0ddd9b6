from __future__ import annotations

from flask import abort

from portal.extensions import db


def test_404_is_translated_and_styled(client):
    response = client.get("/no/such/page", headers={"Accept-Language": "da"})
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert '<html lang="da">' in page
    assert "Siden blev ikke fundet" in page or "ikke fundet" in page
    assert "portal.css" in page


def test_405_for_get_on_a_post_route(client):
    assert client.get("/account/logout").status_code == 405


def test_500_shows_no_traceback(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom", headers={"Accept-Language": "nl"})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "secret internals" not in page
    assert "Traceback" not in page
    assert '<html lang="nl">' in page


def test_a_refusal_no_view_caught_says_why_and_keeps_the_text(app, client):
    from portal.challenges.services import ChallengeError

    @app.route("/race", methods=["POST"])
    def race():
        raise ChallengeError("not accepting")

    response = client.post(
        "/race", data={"body": "My careful answer"}, headers={"Accept-Language": "da"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Udfordringen tager ikke imod bidrag nu." in page
    assert "My careful answer" in page


def test_413_for_a_too_large_request(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/account/login", data={"email": "x" * 5000})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_429_and_403_pages(app, client):
    @app.route("/limited")
    def limited():
        abort(429)

    @app.route("/forbidden")
    def forbidden():
        abort(403)

    assert "Too many requests" in client.get("/limited").get_data(as_text=True)
    assert client.get("/forbidden").status_code == 403


def test_csrf_failure_explains_and_keeps_the_site_usable(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post("/account/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    assert "Your form had expired" in response.get_data(as_text=True)


def test_plain_http_with_secure_cookies_is_named_as_the_problem(app, client, caplog):
    """Production's cookies are Secure: over plain http the browser drops
    them and every form would fail "expired". The page and the log say why."""
    app.config.update(SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=True)
    page = client.get("/").get_data(as_text=True)
    assert "served without HTTPS" in page
    with caplog.at_level("WARNING", logger="portal"):
        response = client.post("/account/login", data={"email": "a@example.org", "password": "x"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "served without HTTPS" in text
    assert "Your form had expired" not in text
    assert any("plain http" in record.getMessage() for record in caplog.records)
    # Over HTTPS nothing is said.
    secure = client.get("/", base_url="https://portal.test").get_data(as_text=True)
    assert "served without HTTPS" not in secure


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    for part in ("frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'"):
        assert part in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    cookies = client.post("/language", data={"lang": "da"}).headers.getlist("Set-Cookie")
    assert any(c.startswith("lang=da;") for c in cookies)
    assert all("HttpOnly" in c and "SameSite=Lax" in c for c in cookies)


def test_every_response_switches_off_browser_features(client):
    for path in ("/", "/static/css/portal.css", "/feeds/ideas.atom", "/no/such/page"):
        response = client.get(path)
        response.close()
        policy = response.headers["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment"):
            assert f"{feature}=()" in policy, (path, feature)


def test_personal_pages_are_never_stored_and_public_ones_say_what_may_be_cached(app, client, auth):
    from portal.accounts.models import Role

    app.config["WTF_CSRF_ENABLED"] = True

    assert client.get("/feeds/ideas.atom").headers["Cache-Control"] == "public, max-age=300"
    # A visitor's reading may be kept briefly by shared caches...
    assert client.get("/ideas/").headers["Cache-Control"] == "public, max-age=60"
    # ... but not a page that holds a visitor's own form token.
    assert client.get("/account/login").headers["Cache-Control"] == "private, no-store"
    auth.as_role(Role.ADMIN)
    for path in (
        "/account/profile", "/account/notifications", "/account/data", "/moderation/",
        "/municipality/inbox", "/admin/users", "/ideas/",
    ):  # fmt: skip
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "private, no-store", path


def test_an_anonymous_page_without_personal_parts_may_be_cached(app):
    from flask import render_template_string

    @app.get("/plain")
    def plain():  # type: ignore[no-untyped-def]
        return render_template_string("<p>{{ 1 + 1 }}</p>")

    response = app.test_client().get("/plain")
    assert response.headers["Cache-Control"] == "public, max-age=60"


def test_healthz(client):
    assert client.get("/healthz").get_json() == {
        "status": "ok",
        "database": "ok",
        "rate_limits": "disabled",  # the test configuration switches them off
        "page_cache": "ok",
        "outbox": {"queued": 0, "oldest_due_seconds": None},
    }


def test_healthz_says_how_far_the_outbox_is_behind(client, app):
    from datetime import timedelta

    from portal.mail import OutboxMessage, OutboxStatus
    from portal.timeutil import utcnow

    def mail(**values):  # type: ignore[no-untyped-def]
        text = {"kind": "test", "to_address": "a@example.org", "locale": "en"}
        return OutboxMessage(**text, subject="s", body_text="b", body_html="b", **values)

    now = utcnow()
    db.session.add_all([
        mail(created_at=now - timedelta(minutes=10)),
        # Waiting to coalesce with more news: queued, but not late.
        mail(created_at=now - timedelta(hours=1), next_attempt_at=now + timedelta(minutes=5)),
        mail(created_at=now - timedelta(days=2), status=OutboxStatus.SENT),
    ])  # fmt: skip
    db.session.commit()
    outbox = client.get("/healthz").get_json()["outbox"]
    assert outbox["queued"] == 2
    assert 595 <= outbox["oldest_due_seconds"] <= 610


def test_healthz_reports_a_broken_database(app, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    def broken(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("down"))

    monkeypatch.setattr(db.session, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_an_unavailable_database_gives_a_translated_503(app, client, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from portal.ideas import queries

    def down(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("database is locked"))

    monkeypatch.setattr(queries, "top_ideas", down)
    response = client.get("/", headers={"Accept-Language": "da"})
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert '<html lang="da">' in page
    assert "locked" not in page
    assert "Traceback" not in page


def test_503_also_for_a_logged_in_citizen(client, auth, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from portal.accounts import sessions

    auth.as_role()

    def down(*_args, **_kwargs):
        raise OperationalError("SELECT", {}, Exception("could not connect"))

    monkeypatch.setattr(sessions, "load", down)
    response = client.get("/ideas/", headers={"Accept-Language": "nl"})
    assert response.status_code == 503
    assert '<html lang="nl">' in response.get_data(as_text=True)
