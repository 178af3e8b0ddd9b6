from __future__ import annotations

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError

from portal import mail, pagecache, permissions, ratelimit
from portal.challenges import queries as challenges
from portal.extensions import db
from portal.i18n import LOCALES, remember_locale
from portal.ideas import queries
from portal.metrics import exposition as metrics_exposition
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
        areas=queries.areas_with_counts(),
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
    """For the load balancer and monitoring: 503 when this node cannot serve
    (no database); "degraded" when it serves but something shared is missing
    (Redis: the rate limits count per node); and how far the outbox is behind."""
    rate_limits = ratelimit.storage_health()
    try:
        outbox = mail.health()
    except SQLAlchemyError:
        db.session.rollback()
        answer = jsonify(status="error", database="unavailable", rate_limits=rate_limits)
        return _uncached(answer), 503
    page_cache = pagecache.health()
    status = "degraded" if "unavailable" in (rate_limits, page_cache) else "ok"
    answer = jsonify(status=status, database="ok", rate_limits=rate_limits, page_cache=page_cache,
                     outbox=outbox)  # fmt: skip
    return _uncached(answer)


@bp.route("/metrics")
def metrics():
    if not permissions.can_read_metrics():
        abort(404)  # not even that it exists
    return metrics_exposition()


def _uncached(response):  # type: ignore[no-untyped-def]
    """A health answer is about now: no cache may keep it."""
    response.headers["Cache-Control"] = "no-store"
    return response
