"""Who is logged in, and the headers every response carries."""

from __future__ import annotations

import logging

from flask import Flask, Response, current_app, flash, g, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.extensions import login_manager
from portal.urls import canonical_path

log = logging.getLogger(__name__)

CSP = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
)


@login_manager.unauthorized_handler
def _login_needed() -> Response:
    """A visitor (or someone whose login ended) asked for a page that needs a
    login: log in, then come back to the page, as ``permissions.require``
    does. After a POST that is the page the form was on, not the POST-only
    address; text the form held is shown again (``errors``)."""
    flash(str(login_manager.login_message), login_manager.login_message_category)
    return redirect(url_for(login_manager.login_view, next=canonical_path()))


# Browser features the portal never uses are switched off for every page.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera", "microphone", "geolocation", "payment", "usb", "bluetooth", "serial", "hid",
        "midi", "magnetometer", "gyroscope", "accelerometer", "display-capture",
        "interest-cohort", "browsing-topics",
    )
)  # fmt: skip
PUBLIC_MAX_AGE = 60  # seconds a shared cache may keep a public page
# A static file asked for by its fingerprint (``?v=``, see ``urls``) never changes.
IMMUTABLE = "public, max-age=31536000, immutable"


def _cache_control(response: Response) -> None:
    """Say what may be cached, unless the view said so already (feeds).

    Anything shown to a logged-in person (profile, settings, data download,
    staff pages), that carries a visitor's own form token or that changes
    their session is ``private, no-store``; a public page read anonymously
    may be kept briefly by any cache."""
    if "Cache-Control" in response.headers:
        return
    if request.endpoint == "static" and request.args.get("v") and response.status_code == 200:
        response.headers["Cache-Control"] = IMMUTABLE
        return
    personal = (
        current_user.is_authenticated
        or session.modified
        or "Set-Cookie" in response.headers  # e.g. the language a link chose
        or current_app.config["WTF_CSRF_FIELD_NAME"] in g  # the page holds a CSRF token
    )
    if personal or request.method not in ("GET", "HEAD") or response.status_code != 200:
        response.headers["Cache-Control"] = "private, no-store"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        # The language comes from the cookie or the browser: a shared cache
        # must keep one copy per language, and none for a logged-in cookie.
        response.vary.update(("Accept-Language", "Cookie"))


def _headers(response: Response) -> Response:
    _cache_control(response)
    response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


INSECURE_TRANSPORT = _l(
    "This portal is being served without HTTPS, so your browser cannot keep you logged in "
    "and no form can be sent. Please tell the municipality's IT department."
)
INSECURE_LOG = (
    "Served over plain http while SESSION_COOKIE_SECURE is on: browsers drop the session "
    "cookie, so every form fails as expired. Serve the portal over HTTPS (nginx with TLS "
    "and X-Forwarded-Proto, PROXY_COUNT=1), or set SESSION_COOKIE_SECURE=false only for "
    "a test on a closed network."
)


def insecure_transport() -> bool:
    """The session cookie is Secure but this request came over plain http:
    the browser will not send the cookie back, so no login and no form can
    work. Said in the log and on the page, not as "your form expired"."""
    return bool(current_app.config.get("SESSION_COOKIE_SECURE")) and not request.is_secure


def _warn_insecure_transport() -> None:
    machine = request.endpoint in ("site.healthz", "site.metrics")  # probes go direct
    if machine or not insecure_transport():
        return
    if not current_app.extensions.get("portal_insecure_warned"):
        current_app.extensions["portal_insecure_warned"] = True  # once per process
        log.warning(INSECURE_LOG)


def init_app(app: Flask) -> None:
    app.before_request(_warn_insecure_transport)
    app.add_template_global(
        lambda: INSECURE_TRANSPORT if insecure_transport() else "", "insecure_transport_notice"
    )
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    app.after_request(_headers)
