"""Rate limits (Flask-Limiter) on everything that costs us or a citizen
something: logging in, registering, reset and confirmation mails, posting,
commenting, supporting and nominating experts (each nomination may mail a
third party). Limits count per IP address and per account;
behind a reverse proxy set PROXY_COUNT so the client's address is used,
and with several app servers point RATELIMIT_STORAGE_URI at Redis so they
share the counters.

Registering, posting, commenting and flagging count only submissions that
went through (forms sent back with errors are free); previews count in a
limit of their own; every log-in attempt counts. A refused submission loses
nothing: the 429 page shows the text typed again (never a password). Each
domain sets its own numbers in its views, with the decorators below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import Flask, Response, current_app, g, request
from flask_limiter import RequestLimit
from flask_limiter.util import get_remote_address
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.extensions import limiter

log = logging.getLogger(__name__)


def by_account() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


def by_email() -> str:
    return "email:" + (request.form.get("email") or "").strip().lower()[:254]


def went_through() -> None:
    """For a view that answers an accepted submission with a page rather
    than a redirect (registration: "check your e-mail"): count it."""
    g.submission_went_through = True


def succeeded(response: Response) -> bool:
    """A submission went through: the view answered with a redirect (or said
    so, see ``went_through``). Form errors, previews and refusals are
    answered with a page and cost nothing."""
    return 300 <= response.status_code < 400 or g.get("submission_went_through", False)


def keep_typed(form_class: type[FlaskForm]) -> Callable[[RequestLimit], None]:
    """On a refusal, the 429 page shows the text typed into ``form_class``'s
    fields again (see ``portal.errors``), so none of it is lost."""

    def remember(_limit: RequestLimit) -> None:
        g.refused_form = form_class

    return remember


POST = ["POST"]
# The domains set their own limits with these (each view hands its form
# class, so that a refusal gives back what was typed into that form); this
# module knows no domain and no number.


def per_ip(limit: str, form_class: type[FlaskForm] | None = None, *, accepted: bool = False):  # type: ignore[no-untyped-def]
    """POSTs per client address. With ``accepted``, only those that went
    through count (checked before, counted after: a redirect or
    ``went_through()`` marks them); a refusal keeps the form's text."""
    return limiter.limit(
        limit, methods=POST, deduct_when=succeeded if accepted else None,
        on_breach=keep_typed(form_class) if form_class else None,
    )  # fmt: skip


def lookups_per_ip(limit: str):  # type: ignore[no-untyped-def]
    """GETs per client address, for a lookup a script asks as someone types
    (each one searches the index): reading pages is never limited."""
    return limiter.limit(limit, methods=["GET"])


def per_email(limit: str, form_class: type[FlaskForm] | None = None):  # type: ignore[no-untyped-def]
    """POSTs per address typed into the form's ``email`` field."""
    return limiter.limit(
        limit, key_func=by_email, methods=POST,
        on_breach=keep_typed(form_class) if form_class else None,
    )  # fmt: skip


def per_account(limit: str):  # type: ignore[no-untyped-def]
    """POSTs per logged-in account, every one counted."""
    return limiter.limit(limit, key_func=by_account, methods=POST)


def per_published(limit: str, form_class: type[FlaskForm]):  # type: ignore[no-untyped-def]
    """A limit per account on what went through; a refusal keeps the text."""
    return limiter.limit(
        limit, key_func=by_account, methods=POST, deduct_when=succeeded,
        on_breach=keep_typed(form_class),
    )  # fmt: skip


def not_a_preview() -> bool:
    """Anything but a preview (the form's Preview button) is left alone."""
    return "preview" not in request.form


def previews_per_account(form_class: type[FlaskForm]):  # type: ignore[no-untyped-def]
    """Previews cost rendering time: they count in a limit of their own,
    the same for every form that has a Preview button."""
    return limiter.limit(
        "30/minute;300/hour", key_func=by_account, methods=POST, exempt_when=not_a_preview,
        on_breach=keep_typed(form_class),
    )  # fmt: skip


def storage_health() -> str:
    """ "ok" when the counters' store answers (or is this process's memory);
    "unavailable" when Redis does not: the limits then count in this node's
    memory (RATELIMIT_IN_MEMORY_FALLBACK_ENABLED) and nodes no longer share
    them, so it is logged as an error each time it is asked."""
    if not limiter.enabled:
        return "disabled"
    if limiter.storage.check():
        return "ok"
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    log.error("Rate-limit storage %s unreachable: counting in this node's memory", uri)
    return "unavailable"


def init_app(app: Flask) -> None:
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    limiter.init_app(app)
