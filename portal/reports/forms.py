"""The period report's question: which department, which area, from when, to when."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import DateField
from wtforms.validators import InputRequired, ValidationError

from portal.areas.queries import areas
from portal.forms import DATE_HINT, DATE_INVALID, NOT_A_CHOICE, RowField
from portal.municipality.queries import departments

DEFAULT_DAYS = 90


class PeriodForm(FlaskForm):
    """Read from the query string (``?department=3&area=2&from=…&to=…``), so a
    report's address can be bookmarked and shared among staff."""

    class Meta:
        csrf = False  # a GET form: it changes nothing

    department = RowField(
        _l("Department"), NOT_A_CHOICE, prompt=_l("All departments"), all_value="all"
    )
    area = RowField(_l("Area"), NOT_A_CHOICE, prompt=_l("All areas"), all_value="all")
    start = DateField(
        _l("From"),
        name="from",
        description=DATE_HINT,
        validators=[InputRequired(DATE_INVALID)],
        invalid_value_message=DATE_INVALID,
    )
    end = DateField(
        _l("To (inclusive)"),
        name="to",
        validators=[InputRequired(DATE_INVALID)],
        invalid_value_message=DATE_INVALID,
    )

    def __init__(self, query: MultiDict[str, str], *, today: date) -> None:
        # A query without the form's fields is the first visit (perhaps in a
        # language: ?lang=da): the last 90 days, all departments.
        self.is_asked = any(name in query for name in ("department", "area", "from", "to"))
        super().__init__(formdata=query if self.is_asked else None)
        self.department.offer(departments())
        self.area.offer(areas())
        if not self.is_asked:
            self.start.data = today - timedelta(days=DEFAULT_DAYS)
            self.end.data = today

    def validate_end(self, field: DateField) -> None:
        if self.start.data and field.data and field.data < self.start.data:
            raise ValidationError(_l("The end date must not be before the start date."))
