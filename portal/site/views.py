from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.challenges import queries as challenges
from portal.extensions import db
from portal.i18n import LOCALES, remember_locale
from portal.ideas import queries
from portal.urls import next_from_request

bp = Blueprint("site", __name__)

FRONT_PAGE_IDEAS = 5
FRONT_PAGE_CHALLENGES = 3


@bp.route("/")
def index():
    return render_template(
        "site/index.html",
        newest=queries.top_ideas("new", FRONT_PAGE_IDEAS),
        most_supported=queries.top_ideas("top", FRONT_PAGE_IDEAS),
        categories=queries.categories_with_counts(),
        challenges=challenges.open_challenges(FRONT_PAGE_CHALLENGES),
    )


@bp.route("/language", methods=["POST"])
def set_language():
    """The language switch: a cookie for everyone, the account setting too."""
    locale = request.form.get("lang", "")
    response = redirect(next_from_request(url_for("site.index")))
    if locale in LOCALES:
        remember_locale(response, locale)
        if current_user.is_authenticated:
            current_user.locale = locale
            db.session.commit()
    return response


@bp.route("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return _uncached(jsonify(status="error", database="unavailable")), 503
    return _uncached(jsonify(status="ok", database="ok"))


def _uncached(response):  # type: ignore[no-untyped-def]
    """A health answer is about now: no cache may keep it."""
    response.headers["Cache-Control"] = "no-store"
    return response
