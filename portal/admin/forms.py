from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Regexp

from portal import settings
from portal.accounts.models import Role, User
from portal.forms import NOT_A_CHOICE, REQUIRED, TOO_LONG, IntegerField, Length, RowField
from portal.moderation.models import CANNED_MAX
from portal.municipality.queries import departments as all_departments
from portal.validators import PlainText, normalise_multiline, normalise_text

ROLE_LABELS = {
    Role.CITIZEN: _l("Citizen"),
    Role.MODERATOR: _l("Moderator"),
    Role.OFFICIAL: _l("Official"),
    Role.ADMIN: _l("Administrator"),
}
SLUG_HINT = _l("Used in addresses: lower-case letters, digits and hyphens.")


class RoleForm(FlaskForm):
    role = RadioField(
        _l("Role"),
        choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()],
        validators=[InputRequired(NOT_A_CHOICE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    department = RowField(
        _l("Department (officials only)"),
        NOT_A_CHOICE,
        prompt=_l("No department"),
        all_value="",  # "none": only officials belong to one (the service checks)
        description=_l("An official answers the ideas handed over to their department."),
    )

    def __init__(self, *args: Any, account: User, **kwargs: Any) -> None:
        """Offers the departments; the first time, the account's role and department."""
        super().__init__(*args, **kwargs)
        self.department.offer(all_departments())
        if not self.is_submitted():
            self.role.data = account.role
            self.department.data = account.department_id or ""


def _name_field(label: object) -> StringField:
    return StringField(
        label,
        validators=[DataRequired(REQUIRED), Length(max=80, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": 80},
    )


class NamesForm(FlaskForm):
    """A department or a category: its address and its name in every language."""

    slug = StringField(
        _l("Short name"),
        description=SLUG_HINT,
        validators=[
            DataRequired(REQUIRED),
            Length(max=40, message=TOO_LONG),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$", message=SLUG_HINT),
        ],
        filters=[lambda v: normalise_text(v).lower()],
        render_kw={"maxlength": 40},
    )
    name_da = _name_field(_l("Name in Danish"))
    name_nb = _name_field(_l("Name in Norwegian (Bokmål)"))
    name_nl = _name_field(_l("Name in Dutch"))
    name_en = _name_field(_l("Name in English"))


def _position_field(description: object) -> IntegerField:
    return IntegerField(
        _l("Position in lists"),
        description=description,
        validators=[
            InputRequired(REQUIRED),
            NumberRange(min=0, max=1000, message=_l("A number from 0 to 1000, please.")),
        ],
    )


class CategoryForm(NamesForm):
    position = _position_field(_l("Categories are listed from the lowest number up."))


class AreaForm(NamesForm):
    position = _position_field(_l("Areas are listed from the lowest number up."))


def _reason_text(label: object) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[DataRequired(REQUIRED), Length(max=CANNED_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3, "maxlength": CANNED_MAX},
    )


class CannedReasonForm(FlaskForm):
    """A standard reason moderators pick, written in every language."""

    text_da = _reason_text(_l("In Danish"))
    text_nb = _reason_text(_l("In Norwegian (Bokmål)"))
    text_nl = _reason_text(_l("In Dutch"))
    text_en = _reason_text(_l("In English"))
    position = _position_field(_l("Moderators see the reasons from the lowest number up."))


def settings_form() -> FlaskForm:
    """A field for every site setting, in the order the domains define them."""

    class SettingsForm(FlaskForm):
        pass

    for key, definition in settings.DEFINITIONS.items():
        setattr(SettingsForm, key, definition.form_field())
    return SettingsForm()
