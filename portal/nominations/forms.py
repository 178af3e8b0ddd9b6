"""Forms of pyramiding: the owner's call and merges, a nomination, the
nominee's answer and a moderator's reason."""

from __future__ import annotations

from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, ValidationError

from portal.forms import (
    DATE_HINT,
    DATE_INVALID,
    REQUIRED,
    TOO_LONG,
    WHOLE_NUMBER,
    IntegerField,
    Length,
    RowField,
    email_field,
)
from portal.nominations.models import KNOWLEDGE_MAX, LIMIT_MAX, NAME_MAX, QUESTION_MAX
from portal.nominations.services import CallData, NominationData
from portal.validators import PlainText, normalise_multiline, normalise_text


class CallForm(FlaskForm):
    question = StringField(
        _l("The question nominators answer"),
        description=_l("For example: Who knows more than you about flooding in low-lying streets?"),
        validators=[
            DataRequired(REQUIRED),
            Length(max=QUESTION_MAX, message=TOO_LONG),
            PlainText(),
        ],
        filters=[normalise_text],
    )
    per_nominator = IntegerField(
        _l("Nominations per person"),
        validators=[
            InputRequired(WHOLE_NUMBER),
            NumberRange(
                min=1, max=LIMIT_MAX, message=_l("From 1 to %(max)s, please.", max=LIMIT_MAX)
            ),
        ],
        default=3,
        render_kw={"inputmode": "numeric", "min": 1, "max": LIMIT_MAX},
    )
    ends_on = DateField(
        _l("Nominations end on"),
        description=DATE_HINT,
        validators=[InputRequired(DATE_INVALID)],
        invalid_value_message=DATE_INVALID,
    )

    def call_data(self) -> CallData:
        day: date = self.ends_on.data
        return CallData(
            self.question.data, self.per_nominator.data, to_utc(datetime.combine(day, time.max))
        )


class NominationForm(FlaskForm):
    name = StringField(
        _l("Their name, as others know them"),
        validators=[DataRequired(REQUIRED), Length(max=NAME_MAX, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
    )
    email = email_field(
        _l("Their e-mail address (optional)"),
        autocomplete="off",
        required=False,
        description=_l(
            "They get one invitation. Without an address the municipality may follow it up "
            "by hand (for example “the harbour master in Juelsminde”)."
        ),
    )
    knowledge = TextAreaField(
        _l("What do they know about this problem, and why do they know more than you?"),
        validators=[
            DataRequired(REQUIRED),
            Length(max=KNOWLEDGE_MAX, message=TOO_LONG),
            PlainText(multiline=True),
        ],
        filters=[normalise_multiline],
        render_kw={"rows": 4},
    )
    named = BooleanField(_l("They may be told that I nominated them"))

    def nomination_data(self) -> NominationData:
        return NominationData(
            self.name.data, self.email.data or None, self.knowledge.data, self.named.data
        )


class AnswerInvitationForm(FlaskForm):
    """The nominee's answer, once logged in: take part (and be named or not)."""

    shown = BooleanField(_l("Name me on the challenge's page as a nominated expert"))


NOT_A_NOMINEE = _l("Please choose one of the nominees.")


class MergeForm(FlaskForm):
    """Two records of one person: the second's nominations count for the first."""

    keep = RowField(_l("Keep this record"), NOT_A_NOMINEE, prompt=_l("Choose a nominee"))
    other = RowField(
        _l("Merge into it this record of the same person"),
        NOT_A_NOMINEE,
        prompt=_l("Choose a nominee"),
    )

    def __init__(self, nominees, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(**kwargs)
        self.keep.offer(nominees)
        self.other.offer(nominees)

    def validate_other(self, field) -> None:  # type: ignore[no-untyped-def]
        if field.data == self.keep.data:
            raise ValidationError(_l("Choose two different records."))
