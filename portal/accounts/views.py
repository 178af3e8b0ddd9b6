from __future__ import annotations

import secrets

from flask import Blueprint, flash, g, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from portal import permissions, ratelimit
from portal.accounts import services, sessions, tokens
from portal.accounts.forms import (
    ChangePasswordForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
    ResetRequestForm,
)
from portal.extensions import db
from portal.forms import ActionForm
from portal.i18n import remember_locale
from portal.urls import next_from_request

bp = Blueprint("accounts", __name__, url_prefix="/account")
REGISTERING = "registering"  # the session key of the registering browser's secret
# Where the registering browser goes once the address is confirmed there
# (e.g. back to a nominee's invitation): a same-site path only.
AFTER_REGISTERING = "after_registering"


@bp.route("/register", methods=["GET", "POST"])
# A new and a taken address both count (the page does not tell them apart).
@ratelimit.per_ip("10/hour", RegisterForm, accepted=True)
def register():
    if current_user.is_authenticated:
        return redirect(url_for("site.index"))
    form = RegisterForm()
    if form.validate_on_submit():
        # Kept in this browser (new or taken address alike, so the cookie
        # tells nothing): the confirmation link opened here logs in.
        session[REGISTERING] = secrets.token_urlsafe(16)
        session[AFTER_REGISTERING] = next_from_request("")
        services.register(
            form.display_name.data,
            form.email.data,
            form.password.data,
            str(get_locale()),
            browser=session[REGISTERING],
        )
        db.session.commit()
        ratelimit.went_through()  # new or taken address alike
        return render_template("accounts/check_mail.html", email=form.email.data)
    return render_template("accounts/register.html", form=form)


@bp.route("/verify/<token>")
def verify(token: str):
    already = services.user_for_verification(token)
    already = already is not None and already.is_verified
    user = services.verify_email(token)
    if user is None:
        flash(_("This link is invalid or has expired. Log in to get a new one."), "error")
        return redirect(url_for("accounts.login"))
    db.session.commit()
    if already:
        flash(_("Your e-mail address was already confirmed."), "info")
    else:
        flash(_("Thank you, your e-mail address is confirmed."), "success")
    if not current_user.is_authenticated and tokens.from_browser(
        token, tokens.VERIFY, session.get(REGISTERING)
    ):
        # Opened in the browser that registered: no need to type the password again.
        back = session.get(AFTER_REGISTERING, "")  # logging in starts a new session
        _log_in(user, remember=False)
        if back:
            return redirect(back)
    return redirect(url_for("site.index" if current_user.is_authenticated else "accounts.login"))


@bp.route("/verify/resend", methods=["POST"])
@login_required
@ratelimit.per_account("3/hour")
def resend_verification():
    if ActionForm().validate_on_submit() and not current_user.is_verified:
        services.send_verification(current_user)
        db.session.commit()
        flash(_("We have sent you a new link. Please check your inbox."), "success")
    return redirect(next_from_request(url_for("accounts.profile")))


@bp.route("/login", methods=["GET", "POST"])
# Every attempt counts: guesses sent in parallel cannot slip through together.
@ratelimit.per_ip("10/minute;100/hour", LoginForm)
@ratelimit.per_email("20/hour", LoginForm)
def login():
    if current_user.is_authenticated:
        return redirect(next_from_request(url_for("site.index")))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _log_in(user, remember=form.remember.data)
            response = redirect(next_from_request(_landing_page(user)))
            if user.locale:
                remember_locale(response, user.locale)
            return response
        form.password.errors.append(_("The e-mail address or the password is not correct."))
    return render_template("accounts/login.html", form=form)


def _log_in(user, remember: bool) -> None:  # type: ignore[no-untyped-def]
    """Start a login session; nothing from before the login carries over
    (messages flashed for the next page stay)."""
    sessions.start(user, remember=remember)
    db.session.commit()
    flashes = session.get("_flashes", [])
    session.clear()
    if flashes:
        session["_flashes"] = flashes
    login_user(user, remember=remember)
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")


def _landing_page(user) -> str:  # type: ignore[no-untyped-def]
    """Where someone lands after logging in without a page to return to:
    staff land on their work."""
    if permissions.can_moderate(user):
        return url_for("moderation.queue")
    if permissions.can_view_inbox(user):
        return url_for("municipality.inbox")
    return url_for("site.index")


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sessions.end(current_user)
    db.session.commit()
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("site.index"))


@bp.route("/reset", methods=["GET", "POST"])
@ratelimit.per_ip("10/hour")
@ratelimit.per_email("3/hour")
def reset_request():
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/check_mail.html", email=form.email.data, reset=True)
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    user = services.user_for_reset(token)
    if user is None:
        flash(_("This link is invalid, has expired or was already used."), "error")
        return redirect(url_for("accounts.reset_request"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        services.reset_password(user, form.password.data)
        db.session.commit()
        flash(_("Your password is changed. Please log in."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    permissions.require(permissions.can_edit_profile(current_user))
    form = ProfileForm(obj=current_user)
    if not form.is_submitted():
        form.locale.data = current_user.locale or str(get_locale())
    if form.validate_on_submit():
        services.update_profile(
            current_user, form.display_name.data, form.locale.data, form.credit_by_name.data
        )
        db.session.commit()
        flash(_("Your profile is saved."), "success")
        response = redirect(url_for("accounts.profile"))
        remember_locale(response, form.locale.data)
        return response
    return render_template(
        "accounts/profile.html", form=form, password_form=ChangePasswordForm(formdata=None)
    )


@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    permissions.require(permissions.can_edit_profile(current_user))
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if services.change_password(current_user, form.current_password.data, form.password.data):
            db.session.commit()
            flash(_("Your password is changed."), "success")
            return redirect(url_for("accounts.profile"))
        form.current_password.errors.append(_("The current password is not correct."))
    g.canonical_path = url_for("accounts.profile")
    profile_form = ProfileForm(obj=current_user, formdata=None)
    profile_form.locale.data = current_user.locale or str(get_locale())
    return render_template("accounts/profile.html", form=profile_form, password_form=form), 400
