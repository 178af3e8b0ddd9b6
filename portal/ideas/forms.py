from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.accounts.forms import REQUIRED, TOO_LONG
from portal.i18n import LOCALES
from portal.ideas.models import BODY_MAX, TITLE_MAX
from portal.validators import PlainText, normalise_multiline, normalise_text, optional_int

CHOOSE_CATEGORY = _l("Please choose a category.")


def category_id(value: object) -> int | None:
    """The chosen category's id, or None. Only text or a whole number (from a
    JSON body) can name one: ``int()`` would turn true or 1.5 into 1."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return optional_int(value)


def language_code(value: object) -> str | None:
    """A supported language, or None: anything else means "not said"."""
    return value if isinstance(value, str) and value in LOCALES else None


class IdeaForm(FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l(
            "A short, clear summary of your idea (at most %(count)s characters).", count=TITLE_MAX
        ),
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=5, max=TITLE_MAX, message=_l("Between %(min)d and %(max)d characters, please.")
            ),
            PlainText(),
        ],
        filters=[normalise_text],
        render_kw={"maxlength": TITLE_MAX},
    )
    body = TextAreaField(
        _l("Your idea"),
        description=_l(
            "Describe what you propose and why. You can use Markdown: **bold**, *italic*, "
            "lists with -, and links."
        ),
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=20, max=BODY_MAX, message=_l("Between %(min)d and %(max)d characters, please.")
            ),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 12},
    )
    category = SelectField(
        _l("Category"),
        coerce=category_id,
        validate_choice=False,  # checked against the database by the view
        validators=[InputRequired(CHOOSE_CATEGORY)],
    )
    language = SelectField(
        _l("Language of your idea"),
        description=_l("So that screen readers read it aloud in the right language."),
        choices=[SelectChoice(code, name) for code, name in LOCALES.items()],
        coerce=language_code,
        validate_choice=False,  # anything else means "not said"
    )
    preview = SubmitField(_l("Preview"))
    publish = SubmitField(_l("Publish idea"))


class WithdrawForm(FlaskForm):
    note = TextAreaField(
        _l("Why do you withdraw it? (optional, shown publicly)"),
        validators=[Length(max=2000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )
