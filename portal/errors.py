"""Translated, styled error pages; no traceback ever reaches a user."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import ClassVar
from urllib.parse import urlsplit

from flask import (
    Flask,
    Response,
    abort,
    flash,
    g,
    make_response,
    render_template,
    request,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError
from wtforms import Field, HiddenField, PasswordField, StringField

from portal.extensions import db, login_manager
from portal.security import INSECURE_LOG, INSECURE_TRANSPORT, insecure_transport

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A service refused what was asked, for a reason the person can act on.

    ``key`` is stable (tests and logs use it); ``message`` is the translated
    sentence the person reads. Each domain subclasses it next to the service
    that raises it and lists its messages there (``messages``); views show
    ``error.message`` and never word the reason themselves."""

    messages: ClassVar[Mapping[str, object]] = {}

    def __init__(self, key: str, **params: object) -> None:
        if key not in self.messages:
            raise KeyError(f"{type(self).__name__} has no message for {key!r}")
        super().__init__(key)
        self.key = key
        self.params = params  # filled into the message's %(name)s placeholders

    @property
    def message(self) -> str:
        text = str(self.messages[self.key])
        return text % self.params if self.params else text


class carried_out:  # noqa: N801 - read as a phrase: ``with carried_out(...) as done``
    """What a view does around a service call that may refuse::

        with carried_out(_("Your changes are saved.")) as done:
            services.update(current_user, thing, data)
        if done:
            return redirect(...)

    A ``DomainError`` from the block is shown as its message (flashed as an
    error, or put on the form's ``field`` when one is given: the page is
    shown again with it) and nothing is committed; otherwise the session is
    committed and ``message`` (if any) flashed. ``done`` is true afterwards
    when it was carried out."""

    def __init__(
        self, message: object = None, category: str = "success", field: Field | None = None
    ) -> None:
        self.message, self.category, self.field, self.done = message, category, field, False

    def __bool__(self) -> bool:
        return self.done

    def __enter__(self) -> carried_out:
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, _tb: object) -> bool:
        if isinstance(error, DomainError):
            db.session.rollback()
            if self.field is not None:
                self.field.errors = [error.message]
            else:
                flash(error.message, "error")
            return True
        if error is None:
            db.session.commit()
            if self.message is not None:
                flash(str(self.message), self.category)
            self.done = True
        return False


MESSAGES = {
    400: (_l("Bad request"), _l("The request could not be understood. Please try again.")),
    401: (
        _l("Please log in again"),
        _l(
            "You are no longer logged in, for example because the page was open for a "
            "long time. Log in, then send your text again."
        ),
    ),
    403: (_l("Not allowed"), _l("You do not have permission to do this.")),
    404: (_l("Page not found"), _l("The page you asked for does not exist or has been removed.")),
    405: (_l("Not allowed"), _l("This address does not accept that kind of request.")),
    409: (
        _l("Not possible now"),
        _l("This cannot be done in the present state. Please reload the page."),
    ),
    413: (_l("Too large"), _l("What you sent is too large. Please shorten it and try again.")),
    429: (_l("Too many requests"), _l("You have done this too often. Please wait a little.")),
    500: (_l("Something went wrong"), _l("An error occurred on our side. Please try again later.")),
    503: (_l("Temporarily unavailable"), _l("The portal is unavailable. Please try again soon.")),
}
CSRF_MESSAGE = _l(
    "Your form had expired. Go back, reload the page and send it again; "
    "your browser usually keeps what you typed."
)


# Labels for the text a refused form is given back under (see
# ``typed_in_request``): the common names here, a domain's own fields added
# by the domain (``label_typed_text``); other fields appear under their name.
TEXT_LABELS = {
    "title": _l("Title"),
    "email": _l("E-mail address"),
    "reason": _l("Reason"),
    **dict.fromkeys(("body", "text", "note", "description", "message"), _l("Text")),
}


def label_typed_text(**labels: object) -> None:
    """Name a domain's text fields on the page that gives typed text back."""
    TEXT_LABELS.update(labels)


# Ids and the token a form carries, never text someone typed: the common
# ones here, a domain's own added by the domain (``not_typed``).
NOT_TYPED = {"csrf_token", "next", "submit"}


def not_typed(*names: str) -> None:
    """Fields of a domain's forms that carry ids or keys, not typed text."""
    NOT_TYPED.update(names)


_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,40}")
# The value of a select, radio button or checkbox ("3", "da", "weekly", "on").
_CHOICE_VALUE = re.compile(r"[a-z0-9_:.-]{1,40}")


def render_error(
    code: int,
    message: object | None = None,
    typed: list[tuple[str, str, str]] | None = None,
    login_url: str | None = None,
) -> tuple[str, int]:
    """The error page; ``typed`` is text the user sent, shown again as
    (field name, label, text) so it can be copied; ``login_url`` a link to
    log in."""
    title, default = MESSAGES.get(code, MESSAGES[500])
    return render_template(
        "errors/error.html",
        code=code,
        title=title,
        message=message or default,
        typed=typed,
        login_url=login_url,
    ), code


