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


def make_token(user: User, purpose: str) -> str:
    """A link token; for a reset link, every older reset link stops working."""
    if purpose == RESET:
        user.reset_nonce = secrets.token_hex(16)
    return _serializer(purpose).dumps({"id": user.id, "fp": _fingerprint(user, purpose)})


def read_token(token: str, purpose: str, max_age_seconds: int) -> User | None:
    try:
        data: Any = _serializer(purpose).loads(token, max_age=max_age_seconds)
        user = db.session.get(User, int(data["id"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    if user is None or not hmac.compare_digest(str(data.get("fp")), _fingerprint(user, purpose)):
        return None
    return user
