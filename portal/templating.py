"""Template filters and globals shared by every page and mail."""

from __future__ import annotations

from datetime import datetime

from flask import Flask, current_app, request
from flask_babel import format_date, format_decimal, format_time, get_locale

from portal.i18n import LOCALES


def _date(value: datetime | None, fmt: str = "long") -> str:
    return format_date(value, fmt) if value else ""


def _datetime(value: datetime | None) -> str:
    if not value:
        return ""
    return f"{format_date(value, 'long')}, {format_time(value, 'short')}"


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") + "Z" if value else ""


def init_app(app: Flask) -> None:
    app.jinja_env.filters["date"] = _date
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["iso"] = _iso
    app.jinja_env.filters["number"] = format_decimal

    @app.context_processor
    def _globals() -> dict:
        return {
            "locales": LOCALES,
            "current_locale": str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"]),
            "site_name": current_app.config["SITE_NAME"],
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
