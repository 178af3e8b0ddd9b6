"""Unsubscribe links: an opaque token per recipient (the account number and
a keyed MAC of account and address) that says nothing about the address;
links from before this scheme keep working."""

from __future__ import annotations

import base64
import hashlib
import hmac

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from portal.accounts.models import User
from portal.extensions import db

UNSUBSCRIBE = "unsubscribe"


def _mac(user_id: int, email: str) -> str:
    """A keyed MAC binding the account to its current address: without the
    secret key nothing about the address can be learnt or confirmed from it."""
    key = hashlib.sha256(f"{UNSUBSCRIBE}|{current_app.config['SECRET_KEY']}".encode()).digest()
    digest = hmac.new(key, f"{user_id}|{email}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def unsubscribe_token(user: User) -> str:
    """An opaque token for this recipient only: the account number and a
    keyed MAC, nothing readable about the address (it stops working when
    the address changes)."""
    return f"{user.id}-{_mac(user.id, user.email)}"


def read_unsubscribe_token(token: str) -> User | None:
    number, _sep, mac = token.partition("-")
    if not number.isdigit() or len(number) > 12:
        return _read_legacy_token(token)
    user = db.session.get(User, int(number))
    if user is None or user.erased_at is not None:
        return None
    # Bytes: compare_digest refuses text that is not ASCII (a mangled link).
    expected = _mac(user.id, user.email).encode()
    return user if hmac.compare_digest(mac.encode(), expected) else None


def _read_legacy_token(token: str) -> User | None:
    """Links in mails sent before 2026-12 carried a signed, readable token;
    they keep working (they can only unsubscribe their own recipient)."""
    try:
        data = URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE).loads(token)
        user = db.session.get(User, int(data["id"]))
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    legacy_hash = hashlib.sha256(user.email.encode()).hexdigest()[:16] if user else None
    if user is None or user.erased_at is not None or data.get("a") != legacy_hash:
        return None
    return user


def masked_address(email: str) -> str:
    """``karen@example.org`` → ``k…@example.org``: enough to recognise one's
    own address on a page that whoever holds the link may open."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}…@{domain}"
