from __future__ import annotations

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, ValidationError

from portal.accounts.names import NotReserved
from portal.errors import label_typed_text
from portal.forms import NOT_A_CHOICE, REQUIRED, TOO_LONG, Length, email_field, lazy_number
from portal.i18n import LOCALES, count
from portal.validators import PlainText, as_text, normalise_text


def _display_name_field() -> StringField:
    return StringField(
        _l("Display name"),
        description=_l("Shown next to your ideas and comments. 2–60 characters."),
        validators=[
            DataRequired(REQUIRED),
            Length(min=2, max=60, message=_l("Between 2 and 60 characters, please.")),
            PlainText(),
            NotReserved(),
        ],
        filters=[normalise_text],
        render_kw={"autocomplete": "nickname"},
    )


label_typed_text(display_name=_l("Display name"))


class NewPassword:
    def __call__(self, form: FlaskForm, field: PasswordField) -> None:
        minimum = current_app.config["PASSWORD_MIN_LENGTH"]
        if len(field.data or "") < minimum:
            raise ValidationError(
                _l("Use at least %(count)s characters.", count=lazy_number(minimum))
            )
        if len(field.data) > 200:
            raise ValidationError(_l("Use at most 200 characters."))


def _password_hint() -> str:
    """The hint under a new password, with the length configured."""
    return count(
        "At least %(num)s character. A few unrelated words make a good password.",
        "At least %(num)s characters. A few unrelated words make a good password.",
        current_app.config["PASSWORD_MIN_LENGTH"],
    )


def _new_password_fields() -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        _l("Password"),
        description=LazyString(_password_hint),
        validators=[DataRequired(REQUIRED), NewPassword()],
        filters=[as_text],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[
            DataRequired(REQUIRED),
            EqualTo("password", _l("The two passwords are not the same.")),
        ],
        filters=[as_text],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class RegisterForm(FlaskForm):
    display_name = _display_name_field()
    email = email_field()
    password, password_confirm = _new_password_fields()


class LoginForm(FlaskForm):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(REQUIRED), Length(max=200, message=TOO_LONG)],
        filters=[as_text],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ResetRequestForm(FlaskForm):
    email = email_field()


class ResetPasswordForm(FlaskForm):
    password, password_confirm = _new_password_fields()


class ProfileForm(FlaskForm):
    display_name = _display_name_field()
    locale = SelectField(
        _l("Language"),
        choices=[SelectChoice(code, name) for code, name in LOCALES.items()],
        invalid_choice_message=NOT_A_CHOICE,
    )
    credit_by_name = BooleanField(
        _l("Thank me by name in reports and open data"),
        description=_l(
            "Idea pages always show your display name. When the municipality adopts your "
            "idea or awards your answer to a challenge, the meeting report and the results "
            "report thank you by name, and the data it publishes for anyone to reuse (open "
            "data) names you, only if you tick this; otherwise they speak of “the citizen” "
            "or “a citizen”."
        ),
    )


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password, to confirm"),
        validators=[DataRequired(REQUIRED), Length(max=200, message=TOO_LONG)],
        filters=[as_text],
        render_kw={"autocomplete": "current-password"},
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(REQUIRED), Length(max=200, message=TOO_LONG)],
        filters=[as_text],
        render_kw={"autocomplete": "current-password"},
    )
    password, password_confirm = _new_password_fields()
