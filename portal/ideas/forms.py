from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from portal.areas.forms import NO_AREA, ChoosesArea, area_field
from portal.areas.queries import area_by_slug
from portal.forms import REQUIRED, TOO_LONG, Length, RowField, lazy_number
from portal.i18n import LOCALES
from portal.ideas import queries
from portal.ideas.models import BODY_MAX, TITLE_MAX, Idea
from portal.photos.forms import WithPhotos
from portal.validators import PlainText, normalise_multiline, normalise_text

CHOOSE_CATEGORY = _l("Please choose a category.")


def language_code(value: object) -> str | None:
    """A supported language, or None: anything else means "not said"."""
    return value if isinstance(value, str) and value in LOCALES else None


class ChoosesCategory:
    """A form with a ``category`` select offering the categories
    (``form.category.chosen`` is the one picked)."""

    category: RowField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.category.offer(queries.categories())


class IdeaForm(WithPhotos, ChoosesCategory, ChoosesArea, FlaskForm):
    title = StringField(
        _l("Title"),
        description=_l(
            "A short, clear summary of your idea (at most %(count)s characters).",
            count=lazy_number(TITLE_MAX),
        ),
        validators=[
            DataRequired(REQUIRED),
            Length(
                min=5, max=TITLE_MAX, message=_l("Between %(min)s and %(max)s characters, please.")
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
                min=20, max=BODY_MAX, message=_l("Between %(min)s and %(max)s characters, please.")
            ),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 12},
    )
    category = RowField(
        _l("Category"),
        CHOOSE_CATEGORY,
        prompt=_l("Choose a category"),
    )
    area = area_field()
    language = SelectField(
        _l("Language of your idea"),
        description=_l("So that screen readers read it aloud in the right language."),
        choices=[SelectChoice(code, name) for code, name in LOCALES.items()],
        coerce=language_code,
        validate_choice=False,  # anything else means "not said"
    )
    preview = SubmitField(_l("Preview"))
    publish = SubmitField(_l("Publish idea"))

    def start(self, language: str, came_from: Mapping[str, str]) -> None:
        """A new idea starts in the page's language, in the category and
        area the citizen came from ("New idea in Traffic"), and with the
        words they searched for when nothing was found ("Post this as an
        idea")."""
        self.language.data = language
        title = came_from.get("title", "")
        self.title.data = normalise_text(title)[:TITLE_MAX] if title else None
        if category := queries.category_by_slug(came_from.get("category")):
            self.category.data = category.id
        if area := area_by_slug(came_from.get("area")):
            self.area.data = area.id

    def start_editing(self, idea: Idea, page_language: str) -> None:
        """The form of an idea being edited shows what it has now."""
        self.category.data = idea.category_id
        self.area.data = idea.area_id or NO_AREA
        self.language.data = idea.language or page_language
        self.show_photos(idea)


class WithdrawForm(FlaskForm):
    note = TextAreaField(
        _l("Why do you withdraw it? (optional, shown publicly)"),
        validators=[Length(max=2000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )
