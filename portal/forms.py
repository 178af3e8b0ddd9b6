"""What every domain's forms share: the messages for common mistakes, the
form behind a button, a select of table rows, and the status a form page
answers with."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, Protocol

from babel.numbers import NumberFormatError, get_group_symbol, parse_decimal
from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, TimeField, validators
from wtforms import IntegerField as WTFormsIntegerField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Optional,
    StopValidation,
    ValidationError,
)

from portal.i18n import LOCALES, locale_code
from portal.validators import normalise_text, optional_int

REQUIRED = _l("This field is required.")
TOO_LONG = _l("At most %(max)s characters, please.")
NOT_A_CHOICE = _l("Please choose one of the options.")


class ActionForm(FlaskForm):
    """A button that changes something: carries only the CSRF token."""


def form_status(form: FlaskForm) -> int:
    """400 for a form sent back with errors (tests and tools see it), else 200."""
    return 400 if form.errors else 200


DATE_HINT = _l(
    "Choose it in the calendar your browser shows; where there is none, "
    "type it as year-month-day, for example 2026-03-12."
)
DATE_INVALID = _l("Please give the date as year-month-day, e.g. 2026-03-12.")
TIME_INVALID = _l("Please give the time as hours and minutes, e.g. 19:00.")


class TimeOfDayField(TimeField):
    """A time of day: the browser's clock (``<input type="time">`` sends
    19:00), or typed where it shows none, the way the language writes it
    (19:00, or 19.00 as Danish and Norwegian do)."""

    def __init__(self, label: object, hint: object, **kwargs: Any) -> None:
        kwargs.setdefault("format", ["%H:%M", "%H.%M"])
        kwargs.setdefault("invalid_value_message", TIME_INVALID)
        super().__init__(label, description=hint, **kwargs)


class Row(Protocol):
    id: int


class RowField(SelectField):
    """A select whose choices are rows of a table (categories, departments).

    The form offers the rows when it is made (``field.offer(rows)``); a value
    that is none of them is refused with ``message``, and ``field.chosen`` is
    the row picked once the form validated (shown by ``text_of``, its name
    unless told otherwise). The first choice is ``prompt``
    ("Choose a category", refused); with ``all_value`` it means "none in
    particular" instead ("All departments", sent as ``all_value``; ``chosen``
    is then None)."""

    def __init__(
        self,
        label: object,
        message: object,
        *,
        prompt: object,
        all_value: str | None = None,
        text_of: Callable[[Any], str] = attrgetter("name"),
        **kwargs: Any,
    ) -> None:
        if all_value is None:
            kwargs["validators"] = [InputRequired(message), *kwargs.get("validators", ())]
        else:
            kwargs.setdefault("default", all_value)
        super().__init__(label, coerce=self._coerce, validate_choice=False, **kwargs)
        self.message = message
        self.prompt = prompt
        self.all_value = all_value
        self.text_of = text_of
        self.rows: dict[int, Row] = {}

    def _coerce(self, value: object) -> int | str | None:
        if self.all_value is not None and value in (self.all_value, None):
            return self.all_value
        # Only text or a whole number (from a JSON body) names a row: int()
        # would turn true or 1.5 into 1.
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        return optional_int(value)

    def offer(self, rows: Iterable[Row]) -> None:
        self.rows = {row.id: row for row in rows}
        first = SelectChoice("" if self.all_value is None else self.all_value, self.prompt)
        rows_offered = [SelectChoice(row.id, self.text_of(row)) for row in self.rows.values()]
        self.choices = [first, *rows_offered]

    def post_validate(self, form: object, validation_stopped: bool) -> None:
        if not validation_stopped and self.data not in self.rows and not self._means_all:
            raise ValidationError(str(self.message))

    @property
    def _means_all(self) -> bool:
        return self.all_value is not None and self.data == self.all_value

    @property
    def chosen(self) -> Any:
        return None if self._means_all else self.rows.get(self.data)  # type: ignore[arg-type]


class Length(validators.Length):
    """WTForms' ``Length`` with its numbers written the reader's way ("at
    most 10.000 characters" in Danish): messages use ``%(max)s``, not ``%(max)d``."""

    def __call__(self, form: Any, field: Any) -> None:
        length = len(field.data) if field.data else 0
        if length >= self.min and (self.max == -1 or length <= self.max):
            return
        numbers = {"min": self.min, "max": self.max, "length": length}
        raise ValidationError(self.message % {k: format_decimal(v) for k, v in numbers.items()})


def lazy_number(n: int) -> LazyString:
    """A number for a lazily translated text (a field's hint), formatted the
    reader's way when the text is shown."""
    return LazyString(format_decimal, n)


def email_field(
    label: object = None,
    autocomplete: str = "email",
    required: bool = True,
    description: object = "",
) -> EmailField:
    """An e-mail address: required (or optional), checked for its form (not
    its domain), kept in lower case. ``autocomplete="off"`` for someone
    else's address."""
    return EmailField(
        label or _l("E-mail address"),
        description=description,
        validators=[
            DataRequired(REQUIRED) if required else Optional(),
            Length(max=254, message=TOO_LONG),
            Email(_l("Please enter a valid e-mail address."), check_deliverability=False),
        ],
        filters=[lambda v: normalise_text(v).lower()],
        render_kw={"autocomplete": autocomplete},
    )


def language_field(label: object = None) -> SelectField:
    """The language a mail to someone else is written in (one of ours)."""
    return SelectField(
        label or _l("Language of the mail"),
        choices=[SelectChoice(code, name) for code, name in LOCALES.items()],
        invalid_choice_message=NOT_A_CHOICE,
    )


WHOLE_NUMBER = _l("Please give a whole number.")


class IntegerField(WTFormsIntegerField):
    """WTForms' ``IntegerField`` reading a whole number the reader's way
    ("250.000" in Danish, "250,000" in English) and saying in their language
    that "abc" or "1,5" is not one (WTForms' own text is English); then no
    other check repeats the complaint (``not_a_number``: the field's own words)."""

    def __init__(self, *args: Any, not_a_number: object = WHOLE_NUMBER, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist: list) -> None:
        text = (valuelist[0] if valuelist else "") or ""
        if not str(text).strip():
            self.data = None
            return
        locale = locale_code()
        group = get_group_symbol(locale=locale)
        typed = str(text).strip()
        if group in ("\u00a0", "\u202f"):  # "250 000" typed with a plain space
            typed = typed.replace(" ", group)
        try:
            number = parse_decimal(typed, locale=locale, strict=True)
        except NumberFormatError as error:
            self.data = None
            raise ValueError(str(self.not_a_number)) from error
        if number != number.to_integral_value():
            self.data = None
            raise ValueError(str(self.not_a_number))
        self.data = int(number)

    def pre_validate(self, form: Any) -> None:
        if self.process_errors:
            raise StopValidation()
