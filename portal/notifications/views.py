"""Follow buttons, the notification settings page, unsubscribing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal import permissions
from portal.areas.queries import area_by_slug
from portal.challenges.loaders import load_challenge
from portal.extensions import csrf, db
from portal.forms import ActionForm, form_status
from portal.ideas.loaders import load_idea
from portal.ideas.queries import category_by_slug
from portal.mail import register_send_check
from portal.notifications import sending, services
from portal.notifications import unsubscribe as links
from portal.notifications.forms import NotificationSettingsForm
from portal.notifications.models import FollowKind
from portal.urls import same_site_referrer

bp = Blueprint("notifications", __name__)
# The sender asks, just before each mail goes out, whether it is still wanted.
bp.record_once(lambda _state: register_send_check(sending.still_wanted))


def _follow_or_unfollow(action: str, kind: FollowKind, target, back: str):  # type: ignore[no-untyped-def]
    permissions.require(permissions.can_follow(current_user))
    if ActionForm().validate_on_submit():
        if action == "follow":
            services.follow(current_user, kind, target)
            flash(
                _("You follow it now. Your notification settings say how often you hear about it."),
                "success",
            )
        else:
            services.unfollow(current_user, kind, target)
            flash(_("You no longer follow it."), "success")
        db.session.commit()
    return redirect(same_site_referrer() or back)


@bp.route("/ideas/<id:idea_id>/<any(follow, unfollow):action>", methods=["POST"])
def idea(idea_id: int, action: str):
    found = load_idea(idea_id)
    return _follow_or_unfollow(
        action, FollowKind.IDEA, found, url_for("ideas.detail", idea_id=found.id)
    )


@bp.route("/categories/<slug>/<any(follow, unfollow):action>", methods=["POST"])
def category(slug: str, action: str):
    found = category_by_slug(slug)
    if found is None:
        abort(404)
    return _follow_or_unfollow(
        action, FollowKind.CATEGORY, found, url_for("ideas.index", category=found.slug)
    )


@bp.route("/areas/<slug>/<any(follow, unfollow):action>", methods=["POST"])
def area(slug: str, action: str):
    found = area_by_slug(slug)
    if found is None:
        abort(404)
    return _follow_or_unfollow(
        action, FollowKind.AREA, found, url_for("ideas.index", area=found.slug)
    )


@bp.route("/challenges/<id:challenge_id>/<any(follow, unfollow):action>", methods=["POST"])
def challenge(challenge_id: int, action: str):
    found = load_challenge(challenge_id)
    return _follow_or_unfollow(
        action,
        FollowKind.CHALLENGE,
        found,
        url_for("challenges.detail", challenge_id=found.id),
    )


@bp.route("/ideas/all/<any(follow, unfollow):action>", methods=["POST"])
def all_ideas(action: str):
    return _follow_or_unfollow(action, FollowKind.ALL_IDEAS, None, url_for("ideas.index"))


@bp.route("/account/notifications", methods=["GET", "POST"])
def settings():
    permissions.require(permissions.can_follow(current_user))
    current = services.settings_of(current_user)
    form = NotificationSettingsForm(obj=None if request.method == "POST" else current)
    if not form.is_submitted():
        form.email_locale.data = current.email_locale or ""
    if form.validate_on_submit():
        services.save_settings(
            current_user,
            idea_delivery=form.idea_delivery.data,
            category_delivery=form.category_delivery.data,
            area_delivery=form.area_delivery.data,
            all_ideas_delivery=form.all_ideas_delivery.data,
            challenge_delivery=form.challenge_delivery.data,
            auto_follow=form.auto_follow.data,
            no_email=form.no_email.data,
            email_locale=form.email_locale.data or None,
        )
        db.session.commit()
        flash(_("Your notification settings are saved."), "success")
        return redirect(url_for("notifications.settings"))
    code = form_status(form)
    return render_template(
        "notifications/settings.html", form=form, follows=services.follows_of(current_user)
    ), code


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # mail programs send the one-click POST (RFC 8058); the token authenticates it
def unsubscribe(token: str):
    """GET only asks (link scanners must not unsubscribe anyone); POST does it."""
    user = links.read_unsubscribe_token(token)
    if user is None:
        return render_template("notifications/unsubscribe.html", invalid=True), 404
    # Whoever holds the link (a forwarded mail) sees at most a masked address.
    address = links.masked_address(user.email)
    if request.method == "POST":
        services.unsubscribe(user)
        db.session.commit()
        return render_template("notifications/unsubscribe.html", done=True, address=address)
    return render_template("notifications/unsubscribe.html", address=address, token=token)
