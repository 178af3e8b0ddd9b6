"""Accounts: registration, verification, log-in and passwords."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from portal.accounts import sessions, tokens
from portal.accounts.models import Role, User
from portal.extensions import db
from portal.mail import OutboxMessage, queue_mail
from portal.timeutil import utcnow
from portal.urls import absolute_url


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def create_user(
    display_name: str,
    email: str,
    password: str,
    *,
    role: Role = Role.CITIZEN,
    locale: str | None = None,
    verified: bool = False,
) -> User:
    user = User(
        display_name=display_name,
        email=email.strip().lower(),
        password_hash=hash_password(password),
        role=role,
        locale=locale,
        email_verified_at=utcnow() if verified else None,
    )
    db.session.add(user)
    db.session.flush()
    return user


def register(
    display_name: str, email: str, password: str, locale: str, browser: str | None = None
) -> User | None:
    """Create an account and mail its verification link.

    When the address is taken, the owner is told by mail instead, so the
    page a stranger sees is the same either way (no account enumeration).
    An account not confirmed yet gets its confirmation link again (a double
    click, or the first mail got lost) when the same password is given, at
    most once per ``REPEAT_MAIL_WINDOW``. ``browser`` (a secret in the
    registering browser's session) lets the confirmation link log the person
    in when it is opened in that browser.
    """
    existing = find_by_email(email)
    if existing is None:
        try:
            user = create_user(display_name, email, password, locale=locale)
        except IntegrityError:
            # A parallel request for the same address (a double click) won.
            # (No SAVEPOINT: with pysqlite, releasing one ends the transaction.)
            db.session.rollback()
            existing = find_by_email(email)
        else:
            send_verification(user, browser)
            return user
    if existing is None:  # the other request's account is gone again
        return None
    # Always one hash, as long as a real registration's (no timing tells).
    same_password = check_password(existing, password)
    if not existing.is_verified and same_password:
        # The same person again (a double click, or the first mail got lost).
        if not _mailed_recently("verify_email", existing.email):
            send_verification(existing, browser)
    elif not _mailed_recently("account_exists", existing.email):
        # Also for an unconfirmed account with another password: whoever
        # registered it first may not own the address, so the owner is sent
        # to the password reset (which proves the address and ends every
        # other session), never given a link that would confirm it.
        queue_mail(
            "account_exists",
            existing.email,
            existing.locale,
            user=existing,
            login_url=absolute_url("accounts.login"),
            reset_url=absolute_url("accounts.reset_request"),
        )
    return None


# A repeated registration mails the address again only after this long.
REPEAT_MAIL_WINDOW = timedelta(minutes=5)


def _mailed_recently(kind: str, address: str) -> bool:
    since = utcnow() - REPEAT_MAIL_WINDOW
    return (
        db.session.scalar(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.kind == kind,
                OutboxMessage.to_address == address,
                OutboxMessage.created_at >= since,
            )
            .limit(1)
        )
        is not None
    )


def send_verification(user: User, browser: str | None = None) -> None:
    token = tokens.make_token(user, tokens.VERIFY, browser)
    queue_mail(
        "verify_email",
        user.email,
        user.locale,
        user=user,
        url=absolute_url("accounts.verify", token=token),
        hours=current_app.config["VERIFY_TOKEN_HOURS"],
    )


def user_for_verification(token: str) -> User | None:
    max_age = current_app.config["VERIFY_TOKEN_HOURS"] * 3600
    return tokens.read_token(token, tokens.VERIFY, max_age)


def verify_email(token: str) -> User | None:
    user = user_for_verification(token)
    if user is not None and user.email_verified_at is None:
        user.email_verified_at = utcnow()
    return user


def _dummy_hash() -> str:
    """A well-formed hash with the configured parameters that no password
    matches: checking against it costs one hash, exactly as checking a real
    account's password does, and making it costs nothing (no account
    enumeration by timing)."""
    method = current_app.config["PASSWORD_HASH_METHOD"]
    return f"{method}${'0' * 16}${'0' * 128}"


def authenticate(email: str, password: str) -> User | None:
    user = find_by_email(email)
    stored = user.password_hash if user is not None else _dummy_hash()
    matches = check_password_hash(stored, password)
    return user if user is not None and matches else None


def request_password_reset(email: str) -> None:
    user = find_by_email(email)
    if user is None:
        return
    queue_mail(
        "reset_password",
        user.email,
        user.locale,
        user=user,
        url=absolute_url("accounts.reset_password", token=tokens.make_token(user, tokens.RESET)),
        minutes=current_app.config["RESET_TOKEN_MINUTES"],
    )


def user_for_reset(token: str) -> User | None:
    return tokens.read_token(token, tokens.RESET, current_app.config["RESET_TOKEN_MINUTES"] * 60)


def set_password(user: User, password: str) -> None:
    """New password; every other session of the user ends."""
    user.password_hash = hash_password(password)
    sessions.end_others(user)


def reset_password(user: User, password: str) -> None:
    set_password(user, password)
    # Following the link proved the address.
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()


def check_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def change_password(user: User, current: str, new: str) -> bool:
    if not check_password(user, current):
        return False
    set_password(user, new)
    return True


def update_profile(
    user: User, display_name: str, locale: str, credit_by_name: bool = False
) -> None:
    user.display_name = display_name
    user.locale = locale
    user.credit_by_name = credit_by_name
