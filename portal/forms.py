"""What every domain's forms share: the messages for common mistakes, the
form behind a button, and the status a form page answers with."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

REQUIRED = _l("This field is required.")
TOO_LONG = _l("At most %(max)d characters, please.")
NOT_A_CHOICE = _l("Please choose one of the options.")


class ActionForm(FlaskForm):
    """A button that changes something: carries only the CSRF token."""


def form_status(form: FlaskForm) -> int:
    """400 for a form sent back with errors (tests and tools see it), else 200."""
    return 400 if form.errors else 200
