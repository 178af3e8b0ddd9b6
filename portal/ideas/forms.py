from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from portal.forms import REQUIRED, TOO_LONG
from portal.i18n import LOCALES
from portal.ideas import queries
from portal.ideas.models import BODY_MAX, TITLE_MAX, Category
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


class ChoosesCategory:
    """A form with a ``category`` select: the choices are the categories, a
    choice that is none of them is refused, and ``chosen_category`` is the
    category picked once the form validated."""

    category: SelectField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._categories = {c.id: c for c in queries.categories()}
        self.category.choices = [SelectChoice("", _("Choose a category"))] + [
            SelectChoice(c.id, c.name) for c in self._categories.values()
        ]

    def validate_category(self, field: SelectField) -> None:
        if field.data not in self._categories:
            raise ValidationError(str(CHOOSE_CATEGORY))

    @property
    def chosen_category(self) -> Category:
        return self._categories[self.category.data]


class IdeaForm(ChoosesCategory, FlaskForm):
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
        validate_choice=False,  # checked against the database (``ChoosesCategory``)
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
