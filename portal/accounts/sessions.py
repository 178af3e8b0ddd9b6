"""Login sessions kept on the server (``UserSession``).

The signed session cookie holds ``<user id>:<token>``; the database holds
only the token's SHA-256. A session ends when it is logged out, when the
password changes (every other session), after SESSION_IDLE_MINUTES without
a request, and SESSION_ABSOLUTE_HOURS after login whatever happens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import Integer, Select, String, bindparam, delete, select, update

from portal.accounts.models import User, UserSession
from portal.extensions import db, login_manager
from portal.timeutil import utcnow

# last_seen_at is written at most this often (not on every request).
TOUCH_EVERY = timedelta(minutes=5)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start(user: User, remember: bool = False) -> str:
    """A new session for this device; returns the token for the cookie."""
    token = secrets.token_urlsafe(32)
    db.session.add(UserSession(user_id=user.id, token_hash=_hash(token), remember=remember))
    user.session_token = token
    return token


@login_manager.user_loader
def _user_of_cookie(cookie_id: str) -> User | None:
    return load(cookie_id)


@cache  # built once per process: every logged-in request runs it
def _load_statement() -> Select:
    return (
        select(User, UserSession)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            User.id == bindparam("user_id", type_=Integer),
            UserSession.token_hash == bindparam("hash", type_=String),
        )
    )


def load(cookie_id: str) -> User | None:
    """The user of a valid, live session, or None (one query)."""
    try:
        raw_id, token = cookie_id.split(":", 1)
        user_id = int(raw_id)
    except ValueError:
        return None
    row = db.session.execute(_load_statement(), {"user_id": user_id, "hash": _hash(token)}).first()
    if row is None:
        return None
    user, login = row
    now = utcnow()
    config = current_app.config
    idle = now - login.last_seen_at > timedelta(minutes=config["SESSION_IDLE_MINUTES"])
    if (idle and not login.remember) or (
        now - login.created_at > timedelta(hours=config["SESSION_ABSOLUTE_HOURS"])
    ):
        db.session.delete(login)
        db.session.commit()
        return None
    if now - login.last_seen_at > TOUCH_EVERY:
        db.session.execute(
            update(UserSession).where(UserSession.id == login.id).values(last_seen_at=now)
        )
        db.session.commit()
    user.session_token = token
    return user


def end(user: User) -> None:
    """Log out this session (the one the user object came from)."""
    if user.session_token:
        db.session.execute(
            delete(UserSession).where(UserSession.token_hash == _hash(user.session_token))
        )


def end_others(user: User) -> None:
    """Log out every other device (after a password change)."""
    stmt = delete(UserSession).where(UserSession.user_id == user.id)
    if user.session_token:
        stmt = stmt.where(UserSession.token_hash != _hash(user.session_token))
    db.session.execute(stmt)
