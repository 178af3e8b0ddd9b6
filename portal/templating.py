"""Template filters and globals shared by every page and mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import Flask, current_app, request, url_for
from flask_babel import (
    format_timedelta,
    gettext,
    pgettext,
    to_user_timezone,
)

from portal.i18n import LOCALES, count, locale_code
from portal.timeutil import utcnow
from portal.urls import absolute_url, canonical_path


@lru_cache(maxsize=8192)
def _format_day(day: date, fmt: str, locale: str) -> str:
    return babel_dates.format_date(day, fmt, locale=locale)


def format_date(value: datetime | date | None, fmt: str = "long") -> str:
    """A date in the reader's time zone and language (memoised: lists show
    the same few days over and over, and Babel's formatting is slow). A
    moment (UTC) is first moved to the reader's zone; a calendar day is not."""
    if not value:
        return ""
    day = to_user_timezone(value).date() if isinstance(value, datetime) else value
    return _format_day(day, fmt, locale_code())


@lru_cache(maxsize=8192)
def _format_number(value: float | int, locale: str) -> str:
    return babel_numbers.format_decimal(value, locale=locale)


def format_number(value: float | int) -> str:
    """A number the reader's way ("4,5" in Danish, "4.5" in English),
    memoised like days: a ranking writes the same few means hundreds of times."""
    return _format_number(value, locale_code())


@lru_cache(maxsize=16384)
def _format_moment(local: datetime, locale: str) -> str:
    # NOTE: a Babel time pattern: HH hours, mm minutes (e.g. "HH.mm" in Danish).
    time = babel_dates.format_time(local, pgettext("time of day", "HH:mm"), locale=locale)
    # NOTE: a date ("12. marts 2026") and a time of day ("19.00") together.
    return gettext(
        "%(date)s at %(time)s", date=_format_day(local.date(), "long", locale), time=time
    )


def _datetime(value: datetime | None) -> str:
    """A moment as the reader's language says it ("den 12. marts 2026 kl. 19.00",
    "12 maart 2026 om 19:00 uur"): one translatable pattern, not date + ", " + time.
    Memoised on the reader's wall-clock minute and language, which are all
    the text depends on: a debate shows the same comments' times again and again."""
    if not value:
        return ""
    local = to_user_timezone(value).replace(tzinfo=None, second=0, microsecond=0)
    return _format_moment(local, locale_code())


DAY = 86400  # seconds
FROM_NOW_THRESHOLD = 1.5  # "36 hours" becomes "2 days", "10 days" stays days


def _from_now(value: datetime | None) -> str:
    """How far a moment is from now, as the reader's language says it ("in 5
    days", "om 5 dage", "over 5 dagen"; "3 hours ago"). Days are the
    catalogue's words: CLDR's Norwegian says "døgn" (a 24-hour period) where
    a reader expects "dager"."""
    if not value:
        return ""
    seconds = (value - utcnow()).total_seconds()
    days = abs(seconds) / DAY
    if FROM_NOW_THRESHOLD <= days < FROM_NOW_THRESHOLD * 7:
        n = round(days)
        if seconds >= 0:
            return count("in %(num)s day", "in %(num)s days", n)
        return count("%(num)s day ago", "%(num)s days ago", n)
    return format_timedelta(seconds, threshold=FROM_NOW_THRESHOLD, add_direction=True)


def _money(amount: int | None) -> str:
    """A whole amount in the portal's currency, as the reader writes it
    ("50.000 kr.", "€ 50.000")."""
    if amount is None:
        return ""
    locale = babel_numbers.Locale.parse(locale_code())
    pattern = locale.currency_formats["standard"].pattern.replace(".00", "")
    return babel_numbers.format_currency(
        amount, current_app.config["CURRENCY"], pattern, locale=locale, currency_digits=False
    )


def _iso(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") + "Z" if value else ""


@dataclass(frozen=True)
class FeedLink:
    """A feed a page announces (in ``<head>`` and visibly), in the page's language."""

    title: str
    atom: str
    rss: str


def feed_link(endpoint: str, title: str, **values: object) -> FeedLink:
    lang = locale_code()
    return FeedLink(
        title=title,
        atom=url_for(endpoint, fmt="atom", lang=lang, **values),
        rss=url_for(endpoint, fmt="rss", lang=lang, **values),
    )


def init_app(app: Flask) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = _datetime
    app.jinja_env.filters["iso"] = _iso
    app.jinja_env.filters["from_now"] = _from_now
    app.jinja_env.filters["money"] = _money
    app.jinja_env.filters["number"] = format_number

    @app.context_processor
    def _globals() -> dict:
        return {
            "locales": LOCALES,
            "current_locale": locale_code(),
            "site_name": current_app.config["SITE_NAME"],
            "current_path": canonical_path() if request else "/",
            "absolute_url": absolute_url,
            "feed_link": feed_link,
        }
