"""Rate limits (Flask-Limiter) on everything that costs us or a citizen
something: logging in, registering, reset and confirmation mails, posting,
commenting and supporting. Limits count per IP address and per account;
behind a reverse proxy set PROXY_COUNT so the client's address is used,
and with several app servers point RATELIMIT_STORAGE_URI at Redis so they
share the counters.
"""

from __future__ import annotations

from flask import Flask, request
from flask_limiter.util import get_remote_address
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix

from portal.extensions import limiter


def by_account() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"ip:{get_remote_address()}"


def by_email() -> str:
    return "email:" + (request.form.get("email") or "").strip().lower()[:254]


POST = ["POST"]
login_per_ip = limiter.limit("10/minute;100/hour", methods=POST)
login_per_email = limiter.limit("20/hour", key_func=by_email, methods=POST)
register_per_ip = limiter.limit("10/hour", methods=POST)
reset_per_ip = limiter.limit("10/hour", methods=POST)
reset_per_email = limiter.limit("3/hour", key_func=by_email, methods=POST)
mail_per_account = limiter.limit("3/hour", key_func=by_account, methods=POST)
post_per_account = limiter.limit("30/hour", key_func=by_account, methods=POST)
comment_per_account = limiter.limit("10/minute;60/hour", key_func=by_account, methods=POST)
flag_per_account = limiter.limit("20/hour", key_func=by_account, methods=POST)
support_per_account = limiter.limit("60/minute;300/hour", key_func=by_account, methods=POST)


def init_app(app: Flask) -> None:
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)  # type: ignore[method-assign]
    limiter.init_app(app)
