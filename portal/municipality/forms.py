from __future__ import annotations

from operator import attrgetter
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, ValidationError

from portal.challenges import agenda
from portal.errors import label_typed_text, not_typed
from portal.forms import (
    DATE_HINT,
    DATE_INVALID,
    NOT_A_CHOICE,
    REQUIRED,
    TOO_LONG,
    Length,
    RowField,
    TimeOfDayField,
)
from portal.ideas import workflow
from portal.ideas.models import STATUS_LABELS, Idea, IdeaStatus
from portal.ideas.workflow import REVIEW_STATUSES
from portal.municipality import queries
from portal.municipality.minutes import Entry
from portal.municipality.models import (
    ANSWER_MAX,
    DECISION_LABELS,
    DECISION_TEXT_MAX,
    MEMO_MAX,
    THANKS_MAX,
    AgendaItem,
    Decision,
    HandOver,
    Meeting,
)
from portal.validators import PlainText, normalise_multiline, normalise_text

PUBLIC_NOTE = _l("Public explanation (optional)")
PUBLIC_NOTE_HINT = _l("Shown in the idea's history, next to the new status.")


def _note_field() -> TextAreaField:
    return TextAreaField(
        PUBLIC_NOTE,
        description=PUBLIC_NOTE_HINT,
        validators=[Length(max=2000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 3},
    )


CHOOSE_DEPARTMENT = _l("Please choose a department.")


label_typed_text(memo=_l("Text"), answer=_l("Text"), place=_l("Place"))
not_typed("idea")  # the idea put on an agenda


class HandOverForm(FlaskForm):
    """Offers the departments (``form.department.chosen`` is the one picked)."""

    department = RowField(
        _l("Department"),
        CHOOSE_DEPARTMENT,
        prompt=_l("Choose a department"),
    )
    memo = TextAreaField(
        _l("Memo to the department"),
        description=_l(
            "What the idea asks for, why it matters and how much support it has. "
            "The memo is public and printed in the meeting report. Markdown is allowed."
        ),
        validators=[DataRequired(REQUIRED), Length(max=MEMO_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 8},
    )
    note = _note_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.department.offer(queries.departments())


class ReviewStatusForm(FlaskForm):
    """The statuses a moderator may set on ``idea``: new or under review."""

    status = RadioField(
        _l("New status"),
        validators=[InputRequired(NOT_A_CHOICE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    note = _note_field()

    def __init__(self, *args: Any, idea: Idea, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.status.choices = [
            SelectChoice(s.value, STATUS_LABELS[s])
            for s in REVIEW_STATUSES
            if workflow.allowed(idea.status, s)
        ]


class AnswerForm(FlaskForm):
    answer = TextAreaField(
        _l("The municipality's answer"),
        description=_l(
            "Public, shown prominently on the idea and sent to its author and supporters. "
            "Markdown is allowed."
        ),
        validators=[DataRequired(REQUIRED), Length(max=ANSWER_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 10},
    )
    status = RadioField(
        _l("Status of the idea after this answer"),
        validators=[InputRequired(NOT_A_CHOICE)],
        invalid_choice_message=NOT_A_CHOICE,
    )
    preview = SubmitField(_l("Preview"))

    def __init__(self, *args: Any, idea: Idea, hand_over: HandOver, **kwargs: Any) -> None:
        """Offers the statuses the idea may take with an answer; the first
        time, the form shows the answer given so far and the idea's status."""
        super().__init__(*args, **kwargs)
        self.status.choices = [
            SelectChoice(s.value, STATUS_LABELS[s]) for s in workflow.answer_choices(idea.status)
        ]
        if not self.is_submitted():
            self.answer.data = hand_over.answer
            self.status.data = idea.status

    @property
    def chosen_status(self) -> IdeaStatus:
        return IdeaStatus(self.status.data)


class MeetingForm(FlaskForm):
    body = StringField(
        _l("Committee or council"),
        description=_l("For example: City Council, or Committee for Technology and Environment."),
        validators=[DataRequired(REQUIRED), Length(max=120, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": 120},
    )
    date = DateField(
        _l("Date"),
        description=DATE_HINT,
        validators=[InputRequired(REQUIRED)],
        invalid_value_message=DATE_INVALID,
    )
    time = TimeOfDayField(
        _l("Time"),
        _l("Hours and minutes, in the way the field shows them, for example 19:00."),
        validators=[InputRequired(REQUIRED)],
    )
    place = StringField(
        _l("Place"),
        validators=[DataRequired(REQUIRED), Length(max=200, message=TOO_LONG), PlainText()],
        filters=[normalise_text],
        render_kw={"maxlength": 200},
    )
    description = TextAreaField(
        _l("Short description (optional)"),
        validators=[Length(max=2000, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 4},
    )

    def validate_date(self, field: DateField) -> None:
        if field.data and not 2000 <= field.data.year <= 2100:
            raise ValidationError(_l("Please give a date between the years 2000 and 2100."))


class AgendaAddForm(FlaskForm):
    """Offers the handed-over ideas not on an agenda yet (made only where the
    form is shown to staff or sent: visitors never pay the query)."""

    idea = RowField(
        _l("Handed-over idea"),
        _l("Please choose an idea."),
        prompt=_l("Choose an idea"),
        text_of=lambda idea: _("Idea #%(number)s: %(title)s", number=idea.id, title=idea.title),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.idea.offer(queries.ready_for_agenda())


class AgendaChallengeForm(FlaskForm):
    """Offers the challenges with published results not on this meeting yet."""

    challenge = RowField(
        _l("Challenge with published results"),
        _l("Please choose a challenge."),
        prompt=_l("Choose a challenge"),
        text_of=attrgetter("title"),
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.challenge.offer(agenda.ready_for(meeting))


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[SelectChoice(value.value, label) for value, label in DECISION_LABELS.items()],
        validators=[InputRequired(_l("Please choose the decision."))],
        invalid_choice_message=NOT_A_CHOICE,
    )
    text = TextAreaField(
        _l("The decision as it will be published"),
        description=_l("Shown on the idea and the meeting page. Markdown is allowed."),
        validators=[DataRequired(REQUIRED), Length(max=DECISION_TEXT_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 5},
    )


class ThanksForm(FlaskForm):
    """The public thank-you note on an implemented idea; ``remove`` takes
    it away (the text typed is then not checked)."""

    text = TextAreaField(
        _l("Thank-you note"),
        description=_l(
            "Public, shown on the idea and in its feed, signed by the municipality: what was "
            "done, and thanks to who proposed it (only a name the author shows on the portal). "
            "Markdown is allowed."
        ),
        validators=[DataRequired(REQUIRED), Length(max=THANKS_MAX, message=TOO_LONG)],
        filters=[normalise_multiline],
        render_kw={"rows": 5},
    )
    remove = SubmitField(_l("Remove the note"))

    def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def]
        if self.remove.data:
            return True
        return super().validate(extra_validators)


NOT_DECIDED = ""


def minutes_form(items: list[AgendaItem]) -> FlaskForm:
    """The minutes: for every agenda item (``decision_<idea>``,
    ``text_<idea>``) its decision and the text published with it, starting
    from what is recorded."""

    class MinutesForm(FlaskForm):
        def validate(self, extra_validators=None) -> bool:  # type: ignore[no-untyped-def, override]
            valid = super().validate(extra_validators)
            for item in items:
                text = self[f"text_{item.idea_id}"]
                if self[f"decision_{item.idea_id}"].data and not text.data:
                    text.errors = [*text.errors, str(REQUIRED)]
                    valid = False
            return valid

        def entries(self) -> list[Entry]:
            """What the minutes now say about each item."""
            found = []
            for item in items:
                chosen = self[f"decision_{item.idea_id}"].data
                decision = Decision(chosen) if chosen else None
                found.append(Entry(item.idea, decision, self[f"text_{item.idea_id}"].data or ""))
            return found

    choices = [SelectChoice(NOT_DECIDED, _l("Not decided yet"))] + [
        SelectChoice(value.value, label) for value, label in DECISION_LABELS.items()
    ]
    for item in items:
        setattr(MinutesForm, f"decision_{item.idea_id}", RadioField(
            _l("Decision"), choices=choices, default=item.decision or NOT_DECIDED,
            invalid_choice_message=NOT_A_CHOICE,
        ))  # fmt: skip
        setattr(MinutesForm, f"text_{item.idea_id}", TextAreaField(
            _l("The decision as it will be published"),
            default=item.decision_text or "",
            validators=[Length(max=DECISION_TEXT_MAX, message=TOO_LONG)],
            filters=[normalise_multiline], render_kw={"rows": 4},
        ))  # fmt: skip
    return MinutesForm()
