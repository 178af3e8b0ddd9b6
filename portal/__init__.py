"""The civic participation portal: application factory."""

from __future__ import annotations

import os

from flask import Flask

from config import BASE_DIR, CONFIGS, INSTANCE_DIR


def create_app(config_name: str | None = None, **overrides: object) -> Flask:
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(BASE_DIR / "templates"),
        static_folder=str(BASE_DIR / "static"),
    )
    name = config_name or os.environ.get("PORTAL_CONFIG", "development")
    app.config.from_object(CONFIGS[name]())
    app.config.update(overrides)
    refusal = getattr(CONFIGS[name], "refusal", None)
    problem = refusal(app.config) if refusal else None
    if problem:
        # One line for the operator (gunicorn, systemd, cron), not a traceback.
        raise SystemExit(f"portal: {problem}")

    from portal import (
        database,  # noqa: F401 - registers the SQLite pragmas
        errors,
        i18n,
        models,
        ratelimit,
        security,
        urls,
    )
    from portal.extensions import csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(BASE_DIR / "migrations"),
        render_as_batch=True,
        include_object=models.include_object,
        compare_type=True,
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    models.import_all()
    from portal import mail, suppression

    # Every mail goes out only to an address that did not ask never to get one.
    mail.register_send_check(suppression.still_wanted)
    security.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    urls.init_app(app)

    from portal import confirmations, permissions, templating

    permissions.init_app(app)
    templating.init_app(app)
    confirmations.init_app(app)
    _register_blueprints(app)

    from portal import cli

    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal.accounts.views import bp as accounts_bp
    from portal.admin.views import bp as admin_bp
    from portal.challenges.views import bp as challenges_bp
    from portal.comments.views import bp as comments_bp
    from portal.feeds.views import bp as feeds_bp
    from portal.ideas.views import bp as ideas_bp
    from portal.moderation.views import bp as moderation_bp
    from portal.municipality.views import bp as municipality_bp
    from portal.nominations.views import bp as nominations_bp
    from portal.notifications.views import bp as notifications_bp
    from portal.privacy.views import bp as privacy_bp
    from portal.reports.views import bp as reports_bp
    from portal.site.views import bp as site_bp
    from portal.supports.views import bp as supports_bp

    for bp in (
        site_bp, accounts_bp, ideas_bp, comments_bp, supports_bp, moderation_bp,
        municipality_bp, challenges_bp, nominations_bp, feeds_bp, notifications_bp, reports_bp,
        privacy_bp, admin_bp,
    ):  # fmt: skip
        app.register_blueprint(bp)
