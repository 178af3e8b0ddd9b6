"""The civic participation portal: application factory."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

from flask import Flask

# The checkout the package lives in: config.py, templates/, static/,
# translations/ and migrations/ sit beside portal/.
ROOT = Path(__file__).resolve().parent.parent


def _config_module() -> ModuleType:
    """The checkout's config.py, found through the package rather than
    ``sys.path``: the portal imports from any working directory, and a
    different ``config`` module elsewhere on the path is never taken."""
    path = ROOT / "config.py"
    loaded = sys.modules.get("config")
    if loaded is not None and Path(loaded.__file__ or "").resolve() == path:
        return loaded
    name = "config" if loaded is None else "portal_checkout_config"  # never replace another
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"portal: {path} is missing")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def create_app(config_name: str | None = None, **overrides: object) -> Flask:
    config = _config_module()
    BASE_DIR, CONFIGS, INSTANCE_DIR = config.BASE_DIR, config.CONFIGS, config.INSTANCE_DIR  # noqa: N806
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
        database,
        errors,
        i18n,
        logs,
        metrics,
        models,
        pagecache,
        ratelimit,
        security,
        urls,
    )
    from portal.extensions import csrf, db, login_manager, migrate

    logs.init_app(app)  # first: its clock starts before any other hook can refuse
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = database.engine_options(app.config)
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=str(BASE_DIR / "migrations"),
        render_as_batch=True,
        include_object=models.include_object,
        compare_type=True,
    )
    # Before the CSRF check, which reads the form: a form with photos may be
    # larger than any other request.
    from portal.photos.forms import allow_photo_bodies

    app.before_request(allow_photo_bodies)
    csrf.init_app(app)
    login_manager.init_app(app)
    i18n.init_app(app)
    models.import_all()
    from portal import mail, suppression

    # Every mail goes out only to an address that did not ask never to get one.
    mail.register_send_check(suppression.still_wanted)
    from portal.challenges.queries import per_phase

    metrics.register_once("portal_challenges", "Challenges, per phase", per_phase)
    metrics.init_app(app)
    pagecache.init_app(app)  # before security: it keeps what security marked public
    security.init_app(app)
    ratelimit.init_app(app)
    errors.init_app(app)
    urls.init_app(app)

    from portal import confirmations, permissions, sharing, templating

    permissions.init_app(app)
    templating.init_app(app)
    sharing.init_app(app)
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
    from portal.opendata.views import bp as opendata_bp
    from portal.photos.views import bp as photos_bp
    from portal.privacy.views import bp as privacy_bp
    from portal.profiles.views import bp as profiles_bp
    from portal.reports.views import bp as reports_bp
    from portal.site.views import bp as site_bp
    from portal.supports.views import bp as supports_bp
    from portal.versions.views import bp as versions_bp

    for bp in (
        site_bp, accounts_bp, ideas_bp, comments_bp, supports_bp, moderation_bp,
        municipality_bp, challenges_bp, nominations_bp, feeds_bp, notifications_bp, reports_bp,
        privacy_bp, admin_bp, opendata_bp, versions_bp, profiles_bp, photos_bp,
    ):  # fmt: skip
        app.register_blueprint(bp)
