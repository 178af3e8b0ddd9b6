"""The jury's forms: appointing and inviting members, scoring an answer,
and the owner's results."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired

from portal.challenges.jury import JuryError
from portal.challenges.models import AWARD_LABELS, NOTE_MAX, REASONING_MAX, Award, Challenge
from portal.challenges.results import Outcome
from portal.forms import REQUIRED, TOO_LONG, Length, email_field, language_field
from portal.validators import PlainText, normalise_multiline, normalise_text


class AppointForm(FlaskForm):
    """Put an official, moderator or admin on the jury by their account's address."""

    email = StringField(
        _l("E-mail address of their account"),
        validators=[DataRequired(REQUIRED), Length(max=254, message=TOO_LONG)],
        filters=[normalise_text],
        render_kw={"autocomplete": "off", "inputmode": "email"},
    )
    submit = SubmitField(_l("Appoint"))


class InviteForm(FlaskForm):
    """Invite an outside expert by e-mail; they join with the link in the mail."""

    name = StringField(
        _l("Name"),
        description=_l("As the jury list shows it, until they join with their own account."),
        validators=[DataRequired(REQUIRED), Length(max=60, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
    )
    email = email_field(autocomplete="off")
    locale = language_field()
    submit = SubmitField(_l("Send the invitation"))


def score_form(challenge: Challenge) -> type[FlaskForm]:
    """A form with one choice of 0–scale per criterion, and the private note."""

    class ScoreForm(FlaskForm):
        note = TextAreaField(
            _l("Your private note (optional)"),
            description=_l("Only you see it; it is never published."),
            validators=[Length(max=NOTE_MAX, message=TOO_LONG)],
            filters=[normalise_multiline],
            render_kw={"rows": 4},
        )

        def values(self) -> dict[int, int]:
            return {c.id: int(self[f"criterion_{c.id}"].data) for c in challenge.jury_criteria}

    choices = [SelectChoice(str(n), str(n)) for n in range(challenge.scale_max + 1)]
    # Missing or off the scale (3.5, 6, -1): what the service would say.
    off_the_scale = JuryError("scale", max=challenge.scale_max).message
    for criterion in challenge.jury_criteria:
        setattr(
            ScoreForm,
            f"criterion_{criterion.id}",
            RadioField(
                _l(
                    "%(criterion)s (weight %(weight)s %%)",
                    criterion=criterion.name,
                    weight=criterion.weight,
                ),
                description=criterion.description,
                choices=choices,
                validators=[InputRequired(off_the_scale)],
                invalid_choice_message=off_the_scale,
            ),
        )
    return ScoreForm


class JuryNameForm(FlaskForm):
    name_public = BooleanField(_l("Show my name in the challenge's jury list"))


def results_form(answers: list) -> type[FlaskForm]:  # type: ignore[type-arg]
    """One award choice and one reason per answer."""

    class ResultsForm(FlaskForm):
        def outcomes(self) -> list[Outcome]:
            return [
                Outcome(
                    idea.id,
                    Award(self[f"award_{idea.id}"].data) if self[f"award_{idea.id}"].data else None,
                    self[f"reason_{idea.id}"].data or "",
                )
                for idea in answers
            ]

    choices = [SelectChoice("", _l("No award"))] + [
        SelectChoice(a.value, label) for a, label in AWARD_LABELS.items()
    ]
    for idea in answers:
        setattr(
            ResultsForm,
            f"award_{idea.id}",
            SelectField(
                _l("Outcome"),
                choices=choices,
                invalid_choice_message=_l("Please choose one of the options."),
            ),
        )
        setattr(
            ResultsForm,
            f"reason_{idea.id}",
            TextAreaField(
                _l("Reasoning (public)"),
                description=_l(
                    "For an awarded answer: why it won. For the others: a short reason. "
                    "Markdown is allowed."
                ),
                validators=[Length(max=REASONING_MAX, message=TOO_LONG)],
                filters=[normalise_multiline],
                render_kw={"rows": 3},
            ),
        )
    return ResultsForm
