"""Languages: which ones we speak, and which one a request gets."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from babel.support import Translations
from flask import Flask, Response, current_app, g, request
from flask_babel import force_locale, format_decimal, get_locale, get_translations
from flask_login import current_user
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import babel

# Shown in the language switch, each in its own language.
LOCALES = {"da": "Dansk", "nb": "Norsk bokmål", "nl": "Nederlands", "en": "English"}
LOCALE_COOKIE = "lang"
# What browsers send for Norwegian.
_ALIASES = {"no": "nb", "nn": "nb", "nb": "nb"}


def normalise(tag: str | None) -> str | None:
    """Map a language tag (``nb-NO``, ``no``, ``da_DK``) to one we speak."""
    if not tag:
        return None
    primary = tag.replace("_", "-").split("-")[0].lower()
    primary = _ALIASES.get(primary, primary)
    return primary if primary in LOCALES else None


def from_accept_language() -> str | None:
    for tag, _quality in request.accept_languages:
        locale = normalise(tag)
        if locale:
            return locale
    return None


def select_locale() -> str:
    """A link's ``?lang=`` (a mail offers its page in every language; the
    choice is remembered, see ``_remember_link_language``) → account setting
    → cookie → Accept-Language → deployment default. Feeds, read by programs
    without cookies or accounts: ``?lang=`` → Accept-Language → default."""
    if request.blueprint == "feeds":
        return (
            normalise(request.args.get("lang"))
            or from_accept_language()
            or current_app.config["BABEL_DEFAULT_LOCALE"]
        )
    linked = normalise(request.args.get("lang"))
    if linked:
        return linked
    if current_user and current_user.is_authenticated and current_user.locale in LOCALES:
        return current_user.locale
    return (
        normalise(request.cookies.get(LOCALE_COOKIE))
        or from_accept_language()
        or current_app.config["BABEL_DEFAULT_LOCALE"]
    )


@contextmanager
def force_locale_of(locale: str | None) -> Iterator[str]:
    """Render something for someone else, in their language."""
    chosen = normalise(locale) or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(chosen):
        yield chosen


def remember_locale(response: Response, locale: str) -> Response:
    """The visitor's choice, in a cookie only the server reads (and an answer
    that sets it is nobody else's: no shared cache keeps it)."""
    response.headers["Cache-Control"] = "private, no-store"
    response.set_cookie(
        LOCALE_COOKIE,
        locale,
        max_age=365 * 86400,
        samesite="Lax",
        httponly=True,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


def _active() -> tuple[object, str, Translations]:
    """(Babel locale, its code, its catalogue), looked up once per request
    and locale: a page asks for them hundreds of times, and Flask-Babel's
    own lookup is several calls deep. Kept on Flask-Babel's own context of
    the request; force_locale() replaces its locale object, which the
    identity check notices."""
    context = g.get("_flask_babel")
    cached = getattr(context, "portal_active", None)
    if cached is not None and cached[0] is context.babel_locale:
        return cached
    locale = get_locale()
    cached = (locale, str(locale), get_translations())
    context = g.get("_flask_babel")  # get_locale() made it, if it was not there
    if context is not None and context.babel_locale is locale:
        context.portal_active = cached
    return cached


def locale_code() -> str:
    """The active language's code ("da", "nb", "nl", "en")."""
    return _active()[1] if g else "en"


def _translations() -> Translations:
    return _active()[2]


_TRANSLATED: dict[tuple[int, str], dict[str, str]] = {}


def translated(labels: Mapping[str, object]) -> dict[str, str]:
    """A module's labels (lazy strings) in the active language: translated
    once per process and language (the catalogues do not change while it
    runs), not on every page that shows them."""
    key = (id(labels), locale_code())
    found = _TRANSLATED.get(key)
    if found is None:
        found = _TRANSLATED[key] = {name: str(label) for name, label in labels.items()}
    return found


def count(singular: str, plural: str, n: int, **variables: object) -> str:
    """``ngettext`` with the count written the reader's way ("1.234",
    "1 234"): Flask-Babel's own fills %(num)s with the bare number."""
    text = _translations().ungettext(singular, plural, n)
    return text % {"num": format_decimal(n), **variables}


def _remember_link_language(response: Response) -> Response:
    """A page opened in a language by its link (``?lang=``) stays in it."""
    linked = normalise(request.args.get("lang"))
    if linked and request.blueprint != "feeds" and request.cookies.get(LOCALE_COOKIE) != linked:
        remember_locale(response, linked)
    return response


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.after_request(_remember_link_language)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )


class NamedInEveryLanguage:
    """Model mixin: a name written by an admin in each of the portal's
    languages (categories, departments); ``name`` gives the active one."""

    name_en: Mapped[str] = mapped_column(String(80))
    name_da: Mapped[str] = mapped_column(String(80))
    name_nb: Mapped[str] = mapped_column(String(80))
    name_nl: Mapped[str] = mapped_column(String(80))

    @property
    def name(self) -> str:
        return getattr(self, f"name_{locale_code()}", None) or self.name_en