def typed_text(form_class: type[FlaskForm]) -> list[tuple[str, str, str]]:
    """The text fields of a refused submission, as (name, label, text):
    what someone wrote, never passwords, hidden ids or the CSRF token."""
    form = form_class(meta={"csrf": False})
    return [
        (field.name, str(field.label.text), field.data)
        for field in form
        if isinstance(field, StringField)
        and not isinstance(field, PasswordField | HiddenField)
        and isinstance(field.data, str)
        and field.data.strip()
    ]


def _not_typed(name: str) -> bool:
    return (
        "password" in name.lower()
        or name in NOT_TYPED
        or name.endswith("_id")
        or not _FIELD_NAME.fullmatch(name)
    )


def typed_in_request() -> list[tuple[str, str, str]]:
    """The text of a refused POST whatever its form, as (name, label, text):
    fields someone wrote in, never passwords, ids, the CSRF token or the
    values of choices."""
    data = request.form
    if not data and request.is_json:
        body = request.get_json(silent=True)
        data = body if isinstance(body, dict) else {}
    typed = []
    for name, value in data.items():
        if not isinstance(value, str) or not value.strip() or _not_typed(name):
            continue
        label = TEXT_LABELS.get(name)
        if label is None and _CHOICE_VALUE.fullmatch(value):
            continue
        typed.append((name, str(label or name), value))
    return typed


def _logged_out_post_keeps_text(response: Response) -> Response:
    """A POST refused because nobody is logged in (any more: the login timed
    out while the form was open) is sent to log in, and what was typed would
    be lost: if the form held text, answer with a page that shows it and
    links to the same login (which comes back to the page the form was on).

    Registered after the rate limits, so it runs before them: they see the
    page, not a redirect counted as a submission that went through."""
    if (
        request.method != "POST"
        or response.status_code not in (302, 303)
        or current_user.is_authenticated
        or urlsplit(response.location or "").path != url_for(login_manager.login_view)
    ):
        return response
    typed = typed_in_request()
    if not typed:
        return response
    return make_response(render_error(401, typed=typed, login_url=response.location))


def _http_error(error: HTTPException) -> tuple[str, int] | HTTPException:
    if error.code is None or error.code < 400:
        return error
    return render_error(error.code)


def _too_many_requests(_error: HTTPException) -> tuple[str, int]:
    """Refused by a rate limit: nothing typed is lost (see ``ratelimit.keep_typed``)."""
    form_class = g.pop("refused_form", None)
    typed = typed_text(form_class) if form_class and request.method == "POST" else None
    return render_error(429, typed=typed)


def _json_body_must_be_an_object() -> None:
    """Forms also accept a JSON object (Flask-WTF reads it as form data); any
    other JSON body (a list, a number) is a bad request, not a crash."""
    if request.is_json and request.method not in ("GET", "HEAD", "OPTIONS"):
        body = request.get_json(silent=True)
        if body is not None and not isinstance(body, dict):
            abort(400)


def _csrf_error(_error: CSRFError) -> tuple[str, int]:
    """The form's token no longer matches (its session cookie was lost, e.g.
    by a browser restart): say so, and give the text typed back — only to
    a form of our own, so another site cannot put its words on our page."""
    sender = request.headers.get("Origin") or request.headers.get("Referer") or ""
    own = urlsplit(sender).netloc == request.host
    message = CSRF_MESSAGE
    if insecure_transport():
        log.warning("Form refused at %s. %s", request.path, INSECURE_LOG)
        message = INSECURE_TRANSPORT
    return render_error(400, message, typed=(typed_in_request() or None) if own else None)


def _database_unavailable(error: OperationalError) -> tuple[str, int]:
    """The database is down or locked: say so quickly, with a translated 503."""
    log.error("Database unavailable: %s", error.orig)
    db.session.rollback()
    # Render as a visitor: finding out who is logged in needs the database.
    g._login_user = login_manager.anonymous_user()
    return render_error(503)


def _refused(error: DomainError) -> tuple[str, int]:
    """A service refusal no view caught (a race the view could not foresee):
    roll back and say why, with what was typed, instead of a 500."""
    db.session.rollback()
    return render_error(409, error.message, typed=typed_in_request() or None)


def _server_error(error: Exception) -> tuple[str, int]:
    log.exception("Unhandled error", exc_info=error)
    db.session.rollback()
    return render_error(500)


def init_app(app: Flask) -> None:
    app.before_request(_json_body_must_be_an_object)
    app.after_request(_logged_out_post_keeps_text)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(DomainError, _refused)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
    app.register_error_handler(Exception, _server_error)
