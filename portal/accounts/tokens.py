"""Signed, expiring tokens for e-mail links."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from portal.accounts.models import User
from portal.extensions import db

VERIFY = "verify-email"
RESET = "reset-password"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _fingerprint(user: User, purpose: str) -> str:
    """Changes when the password or e-mail changes: a used reset link dies.
    A reset link also dies when a newer one is sent (``reset_nonce``). (A
    confirmation link may be followed twice: the second time says so.)"""
    source = f"{user.password_hash}|{user.email}"
    if purpose == RESET:
        source += f"|{user.reset_nonce}"
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def browser_mark(secret: str) -> str:
    """What a link carries of the browser that asked for it: a hash of a
    secret kept in that browser's session (never the secret itself)."""
    return hashlib.sha256(f"browser|{secret}".encode()).hexdigest()[:22]


def make_token(user: User, purpose: str, browser: str | None = None) -> str:
    """A link token; for a reset link, every older reset link stops working.
    ``browser`` (a session secret) ties the link to the browser that asked
    for it (``from_browser``)."""
    if purpose == RESET:
        user.reset_nonce = secrets.token_hex(16)
    data = {"id": user.id, "fp": _fingerprint(user, purpose)}
    if browser:
        data["b"] = browser_mark(browser)
    return _serializer(purpose).dumps(data)


def from_browser(token: str, purpose: str, secret: str | None) -> bool:
    """Whether the (valid) link was asked for by the browser holding ``secret``."""
    if not secret:
        return False
    try:
        data: Any = _serializer(purpose).loads(token)
    except BadSignature:
        return False
    mark = data.get("b") if isinstance(data, dict) else None
    return isinstance(mark, str) and hmac.compare_digest(mark, browser_mark(secret))


def read_token(token: str, purpose: str, max_age_seconds: int) -> User | None:
    try:
        data: Any = _serializer(purpose).loads(token, max_age=max_age_seconds)
        user = db.session.get(User, int(data["id"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not hmac.compare_digest(str(data.get("fp")), _fingerprint(user, purpose)):
        return None
    return user
